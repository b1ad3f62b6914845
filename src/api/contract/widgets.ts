import { z } from 'zod';

export const projectStateSchema = z.enum(['healthy', 'warning', 'critical']);
export const projectStatusSchema = z.object({
  name: z.string(),
  state: projectStateSchema,
  summary: z.string(),
  openTasks: z.number().int().nonnegative(),
});
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

export const metricSummarySchema = z.object({
  name: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  series: z.array(z.number()),
});
export type MetricSummary = z.infer<typeof metricSummarySchema>;

export const alertSeveritySchema = z.enum(['info', 'warning', 'error']);
export const alertSchema = z.object({
  id: z.string().min(1),
  severity: alertSeveritySchema,
  title: z.string(),
  message: z.string(),
  createdAt: z.iso.datetime(),
});
export type Alert = z.infer<typeof alertSchema>;

export const widgetDataSchemas = {
  'project-status': projectStatusSchema,
  metrics: z.object({ metrics: z.array(metricSummarySchema) }),
  alerts: z.object({ alerts: z.array(alertSchema) }),
} as const;
