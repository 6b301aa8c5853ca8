// How the cache reacts to a failed read (SPEC §9). Errors are inspected structurally: the cache may not import
// client values, and `RestError` instances from another copy of core-rest-pipeline must classify the same.

/**
 * - `gone`: 404, or 403 `SecretDisabled`: the entry is evicted and the error rethrown.
 * - `transient`: network failure, timeout, 408, 429 or 5xx: the last good value may be served within `maxStaleInMs`.
 * - `fatal`: anything else (other 401/403, 400, programming errors): rethrown, never hidden behind a stale value.
 */
export type ErrorKind = "gone" | "transient" | "fatal";

const NETWORK_CODES = new Set([
  "REQUEST_SEND_ERROR",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
]);

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  details?: { error?: { innererror?: { code?: unknown } } };
}

/** The HTTP status of a `RestError`-like error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = fields(error).statusCode;
  return typeof status === "number" ? status : undefined;
}

/** Classifies an error thrown by `SecretClient.getSecret`. */
export function classifyError(error: unknown): ErrorKind {
  const status = statusOf(error);
  const { name, code, details } = fields(error);
  if (status === 404) return "gone";
  if (status === 403) {
    const disabled = code === "SecretDisabled" || details?.error?.innererror?.code === "SecretDisabled";
    return disabled ? "gone" : "fatal";
  }
  if (status === 408 || status === 429 || (status !== undefined && status >= 500)) return "transient";
  if (status !== undefined) return "fatal";
  // No status: the request never got an answer. Callers' own aborts never reach here (the shared request has no
  // caller signal), so an AbortError is the pipeline's timeout.
  if (name === "AbortError" || name === "TimeoutError") return "transient";
  if (typeof code === "string" && NETWORK_CODES.has(code)) return "transient";
  return "fatal";
}

function fields(error: unknown): ErrorFields {
  return typeof error === "object" && error !== null ? (error as ErrorFields) : {};
}
