/** Every path of the API, relative to the base URL. One list so handlers and client cannot disagree. */
export const API_ROUTES = {
  signIn: '/api/auth/sign-in',
  session: '/api/auth/session',
  tasks: '/api/tasks',
  taskStart: '/api/tasks/:taskId/start',
  task: '/api/tasks/:taskId',
  projectStatus: '/api/widgets/project-status',
  metricsSummary: '/api/widgets/metrics',
  alerts: '/api/widgets/alerts',
  approvals: '/api/approvals',
  approvalDecision: '/api/approvals/:approvalId/decision',
  approval: '/api/approvals/:approvalId',
  /** The one live stream per tab: see contract/live.ts. */
  live: '/api/live',
  serviceHealth: '/api/services/:service/health',
  serviceMetrics: '/api/services/:service/metrics',
  serviceAudit: '/api/services/:service/audit',
  /** Every service's audit events in one list, newest first (contract/observability.ts). */
  audit: '/api/observability/audit',
  traces: '/api/observability/traces',
  /** Every span of one trace: the browser's and the services', joined by trace id. */
  trace: '/api/observability/traces/:traceId',
} as const;

/** Where an OpenTelemetry collector takes OTLP/HTTP (JSON) traces; the mock layer answers here too. */
export const OTLP_TRACES_PATH = '/otlp/v1/traces';

export function fillRoute(route: string, params: Record<string, string>): string {
  return route.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}
