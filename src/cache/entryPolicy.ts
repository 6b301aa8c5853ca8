import type { KeyVaultSecret } from "../index.js";
import type { SecretEntry } from "./cacheEntry.js";
import type { ErrorKind } from "./errorKind.js";
import type { ResolvedCacheOptions } from "./resolveOptions.js";
import { backoffDelayInMs, freshLifetimeInMs, jitteredTtlInMs, retryAfterInMs } from "./timing.js";

/** The lifetimes of a new entry, in milliseconds on the cache's clock. @internal */
export interface EntryTimes {
  readonly freshUntil: number;
  readonly refreshAt: number;
  /** When the store drops the entry: past `maxStaleInMs`, and never past the secret's `expiresOn`. */
  readonly expiresAt: number;
}

/**
 * When a freshly read secret stops being fresh, is refreshed ahead, and is dropped. Pinned versions are immutable:
 * they never expire. Undefined means "do not cache": the secret is past its `expiresOn`, or disabled (only a
 * `setSecret` response can be; a read of it would answer 403).
 * @internal
 */
export function entryTimes(
  secret: KeyVaultSecret,
  pinned: boolean,
  nowInMs: number,
  options: Pick<ResolvedCacheOptions, "ttlInMs" | "maxStaleInMs" | "refreshAheadRatio">,
  random: () => number,
): EntryTimes | undefined {
  const forever = Number.POSITIVE_INFINITY;
  if (pinned) return { freshUntil: forever, refreshAt: forever, expiresAt: forever };
  const expiresOn = secret.properties.expiresOn;
  const lifetime = freshLifetimeInMs(jitteredTtlInMs(options.ttlInMs, random), nowInMs, expiresOn);
  if (!(lifetime > 0) || secret.properties.enabled === false) return undefined;
  const freshUntil = nowInMs + lifetime;
  const ratio = options.refreshAheadRatio;
  return {
    freshUntil,
    refreshAt: ratio === undefined ? forever : nowInMs + ratio * lifetime,
    expiresAt: Math.min(freshUntil + options.maxStaleInMs, expiresOn?.getTime() ?? forever),
  };
}

/**
 * Notes a failed refresh on its entry: a transient failure makes it degraded (stale served without waiting), any
 * failure delays the next refresh by the server's Retry-After or else exponential backoff.
 * @internal
 */
export function noteFailure(
  entry: SecretEntry,
  error: unknown,
  kind: ErrorKind,
  nowInMs: number,
  random: () => number,
): void {
  entry.failures += 1;
  entry.degraded = kind === "transient";
  entry.retryAt = nowInMs + (retryAfterInMs(error, nowInMs) ?? backoffDelayInMs(entry.failures, random));
}

/** A new, healthy entry. @internal */
export function newSecretEntry(
  name: string,
  version: string | undefined,
  stored: unknown,
  times: EntryTimes,
): SecretEntry {
  const { freshUntil, refreshAt } = times;
  return { kind: "secret", name, version, stored, freshUntil, refreshAt, failures: 0, degraded: false, retryAt: 0 };
}
