import { createHttpHeaders } from "@azure/core-rest-pipeline";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/cache/errorKind.js";
import { maxEntriesWithinBudget, transactionsPer10s, worstRefreshIntervalInMs } from "../../../src/cache/rateBudget.js";
import { backoffDelayInMs, freshLifetimeInMs, jitteredTtlInMs, retryAfterInMs } from "../../../src/cache/timing.js";
import { restError } from "./fakeVault.js";

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe("cache timing", () => {
  it("draws every jittered TTL from [ttl/2, ttl] (2,000 runs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), unit, (ttl, random) => {
        const drawn = jitteredTtlInMs(ttl, () => random);
        expect(drawn).toBeGreaterThanOrEqual(ttl / 2);
        expect(drawn).toBeLessThanOrEqual(ttl);
      }),
      { numRuns: 2_000 },
    );
  });

  it("never lets a fresh lifetime pass expiresOn (1,000 runs)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 2 ** 42 }),
        fc.option(fc.integer({ min: -(10 ** 9), max: 10 ** 10 })),
        (ttl, now, offset) => {
          const expiresOn = offset === null ? undefined : new Date(now + offset);
          const lifetime = freshLifetimeInMs(ttl, now, expiresOn);
          expect(lifetime).toBeLessThanOrEqual(ttl);
          if (expiresOn !== undefined) expect(now + lifetime).toBeLessThanOrEqual(expiresOn.getTime());
          else expect(lifetime).toBe(ttl);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("backs off 1 s × 2^(n−1) with jitter, capped at 128 s (2,000 runs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), unit, (failures, random) => {
        const ceiling = Math.min(128_000, 1_000 * 2 ** (failures - 1));
        const delay = backoffDelayInMs(failures, () => random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
      { numRuns: 2_000 },
    );
    expect(backoffDelayInMs(1, () => 0.999999)).toBeLessThanOrEqual(1_000);
    expect(backoffDelayInMs(9, () => 0)).toBe(64_000);
  });

  it("reads Retry-After in milliseconds, seconds or as a date, preferring the millisecond headers (1,000 runs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 10 ** 7 }), (seconds, ms) => {
        const now = 1_700_000_000_000;
        expect(retryAfterInMs(restError(429, { headers: { "retry-after": String(seconds) } }), now)).toBe(
          seconds * 1000,
        );
        const both = { "retry-after": String(seconds), "x-ms-retry-after-ms": String(ms) };
        expect(retryAfterInMs(restError(429, { headers: both }), now)).toBe(ms);
        const date = new Date(now + seconds * 1000).toUTCString();
        expect(retryAfterInMs(restError(503, { headers: { "retry-after": date } }), now)).toBe(seconds * 1000);
      }),
      { numRuns: 1_000 },
    );
    expect(retryAfterInMs(restError(429, { headers: { "retry-after": "soon" } }), 0)).toBeUndefined();
    expect(retryAfterInMs(restError(429), 0)).toBeUndefined();
    expect(retryAfterInMs(new Error("no response"), 0)).toBeUndefined();
    expect(retryAfterInMs({ response: { headers: createHttpHeaders({ "retry-after-ms": "-5" }) } }, 0)).toBeUndefined();
  });

  it("classifies errors as gone, transient or fatal", () => {
    expect(classifyError(restError(404, { code: "SecretNotFound" }))).toBe("gone");
    expect(classifyError(restError(403, { code: "Forbidden", innerCode: "SecretDisabled" }))).toBe("gone");
    expect(classifyError(restError(403, { code: "Forbidden" }))).toBe("fatal");
    expect(classifyError(restError(401))).toBe("fatal");
    expect(classifyError(restError(409))).toBe("fatal");
    for (const status of [408, 429, 500, 502, 503, 504]) expect(classifyError(restError(status))).toBe("transient");
    expect(classifyError(Object.assign(new Error("x"), { name: "RestError", code: "REQUEST_SEND_ERROR" }))).toBe(
      "transient",
    );
    expect(classifyError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe("transient");
    expect(classifyError(Object.assign(new Error("The operation was aborted."), { name: "AbortError" }))).toBe(
      "transient",
    );
    expect(classifyError(new TypeError("bad name"))).toBe("fatal");
    expect(classifyError("a string")).toBe("fatal");
  });

  it("prices the rate budget as N·P·10/T transactions per 10 s", () => {
    expect(transactionsPer10s(100, 4, 300_000)).toBeCloseTo((100 * 4 * 10) / 300);
    expect(worstRefreshIntervalInMs(300_000, undefined)).toBe(150_000);
    expect(worstRefreshIntervalInMs(300_000, 0.8)).toBe(120_000);
    expect(maxEntriesWithinBudget(150_000)).toBe(15_000); // the defaults never warn below 1,024 entries
    expect(maxEntriesWithinBudget(500)).toBe(50);
  });
});
