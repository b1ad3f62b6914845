import { z } from 'zod';

/**
 * The services the console watches. Each answers, through the console's API:
 *   GET /api/services/{name}/health   200 healthy/degraded, 503 unhealthy (same body: 503 is a state, not a failure)
 *   GET /api/services/{name}/metrics  Prometheus text exposition (0.0.4)
 *   GET /api/services/{name}/audit    that service's audit events, paged (same query as /api/observability/audit)
 */
export const SERVICE_NAMES = ['integration-controller', 'content-engine', 'media-engine', 'delivery-gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const healthStateSchema = z.enum(['healthy', 'degraded', 'unhealthy']);
export type HealthState = z.infer<typeof healthStateSchema>;

const percent = z.number().min(0).max(100);

export const serviceHealthSchema = z.object({
  service: z.string().min(1),
  status: healthStateSchema,
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  checkedAt: z.iso.datetime(),
  latencyMs: z.number().nonnegative(),
  dependencies: z.array(z.object({ name: z.string(), status: healthStateSchema, latencyMs: z.number().nonnegative().optional() })),
  system: z.object({ cpuPercent: percent, memoryPercent: percent, diskPercent: percent }),
  queueDepth: z.number().int().nonnegative(),
  activeConnections: z.number().int().nonnegative(),
});
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;

export const auditEventSchema = z.object({
  id: z.string().min(1),
  at: z.iso.datetime(),
  service: z.string(),
  /** Dotted event type, e.g. `approval.approved`, `delivery.sent`. */
  type: z.string(),
  actor: z.string(),
  target: z.string(),
  success: z.boolean(),
  detail: z.string().optional(),
  /** The trace the event happened in, when it has one. */
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
/** Newest first; `nextCursor` asks for the page after this one, null on the last page. */
export const auditPageSchema = z.object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() });

export interface AuditQuery {
  service?: string;
  type?: string;
  success?: boolean;
  /** Free text, matched case-insensitively against actor, target, type and detail. */
  q?: string;
  cursor?: string;
  limit?: number;
}

export function auditQueryString(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const traceSchema = z.object({
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  rootSpan: z.string(),
  service: z.string(),
  durationMs: z.number().nonnegative(),
  spanCount: z.number().int().positive(),
  status: z.enum(['ok', 'error']),
  startedAt: z.iso.datetime(),
});
export type Trace = z.infer<typeof traceSchema>;
export const traceListSchema = z.object({ traces: z.array(traceSchema) });

/** One span as the traces API serves it, whoever recorded it (the browser or a service). */
export const spanSchema = z.object({
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  spanId: z.string().regex(/^[0-9a-f]{16}$/),
  parentSpanId: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  name: z.string(),
  service: z.string(),
  kind: z.enum(['internal', 'server', 'client', 'producer', 'consumer']),
  /** Milliseconds since the epoch, as the recording process's clock read them (fractions allowed). */
  startMs: z.number(),
  endMs: z.number(),
  status: z.enum(['ok', 'error', 'unset']),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type SpanRecord = z.infer<typeof spanSchema>;

/** The services' /metrics answer Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
