import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { configureTracing, startAction } from '../telemetry/tracing';
import { configureAuth, request, requestText } from './client';

/** What the client sent, as the server would see it. */
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * Stands in for the browser's fetch: records each request and answers with what `answer` returns
 * (a Response, or a thrown error for a failed connection). Answers wait for `release()` when held.
 */
function scriptedFetch(answer: (sent: Sent, signal: AbortSignal | undefined) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const request: Sent = {
      url: input,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(init.headers ?? {}).map(([name, value]) => [name, String(value)])),
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    sent.push(request);
    return answer(request, init.signal ?? undefined);
  });
  return sent;
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
/** A fetch that never answers until its signal aborts it, as the browser's does. */
const untilAborted = (_sent: Sent, signal: AbortSignal | undefined) =>
  new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
/** A head that arrives, then a body that never ends until the signal aborts it; `reading` settles once the client reads it. */
function stalledBody() {
  let read = () => undefined as void;
  const reading = new Promise<void>((resolve) => (read = resolve));
  const answer = (_sent: Sent, signal: AbortSignal | undefined) =>
    new Response(
      new ReadableStream({
        start: (body) => {
          body.enqueue(new TextEncoder().encode('{"tasks":['));
          signal?.addEventListener('abort', () => body.error(signal.reason));
        },
        pull: () => read(),
      }),
      { headers: { 'content-type': 'application/json' } },
    );
  return { answer, reading };
}

const okSchema = z.object({ ok: z.boolean() });
const unauthorized = vi.fn();

afterEach(() => {
  vi.unstubAllGlobals();
  unauthorized.mockReset();
  configureAuth(
    () => null,
    () => undefined,
  );
});

function signIn(token = 'mock.riley') {
  configureAuth(() => token, unauthorized);
}

describe('what the client sends', () => {
  it('a read asks for JSON with the session token and sends no body', async () => {
    signIn();
    const sent = scriptedFetch(() => json({ ok: true }));
    await expect(request('/api/thing', okSchema)).resolves.toEqual({ ok: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: '/api/thing', method: 'GET', body: undefined });
    expect(sent[0]?.headers).toMatchObject({ accept: 'application/json', authorization: 'Bearer mock.riley' });
    expect(sent[0]?.headers).not.toHaveProperty('content-type');
    expect(sent[0]?.headers.traceparent).toMatch(/^00-/);
  });

  it('a write sends its body as JSON and says so; signed out, no authorization goes', async () => {
    const sent = scriptedFetch(() => json({ ok: true }));
    await request('/api/thing', okSchema, { method: 'POST', body: { decision: 'approve' } });
    expect(sent[0]).toMatchObject({ method: 'POST', body: '{"decision":"approve"}' });
    expect(sent[0]?.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(sent[0]?.headers).not.toHaveProperty('authorization');
  });

  it('text is asked for with the Accept given, and read as text', async () => {
    const sent = scriptedFetch(() => new Response('up 1\n'));
    await expect(requestText('/api/services/api/metrics', { accept: 'text/plain' })).resolves.toBe('up 1\n');
    expect(sent[0]?.headers.accept).toBe('text/plain');
  });
});

describe('which reads share one request', () => {
  it('reads differing only in their schema, time limit, Accept, accepted statuses or sign-in flag are each their own', async () => {
    signIn();
    const sent = scriptedFetch(() => json({ ok: true }));
    const other = z.object({ ok: z.boolean() });
    await Promise.all([
      request('/api/thing', okSchema),
      request('/api/thing', okSchema),
      request('/api/thing', other),
      request('/api/thing', okSchema, { timeoutMs: 5_000 }),
      request('/api/thing', okSchema, { timeoutMs: 6_000 }),
      request('/api/thing', okSchema, { accept: 'application/vnd.a+json' }),
      request('/api/thing', okSchema, { accept: 'application/vnd.b+json' }),
      request('/api/thing', okSchema, { acceptStatuses: [503] }),
      request('/api/thing', okSchema, { acceptStatuses: [404] }),
      request('/api/thing', okSchema, { isSignIn: true }),
    ]);
    expect(sent).toHaveLength(9);
  });

  it('writes and reads made for a user action are never shared', async () => {
    const sent = scriptedFetch(() => json({ ok: true }));
    const action = startAction('approve proposal');
    await Promise.all([
      request('/api/thing', okSchema, { method: 'POST', body: {} }),
      request('/api/thing', okSchema, { method: 'POST', body: {} }),
      request('/api/thing', okSchema, { method: 'DELETE' }),
      request('/api/thing', okSchema, { method: 'DELETE' }),
      request('/api/thing', okSchema, { action }),
      request('/api/thing', okSchema, { action }),
    ]);
    action.end();
    expect(sent).toHaveLength(6);
  });
});

describe('how each failure is told', () => {
  it('no connection is "network", a time limit passed is "timeout", and a caller giving up gets its own abort', async () => {
    scriptedFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({
      kind: 'network',
      message: 'The server could not be reached. Check your connection and retry.',
    });
    scriptedFetch(untilAborted);
    await expect(request('/api/thing', okSchema, { timeoutMs: 20 })).rejects.toMatchObject({ kind: 'timeout', message: 'The server did not answer in time.' });
    await expect(requestText('/api/thing', { timeoutMs: 20 })).rejects.toMatchObject({ kind: 'timeout' });
    const caller = new AbortController();
    const read = request('/api/thing', okSchema, { signal: caller.signal, method: 'POST' });
    caller.abort(new Error('the page closed'));
    await expect(read).rejects.toThrow('the page closed');
  });

  it("a body the caller stops reading is the caller's abort; a body that is not JSON is data the console cannot read", async () => {
    const stalled = stalledBody();
    scriptedFetch(stalled.answer);
    const caller = new AbortController();
    const read = request('/api/tasks', z.unknown(), { signal: caller.signal, method: 'POST' });
    await stalled.reading;
    caller.abort(new Error('the widget closed'));
    await expect(read).rejects.toThrow('the widget closed');
    scriptedFetch(() => new Response('{"ok":tru', { headers: { 'content-type': 'application/json' } }));
    await expect(request('/api/tasks?page=2', okSchema)).rejects.toMatchObject({
      kind: 'invalid-response',
      status: 200,
      message: 'The server sent data this console does not understand (/api/tasks: record: Invalid input: expected object, received undefined (missing)).',
    });
  });

  it('an answer off the contract names the path and each problem', async () => {
    scriptedFetch(() => json({ ok: 'yes', extra: 1 }));
    await expect(request('/api/thing?x=1', okSchema)).rejects.toMatchObject({
      kind: 'invalid-response',
      message: 'The server sent data this console does not understand (/api/thing: ok: Invalid input: expected boolean, received string (got "yes")).',
    });
  });

  it('an error status the caller accepts is an answer when it fits the contract, and a server failure when it does not', async () => {
    scriptedFetch(() => json({ ok: false }, { status: 503 }));
    await expect(request('/api/health', okSchema, { acceptStatuses: [503] })).resolves.toEqual({ ok: false });
    scriptedFetch(() => new Response('down', { status: 503 }));
    await expect(request('/api/health', okSchema, { acceptStatuses: [503] })).rejects.toMatchObject({
      kind: 'server',
      status: 503,
      message: 'The server failed (HTTP 503). Retry in a moment.',
    });
    await expect(request('/api/health', okSchema)).rejects.toMatchObject({ kind: 'server', status: 503 });
  });

  it("401 ends the session, except on sign-in, where it is the server's answer to a wrong password", async () => {
    signIn();
    scriptedFetch(() => json({ error: 'expired' }, { status: 401 }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ kind: 'unauthorized', message: 'Your session has ended. Sign in again.' });
    expect(unauthorized).toHaveBeenCalledTimes(1);
    scriptedFetch(() => json({ error: '  Unknown user or wrong password.  ', code: 'bad-credentials' }, { status: 401 }));
    await expect(request('/api/session', okSchema, { method: 'POST', isSignIn: true })).rejects.toMatchObject({
      kind: 'unauthorized',
      message: 'Unknown user or wrong password.',
    });
    scriptedFetch(() => new Response(null, { status: 401 }));
    await expect(request('/api/session', okSchema, { method: 'POST', isSignIn: true })).rejects.toMatchObject({
      message: 'The username or password was not accepted.',
    });
    expect(unauthorized).toHaveBeenCalledTimes(1);
    scriptedFetch(() => json({ error: 'no' }, { status: 403 }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it("the server's own words are kept, trimmed and at most 500 characters; a bare status gets a sentence of ours", async () => {
    scriptedFetch(() => json({ error: ` ${'n'.repeat(600)} `, code: 'denied' }, { status: 403 }));
    const long = await request('/api/thing', okSchema).catch((error: unknown) => error);
    expect(long).toMatchObject({ kind: 'forbidden', message: `You do not have permission to do this: ${'n'.repeat(500)}` });
    scriptedFetch(() => new Response('Forbidden', { status: 403 }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ message: 'You do not have permission to do this.' });
    scriptedFetch(() => new Response(null, { status: 409, statusText: 'Conflict' }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ kind: 'conflict', message: 'Someone else changed this first.' });
    scriptedFetch(() => json({ error: 'Reason is required.', code: 'invalid' }, { status: 422 }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ kind: 'client', status: 422, message: 'Reason is required.' });
    scriptedFetch(() => new Response(null, { status: 404 }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ kind: 'client', message: 'The request failed (HTTP 404).' });
  });

  it('503 is "busy" only when the server says when to come back', async () => {
    scriptedFetch(() => new Response(null, { status: 503, headers: { 'retry-after': '2' } }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ kind: 'busy', retryAfterMs: 2_000, message: 'The server is busy (HTTP 503).' });
    scriptedFetch(() => new Response(null, { status: 503 }));
    await expect(request('/api/thing', okSchema)).rejects.toMatchObject({ kind: 'server', retryAfterMs: undefined });
  });
});

describe('what each request records in its trace', () => {
  afterEach(() => configureTracing({ sampleRatio: 0 }));

  it('the status answered, or why there was none', async () => {
    const exporter = new InMemorySpanExporter();
    configureTracing({ sampleRatio: 1, extraProcessors: [new SimpleSpanProcessor({ exporter })] });
    const action = startAction('approve proposal');
    scriptedFetch(() => json({ ok: true }, { status: 200 }));
    await request('/api/thing', okSchema, { action });
    scriptedFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await request('/api/thing', okSchema, { action }).catch(() => undefined);
    scriptedFetch(untilAborted);
    await request('/api/thing', okSchema, { action, timeoutMs: 20 }).catch(() => undefined);
    action.end();
    const requests = exporter.getFinishedSpans().filter((span) => span.parentSpanContext);
    expect(requests.map((span) => [span.attributes['http.response.status_code'], span.status.message])).toEqual([
      [200, undefined],
      [undefined, 'network'],
      [undefined, 'timeout'],
    ]);
  });
});
