// Pure time arithmetic of the cache (SPEC §9). Every duration is in milliseconds; `random` returns [0, 1).

/** Backoff after the first failed refresh; doubles per consecutive failure. */
export const BASE_BACKOFF_IN_MS = 1_000;
/** Backoff ceiling, as in the AWS Java caching client. */
export const MAX_BACKOFF_IN_MS = 128_000;

/** A TTL drawn uniformly from [ttl/2, ttl], so entries cached together do not expire together. */
export function jitteredTtlInMs(ttlInMs: number, random: () => number): number {
  return ttlInMs / 2 + (random() * ttlInMs) / 2;
}

/**
 * How long a latest-version entry stays fresh: the jittered TTL, but never past the secret's `expiresOn`.
 * Zero or less means "do not cache".
 */
export function freshLifetimeInMs(jitteredTtl: number, nowInMs: number, expiresOn: Date | undefined): number {
  if (expiresOn === undefined) return jitteredTtl;
  return Math.min(jitteredTtl, expiresOn.getTime() - nowInMs);
}

/** The wait after the `failures`-th consecutive failed refresh (1-based): 1 s × 2^(n−1), capped, jittered to [½, 1]. */
export function backoffDelayInMs(failures: number, random: () => number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(MAX_BACKOFF_IN_MS, BASE_BACKOFF_IN_MS * 2 ** exponent);
  return ceiling / 2 + (random() * ceiling) / 2;
}

interface HeadersLike {
  get(name: string): string | undefined;
}

/**
 * The server's requested wait, read from an error's response headers in the order core-rest-pipeline's
 * throttling policy uses: `retry-after-ms`, `x-ms-retry-after-ms` (milliseconds), then `Retry-After` (seconds or an
 * HTTP date). Undefined when absent or unreadable.
 */
export function retryAfterInMs(error: unknown, nowInMs: number): number | undefined {
  const headers = responseHeaders(error);
  if (headers === undefined) return undefined;
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const ms = parseDelay(headers.get(name));
    if (ms !== undefined) return ms;
  }
  const value = headers.get("retry-after");
  if (value === undefined) return undefined;
  const seconds = parseDelay(value);
  if (seconds !== undefined) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowInMs);
}

function parseDelay(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

function responseHeaders(error: unknown): HeadersLike | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  // RestError keeps `response` non-enumerable (it may hold secrets); plain property access still reaches it.
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers as Partial<HeadersLike> | undefined;
  return typeof headers?.get === "function" ? (headers as HeadersLike) : undefined;
}
