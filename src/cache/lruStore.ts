// A hand-written LRU on a Map rather than a library (lru-cache, quick-lru): SPEC.md fixes the package's runtime
// dependencies, and what we need is small: expiry on an *injected* clock (lru-cache reads its own timer source and
// purges with real timers) and no background work. A Map iterates in insertion order, so re-inserting on access
// keeps the least recently used key first; eviction takes the first key. Every operation is O(1).

/** Why the store dropped an entry on its own. */
export type LruEvictionReason = "capacity" | "expired";

/** Options of {@link LruStore}. */
export interface LruStoreOptions<K, V> {
  /** The most entries held; inserting one more drops the least recently used. */
  maxEntries: number;
  /** The current time in milliseconds; entries whose `expiresAt` is not after it are gone. */
  now: () => number;
  /** Called for entries the store drops by itself (never for `delete`, `clear` or replacement). */
  onEvict?: (key: K, value: V, reason: LruEvictionReason) => void;
}

interface Slot<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * A least-recently-used map whose entries may carry an expiry instant. Knows nothing about secrets.
 * @internal
 */
export class LruStore<K, V> {
  readonly #map = new Map<K, Slot<V>>();
  readonly #options: LruStoreOptions<K, V>;

  constructor(options: LruStoreOptions<K, V>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError("maxEntries must be an integer of at least 1.");
    }
    this.#options = options;
  }

  /** The number of entries, counting expired ones not yet noticed. */
  get size(): number {
    return this.#map.size;
  }

  /** Returns the live value for `key` and marks it most recently used. */
  get(key: K): V | undefined {
    const slot = this.#live(key);
    if (slot === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, slot);
    return slot.value;
  }

  /** Returns the live value for `key` without changing its recency. */
  peek(key: K): V | undefined {
    return this.#live(key)?.value;
  }

  /** Inserts or replaces `key` as most recently used; it expires at `expiresAt` (ms, same clock as `now`). */
  set(key: K, value: V, expiresAt = Number.POSITIVE_INFINITY): void {
    this.#map.delete(key);
    this.#map.set(key, { value, expiresAt });
    while (this.#map.size > this.#options.maxEntries) {
      const [oldestKey, oldest] = this.#map.entries().next().value as [K, Slot<V>];
      this.#map.delete(oldestKey);
      this.#options.onEvict?.(oldestKey, oldest.value, "capacity");
    }
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  /** Removes every entry. */
  clear(): void {
    this.#map.clear();
  }

  /** The keys from least to most recently used, expired ones included. */
  keys(): K[] {
    return [...this.#map.keys()];
  }

  /** The live values from least to most recently used. */
  values(): V[] {
    const now = this.#options.now();
    return [...this.#map.values()].filter((slot) => slot.expiresAt > now).map((slot) => slot.value);
  }

  #live(key: K): Slot<V> | undefined {
    const slot = this.#map.get(key);
    if (slot === undefined) return undefined;
    if (slot.expiresAt > this.#options.now()) return slot;
    this.#map.delete(key);
    this.#options.onEvict?.(key, slot.value, "expired");
    return undefined;
  }
}
