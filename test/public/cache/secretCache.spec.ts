import { describe, expect, it, vi } from "vitest";
import { useEmulator } from "../../utils/useEmulator.js";
import { freezeClock, newCache, readsOf } from "./cacheFixture.js";

describe("SecretCache against the emulator: reads", () => {
  const ctx = useEmulator();
  freezeClock(ctx);

  it("sends one request for 10,000 concurrent cold reads of one name", async () => {
    await ctx.client.setSecret("hot-read", "v1");
    const { cache } = newCache(ctx);
    const results = await Promise.all(Array.from({ length: 10_000 }, () => cache.getSecret("hot-read")));
    expect(results.every((secret) => secret.value === "v1")).toBe(true);
    expect(readsOf(ctx, "hot-read")).toBe(1);
    expect(cache.stats()).toMatchObject({ misses: 10_000, errors: 0 });
  });

  it("serves from memory within the TTL and refetches after it", async () => {
    await ctx.client.setSecret("ttl-read", "old");
    const { cache } = newCache(ctx, { ttlInMs: 60_000 });
    await cache.getSecret("ttl-read");
    await ctx.client.setSecret("ttl-read", "new");
    ctx.emu.control.clock.advance(29); // under ttl/2
    expect((await cache.getSecret("ttl-read")).value).toBe("old");
    expect(readsOf(ctx, "ttl-read")).toBe(1);
    ctx.emu.control.clock.advance(31); // at the TTL
    expect((await cache.getSecret("ttl-read")).value).toBe("new");
    expect(readsOf(ctx, "ttl-read")).toBe(2);
  });

  it("refreshes ahead in the background while callers keep the cached value", async () => {
    await ctx.client.setSecret("ahead-read", "old");
    const { cache } = newCache(ctx, { ttlInMs: 60_000, refreshAheadRatio: 0.4 });
    await cache.getSecret("ahead-read");
    await ctx.client.setSecret("ahead-read", "new");
    ctx.emu.control.clock.advance(25); // past 0.4 × TTL (≤ 24 s), before the TTL (≥ 30 s)
    expect((await cache.getSecret("ahead-read")).value).toBe("old");
    await vi.waitFor(() => expect(readsOf(ctx, "ahead-read")).toBe(2));
    await vi.waitFor(async () => expect((await cache.getSecret("ahead-read")).value).toBe("new"));
    expect(readsOf(ctx, "ahead-read")).toBe(2);
  });

  it("never refetches a version-pinned read, even when the vault fails", async () => {
    const first = await ctx.client.setSecret("pinned-read", "first");
    await ctx.client.setSecret("pinned-read", "second");
    const version = first.properties.version as string;
    const { cache } = newCache(ctx, { ttlInMs: 1_000 });
    expect((await cache.getSecret("pinned-read", { version })).value).toBe("first");
    ctx.emu.control.clock.advance(30 * 86_400);
    ctx.emu.control.faults.add({ path: "^/secrets/pinned-read", status: 500 });
    try {
      expect((await cache.getSecret("pinned-read", { version })).value).toBe("first");
    } finally {
      ctx.emu.control.faults.clear();
    }
    expect(readsOf(ctx, "pinned-read", version)).toBe(1);
  });

  it("writes through setSecret and reads it back without a request", async () => {
    const { cache } = newCache(ctx);
    const written = await cache.setSecret("write-read", "through", { contentType: "text/plain" });
    const read = await cache.getSecret("write-read");
    expect(read).toEqual(written);
    expect(readsOf(ctx, "write-read")).toBe(0);
  });

  it("lets one caller abort while the shared request still answers the others", async () => {
    await ctx.client.setSecret("abort-read", "v");
    const { cache } = newCache(ctx);
    ctx.emu.control.faults.add({ path: "^/secrets/abort-read/$", latencyInMs: 200, count: 1 });
    const controller = new AbortController();
    const aborted = cache.getSecret("abort-read", { abortSignal: controller.signal });
    const others = Promise.all([cache.getSecret("abort-read"), cache.getSecret("abort-read")]);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    expect((await others).map((s) => s.value)).toEqual(["v", "v"]);
    expect(readsOf(ctx, "abort-read")).toBe(1);
  });

  it("reads several names with bounded concurrency", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `bulk-read-${i}`);
    for (const name of names) await ctx.client.setSecret(name, `value-${name}`);
    const { cache } = newCache(ctx);
    const secrets = await cache.getSecrets(names, { concurrency: 4 });
    expect(secrets.map((s) => s.value)).toEqual(names.map((n) => `value-${n}`));
    expect(names.map((n) => readsOf(ctx, n))).toEqual(names.map(() => 1));
  });
});
