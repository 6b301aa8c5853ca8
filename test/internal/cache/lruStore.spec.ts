import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LruStore, type LruEvictionReason } from "../../../src/cache/lruStore.js";

describe("LruStore", () => {
  it("drops the least recently used key past capacity, counting get but not peek as a use", () => {
    const evicted: string[] = [];
    const store = new LruStore<string, number>({ maxEntries: 2, now: () => 0, onEvict: (key) => evicted.push(key) });
    store.set("a", 1);
    store.set("b", 2);
    store.get("a");
    store.peek("b");
    store.set("c", 3);
    expect(evicted).toEqual(["b"]);
    expect(store.keys()).toEqual(["a", "c"]);
  });

  it("forgets entries at their expiry instant on the injected clock and reports them once", () => {
    let now = 0;
    const reasons: LruEvictionReason[] = [];
    const store = new LruStore<string, number>({
      maxEntries: 5,
      now: () => now,
      onEvict: (_k, _v, r) => reasons.push(r),
    });
    store.set("a", 1, 10);
    now = 9;
    expect(store.get("a")).toBe(1);
    now = 10;
    expect(store.peek("a")).toBeUndefined();
    expect(store.get("a")).toBeUndefined();
    expect(reasons).toEqual(["expired"]);
    expect(store.size).toBe(0);
  });

  it("does not report delete, clear or replacement as evictions", () => {
    const evicted: string[] = [];
    const store = new LruStore<string, number>({ maxEntries: 1, now: () => 0, onEvict: (key) => evicted.push(key) });
    store.set("a", 1);
    store.set("a", 2);
    expect(store.delete("a")).toBe(true);
    store.set("b", 1);
    store.clear();
    expect(evicted).toEqual([]);
  });

  it("rejects a capacity below 1", () => {
    expect(() => new LruStore({ maxEntries: 0, now: () => 0 })).toThrow(RangeError);
  });

  // Model-based: every command sequence behaves like a plain array kept in recency order.
  it("matches a reference LRU model for any sequence of commands (4,000 runs)", () => {
    const key = fc.constantFrom("a", "b", "c", "d", "e", "f");
    const command = fc.oneof(
      fc.record({
        op: fc.constant("set" as const),
        key,
        value: fc.integer(),
        ttl: fc.option(fc.integer({ min: 1, max: 20 })),
      }),
      fc.record({ op: fc.constant("get" as const), key }),
      fc.record({ op: fc.constant("peek" as const), key }),
      fc.record({ op: fc.constant("delete" as const), key }),
      fc.record({ op: fc.constant("tick" as const), by: fc.integer({ min: 0, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(command, { maxLength: 60 }), (maxEntries, commands) => {
        let now = 0;
        const evictions: Array<[string, LruEvictionReason]> = [];
        const store = new LruStore<string, number>({
          maxEntries,
          now: () => now,
          onEvict: (k, _v, r) => evictions.push([k, r]),
        });
        let model: Array<{ key: string; value: number; expiresAt: number }> = [];
        const expected: Array<[string, LruEvictionReason]> = [];
        const live = (k: string) => {
          const index = model.findIndex((e) => e.key === k);
          if (index < 0) return undefined;
          const entry = model[index]!;
          if (entry.expiresAt > now) return index;
          model.splice(index, 1);
          expected.push([k, "expired"]);
          return undefined;
        };
        for (const c of commands) {
          if (c.op === "tick") now += c.by;
          else if (c.op === "set") {
            store.set(c.key, c.value, c.ttl === null ? undefined : now + c.ttl);
            model = model.filter((e) => e.key !== c.key);
            model.push({ key: c.key, value: c.value, expiresAt: c.ttl === null ? Infinity : now + c.ttl });
            while (model.length > maxEntries) expected.push([model.shift()!.key, "capacity"]);
          } else if (c.op === "delete") {
            const present = model.some((e) => e.key === c.key);
            expect(store.delete(c.key)).toBe(present);
            model = model.filter((e) => e.key !== c.key);
          } else {
            const index = live(c.key);
            const value = c.op === "get" ? store.get(c.key) : store.peek(c.key);
            expect(value).toBe(index === undefined ? undefined : model[index]!.value);
            if (index !== undefined && c.op === "get") model.push(...model.splice(index, 1));
          }
          expect(store.keys()).toEqual(model.map((e) => e.key));
          expect(store.size).toBeLessThanOrEqual(maxEntries);
        }
        expect(evictions).toEqual(expected);
      }),
      { numRuns: 4_000 },
    );
  });
});
