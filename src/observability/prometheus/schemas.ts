import { z } from 'zod';

/**
 * The parts of Prometheus' HTTP API (v1) the console reads, as Prometheus 2.x answers them:
 * https://prometheus.io/docs/prometheus/latest/querying/api/. Series and rules are checked one by
 * one by the client (./client.ts): one it cannot read is set aside and named, never hiding the rest.
 */

/** Every answer: `status`, then `data` or `errorType` and `error`; `warnings` either way. */
export const envelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

const labelsSchema = z.record(z.string(), z.string());
/** `[unix seconds, "value"]`: values are strings so that `NaN` and `+Inf` survive JSON. */
const sampleSchema = z.tuple([z.number(), z.string()]);

export const matrixSeriesSchema = z.object({ metric: labelsSchema, values: z.array(sampleSchema) });
export const vectorSampleSchema = z.object({ metric: labelsSchema, value: sampleSchema });

export const matrixDataSchema = z.object({ resultType: z.literal('matrix'), result: z.array(z.unknown()) });
export const vectorDataSchema = z.object({ resultType: z.literal('vector'), result: z.array(z.unknown()) });

export const ruleAlertSchema = z.object({
  labels: labelsSchema,
  annotations: labelsSchema,
  state: z.enum(['pending', 'firing']),
  activeAt: z.string(),
  value: z.string(),
});

export const alertingRuleSchema = z.object({
  type: z.literal('alerting'),
  name: z.string(),
  query: z.string(),
  /** `for`, in seconds. */
  duration: z.number(),
  /** `keep_firing_for`, in seconds (Prometheus 2.42 and later). */
  keepFiringFor: z.number().optional(),
  labels: labelsSchema,
  annotations: labelsSchema,
  state: z.enum(['inactive', 'pending', 'firing']),
  alerts: z.array(ruleAlertSchema),
  health: z.enum(['ok', 'err', 'unknown']),
  lastError: z.string().optional(),
  lastEvaluation: z.string(),
});

export const rulesDataSchema = z.object({
  groups: z.array(z.object({ name: z.string(), file: z.string(), interval: z.number(), rules: z.array(z.unknown()) })),
});

export type AlertingRule = z.infer<typeof alertingRuleSchema>;
