/** The longest wait between reconnection attempts, whatever the server's `retry:` asks. */
export const MAX_RETRY_MS = 30_000;
export const BASE_RETRY_MS = 1_000;

/**
 * How long to wait before reconnection attempt `attempt` (1, 2, …): the server's `retry:` (or
 * BASE_RETRY_MS) doubled per failed attempt, capped at MAX_RETRY_MS, then "equal jitter": a
 * random point in its upper half, so many tabs that lost the same server do not return at once.
 */
export function reconnectDelay(attempt: number, serverRetryMs: number | undefined, random: () => number): number {
  const base = Math.min(MAX_RETRY_MS, Math.max(0, serverRetryMs ?? BASE_RETRY_MS));
  const exponential = Math.min(MAX_RETRY_MS, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
