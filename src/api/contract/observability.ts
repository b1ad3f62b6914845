import { z } from 'zod';

export const healthStateSchema = z.enum(['healthy', 'degraded', 'unhealthy']);
export type HealthState = z.infer<typeof healthStateSchema>;

export const serviceHealthSchema = z.object({
  service: z.string(),
  status: healthStateSchema,
  latencyMs: z.number().nonnegative(),
  checkedAt: z.iso.datetime(),
  dependencies: z.array(z.object({ name: z.string(), status: healthStateSchema })),
});
export type ServiceHealth = z.infer<typeof serviceHealthSchema>;
export const healthListSchema = z.object({ services: z.array(serviceHealthSchema) });

export const auditEventSchema = z.object({
  id: z.string().min(1),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const auditListSchema = z.object({ events: z.array(auditEventSchema) });

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

/** /api/metrics answers Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
