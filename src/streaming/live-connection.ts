import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';
import { API_ROUTES, formatTopicParam, LIVE_HEARTBEAT_MS, parseLiveEventId, type TopicRequest } from '../api/contract';
import { requestSpan } from '../telemetry/tracing';
import { apiUrl, authHeaders, reportUnauthorized } from '../api/client';
import { reconnectDelay } from './backoff';
import { warnOnce } from '../api/warn-once';
import type { LiveEvent } from '../api/contract';
import { decodeLiveEvent } from './decode-live-event';

export type LiveStatus =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'open' }
  /** Waiting to try again; `retryAt` is when (ms since epoch). */
  | { state: 'reconnecting'; attempt: number; retryAt: number; reason: string }
  /** Stopped for good (the server refused this user): only reconnectNow() tries again. */
  | { state: 'off'; reason: string };

export interface TopicHandler {
  /** One event of the topic, decoded and checked against the contract (decode-live-event.ts). */
  onMessage(event: LiveEvent): void;
  /** The server's numbering for the topic restarted (it lost its history): re-read what it describes. */
  onReset?(): void;
  /** A new connection replaced one that was lost: re-read anything the server may not have replayed. */
  onResume?(): void;
}

export interface LiveConnectionOptions {
  fetch?: typeof fetch;
  random?: () => number;
  now?: () => number;
  /** With no byte for this long (heartbeats included) the connection counts as stalled. */
  silenceMs?: number;
}

interface Subscription {
  handlers: Set<TopicHandler>;
  cursor: number | undefined;
  /** The last sequence number seen on the current connection; undefined before the first. */
  lastSeqOnConnection: number | undefined;
  /** Whether the connection that was lost carried this topic (so a new one resumes it). */
  carried: boolean;
}

/** The abort reason of a connection that went silent. */
const STALLED = new DOMException('No data from the server in time.', 'TimeoutError');

/**
 * The one live connection of a tab (contract/live.ts). Topics are subscribed with their cursor;
 * a new topic reconnects once for every subscription made in the same task. Lost, stalled or
 * closed connections come back with per-topic cursors after a capped, jittered backoff; 401/403
 * stop it; a topic whose numbering restarted is reported so its owner re-reads the truth.
 */
export class LiveConnection {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private current: LiveStatus = { state: 'idle' };
  private controller: AbortController | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private failures = 0;
  private serverRetryMs: number | undefined;
  private connectQueued = false;
  private readonly fetch: typeof fetch;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly silenceMs: number;

  constructor(options: LiveConnectionOptions = {}) {
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.silenceMs = options.silenceMs ?? LIVE_HEARTBEAT_MS * 3;
  }

  get status(): LiveStatus {
    return this.current;
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Follows `topic`, resuming after `cursor` when given. Returns the unsubscribe function. */
  subscribe(topic: string, handler: TopicHandler, cursor?: number): () => void {
    let subscription = this.subscriptions.get(topic);
    if (!subscription) {
      subscription = { handlers: new Set(), cursor, lastSeqOnConnection: undefined, carried: false };
      this.subscriptions.set(topic, subscription);
      this.queueConnect();
    }
    subscription.handlers.add(handler);
    const owned = subscription;
    return () => {
      owned.handlers.delete(handler);
      if (owned.handlers.size > 0 || this.subscriptions.get(topic) !== owned) return;
      this.subscriptions.delete(topic);
      if (this.subscriptions.size === 0) this.disconnect({ state: 'idle' });
    };
  }

  /** Tries again at once (the "Reconnect now" button), also after the server refused. */
  reconnectNow(): void {
    this.failures = 0;
    void this.connect();
  }

  close(): void {
    this.subscriptions.clear();
    this.disconnect({ state: 'idle' });
  }

  /**
   * Subscriptions made in the same task share one reconnection. A refused connection stays off, and
   * one waiting to reconnect carries the new topic in its next attempt: neither is hurried by it.
   */
  private queueConnect(): void {
    if (this.connectQueued) return;
    this.connectQueued = true;
    queueMicrotask(() => {
      this.connectQueued = false;
      if (this.current.state !== 'off' && this.current.state !== 'reconnecting') void this.connect();
    });
  }

  private disconnect(status: LiveStatus): void {
    this.generation += 1;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.watchdog);
    this.controller?.abort();
    this.setStatus(status);
  }

  private async connect(): Promise<void> {
    this.generation += 1;
    const generation = this.generation;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.watchdog);
    this.controller?.abort();
    if (this.subscriptions.size === 0) return this.setStatus({ state: 'idle' });
    const controller = new AbortController();
    this.controller = controller;
    const requests: TopicRequest[] = [...this.subscriptions].map(([topic, { cursor }]) => ({ topic, cursor }));
    if (this.current.state !== 'reconnecting') this.setStatus({ state: 'connecting' });
    const openedAt = this.now();
    let delivered = 0;
    let reason = 'The live stream was closed by the server.';
    try {
      const query = requests.map((request) => `topic=${encodeURIComponent(formatTopicParam(request))}`).join('&');
      // Each (re)connection is its own request, with its own trace context.
      const span = requestSpan('GET', API_ROUTES.live);
      const response = await this.fetch(apiUrl(`${API_ROUTES.live}?${query}`), {
        headers: { accept: 'text/event-stream', ...authHeaders(), ...span.headers },
        signal: controller.signal,
      });
      span.end({ status: response.status });
      if (generation !== this.generation) return;
      if (response.status === 401 || response.status === 403) return this.refused(response.status);
      // The SSE rule: 204 No Content means "stop reconnecting"; only reconnectNow() tries again.
      if (response.status === 204) return this.disconnect({ state: 'off', reason: 'The server asked this console to stop live updates (HTTP 204).' });
      if (!response.ok || !response.body) throw new Error(`The live stream failed (HTTP ${response.status}).`);
      this.setStatus({ state: 'open' });
      this.startConnection(requests);
      // Any bytes, heartbeat comments included, prove the connection is alive; silence errors the
      // stream from inside (cancelling the body), which ends this connection like a lost one.
      let tap: TransformStreamDefaultController<string> | undefined;
      const watch = () => this.kickWatchdog(() => tap?.error(STALLED));
      watch();
      const events = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(
          new TransformStream<string, string>({
            start: (sink) => {
              tap = sink;
            },
            transform: (chunk, sink) => {
              watch();
              sink.enqueue(chunk);
            },
          }),
        )
        .pipeThrough(
          new EventSourceParserStream({
            onRetry: (ms) => {
              this.serverRetryMs = ms;
            },
          }),
        );
      for await (const message of events) {
        if (generation !== this.generation) return;
        if (this.dispatch(message)) delivered += 1;
      }
    } catch (error) {
      reason =
        error === STALLED
          ? `No data from the server for ${Math.round(this.silenceMs / 1000)} s.`
          : error instanceof Error && error.message.startsWith('The live stream')
            ? error.message
            : 'The connection to the server was lost.';
    } finally {
      if (generation === this.generation) clearTimeout(this.watchdog);
    }
    if (generation !== this.generation) return;
    // A connection that lived or delivered was a success: the next failure starts the backoff anew.
    if (delivered > 0 || this.now() - openedAt >= LIVE_HEARTBEAT_MS) this.failures = 0;
    this.scheduleReconnect(reason);
  }

  private startConnection(requests: TopicRequest[]): void {
    for (const { topic } of requests) {
      const subscription = this.subscriptions.get(topic);
      if (!subscription) continue;
      subscription.lastSeqOnConnection = undefined;
      if (subscription.carried) for (const handler of subscription.handlers) safely(() => handler.onResume?.());
      subscription.carried = true;
    }
  }

  /** Hands one event to its topic's handlers; false when it was not delivered. */
  private dispatch(message: EventSourceMessage): boolean {
    const id = parseLiveEventId(message.id);
    if (!id) {
      // An empty or absent event field is a "message" (the SSE rule), as decodeLiveEvent reads it.
      const kind = message.event || 'message';
      warnOnce(`live:no-id:${kind}`, `[live] skipped an event without a "topic@seq" id (event ${kind})`);
      return false;
    }
    const subscription = this.subscriptions.get(id.topic);
    if (!subscription) return false;
    const { cursor, lastSeqOnConnection } = subscription;
    if (cursor !== undefined && id.seq <= cursor) {
      // After a resume the server sends only what followed the cursor; an older number first, or
      // a number that went backwards, means it restarted its sequence (or reordered it): decided
      // before anything is applied. Otherwise: a duplicate.
      const restarted = lastSeqOnConnection === undefined || id.seq < lastSeqOnConnection;
      if (!restarted) return false;
      subscription.cursor = id.seq;
      subscription.lastSeqOnConnection = id.seq;
      // The owner re-reads the truth, which includes this event: applying it too could show an
      // older state than the one on screen. An owner without a re-read gets the event itself.
      const live = decodeLiveEvent(id.topic, id.seq, message.event, message.data);
      for (const handler of [...subscription.handlers]) safely(() => (handler.onReset ? handler.onReset() : live && handler.onMessage(live)));
      return true;
    }
    // Numbered before it is read: an unreadable event still moves the cursor past itself.
    subscription.cursor = id.seq;
    subscription.lastSeqOnConnection = id.seq;
    const live = decodeLiveEvent(id.topic, id.seq, message.event, message.data);
    if (!live) return false;
    for (const handler of [...subscription.handlers]) safely(() => handler.onMessage(live));
    return true;
  }

  private refused(status: number): void {
    if (status === 401) reportUnauthorized();
    this.disconnect({
      state: 'off',
      reason: status === 401 ? 'Your session has ended.' : 'The server does not allow this account to receive live updates (HTTP 403).',
    });
  }

  private scheduleReconnect(reason: string): void {
    this.failures += 1;
    const delay = reconnectDelay(this.failures, this.serverRetryMs, this.random);
    this.setStatus({ state: 'reconnecting', attempt: this.failures, retryAt: this.now() + delay, reason });
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private kickWatchdog(onSilence: () => void): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(onSilence, this.silenceMs);
  }

  private setStatus(status: LiveStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** One consumer that throws never stops the stream for the others. */
function safely(run: () => void): void {
  try {
    run();
  } catch (error) {
    console.error('[live] a subscriber failed on an event:', error);
  }
}
