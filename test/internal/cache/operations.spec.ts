import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { AzureLogger, setLogLevel } from "@azure/logger";
import { afterEach, describe, expect, it } from "vitest";
import type { KeyVaultSecret } from "../../../src/index.js";
import { SecretCache, type SecretCacheEvent, type SecretCacheHook } from "../../../src/cache/index.js";
import { FakeVault, ManualClock, restError } from "./fakeVault.js";

function setup(options: ConstructorParameters<typeof SecretCache>[1] = {}) {
  const vault = new FakeVault();
  const clock = new ManualClock();
  const events: SecretCacheEvent[] = [];
  const cache = new SecretCache(vault, { clock, onEvent: (event) => events.push(event), ...options });
  return { vault, clock, cache, events };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("SecretCache operations", () => {
  it("refreshes ahead in the background while callers keep getting the cached value", async () => {
    const { vault, clock, cache } = setup({ ttlInMs: 1_000, refreshAheadRatio: 0.4 });
    vault.put("s", "old");
    await cache.getSecret("s");
    vault.put("s", "new");
    clock.advance(450); // past 0.4 × TTL (at most 400 ms), before the TTL (at least 500 ms)
    const release = vault.hold();
    expect((await cache.getSecret("s")).value).toBe("old");
    expect((await cache.getSecret("s")).value).toBe("old");
    expect(vault.calls).toHaveLength(2); // one refresh, not one per hit
    release();
    await settle();
    expect((await cache.getSecret("s")).value).toBe("new");
    expect(vault.calls).toHaveLength(2);
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 1, refreshes: 1 });
  });

  it("writes through setSecret and serves the new value without a read", async () => {
    const { vault, cache } = setup();
    vault.put("s", "old");
    await cache.getSecret("s");
    const written = await cache.setSecret("s", "new");
    expect(written.value).toBe("new");
    expect((await cache.getSecret("S")).value).toBe("new");
    expect(vault.calls).toHaveLength(1);
  });

  it("does not let a read that started before a write overwrite it", async () => {
    const { vault, cache } = setup();
    vault.put("s", "old");
    const release = vault.hold();
    const racing = cache.getSecret("s");
    await cache.setSecret("s", "new");
    release();
    await racing;
    expect((await cache.getSecret("s")).value).toBe("new");
  });

  it("does not cache a secret written as disabled", async () => {
    const { vault, cache } = setup();
    await cache.setSecret("s", "v", { enabled: false });
    await cache.getSecret("s").catch(() => undefined);
    expect(vault.calls).toHaveLength(1);
  });

  it("invalidates one name (all its versions) or everything", async () => {
    const { vault, cache } = setup();
    const a1 = vault.put("a", "a1");
    vault.put("b", "b1");
    await cache.getSecrets(["a", "b"]);
    await cache.getSecret("a", { version: a1.properties.version as string });
    cache.invalidate("A");
    await cache.getSecrets(["a", "b"]);
    await cache.getSecret("a", { version: a1.properties.version as string });
    expect(vault.readsOf("a")).toBe(4);
    expect(vault.readsOf("b")).toBe(1);
    cache.invalidate();
    expect(cache.stats().size).toBe(0);
    await cache.getSecrets(["a", "b"]);
    expect(vault.calls).toHaveLength(7);
  });

  it("does not store the answer of a read in flight during invalidate", async () => {
    const { vault, cache } = setup();
    vault.put("s", "old");
    const release = vault.hold();
    const racing = cache.getSecret("s");
    cache.invalidate("s");
    release();
    expect((await racing).value).toBe("old"); // its caller still gets an answer
    vault.put("s", "new");
    expect((await cache.getSecret("s")).value).toBe("new");
    expect(vault.calls).toHaveLength(2);
  });

  it("refresh() always asks the vault and rethrows failures instead of serving stale", async () => {
    const { vault, cache } = setup();
    vault.put("s", "old");
    await cache.getSecret("s");
    vault.put("s", "new");
    expect((await cache.refresh("s")).value).toBe("new");
    const error = restError(503);
    vault.fail(error);
    await expect(cache.refresh("s")).rejects.toBe(error);
    expect((await cache.getSecret("s")).value).toBe("new"); // the entry survives a transient failure
    expect(vault.calls).toHaveLength(3);
  });

  it("getSecrets keeps order, bounds concurrency (default 8) and rejects with the first error", async () => {
    const { vault, cache } = setup();
    const names = Array.from({ length: 40 }, (_, i) => `s${i}`);
    for (const name of names) vault.put(name, `value-of-${name}`);
    const secrets = await cache.getSecrets(names);
    expect(secrets.map((s) => s.name)).toEqual(names);
    expect(vault.maxInFlight).toBe(8);

    const other = setup();
    for (const name of names) other.vault.put(name, "v");
    await other.cache.getSecrets(names, { concurrency: 3 });
    expect(other.vault.maxInFlight).toBe(3);

    const missing = setup();
    missing.vault.put("a", "v");
    await expect(missing.cache.getSecrets(["a", "nope", "b", "c"], { concurrency: 1 })).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(missing.vault.calls.map((c) => c.name)).toEqual(["a", "nope"]);
    await expect(cache.getSecrets(names, { concurrency: 0 })).rejects.toThrow(RangeError);
  });

  it("passes secrets through the hook on the way in and out", async () => {
    const key = randomBytes(32);
    const stored: Buffer[] = [];
    const hook: SecretCacheHook<{ iv: Buffer; data: Buffer; tag: Buffer }> = {
      put(secret) {
        const iv = randomBytes(12);
        const cipher = createCipheriv("aes-256-gcm", key, iv);
        const data = Buffer.concat([cipher.update(JSON.stringify(secret)), cipher.final()]);
        stored.push(data);
        return { iv, data, tag: cipher.getAuthTag() };
      },
      get({ iv, data, tag }) {
        const decipher = createDecipheriv("aes-256-gcm", key, iv).setAuthTag(tag);
        const secret = JSON.parse(
          Buffer.concat([decipher.update(data), decipher.final()]).toString(),
        ) as KeyVaultSecret;
        const { createdOn, updatedOn } = secret.properties as unknown as Record<string, string>;
        return {
          ...secret,
          properties: {
            ...secret.properties,
            createdOn: new Date(createdOn as string),
            updatedOn: new Date(updatedOn as string),
          },
        };
      },
    };
    const { vault, cache } = setup({ hook });
    vault.put("s", "plain-text-value");
    expect((await cache.getSecret("s")).value).toBe("plain-text-value"); // the miss is answered directly
    expect((await cache.getSecret("s")).value).toBe("plain-text-value"); // the hit goes through hook.get
    expect(stored).toHaveLength(1);
    expect(stored[0]?.toString("latin1")).not.toContain("plain-text-value");
  });

  it("reports stats and events by name only, never values", async () => {
    const { vault, clock, cache, events } = setup({ ttlInMs: 1_000, maxEntries: 1 });
    vault.put("alpha", "super-secret-value-1");
    vault.put("beta", "super-secret-value-2");
    await cache.getSecret("alpha");
    await cache.getSecret("alpha");
    clock.advance(1_000);
    vault.fail(restError(500));
    await cache.getSecret("alpha");
    await cache.getSecret("beta");
    expect(events).toEqual([
      { type: "miss", name: "alpha" },
      { type: "hit", name: "alpha" },
      { type: "refresh", name: "alpha" },
      { type: "error", name: "alpha" },
      { type: "stale", name: "alpha" },
      { type: "miss", name: "beta" },
      { type: "evict", name: "alpha" },
    ]);
    expect(cache.stats()).toEqual({
      hits: 1,
      misses: 2,
      staleServes: 1,
      errors: 1,
      refreshes: 1,
      evictions: 1,
      size: 1,
    });
    expect(JSON.stringify({ events, stats: cache.stats() })).not.toContain("super-secret");
  });

  it("shows no value through inspect or JSON of the cache", async () => {
    const { vault, cache } = setup();
    vault.put("s", "super-secret-value");
    await cache.getSecret("s");
    expect(inspect(cache, { depth: 10, showHidden: true })).not.toContain("super-secret");
    expect(JSON.stringify(cache)).not.toContain("super-secret");
  });

  it("survives an onEvent that throws", async () => {
    const vault = new FakeVault();
    vault.put("s", "v");
    const cache = new SecretCache(vault, {
      onEvent: () => {
        throw new Error("listener bug");
      },
    });
    expect((await cache.getSecret("s")).value).toBe("v");
  });

  it("rejects bad options with TypeError or RangeError", () => {
    const vault = new FakeVault();
    expect(() => new SecretCache({} as never)).toThrow(TypeError);
    expect(() => new SecretCache(vault, { ttlInMs: 0 })).toThrow(RangeError);
    expect(() => new SecretCache(vault, { ttlInMs: Number.NaN })).toThrow(TypeError);
    expect(() => new SecretCache(vault, { maxStaleInMs: -1 })).toThrow(RangeError);
    expect(() => new SecretCache(vault, { maxEntries: 1.5 })).toThrow(RangeError);
    expect(() => new SecretCache(vault, { refreshAheadRatio: 1 })).toThrow(RangeError);
    expect(() => new SecretCache(vault, { negativeTtlInMs: -5 })).toThrow(RangeError);
    expect(() => new SecretCache(vault, { hook: {} as never })).toThrow(TypeError);
  });
});

describe("SecretCache rate budget", () => {
  const lines: string[] = [];
  const original = AzureLogger.log;
  afterEach(() => {
    AzureLogger.log = original;
    setLogLevel();
    lines.length = 0;
  });

  it("warns once, without names or values, when latest entries would use over 25% of the vault's limit", async () => {
    setLogLevel("warning");
    AzureLogger.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    // TTL 1 s: re-read as often as every 0.5 s, so 1,000 per 10 s (25% of 4,000) allows 50 entries.
    const { vault, cache } = setup({ ttlInMs: 1_000 });
    const names = Array.from({ length: 60 }, (_, i) => `name-${i}`);
    for (const name of names) vault.put(name, `value-${name}`);
    await cache.getSecrets(names.slice(0, 50));
    expect(lines).toEqual([]);
    await cache.getSecrets(names.slice(50));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /azure:keyvault-secrets:cache:warning 51 cached secrets .* every 0.5 s cost up to 1020 transactions/,
    );
    expect(lines[0]).not.toMatch(/name-|value-/);
  });
});
