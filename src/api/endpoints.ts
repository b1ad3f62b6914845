import {
  API_ROUTES, approvalListSchema, approvalSchema, auditListSchema, healthListSchema, sessionSchema, taskListSchema, taskSchema,
  traceListSchema, widgetDataSchemas, fillRoute, type Decision, type SignInRequest,
} from './contract';
import { request, requestText } from './client';

/** One function per API call, each validated against the contract. */
export const api = {
  signIn: (body: SignInRequest) => request(API_ROUTES.signIn, sessionSchema, { method: 'POST', body }),
  tasks: (signal?: AbortSignal) => request(API_ROUTES.tasks, taskListSchema, { signal }),
  startTask: (taskId: string) => request(fillRoute(API_ROUTES.taskStart, { taskId }), taskSchema, { method: 'POST' }),
  projectStatus: (signal?: AbortSignal) => request(API_ROUTES.projectStatus, widgetDataSchemas['project-status'], { signal }),
  metrics: (signal?: AbortSignal) => request(API_ROUTES.metricsSummary, widgetDataSchemas.metrics, { signal }),
  alerts: (signal?: AbortSignal) => request(API_ROUTES.alerts, widgetDataSchemas.alerts, { signal }),
  approvals: (signal?: AbortSignal) => request(API_ROUTES.approvals, approvalListSchema, { signal }),
  decide: (approvalId: string, decision: Decision) =>
    request(fillRoute(API_ROUTES.approvalDecision, { approvalId }), approvalSchema, { method: 'POST', body: decision }),
  health: (signal?: AbortSignal) => request(API_ROUTES.health, healthListSchema, { signal }),
  audit: (signal?: AbortSignal) => request(API_ROUTES.audit, auditListSchema, { signal }),
  traces: (signal?: AbortSignal) => request(API_ROUTES.traces, traceListSchema, { signal }),
  prometheus: (signal?: AbortSignal) => requestText(API_ROUTES.prometheus, { signal }),
};
