import type { z } from 'zod';
import { apiErrorSchema } from './contract';
import { ApiError, kindForStatus, parseRetryAfter } from './errors';
import { runtimeConfig } from '../config/runtime-config';
import { describeIssues } from './records';
import { requestSpan, type UserAction } from '../telemetry/tracing';
import { sharedInFlight } from './shared-get';

const DEFAULT_TIMEOUT_MS = 10_000;

type TokenSource = () => string | null;
let readToken: TokenSource = () => null;
let onUnauthorized: () => void = () => undefined;

/** The auth layer tells the client where the session token lives and what to do when it is refused. */
export function configureAuth(source: TokenSource, unauthorized: () => void): void {
  readToken = source;
  onUnauthorized = unauthorized;
}

/** A live connection refused with 401 ends the session the same way a refused request does. */
export function reportUnauthorized(): void {
  onUnauthorized();
}

export function apiUrl(path: string): string {
  return `${runtimeConfig().apiBaseUrl}${path}`;
}

export function authHeaders(): Record<string, string> {
  const token = readToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Sign-in answers 401 for a wrong password: that is the server's message, not an ended session. */
  isSignIn?: boolean;
  /** Error statuses whose body is still an answer (a health check's 503 "unhealthy"). */
  acceptStatuses?: readonly number[];
  /** The Accept header; JSON unless said otherwise. */
  accept?: string;
  /** The user action this request is part of: its span joins the action's trace. */
  action?: UserAction;
}

/** Each contract schema's own namespace of shared reads (the same path read with another schema is another read). */
const schemaKeys = new WeakMap<z.ZodType, number>();
let schemaCount = 0;
/** Writes sent so far: a read asked for after a write never joins one that started before it (it could miss the write). */
let writesSent = 0;

/**
 * Fetches, checks the status and validates the body against the contract; every failure is an ApiError.
 * A plain read (GET, no user action) identical to one already in flight shares it (./shared-get.ts).
 */
export function request<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
  if ((options.method ?? 'GET') !== 'GET' || options.body !== undefined || options.action) return fetchValidated(path, schema, options);
  if (!schemaKeys.has(schema)) schemaKeys.set(schema, (schemaCount += 1));
  const key = JSON.stringify([
    path,
    schemaKeys.get(schema),
    writesSent,
    readToken(),
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    options.accept ?? '',
    options.acceptStatuses ?? [],
    options.isSignIn === true,
  ]);
  return sharedInFlight(key, options.signal, (signal) => fetchValidated(path, schema, { ...options, signal }));
}

async function fetchValidated<S extends z.ZodType>(path: string, schema: S, options: RequestOptions): Promise<z.infer<S>> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const response = await send(path, options, timeout);
  const body: unknown = await response.json().catch((error: unknown) => {
    // The time ran out while the body was arriving: a timeout, not data the console cannot read.
    if (timeout.aborted) throw new ApiError('timeout', 'The server did not answer in time.', response.status);
    if (options.signal?.aborted) throw error;
    return undefined;
  });
  const parsed = schema.safeParse(body);
  if (!parsed.success && !response.ok) throw new ApiError('server', messageFor('server', response.status, '', false), response.status);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error, body).join('; ');
    throw new ApiError(
      'invalid-response',
      `The server sent data this console does not understand (${path.split('?')[0] ?? path}: ${problems}).`,
      response.status,
    );
  }
  return parsed.data;
}

export async function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(path, options);
  return response.text();
}

async function send(path: string, options: RequestOptions, timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)): Promise<Response> {
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const method = options.method ?? 'GET';
  if (method !== 'GET') writesSent += 1;
  const span = requestSpan(method, path, options.action);
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers: {
        accept: options.accept ?? 'application/json',
        ...authHeaders(),
        ...span.headers,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
    span.end({ status: response.status });
  } catch (error) {
    span.end({ error: timeout.aborted ? 'timeout' : 'network' });
    if (timeout.aborted) throw new ApiError('timeout', 'The server did not answer in time.');
    if (options.signal?.aborted) throw error;
    throw new ApiError('network', 'The server could not be reached. Check your connection and retry.');
  }
  if (!response.ok && !options.acceptStatuses?.includes(response.status)) throw await errorFrom(response, options.isSignIn === true);
  return response;
}

async function errorFrom(response: Response, isSignIn: boolean): Promise<ApiError> {
  const kind = kindForStatus(response.status);
  if (kind === 'unauthorized' && !isSignIn) onUnauthorized();
  // Only the contract's error body is the server's own words; a status line ("Conflict") is not.
  const body = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
  const detail = body.success ? body.data.error.trim().slice(0, 500) : '';
  // 429, and 503 with Retry-After: the server is busy and says when to come back.
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const busy = kind === 'busy' || (response.status === 503 && retryAfterMs !== undefined);
  if (busy) return new ApiError('busy', `The server is busy (HTTP ${response.status}).`, response.status, retryAfterMs);
  return new ApiError(kind, messageFor(kind, response.status, detail, isSignIn), response.status);
}

function messageFor(kind: ReturnType<typeof kindForStatus>, status: number, detail: string, isSignIn: boolean): string {
  switch (kind) {
    case 'unauthorized':
      return isSignIn ? detail || 'The username or password was not accepted.' : 'Your session has ended. Sign in again.';
    case 'forbidden':
      return detail ? `You do not have permission to do this: ${detail}` : 'You do not have permission to do this.';
    case 'conflict':
      return detail || 'Someone else changed this first.';
    case 'server':
      return `The server failed (HTTP ${status}). Retry in a moment.`;
    default:
      return detail || `The request failed (HTTP ${status}).`;
  }
}
