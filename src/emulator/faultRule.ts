/**
 * A fault rule: a match (all given fields must match) and an action. Without `count` a rule fires
 * until `faults.clear()`; `probability` makes each match fire at random.
 */
export interface FaultRule {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** Regular expression tested against the URL path (no query); a string is compiled once. */
  path?: RegExp | string;
  /** Vault name. */
  vault?: string;
  /** Fires this many times, then is removed. @defaultValue unlimited */
  count?: number;
  /** Chance in 0..1 that a matching request fires the rule. @defaultValue 1 */
  probability?: number;
  /** Fire after the auth check instead of before it. @defaultValue false */
  afterAuth?: boolean;

  /** Answer with this status and a Key Vault error body (`Throttled` for 429, and so on). */
  status?: number;
  /** Overrides the error code of `status`. */
  code?: string;
  /** Overrides the error message of `status`. */
  message?: string;
  /** `Retry-After` in seconds. */
  retryAfter?: number;
  /** `Retry-After` as an HTTP-date. */
  retryAfterDate?: Date | string;
  /** `retry-after-ms`. */
  retryAfterMs?: number;
  /** `x-ms-retry-after-ms`. */
  xMsRetryAfterMs?: number;
  /** Send the status with no body at all. */
  emptyBody?: boolean;
  /** Answer 401 without `WWW-Authenticate`. */
  missingChallenge?: boolean;
  /** Answer 401 with a CAE `insufficient_claims` challenge; a string is the base64 `claims` value. */
  caeChallenge?: boolean | string;
  /** Wait this long first; without another action the request then proceeds normally. */
  latencyInMs?: number;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Send headers and part of a body, then destroy the socket. */
  resetMidResponse?: boolean;
  /** Never answer (until the emulator closes). */
  stall?: boolean;
}

/** The faults control. */
export interface FaultsControl {
  /** Adds a rule; throws `TypeError`/`RangeError` for a malformed one. */
  add(rule: FaultRule): void;
  /** Removes every rule. */
  clear(): void;
}
