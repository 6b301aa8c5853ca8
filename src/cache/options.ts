import type { AbortSignalLike } from "@azure/abort-controller";
import type { KeyVaultSecret, SecretClient } from "../index.js";

/**
 * What the cache needs from a client: `getSecret` and `setSecret` of a `SecretClient` (ours or
 * `@azure/keyvault-secrets`), or any object with the same two methods.
 */
export type SecretCacheClient = Pick<SecretClient, "getSecret" | "setSecret">;

/** A time source in milliseconds since the epoch, like `Date.now()`. */
export interface SecretCacheClock {
  /** The current time in milliseconds. */
  now(): number;
}

/**
 * Transforms secrets on their way into and out of memory, for example to encrypt values at rest in the process.
 * Both methods are synchronous and called once per store and once per read.
 *
 * ```ts snippet:ReadmeSampleSecretCacheHook
 * const key = randomBytes(32); // lives only in this process
 * const hook: SecretCacheHook<{ secret: KeyVaultSecret; iv: Buffer; data: Buffer; tag: Buffer }> = {
 *   put({ value = "", ...secret }) {
 *     const iv = randomBytes(12);
 *     const cipher = createCipheriv("aes-256-gcm", key, iv);
 *     const data = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
 *     return { secret, iv, data, tag: cipher.getAuthTag() };
 *   },
 *   get({ secret, iv, data, tag }) {
 *     const decipher = createDecipheriv("aes-256-gcm", key, iv).setAuthTag(tag);
 *     return { ...secret, value: Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8") };
 *   },
 * };
 * const cache = new SecretCache(client, { hook });
 * ```
 */
export interface SecretCacheHook<TStored = unknown> {
  /** Converts a secret (a private copy) to what the cache keeps. */
  put(secret: KeyVaultSecret): TStored;
  /** Converts what the cache keeps back to the secret; the cache copies the result before returning it. */
  get(stored: TStored): KeyVaultSecret;
}

/** The kinds of {@link SecretCacheEvent}. */
export type SecretCacheEventType = "hit" | "miss" | "stale" | "refresh" | "error" | "evict";

/**
 * Something the cache did for one secret. Never carries a value.
 *
 * Per `getSecret` call exactly one of `hit` (answered from memory without waiting, including a cached 404),
 * `miss` (waited for the vault) or `stale` (served the last good value past its TTL). Per vault request:
 * `refresh` (re-reading a cached entry) and `error` (the request failed). `evict`: the cache dropped an entry on
 * its own (capacity, past `maxStaleInMs` or `expiresOn`, 404 or 403 `SecretDisabled`); `invalidate()` is not one.
 */
export interface SecretCacheEvent {
  /** What happened. */
  type: SecretCacheEventType;
  /** The secret name, as the caller spelled it. */
  name: string;
  /** The pinned version, for entries read with `{ version }`. */
  version?: string;
}

/** Counters since the cache was created; see {@link SecretCacheEvent} for what each counts. */
export interface SecretCacheStats {
  /** `getSecret` calls answered from memory without waiting. */
  hits: number;
  /** `getSecret` calls that waited for the vault. */
  misses: number;
  /** `getSecret` calls answered with a value past its TTL because the vault failed or the cache was backing off. */
  staleServes: number;
  /** Vault requests that failed. */
  errors: number;
  /** Vault requests that re-read a cached entry. */
  refreshes: number;
  /** Entries the cache dropped on its own. */
  evictions: number;
  /** Entries held now, cached 404s included. */
  size: number;
}

/** Options of `new SecretCache(client, options)`. */
export interface SecretCacheOptions {
  /** How long a latest-version entry is fresh; each entry draws its TTL uniformly from [ttl/2, ttl]. @defaultValue 300000 */
  ttlInMs?: number;
  /**
   * Refresh in the background once an entry is older than this fraction (0..1, exclusive) of its TTL, while callers
   * keep getting the cached value. @defaultValue undefined (off)
   */
  refreshAheadRatio?: number;
  /** How long past its TTL the last good value may be served while the vault fails transiently; 0 disables. @defaultValue 86400000 */
  maxStaleInMs?: number;
  /** The most entries held (latest and pinned versions, cached 404s included); least recently used go first. @defaultValue 1024 */
  maxEntries?: number;
  /** How long a 404 is remembered and rethrown without asking the vault; 0 disables. @defaultValue 5000 */
  negativeTtlInMs?: number;
  /** Transforms secrets on their way into and out of memory. @defaultValue undefined */
  hook?: SecretCacheHook;
  /**
   * Receives {@link SecretCacheEvent}s; exceptions it throws are logged and ignored. @defaultValue undefined
   *
   * ```ts snippet:ReadmeSampleSecretCacheEvents
   * const counts = new Map<string, number>();
   * const cache = new SecretCache(client, {
   *   onEvent: ({ type, name }) => counts.set(`${type}:${name}`, (counts.get(`${type}:${name}`) ?? 0) + 1),
   * });
   * ```
   */
  onEvent?: (event: SecretCacheEvent) => void;
  /** The time source, for tests. @defaultValue `{ now: Date.now }` */
  clock?: SecretCacheClock;
}

/** Options of `SecretCache.getSecret`. */
export interface CacheGetSecretOptions {
  /** Pins a version; pinned entries never expire (they are immutable) and are only evicted by LRU. */
  version?: string;
  /** Stops this caller's wait; a request shared with other callers keeps going. */
  abortSignal?: AbortSignalLike;
}

/** Options of `SecretCache.getSecrets`. */
export interface CacheGetSecretsOptions {
  /** How many reads run at once. @defaultValue 8 */
  concurrency?: number;
  /** Stops waiting; reads shared with other callers keep going. */
  abortSignal?: AbortSignalLike;
}

/** Options of `SecretCache.refresh`. */
export interface CacheRefreshOptions {
  /** Stops this caller's wait; the request keeps going and still updates the cache. */
  abortSignal?: AbortSignalLike;
}
