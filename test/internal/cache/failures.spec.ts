import { describe, expect, it } from "vitest";
import { SecretCache, type SecretCacheEvent } from "../../../src/cache/index.js";
import { FakeVault, ManualClock, restError } from "./fakeVault.js";

async function warmed(options: ConstructorParameters<typeof SecretCache>[1] = {}) {
  const vault = new FakeVault();
  const clock = new ManualClock();
  const events: SecretCacheEvent[] = [];
  const cache = new SecretCache(vault, { clock, ttlInMs: 1_000, onEvent: (event) => events.push(event), ...options });
  vault.put("s", "good");
  await cache.getSecret("s");
  vault.calls.length = 0;
  return { vault, clock, cache, events };
}

/** Lets a background refresh (started without awaiting) settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("SecretCache failures", () => {
  it.each([500, 503, 408, 429])("serves the last good value when a refresh answers %i", async (status) => {
    const { vault, clock, cache } = await warmed();
    vault.put("s", "newer");
    vault.fail(restError(status));
    clock.advance(1_000);
    expect((await cache.getSecret("s")).value).toBe("good");
    expect(cache.stats()).toMatchObject({ staleServes: 1, errors: 1, refreshes: 1 });
  });

  it("serves the last good value when the network fails", async () => {
    const { vault, clock, cache } = await warmed();
    const network = Object.assign(new Error("socket hang up"), { name: "RestError", code: "REQUEST_SEND_ERROR" });
    vault.fail(network);
    clock.advance(1_000);
    expect((await cache.getSecret("s")).value).toBe("good");
  });

  it("rethrows the client's own error once the outage outlasts maxStaleInMs", async () => {
    const { vault, clock, cache } = await warmed({ maxStaleInMs: 10_000 });
    const outage = restError(503);
    clock.advance(1_000);
    vault.fail(outage);
    expect((await cache.getSecret("s")).value).toBe("good");
    clock.advance(10_000); // past freshUntil + maxStaleInMs
    vault.fail(outage);
    await expect(cache.getSecret("s")).rejects.toBe(outage);
    expect(cache.stats().evictions).toBe(1);
  });

  it("never serves stale past the secret's expiresOn", async () => {
    const vault = new FakeVault();
    const clock = new ManualClock();
    const cache = new SecretCache(vault, { clock, ttlInMs: 1_000 });
    vault.put("s", "good", { expiresOn: new Date(clock.now() + 800) });
    await cache.getSecret("s");
    clock.advance(800);
    const outage = restError(500);
    vault.fail(outage);
    await expect(cache.getSecret("s")).rejects.toBe(outage);
  });

  it("backs off after a failed refresh: stale is served without asking the vault, then retried in the background", async () => {
    const { vault, clock, cache } = await warmed();
    clock.advance(1_000);
    vault.fail(restError(500));
    await cache.getSecret("s"); // refresh fails: backoff of 0.5–1 s starts
    expect(vault.calls).toHaveLength(1);
    clock.advance(499);
    for (let i = 0; i < 100; i++) expect((await cache.getSecret("s")).value).toBe("good");
    expect(vault.calls).toHaveLength(1);
    clock.advance(501);
    vault.put("s", "recovered");
    expect((await cache.getSecret("s")).value).toBe("good"); // degraded: answered at once, retried behind
    expect(vault.calls).toHaveLength(2);
    await settle();
    expect((await cache.getSecret("s")).value).toBe("recovered");
  });

  it("doubles the backoff per consecutive failure", async () => {
    const { vault, clock, cache } = await warmed();
    clock.advance(1_000);
    vault.fail(restError(500), restError(500));
    await cache.getSecret("s"); // failure 1: wait 0.5–1 s
    clock.advance(1_000);
    await cache.getSecret("s"); // failure 2 (background): wait 1–2 s
    await settle();
    expect(vault.calls).toHaveLength(2);
    clock.advance(999);
    await cache.getSecret("s");
    expect(vault.calls).toHaveLength(2);
    clock.advance(1_001);
    await cache.getSecret("s");
    expect(vault.calls).toHaveLength(3);
  });

  it.each([
    ["Retry-After seconds", { "retry-after": "2" }, 2_000],
    ["Retry-After date", { "retry-after": "__DATE__" }, 3_000],
    ["retry-after-ms", { "retry-after-ms": "4000" }, 4_000],
    ["x-ms-retry-after-ms", { "x-ms-retry-after-ms": "100" }, 100],
  ])("honours %s on a 429 ahead of its own backoff", async (_label, headers, waitInMs) => {
    const { vault, clock, cache } = await warmed();
    clock.advance(1_000);
    const date = new Date(clock.now() + 3_000).toUTCString();
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === "__DATE__" ? date : v]));
    vault.fail(restError(429, { code: "Throttled", headers: resolved }));
    expect((await cache.getSecret("s")).value).toBe("good");
    clock.advance(waitInMs - 1);
    await cache.getSecret("s");
    expect(vault.calls).toHaveLength(1);
    clock.advance(1);
    await cache.getSecret("s");
    expect(vault.calls).toHaveLength(2);
  });

  it("evicts and rethrows when a refresh answers 404, then remembers the 404 for negativeTtlInMs", async () => {
    const { vault, clock, cache, events } = await warmed({ negativeTtlInMs: 5_000 });
    vault.remove("s");
    clock.advance(1_000);
    const error = await cache.getSecret("s").catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404, code: "SecretNotFound" });
    expect(events.map((e) => e.type)).toContain("evict");
    await expect(cache.getSecret("s")).rejects.toBe(error); // answered from the negative entry
    clock.advance(4_999);
    await expect(cache.getSecret("s")).rejects.toBe(error);
    expect(vault.calls).toHaveLength(1);
    clock.advance(1);
    vault.put("s", "back");
    expect((await cache.getSecret("s")).value).toBe("back");
    expect(vault.calls).toHaveLength(2);
  });

  it("caches a cold 404 too, and not at all with negativeTtlInMs 0", async () => {
    for (const [negativeTtlInMs, expectedCalls] of [
      [5_000, 1],
      [0, 2],
    ] as const) {
      const vault = new FakeVault();
      const cache = new SecretCache(vault, { clock: new ManualClock(), negativeTtlInMs });
      await expect(cache.getSecret("nope")).rejects.toMatchObject({ statusCode: 404 });
      await expect(cache.getSecret("nope")).rejects.toMatchObject({ statusCode: 404 });
      expect(vault.calls).toHaveLength(expectedCalls);
    }
  });

  it("evicts and rethrows when a refresh answers 403 SecretDisabled, without remembering it", async () => {
    const { vault, clock, cache } = await warmed();
    const disabled = restError(403, { code: "Forbidden", innerCode: "SecretDisabled" });
    vault.fail(disabled);
    clock.advance(1_000);
    await expect(cache.getSecret("s")).rejects.toBe(disabled);
    expect((await cache.getSecret("s")).value).toBe("good"); // re-enabled: asked the vault again
    expect(vault.calls).toHaveLength(2);
  });

  it.each([
    ["401", restError(401, { code: "Unauthorized" })],
    ["403 without SecretDisabled", restError(403, { code: "Forbidden", innerCode: "AccessDenied" })],
    ["400", restError(400, { code: "BadParameter" })],
  ])("rethrows %s without serving stale or evicting", async (_label, error) => {
    const { vault, clock, cache } = await warmed();
    vault.fail(error, error);
    clock.advance(1_000);
    await expect(cache.getSecret("s")).rejects.toBe(error);
    await expect(cache.getSecret("s")).rejects.toBe(error); // not degraded: each read asks again
    expect(cache.stats()).toMatchObject({ staleServes: 0, evictions: 0 });
    expect((await cache.getSecret("s")).value).toBe("good");
  });

  it("rethrows a cold miss's error untouched, and stale is never invented", async () => {
    const vault = new FakeVault();
    const cache = new SecretCache(vault, { clock: new ManualClock() });
    const error = restError(500);
    vault.fail(error);
    await expect(cache.getSecret("s")).rejects.toBe(error);
  });

  it("keeps serving the cached value when a refresh-ahead fails, and backs off before the next one", async () => {
    const { vault, clock, cache } = await warmed({ refreshAheadRatio: 0.4 });
    vault.fail(restError(500, { headers: { "retry-after": "10" } }));
    clock.advance(450); // due for refresh-ahead, still fresh
    expect((await cache.getSecret("s")).value).toBe("good");
    await settle();
    expect(vault.calls).toHaveLength(1);
    for (let i = 0; i < 10; i++) await cache.getSecret("s");
    expect(vault.calls).toHaveLength(1); // Retry-After: 10 s
    expect(cache.stats()).toMatchObject({ hits: 11, staleServes: 0, errors: 1 });
  });
});
