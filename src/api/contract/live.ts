import { z } from 'zod';
import { approvalSchema } from './approvals';
import { progressEventSchema } from './tasks';

/**
 * The one live stream per tab (`GET /api/live`, Server-Sent Events). Browsers allow six
 * HTTP/1.1 connections per origin, so task progress, new proposals and anything else live
 * share this connection instead of opening one each.
 *
 * Request: one `topic` query parameter per subscription, `name` or `name@cursor`, where the
 * cursor is the last sequence number the client saw on that topic; the server replays
 * everything after it, so each topic resumes on its own.
 *   /api/live?topic=task:task-002@7&topic=task:task-005&topic=approvals@3
 *
 * Events: `id:` is `topic@seq` (sequence numbers rise by topic), `event:` names the kind and
 * `data:` is the payload. The server sends a `: heartbeat` comment at least every
 * LIVE_HEARTBEAT_MS, so a silent connection can be told from a quiet one.
 */
export const LIVE_HEARTBEAT_MS = 15_000;

export type LiveTopic = `task:${string}` | 'approvals' | 'health';

export const taskTopic = (taskId: string): LiveTopic => `task:${taskId}`;
export const APPROVALS_TOPIC: LiveTopic = 'approvals';
/** A service's health changed: `{ service, status }`; the console re-reads that service's health at once. */
export const HEALTH_TOPIC: LiveTopic = 'health';
export const healthChangeSchema = z.object({ service: z.string(), status: z.enum(['healthy', 'degraded', 'unhealthy']) });

export const liveKindSchema = z.enum(['progress', 'approval', 'health']);
export type LiveKind = z.infer<typeof liveKindSchema>;

/** What each kind of live event carries (its `data:`, as JSON): one table for the server and the console. */
export const LIVE_PAYLOADS = {
  progress: progressEventSchema,
  approval: approvalSchema,
  health: healthChangeSchema,
} as const satisfies Record<LiveKind, z.ZodType>;

/** One live event, decoded: its topic, its number on that topic, its kind and the payload of that kind. */
export type LiveEvent = { topic: string; seq: number } & { [K in LiveKind]: { kind: K; payload: z.infer<(typeof LIVE_PAYLOADS)[K]> } }[LiveKind];

export interface TopicRequest {
  topic: string;
  cursor?: number | undefined;
}

export function formatTopicParam({ topic, cursor }: TopicRequest): string {
  return cursor === undefined ? topic : `${topic}@${cursor}`;
}

/** `task:x@7` → { topic: 'task:x', cursor: 7 }; a cursor that is not a whole number is ignored. */
export function parseTopicParam(param: string): TopicRequest {
  const at = param.lastIndexOf('@');
  if (at < 0) return { topic: param };
  const cursor = Number(param.slice(at + 1));
  const topic = param.slice(0, at);
  return Number.isSafeInteger(cursor) && cursor >= 0 ? { topic, cursor } : { topic };
}

/** The SSE `id:` of a live event: `topic@seq`. Undefined when it is not one. */
export function parseLiveEventId(id: string | undefined): { topic: string; seq: number } | undefined {
  if (!id) return undefined;
  const { topic, cursor } = parseTopicParam(id);
  return cursor === undefined || !topic ? undefined : { topic, seq: cursor };
}
