import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { monitoringFetch } from './monitoring-fetch';

interface Sent {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
}

/** Replaces fetch: each request is recorded and answered by `answer` (which may never settle). */
function serve(answer: (sent: Sent) => Promise<Response> | Response) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (input: URL, init: RequestInit) => {
    const request = {
      url: String(input),
      method: init.method,
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body,
      signal: init.signal as AbortSignal,
    };
    sent.push(request);
    return Promise.resolve(answer(request));
  });
  return sent;
}

/** An answer that never comes: the request ends only when its signal aborts. */
const hang = ({ signal }: Sent) => new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

const failure = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('one request to Prometheus or Alertmanager', () => {
  it('asks for JSON, with the credentials for its address, resolved against the page', async () => {
    const sent = serve(() => Response.json({ status: 'success' }));
    const result = await monitoringFetch('Prometheus', '/prometheus/api/v1/query?query=up', {
      credentials: (target) => ({ authorization: `for ${target.pathname}` }),
    });
    expect(result).toEqual({ status: 200, body: { status: 'success' } });
    expect(sent).toEqual([
      {
        url: new URL('/prometheus/api/v1/query?query=up', window.location.href).href,
        method: 'GET',
        headers: { accept: 'application/json', authorization: 'for /prometheus/api/v1/query' },
        body: undefined,
        signal: expect.any(AbortSignal),
      },
    ]);
  });

  it('sends a body as JSON, saying so', async () => {
    const sent = serve(() => Response.json({ silenceID: 's1' }));
    await monitoringFetch('Alertmanager', 'http://alertmanager.test/api/v2/silences', { method: 'POST', body: { comment: 'deploy' } });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"comment":"deploy"}',
    });
  });

  it('returns an error status that explains itself in JSON, and an empty success as no body', async () => {
    serve(() => Response.json({ status: 'error', error: 'bad query' }, { status: 400 }));
    expect(await monitoringFetch('Prometheus', 'http://p.test/api/v1/query')).toEqual({ status: 400, body: { status: 'error', error: 'bad query' } });
    serve(() => new Response(null, { status: 204 }));
    expect(await monitoringFetch('Alertmanager', 'http://a.test/api/v2/silence/s1', { method: 'DELETE' })).toEqual({ status: 204, body: undefined });
    serve(() => new Response('', { status: 200 }));
    expect(await monitoringFetch('Alertmanager', 'http://a.test/api/v2/silence/s1')).toEqual({ status: 200, body: undefined });
  });

  it('names each failure: unreachable (with where), no explanation, not JSON', async () => {
    serve(() => Promise.reject(new TypeError('Failed to fetch')));
    const unreachable = await failure(monitoringFetch('Prometheus', 'http://p.test:9090/api/v1/query'));
    expect(unreachable).toBeInstanceOf(ApiError);
    expect(unreachable).toMatchObject({ kind: 'network', message: 'Prometheus could not be reached at http://p.test:9090.' });
    await expect(monitoringFetch('Prometheus', 'http://p.test/prom/api/v1/query')).rejects.toThrow('Prometheus could not be reached at http://p.test/prom.');
    await expect(monitoringFetch('Prometheus', 'http://p.test/')).rejects.toThrow('Prometheus could not be reached at http://p.test.');

    serve(() => new Response('', { status: 503 }));
    expect(await failure(monitoringFetch('Alertmanager', 'http://a.test/api/v2/alerts/groups'))).toMatchObject({
      kind: 'server',
      status: 503,
      message: 'Alertmanager answered HTTP 503 with no explanation.',
    });
    serve(() => new Response(`  bad gateway ${'x'.repeat(300)}\nsecond line`, { status: 502 }));
    expect(await failure(monitoringFetch('Alertmanager', 'http://a.test/api/v2/alerts/groups'))).toMatchObject({
      kind: 'server',
      status: 502,
      message: `Alertmanager answered HTTP 502: ${`bad gateway ${'x'.repeat(300)}`.slice(0, 160)}`,
    });
    serve(() => new Response('<html>login</html>\n<body>', { status: 200 }));
    expect(await failure(monitoringFetch('Prometheus', 'http://p.test/api/v1/query'))).toMatchObject({
      kind: 'invalid-response',
      status: 200,
      message: 'Prometheus answered something that is not JSON: <html>login</html>',
    });
  });

  it('reads a body that breaks off as no explanation', async () => {
    const broken = () => new ReadableStream({ start: (controller) => controller.error(new TypeError('terminated')) });
    serve(() => new Response(broken(), { status: 502 }));
    expect(await failure(monitoringFetch('Prometheus', 'http://p.test/api/v1/query'))).toMatchObject({
      kind: 'server',
      status: 502,
      message: 'Prometheus answered HTTP 502 with no explanation.',
    });
  });

  it('gives up after its time on the page’s clock, and a caller’s own abort stays the caller’s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    serve(hang);
    const late = failure(monitoringFetch('Prometheus', 'http://p.test/api/v1/query', { timeoutMs: 2_000 }));
    await vi.advanceTimersByTimeAsync(1_999);
    await vi.advanceTimersByTimeAsync(1);
    expect(await late).toMatchObject({ kind: 'timeout', message: 'Prometheus did not answer within 2 s.' });

    const defaultLate = failure(monitoringFetch('Prometheus', 'http://p.test/api/v1/query'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await defaultLate).toMatchObject({ kind: 'timeout', message: 'Prometheus did not answer within 10 s.' });

    const caller = new AbortController();
    const cancelled = failure(monitoringFetch('Prometheus', 'http://p.test/api/v1/query', { signal: caller.signal }));
    const reason = new DOMException('left the page', 'AbortError');
    caller.abort(reason);
    expect(await cancelled).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a body that stops coming is a timeout too, and an answer leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    serve(
      ({ signal }) =>
        new Response(
          new ReadableStream({
            start: (controller) => {
              controller.enqueue(new TextEncoder().encode('{"status":'));
              signal.addEventListener('abort', () => controller.error(signal.reason));
            },
          }),
        ),
    );
    const stalled = failure(monitoringFetch('Alertmanager', 'http://a.test/api/v2/status', { timeoutMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await stalled).toMatchObject({ kind: 'timeout', message: 'Alertmanager did not answer within 1 s.' });

    serve(() => Response.json({}));
    await monitoringFetch('Alertmanager', 'http://a.test/api/v2/status');
    expect(vi.getTimerCount()).toBe(0);
  });
});
