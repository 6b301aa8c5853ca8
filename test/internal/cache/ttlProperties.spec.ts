import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KeyVaultSecret } from "../../../src/index.js";
import { SecretCache } from "../../../src/cache/index.js";
import { FakeVault, ManualClock, makeSecret } from "./fakeVault.js";

const TTL = 1_000;

describe("SecretCache TTL properties", () => {
  // Each vault answer carries the instant it was read as its value, so every answer's age is observable.
  it("answers with a value younger than the TTL, and asks the vault only once a value is older than ttl/2 (2,000 runs)", async () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant("advance" as const), by: fc.integer({ min: 0, max: 1_500 }) }),
      fc.record({ op: fc.constant("read" as const), name: fc.constantFrom("a", "b", "c"), pinned: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(step, { maxLength: 40 }), async (maxEntries, steps) => {
        const clock = new ManualClock(0);
        const vault = new FakeVault();
        vault.answer = (name, version) => makeSecret(name, String(clock.now()), version ?? "v1");
        const cache = new SecretCache(vault, { clock, ttlInMs: TTL, maxEntries });
        const lastAnswer = new Map<string, number>();
        for (const s of steps) {
          if (s.op === "advance") {
            clock.advance(s.by);
            continue;
          }
          const calls = vault.calls.length;
          const secret: KeyVaultSecret = await cache.getSecret(s.name, s.pinned ? { version: "v1" } : {});
          const readAt = Number(secret.value);
          const key = `${s.name}/${s.pinned}`;
          const previous = lastAnswer.get(key);
          if (s.pinned) {
            // Pinned versions never expire: once read, the same answer until the LRU drops it.
            if (vault.calls.length === calls) expect(readAt).toBe(previous);
          } else {
            expect(clock.now() - readAt).toBeLessThan(TTL);
            if (previous !== undefined && clock.now() - previous < TTL / 2 && vault.calls.length > calls) {
              // Only an LRU eviction may explain an early re-read.
              expect(cache.stats().evictions).toBeGreaterThan(0);
            }
          }
          lastAnswer.set(key, readAt);
        }
        const { hits, misses, staleServes } = cache.stats();
        expect(hits + misses + staleServes).toBe(steps.filter((s) => s.op === "read").length);
        expect(cache.stats().size).toBeLessThanOrEqual(maxEntries);
      }),
      { numRuns: 2_000 },
    );
  });
});
