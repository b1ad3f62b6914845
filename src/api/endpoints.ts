import {
  alertSchema,
  API_ROUTES,
  approvalSchema,
  auditEventSchema,
  auditQueryString,
  fillRoute,
  metricSummarySchema,
  serviceHealthSchema,
  sessionSchema,
  spanSchema,
  taskSchema,
  traceSchema,
  widgetDataSchemas,
  type AuditQuery,
  type Decision,
  type SignInRequest,
} from './contract';
import { request, requestText } from './client';
import { recordListSchema, recordPageSchema } from './records';
import type { UserAction } from '../telemetry/tracing';

// Lists are checked record by record: one record this console cannot read never hides the others.
const taskRecords = recordListSchema('tasks', taskSchema, 'task');
const metricRecords = recordListSchema('metrics', metricSummarySchema, 'metric');
const alertRecords = recordListSchema('alerts', alertSchema, 'alert');
const approvalRecords = recordListSchema('approvals', approvalSchema, 'proposal');
const auditPage = recordPageSchema('events', auditEventSchema, 'audit event');
const traceRecords = recordListSchema('traces', traceSchema, 'trace');
const spanRecords = recordListSchema('spans', spanSchema, 'span');

/** One function per API call, each validated against the contract. */
export const api = {
  signIn: (body: SignInRequest, action?: UserAction) => request(API_ROUTES.signIn, sessionSchema, { method: 'POST', body, isSignIn: true, action }),
  tasks: (signal?: AbortSignal) => request(API_ROUTES.tasks, taskRecords, { signal }),
  task: (taskId: string, signal?: AbortSignal) => request(fillRoute(API_ROUTES.task, { taskId }), taskSchema, { signal }),
  startTask: (taskId: string, action?: UserAction) => request(fillRoute(API_ROUTES.taskStart, { taskId }), taskSchema, { method: 'POST', action }),
  projectStatus: (signal?: AbortSignal) => request(API_ROUTES.projectStatus, widgetDataSchemas['project-status'], { signal }),
  metrics: (signal?: AbortSignal) => request(API_ROUTES.metricsSummary, metricRecords, { signal }),
  alerts: (signal?: AbortSignal) => request(API_ROUTES.alerts, alertRecords, { signal }),
  approvals: (signal?: AbortSignal) => request(API_ROUTES.approvals, approvalRecords, { signal }),
  approval: (approvalId: string, signal?: AbortSignal, action?: UserAction) =>
    request(fillRoute(API_ROUTES.approval, { approvalId }), approvalSchema, { signal, action }),
  decide: (approvalId: string, decision: Decision, action?: UserAction) =>
    request(fillRoute(API_ROUTES.approvalDecision, { approvalId }), approvalSchema, { method: 'POST', body: decision, action }),
  /** 503 with a health body is the service saying it is unhealthy, not a failed request. */
  serviceHealth: (service: string, signal?: AbortSignal) =>
    request(fillRoute(API_ROUTES.serviceHealth, { service }), serviceHealthSchema, { signal, acceptStatuses: [503] }),
  serviceMetrics: (service: string, signal?: AbortSignal) => requestText(fillRoute(API_ROUTES.serviceMetrics, { service }), { signal, accept: 'text/plain' }),
  audit: (query: AuditQuery, signal?: AbortSignal) => request(`${API_ROUTES.audit}${auditQueryString(query)}`, auditPage, { signal }),
  traces: (signal?: AbortSignal) => request(API_ROUTES.traces, traceRecords, { signal }),
  trace: (traceId: string, signal?: AbortSignal) => request(fillRoute(API_ROUTES.trace, { traceId }), spanRecords, { signal }),
};
