import {
  retryPolicy,
  type PipelinePolicy,
  type PipelineResponse,
  type PipelineRetryOptions,
  type RetryStrategy,
} from "@azure/core-rest-pipeline";
import { logger } from "../logger.js";

/** The name of the retry policy in the pipeline. */
export const secretsRetryPolicyName = "secretsRetryPolicy";

const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_RETRY_DELAY_IN_MS = 1000;
const DEFAULT_MAX_RETRY_DELAY_IN_MS = 64_000;
const NETWORK_ERROR_CODES = new Set([
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOENT",
  "ENOTFOUND",
]);

/**
 * The server-requested delay of a 429 or 503 response, in milliseconds (SPEC §6.2): `retry-after-ms`, then
 * `x-ms-retry-after-ms`, then `Retry-After` in seconds or as an HTTP-date (date minus `now`, floored at 0). An
 * unparseable header counts as absent. Returns `undefined` for other statuses or when no header applies.
 *
 * @param response - the response to read
 * @param now - the clock, in milliseconds since the epoch
 */
export function getRetryAfterInMs(
  response: PipelineResponse | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (!response || (response.status !== 429 && response.status !== 503)) return undefined;
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = response.headers.get(name)?.trim();
    if (value && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  }
  const retryAfter = response.headers.get("Retry-After")?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  // Only a non-numeric value can be an HTTP-date: Date.parse("1") would read a year.
  const date = Date.parse(retryAfter);
  return Number.isFinite(date) ? Math.max(0, date - now()) : undefined;
}

/** Whether a transport error is one of the network failures worth retrying (SPEC §6.2). */
export function isRetriableNetworkError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return true;
  // The Node client may wrap the system error as REQUEST_SEND_ERROR; look one level down.
  return code === "REQUEST_SEND_ERROR" && cause !== error && isRetriableNetworkError(cause);
}

function isExponentialRetryStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 503 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * Retries 429 and 503 after exactly the delay their retry header asks for; skips every other outcome.
 *
 * @param now - the clock used for `Retry-After` HTTP-dates
 */
export function throttlingStrategy(now: () => number = Date.now): RetryStrategy {
  return {
    name: "secretsThrottlingStrategy",
    retry({ response }) {
      const retryAfterInMs = getRetryAfterInMs(response, now);
      return retryAfterInMs === undefined ? { skipStrategy: true } : { retryAfterInMs };
    },
  };
}

/**
 * Retries with exponential backoff: 408, 429 without a retry header (SPEC §7 item 4), every 5xx except 501 and 505,
 * and the network errors of {@link isRetriableNetworkError}. The delay is
 * `min(maxRetryDelayInMs, retryDelayInMs × 2^retryCount)` times a uniform jitter in [0.5, 1].
 *
 * @param options - base and maximum delays
 * @param random - a source of uniform numbers in [0, 1)
 */
export function exponentialStrategy(
  options: PipelineRetryOptions = {},
  random: () => number = Math.random,
): RetryStrategy {
  const retryDelayInMs = options.retryDelayInMs ?? DEFAULT_RETRY_DELAY_IN_MS;
  const maxRetryDelayInMs = options.maxRetryDelayInMs ?? DEFAULT_MAX_RETRY_DELAY_IN_MS;
  return {
    name: "secretsExponentialStrategy",
    retry({ retryCount, response, responseError }) {
      const retriable = response
        ? isExponentialRetryStatus(response.status)
        : responseError !== undefined && isRetriableNetworkError(responseError);
      if (!retriable) return { skipStrategy: true };
      const ceiling = Math.min(maxRetryDelayInMs, retryDelayInMs * 2 ** retryCount);
      return { retryAfterInMs: ceiling * (0.5 + random() / 2) };
    },
  };
}

/**
 * Creates the client's retry policy (SPEC §6.2) on core's `retryPolicy`: throttling delays first, then exponential
 * backoff. 401, other 4xx and `AbortError` are never retried; an abort signal interrupts the backoff sleep. Every attempt
 * re-sends the body the request had when it entered this policy.
 *
 * @param options - `maxRetries` (default 3), `retryDelayInMs` (default 1000), `maxRetryDelayInMs` (default 64000)
 */
export function secretsRetryPolicy(options: PipelineRetryOptions = {}): PipelinePolicy {
  const inner = retryPolicy([throttlingStrategy(), exponentialStrategy(options)], {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    logger,
  });
  return {
    name: secretsRetryPolicyName,
    sendRequest(request, next) {
      const body = request.body;
      // Losing the body on a retry was Azure/azure-sdk-for-js#14590: every attempt starts from the original.
      // Assigned, never `delete`d: deleting a property turns the request into a slow dictionary-mode object.
      return inner.sendRequest(request, (attempt) => {
        if (attempt.body !== body) (attempt as { body?: unknown }).body = body;
        return next(attempt);
      });
    },
  };
}
