import type { KeyVaultSecret, SetSecretOptions } from "../index.js";
import { abortable, throwIfAborted } from "./abortable.js";
import {
  cacheKey,
  cacheKeyPrefix,
  type CacheEntry,
  type Flight,
  type Outcome,
  type SecretEntry,
} from "./cacheEntry.js";
import { COUNTER_OF, zeroCounters } from "./cacheStats.js";
import { copySecret } from "./copySecret.js";
import { classifyError, statusOf, type ErrorKind } from "./errorKind.js";
import { entryTimes, newSecretEntry, noteFailure } from "./entryPolicy.js";
import { cacheLogger } from "./logger.js";
import { LruStore } from "./lruStore.js";
import { mapConcurrent } from "./mapConcurrent.js";
import type {
  CacheGetSecretOptions,
  CacheGetSecretsOptions,
  CacheRefreshOptions,
  SecretCacheClient,
  SecretCacheEventType,
  SecretCacheOptions,
  SecretCacheStats,
} from "./options.js";
import { maxEntriesWithinBudget, rateBudgetWarning, worstRefreshIntervalInMs } from "./rateBudget.js";
import { resolveOptions, type ResolvedCacheOptions } from "./resolveOptions.js";

/**
 * A read-through cache of Key Vault secrets over a `SecretClient` (SPEC §9): jittered TTL, single-flight reads,
 * optional refresh-ahead, stale-on-error within a bound, backoff honouring `Retry-After`, LRU capacity.
 *
 * Errors are the client's own, rethrown untouched: branch on `isRestError(e) && e.statusCode === 404`.
 *
 * ```ts snippet:ReadmeSampleSecretCache
 * const cache = new SecretCache(client, { ttlInMs: 60_000, refreshAheadRatio: 0.8 });
 * const secret = await cache.getSecret("db-password"); // one request, then from memory
 * const again = await cache.getSecret("db-password"); // a hit
 * ```
 */
export class SecretCache {
  readonly #client: SecretCacheClient;
  readonly #options: ResolvedCacheOptions;
  readonly #store: LruStore<string, CacheEntry>;
  readonly #inflight = new Map<string, Flight>();
  readonly #counters = zeroCounters();
  readonly #budgetEntries: number;
  #budgetWarned = false;

  /**
   * Creates a cache over `client`. Creating it sends nothing.
   * @param client - A `SecretClient`, or any object with its `getSecret` and `setSecret` methods.
   * @param options - TTL, staleness, capacity, hook, events and clock; see {@link SecretCacheOptions}.
   */
  constructor(client: SecretCacheClient, options: SecretCacheOptions = {}) {
    if (typeof client?.getSecret !== "function" || typeof client.setSecret !== "function") {
      throw new TypeError("client must have getSecret and setSecret methods.");
    }
    this.#client = client;
    this.#options = resolveOptions(options);
    this.#budgetEntries = maxEntriesWithinBudget(
      worstRefreshIntervalInMs(this.#options.ttlInMs, this.#options.refreshAheadRatio),
    );
    this.#store = new LruStore<string, CacheEntry>({
      maxEntries: this.#options.maxEntries,
      now: () => this.#options.clock.now(),
      onEvict: (_key, entry) => {
        if (entry.kind === "secret") this.#record("evict", entry.name, entry.version);
      },
    });
  }

  /**
   * Gets a secret from memory, or from the vault on a miss; concurrent misses for one key share one request.
   * Requires the secrets/get permission. Throws the client's `RestError` (404 if the secret does not exist, also
   * when remembered from a recent 404), or `AbortError` when `abortSignal` fires for this caller.
   * @param secretName - The secret name; case-insensitive, like Key Vault's.
   * @param options - A pinned `version` and this caller's `abortSignal`.
   */
  async getSecret(secretName: string, options: CacheGetSecretOptions = {}): Promise<KeyVaultSecret> {
    const version = options.version === "" ? undefined : options.version;
    const key = cacheKey(secretName, version);
    throwIfAborted(options.abortSignal);
    const entry = this.#store.get(key);
    if (entry?.kind === "missing") {
      this.#record("hit", secretName, version);
      throw entry.error;
    }
    if (entry === undefined) {
      this.#record("miss", secretName, version);
      const outcome = await abortable(this.#request(key, secretName, version, "miss"), options.abortSignal);
      if (outcome.ok) return copySecret(outcome.secret);
      throw outcome.error;
    }
    const now = this.#options.clock.now();
    const fresh = now < entry.freshUntil;
    if (fresh || entry.degraded) {
      // Degraded (the last refresh failed transiently): serve stale at once and retry in the background after backoff.
      const due = fresh ? now >= entry.refreshAt : true;
      if (due && now >= entry.retryAt) void this.#request(key, secretName, version, "refresh");
      this.#record(fresh ? "hit" : "stale", secretName, version);
      return this.#read(entry);
    }
    return this.#awaitRefresh(key, secretName, version, options);
  }

  /**
   * Gets several secrets (latest versions) with at most `concurrency` reads at a time, in the order given.
   * Rejects with the first error and starts no further reads. Warms the token for later reads too.
   *
   * ```ts snippet:ReadmeSampleSecretCacheGetSecrets
   * const [apiKey, dbPassword] = await cache.getSecrets(["api-key", "db-password"], { concurrency: 4 });
   * ```
   *
   * @param secretNames - The names to read.
   * @param options - `concurrency` (default 8) and an `abortSignal`.
   */
  async getSecrets(secretNames: readonly string[], options: CacheGetSecretsOptions = {}): Promise<KeyVaultSecret[]> {
    if (!Array.isArray(secretNames)) throw new TypeError("secretNames must be an array.");
    const read: CacheGetSecretOptions = options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal };
    return mapConcurrent(secretNames, options.concurrency ?? 8, (name) => this.getSecret(name, read));
  }

  /**
   * Sets a secret through the client and caches the new version as the latest. Requires the secrets/set
   * permission. Errors are the client's, and leave the cache unchanged.
   * @param secretName - The secret name.
   * @param value - The new value.
   * @param options - Passed to `client.setSecret` unchanged.
   */
  async setSecret(secretName: string, value: string, options: SetSecretOptions = {}): Promise<KeyVaultSecret> {
    const key = cacheKey(secretName, undefined);
    const secret = await this.#client.setSecret(secretName, value, options);
    this.#inflight.delete(key); // a read that started before the write must not overwrite it
    this.#put(key, secretName, undefined, secret);
    return copySecret(secret);
  }

  /**
   * Re-reads the latest version now, ignoring TTL and backoff, and caches the result. Always sends one request.
   * Throws like `getSecret`, without serving a stale value; a 404 evicts the entry.
   * @param secretName - The secret name.
   * @param options - This caller's `abortSignal`; the request still completes and updates the cache.
   */
  async refresh(secretName: string, options: CacheRefreshOptions = {}): Promise<KeyVaultSecret> {
    const key = cacheKey(secretName, undefined);
    throwIfAborted(options.abortSignal);
    const reason = this.#store.peek(key)?.kind === "secret" ? "refresh" : "miss";
    const outcome = await abortable(this.#request(key, secretName, undefined, reason, true), options.abortSignal);
    if (outcome.ok) return copySecret(outcome.secret);
    throw outcome.error;
  }

  /**
   * Forgets one secret (its latest and pinned versions and a remembered 404), or everything when called without a
   * name. Reads already in flight still answer their callers but no longer update the cache.
   * @param secretName - The secret to forget; omit to clear the cache.
   */
  invalidate(secretName?: string): void {
    if (secretName === undefined) {
      this.#store.clear();
      this.#inflight.clear();
      return;
    }
    const prefix = cacheKeyPrefix(secretName);
    for (const key of this.#store.keys()) if (key.startsWith(prefix)) this.#store.delete(key);
    for (const key of [...this.#inflight.keys()]) if (key.startsWith(prefix)) this.#inflight.delete(key);
  }

  /** Returns a snapshot of the counters and the current number of entries. */
  stats(): SecretCacheStats {
    return { ...this.#counters, size: this.#store.size };
  }

  /** An expired entry: wait for its refresh; a transient failure serves the last good value (within maxStaleInMs). */
  async #awaitRefresh(
    key: string,
    name: string,
    version: string | undefined,
    options: CacheGetSecretOptions,
  ): Promise<KeyVaultSecret> {
    let outcome: Outcome;
    try {
      outcome = await abortable(this.#request(key, name, version, "refresh"), options.abortSignal);
    } catch (abortError) {
      this.#record("miss", name, version);
      throw abortError;
    }
    const stale = !outcome.ok && outcome.kind === "transient" ? this.#store.peek(key) : undefined;
    if (stale?.kind === "secret") {
      this.#record("stale", name, version);
      return this.#read(stale);
    }
    this.#record("miss", name, version);
    if (outcome.ok) return copySecret(outcome.secret);
    throw outcome.error;
  }

  /** Starts (or joins) the one request for `key`. The returned promise never rejects. */
  #request(
    key: string,
    name: string,
    version: string | undefined,
    reason: "miss" | "refresh",
    force = false,
  ): Promise<Outcome> {
    const current = this.#inflight.get(key);
    if (current !== undefined && !force) return current.promise;
    if (reason === "refresh") this.#record("refresh", name, version);
    const token = {};
    // No caller's abortSignal here: the request is shared, and one caller giving up must not fail the others.
    const promise = new Promise<KeyVaultSecret>((resolve) =>
      resolve(this.#client.getSecret(name, version === undefined ? {} : { version })),
    ).then(
      (secret) => this.#fetched(key, token, name, version, secret),
      (error: unknown) => this.#failed(key, token, name, version, error),
    );
    this.#inflight.set(key, { token, promise });
    return promise;
  }

  #fetched(key: string, token: object, name: string, version: string | undefined, secret: KeyVaultSecret): Outcome {
    if (this.#inflight.get(key)?.token !== token) return { ok: true, secret }; // superseded: answer, don't store
    this.#inflight.delete(key);
    try {
      this.#put(key, name, version, secret);
    } catch (error) {
      this.#store.delete(key); // the hook threw
      return { ok: false, error, kind: "fatal" };
    }
    return { ok: true, secret };
  }

  #failed(key: string, token: object, name: string, version: string | undefined, error: unknown): Outcome {
    const kind = classifyError(error);
    this.#record("error", name, version);
    if (this.#inflight.get(key)?.token === token) {
      this.#inflight.delete(key);
      this.#afterFailure(key, name, version, error, kind);
    }
    return { ok: false, error, kind };
  }

  #afterFailure(key: string, name: string, version: string | undefined, error: unknown, kind: ErrorKind): void {
    const now = this.#options.clock.now();
    const entry = this.#store.peek(key);
    if (kind === "gone") {
      if (entry?.kind === "secret") {
        this.#store.delete(key);
        this.#record("evict", name, version);
      }
      if (statusOf(error) === 404 && this.#options.negativeTtlInMs > 0) {
        this.#store.set(key, { kind: "missing", name, version, error }, now + this.#options.negativeTtlInMs);
      }
      return;
    }
    if (entry?.kind === "secret") noteFailure(entry, error, kind, now, Math.random);
  }

  #put(key: string, name: string, version: string | undefined, secret: KeyVaultSecret): void {
    const times = entryTimes(secret, version !== undefined, this.#options.clock.now(), this.#options, Math.random);
    if (times === undefined) {
      this.#store.delete(key);
      return;
    }
    const copy = copySecret(secret);
    const stored = this.#options.hook === undefined ? copy : this.#options.hook.put(copy);
    this.#store.set(key, newSecretEntry(name, version, stored, times), times.expiresAt);
    if (version === undefined) this.#checkRateBudget();
  }

  #read(entry: SecretEntry): KeyVaultSecret {
    const hook = this.#options.hook;
    return copySecret(hook === undefined ? (entry.stored as KeyVaultSecret) : hook.get(entry.stored));
  }

  #record(type: SecretCacheEventType, name: string, version: string | undefined): void {
    this.#counters[COUNTER_OF[type]] += 1;
    const onEvent = this.#options.onEvent;
    if (onEvent === undefined) return;
    try {
      onEvent(version === undefined ? { type, name } : { type, name, version });
    } catch {
      cacheLogger.warning(`onEvent threw while handling a ${type} event; ignored.`);
    }
  }

  #checkRateBudget(): void {
    if (this.#budgetWarned || this.#store.size <= this.#budgetEntries) return;
    const latest = this.#store
      .values()
      .filter((entry) => entry.kind === "secret" && entry.version === undefined).length;
    if (latest <= this.#budgetEntries) return;
    this.#budgetWarned = true;
    cacheLogger.warning(
      rateBudgetWarning(latest, worstRefreshIntervalInMs(this.#options.ttlInMs, this.#options.refreshAheadRatio)),
    );
  }
}
