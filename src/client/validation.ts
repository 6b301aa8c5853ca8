/**
 * Argument checks made before any I/O (SPEC §1.8). Only what would change the request URL or
 * break a local rule is checked here; charset and length are left to the service.
 */

/** Matches an unpaired UTF-16 surrogate (a paired one is a single code point under the `u` flag). */
const LONE_SURROGATE = /\p{Cs}/u;

/** Throws unless `name` is a string that stays inside its path segment. */
export function assertSecretName(name: unknown): asserts name is string {
  if (typeof name !== "string") throw new TypeError(`The secret name must be a string, not ${typeof name}.`);
  // "" would hit another route; "." and ".." are rewritten by URL normalisation (SPEC §7 items 11, 12).
  // A lone surrogate has no UTF-8 form, so no URL can carry it.
  if (name === "" || name === "." || name === ".." || LONE_SURROGATE.test(name)) {
    throw new RangeError(`Invalid secret name '${name}'.`);
  }
}

/** Throws unless `version` is absent, empty (latest) or a string that stays inside its path segment. */
export function assertSecretVersion(version: unknown): asserts version is string | undefined {
  if (version === undefined || version === null) return;
  if (typeof version !== "string") throw new TypeError(`The secret version must be a string, not ${typeof version}.`);
  if (version === "." || version === ".." || LONE_SURROGATE.test(version)) {
    throw new RangeError(`Invalid secret version '${version}'.`);
  }
}

/** Throws unless `maxPageSize` is absent or an integer in 1..25. */
export function assertMaxPageSize(maxPageSize: unknown): asserts maxPageSize is number | undefined {
  if (maxPageSize === undefined) return;
  if (!Number.isInteger(maxPageSize) || (maxPageSize as number) < 1 || (maxPageSize as number) > 25) {
    throw new RangeError("maxPageSize must be an integer between 1 and 25.");
  }
}

/** Throws unless `intervalInMs` is absent or a non-negative number. */
export function assertIntervalInMs(intervalInMs: unknown): asserts intervalInMs is number | undefined {
  if (intervalInMs === undefined) return;
  if (typeof intervalInMs !== "number" || !(intervalInMs >= 0)) {
    throw new RangeError("intervalInMs must be a number greater than or equal to 0.");
  }
}
