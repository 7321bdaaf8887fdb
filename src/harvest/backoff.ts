/**
 * Waiting after a 429 (RFC 6585 §4) or a 503 (RFC 9110 §15.6.4): the server's `Retry-After` (RFC 9110 §10.2.3) when
 * it gives one, never less than an exponential backoff, and never more than a cap; past the cap or the last attempt
 * the page is given up for this run (the next run asks again).
 */

export interface BackoffPolicy {
  /** The first backoff, doubled at each further attempt. */
  baseMs: number;
  /** The longest the harvester waits before one retry. */
  capMs: number;
  /** Retries after the first request. */
  retries: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2000, capMs: 5 * 60_000, retries: 4 };

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry), or undefined to give up: when the retries
 * are spent or the server asks for longer than the cap.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, policy: BackoffPolicy = DEFAULT_BACKOFF): number | undefined {
  if (attempt >= policy.retries) return undefined;
  if (retryAfterMs !== undefined && retryAfterMs > policy.capMs) return undefined;
  const backoff = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.max(backoff, retryAfterMs ?? 0);
}
