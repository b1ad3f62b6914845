/** Why a request failed, in words a person can act on. */
export type ApiErrorKind = 'network' | 'timeout' | 'unauthorized' | 'forbidden' | 'conflict' | 'busy' | 'server' | 'invalid-response' | 'client';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  /** How long the server asked to wait before trying again (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(kind: ApiErrorKind, message: string, status?: number, retryAfterMs?: number) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 429) return 'busy';
  if (status >= 500) return 'server';
  return 'client';
}

/**
 * A Retry-After header in milliseconds from `now`: delay-seconds or an HTTP date; undefined when
 * absent or unreadable (a past date is 0: try now).
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function describeError(error: unknown): string {
  // An ApiError is an Error: its message is written for the reader.
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
