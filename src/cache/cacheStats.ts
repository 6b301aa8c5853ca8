import type { SecretCacheEventType, SecretCacheStats } from "./options.js";

/** The counters of {@link SecretCacheStats}, one per event type. @internal */
export type Counters = Record<Exclude<keyof SecretCacheStats, "size">, number>;

/** Which counter each event type increments. @internal */
export const COUNTER_OF: Readonly<Record<SecretCacheEventType, keyof Counters>> = {
  hit: "hits",
  miss: "misses",
  stale: "staleServes",
  error: "errors",
  refresh: "refreshes",
  evict: "evictions",
};

/** All counters at zero. @internal */
export function zeroCounters(): Counters {
  return { hits: 0, misses: 0, staleServes: 0, errors: 0, refreshes: 0, evictions: 0 };
}
