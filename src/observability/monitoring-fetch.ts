import { ApiError, kindForStatus } from '../api/errors';

const DEFAULT_TIMEOUT_MS = 10_000;

export interface MonitoringFetchOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Headers for this address (the console's sign-in, where it may go: ./monitoring-credentials.ts). */
  credentials?: (target: URL) => Record<string, string>;
}

/** `url` resolved against the page (a deployment may serve Prometheus under the console's own origin). */
function resolved(url: string): URL {
  return new URL(url, typeof window === 'undefined' ? undefined : window.location.href);
}

/**
 * One request to Prometheus or Alertmanager (`system` names it in every message): their answer's
 * status and JSON body, or an ApiError saying why there is none. Error statuses are returned, not
 * thrown, when they carry a JSON body: both programs explain errors in it.
 */
export async function monitoringFetch(system: string, url: string, options: MonitoringFetchOptions = {}): Promise<{ status: number; body: unknown }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // A timer rather than AbortSignal.timeout: the page's clock (a test's, too) decides when time is up.
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutMs);
  try {
    return await fetchOnce(system, resolved(url), options, options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal, () => {
      if (timer.signal.aborted && !options.signal?.aborted) throw new ApiError('timeout', `${system} did not answer within ${timeoutMs / 1000} s.`);
    });
  } finally {
    clearTimeout(handle);
  }
}

async function fetchOnce(
  system: string,
  target: URL,
  options: MonitoringFetchOptions,
  signal: AbortSignal,
  throwIfTimedOut: () => void,
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(target, {
      method: options.method ?? 'GET',
      headers: { accept: 'application/json', ...options.credentials?.(target), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throwIfTimedOut();
    throw new ApiError('network', `${system} could not be reached at ${target.origin}${target.pathname === '/' ? '' : target.pathname.split('/api/')[0]}.`);
  }
  const text = await response.text().catch(() => '');
  throwIfTimedOut();
  if (response.status === 204 || text === '') {
    if (response.ok) return { status: response.status, body: undefined };
    throw new ApiError(kindForStatus(response.status), `${system} answered HTTP ${response.status} with no explanation.`, response.status);
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    const said = text.trim().split('\n')[0]?.slice(0, 160) ?? '';
    if (!response.ok) throw new ApiError(kindForStatus(response.status), `${system} answered HTTP ${response.status}: ${said}`, response.status);
    throw new ApiError('invalid-response', `${system} answered something that is not JSON: ${said}`, response.status);
  }
}
