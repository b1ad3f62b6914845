import { z } from 'zod';

export const taskStatusSchema = z.enum(['pending', 'active', 'completed', 'error']);

export const taskSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  agent: z.string(),
  status: taskStatusSchema,
  progress: z.number().min(0).max(100),
  error: z.string().optional(),
  updatedAt: z.iso.datetime(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskListSchema = z.object({ tasks: z.array(taskSchema) });

/**
 * The `data:` of one Server-Sent Event on /api/tasks/:id/events.
 * The SSE `id:` carries `seq`, so a reconnect with Last-Event-ID resumes after it.
 */
export const progressEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    taskId: z.string(),
    seq: z.number().int().nonnegative(),
    progress: z.number().min(0).max(100),
    message: z.string().optional(),
  }),
  z.object({ type: z.literal('completed'), taskId: z.string(), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('error'), taskId: z.string(), seq: z.number().int().nonnegative(), message: z.string() }),
]);
export type ProgressEvent = z.infer<typeof progressEventSchema>;
