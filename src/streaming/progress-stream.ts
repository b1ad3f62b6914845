import { EventSourceParserStream } from 'eventsource-parser/stream';
import { API_ROUTES, fillRoute, progressEventSchema, type ProgressEvent } from '../api/contract';
import { apiUrl, authHeaders } from '../api/client';

export type StreamStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'reconnecting'; attempt: number }
  | { state: 'ended' }
  | { state: 'failed'; message: string };

export interface ProgressStreamOptions {
  onEvent: (event: ProgressEvent) => void;
  onStatus: (status: StreamStatus) => void;
  /** Consecutive failed attempts before giving up and showing a retry. */
  maxAttempts?: number;
  /** Reconnect delay until the server sends `retry:`. */
  initialRetryMs?: number;
  /** The last event seen before a page reload: the first connection already resumes after it. */
  lastSeq?: number;
}

/**
 * Follows one task's progress stream. Resumes after a dropped connection with Last-Event-ID,
 * drops duplicates by sequence number, honours `retry:`, ignores comments, skips malformed
 * events with a warning, and reports `failed` after repeated failures. Returns a stop function.
 */
export function followProgress(taskId: string, options: ProgressStreamOptions): () => void {
  const maxAttempts = options.maxAttempts ?? 3;
  let retryMs = options.initialRetryMs ?? 1_000;
  let lastSeq: number | undefined = options.lastSeq;
  let failures = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const connect = async (): Promise<void> => {
    controller = new AbortController();
    options.onStatus(failures === 0 ? { state: 'connecting' } : { state: 'reconnecting', attempt: failures });
    let finished = false;
    try {
      const response = await fetch(apiUrl(fillRoute(API_ROUTES.taskEvents, { taskId })), {
        headers: { accept: 'text/event-stream', ...authHeaders(), ...(lastSeq === undefined ? {} : { 'last-event-id': String(lastSeq) }) },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`The progress stream failed (HTTP ${response.status}).`);
      options.onStatus({ state: 'open' });
      const events = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream({
          onRetry: (ms) => { retryMs = ms; },
          onError: (error) => console.warn(`[progress ${taskId}] ${error.message}`),
        }));
      for await (const message of events) {
        failures = 0;
        const event = parseEvent(message.data);
        if (!event || (lastSeq !== undefined && event.seq <= lastSeq)) continue;
        lastSeq = event.seq;
        options.onEvent(event);
        if (event.type !== 'progress') finished = true;
      }
      if (finished) return options.onStatus({ state: 'ended' });
      throw new Error('The progress stream closed before the task finished.');
    } catch (error) {
      if (stopped) return;
      failures += 1;
      if (failures >= maxAttempts) {
        options.onStatus({ state: 'failed', message: error instanceof Error ? error.message : 'The progress stream failed.' });
        return;
      }
      options.onStatus({ state: 'reconnecting', attempt: failures });
      timer = setTimeout(() => void connect(), retryMs);
    }
  };

  const parseEvent = (data: string): ProgressEvent | undefined => {
    try {
      const parsed = progressEventSchema.safeParse(JSON.parse(data));
      if (parsed.success && parsed.data.taskId === taskId) return parsed.data;
      console.warn(`[progress ${taskId}] skipped an event that does not match the contract: ${data.slice(0, 200)}`);
    } catch {
      console.warn(`[progress ${taskId}] skipped a malformed event: ${data.slice(0, 200)}`);
    }
    return undefined;
  };
  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  };
}
