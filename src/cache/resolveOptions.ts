import type { SecretCacheClock, SecretCacheEvent, SecretCacheHook, SecretCacheOptions } from "./options.js";

/** Options with their defaults applied. @internal */
export interface ResolvedCacheOptions {
  readonly ttlInMs: number;
  readonly refreshAheadRatio: number | undefined;
  readonly maxStaleInMs: number;
  readonly maxEntries: number;
  readonly negativeTtlInMs: number;
  readonly hook: SecretCacheHook | undefined;
  readonly onEvent: ((event: SecretCacheEvent) => void) | undefined;
  readonly clock: SecretCacheClock;
}

const systemClock: SecretCacheClock = { now: () => Date.now() };

/** Applies SPEC §9's defaults and rejects values that would make the cache misbehave. @internal */
export function resolveOptions(options: SecretCacheOptions): ResolvedCacheOptions {
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object.");
  const ttlInMs = duration("ttlInMs", options.ttlInMs, 300_000, false);
  const ratio = options.refreshAheadRatio;
  if (ratio !== undefined && !(typeof ratio === "number" && ratio > 0 && ratio < 1)) {
    throw new RangeError("refreshAheadRatio must be a number between 0 and 1, exclusive.");
  }
  const maxEntries = options.maxEntries ?? 1024;
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError("maxEntries must be an integer of at least 1.");
  if (
    options.hook !== undefined &&
    (typeof options.hook.put !== "function" || typeof options.hook.get !== "function")
  ) {
    throw new TypeError("hook must have put and get methods.");
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== "function")
    throw new TypeError("onEvent must be a function.");
  if (options.clock !== undefined && typeof options.clock.now !== "function")
    throw new TypeError("clock must have a now method.");
  return {
    ttlInMs,
    refreshAheadRatio: ratio,
    maxStaleInMs: duration("maxStaleInMs", options.maxStaleInMs, 86_400_000, true),
    maxEntries,
    negativeTtlInMs: duration("negativeTtlInMs", options.negativeTtlInMs, 5_000, true),
    hook: options.hook,
    onEvent: options.onEvent,
    clock: options.clock ?? systemClock,
  };
}

function duration(name: string, value: number | undefined, fallback: number, zeroAllowed: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value)) throw new TypeError(`${name} must be a number.`);
  if (value < 0 || (!zeroAllowed && value === 0)) {
    throw new RangeError(`${name} must be ${zeroAllowed ? "zero or more" : "more than zero"} milliseconds.`);
  }
  return value;
}
