import { afterEach, describe, expect, it, vi } from "vitest";
import { isRestError } from "../../../src/index.js";
import { useEmulator } from "../../utils/useEmulator.js";
import { freezeClock, newCache, readsOf } from "./cacheFixture.js";

describe("SecretCache against the emulator: failures", () => {
  const ctx = useEmulator();
  freezeClock(ctx);
  afterEach(() => ctx.emu.control.faults.clear());

  it("serves the last good value when a refresh meets a 5xx", async () => {
    await ctx.client.setSecret("stale-5xx", "good");
    const { cache } = newCache(ctx, { ttlInMs: 60_000 });
    await cache.getSecret("stale-5xx");
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/stale-5xx/$", status: 503, count: 1 });
    ctx.emu.control.clock.advance(60);
    expect((await cache.getSecret("stale-5xx")).value).toBe("good");
    expect(cache.stats()).toMatchObject({ staleServes: 1, errors: 1 });
  });

  it("fails with the vault's error once an outage outlasts maxStaleInMs", async () => {
    await ctx.client.setSecret("long-outage", "good");
    const { cache } = newCache(ctx, { ttlInMs: 60_000, maxStaleInMs: 600_000 });
    await cache.getSecret("long-outage");
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/long-outage/$", status: 500 });
    ctx.emu.control.clock.advance(60);
    expect((await cache.getSecret("long-outage")).value).toBe("good");
    ctx.emu.control.clock.advance(600);
    const error = await cache.getSecret("long-outage").catch((e: unknown) => e);
    expect(isRestError(error) && error.statusCode).toBe(500);
  });

  it("backs off during a throttling storm, honouring Retry-After, and keeps serving", async () => {
    await ctx.client.setSecret("storm", "good");
    const { cache } = newCache(ctx, { ttlInMs: 60_000 });
    await cache.getSecret("storm");
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/storm/$", status: 429, retryAfter: 30 });
    ctx.emu.control.clock.advance(60);
    for (let second = 0; second < 29; second++) {
      const values = await Promise.all(Array.from({ length: 10 }, () => cache.getSecret("storm")));
      expect(values.every((s) => s.value === "good")).toBe(true);
      ctx.emu.control.clock.advance(1);
    }
    expect(readsOf(ctx, "storm")).toBe(2); // the warm-up and one throttled refresh, for 290 reads
    ctx.emu.control.faults.clear();
    ctx.emu.control.clock.advance(1); // Retry-After has passed: one background retry
    expect((await cache.getSecret("storm")).value).toBe("good");
    await vi.waitFor(() => expect(readsOf(ctx, "storm")).toBe(3));
    expect(cache.stats()).toMatchObject({ staleServes: 291, errors: 1 });
  });

  it("evicts on 404 after a delete and remembers the 404 briefly", async () => {
    await ctx.client.setSecret("deleted-later", "v");
    const { cache, events } = newCache(ctx, { ttlInMs: 60_000, negativeTtlInMs: 5_000 });
    await cache.getSecret("deleted-later");
    await ctx.client.beginDeleteSecret("deleted-later");
    ctx.emu.control.clock.advance(60);
    const error = await cache.getSecret("deleted-later").catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404, code: "SecretNotFound" });
    expect(events).toContainEqual({ type: "evict", name: "deleted-later" });
    await expect(cache.getSecret("deleted-later")).rejects.toBe(error);
    expect(readsOf(ctx, "deleted-later")).toBe(2);
  });

  it("evicts and rethrows when the secret is disabled (403 SecretDisabled)", async () => {
    const secret = await ctx.client.setSecret("disabled-later", "v");
    const { cache } = newCache(ctx, { ttlInMs: 60_000 });
    await cache.getSecret("disabled-later");
    await ctx.client.updateSecretProperties("disabled-later", secret.properties.version as string, { enabled: false });
    ctx.emu.control.clock.advance(60);
    await expect(cache.getSecret("disabled-later")).rejects.toMatchObject({ statusCode: 403 });
    expect(cache.stats()).toMatchObject({ evictions: 1, staleServes: 0, size: 0 });
  });
});
