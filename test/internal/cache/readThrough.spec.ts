import { describe, expect, it, vi } from "vitest";
import { SecretCache, type SecretCacheEvent } from "../../../src/cache/index.js";
import { FakeVault, ManualClock } from "./fakeVault.js";

function setup(options: ConstructorParameters<typeof SecretCache>[1] = {}) {
  const vault = new FakeVault();
  const clock = new ManualClock();
  const events: SecretCacheEvent[] = [];
  const cache = new SecretCache(vault, { clock, onEvent: (event) => events.push(event), ...options });
  return { vault, clock, cache, events };
}

describe("SecretCache reads", () => {
  it("makes exactly one request for 10,000 concurrent cold reads of one key", async () => {
    const { vault, cache } = setup();
    vault.put("db-password", "value-1");
    const results = await Promise.all(Array.from({ length: 10_000 }, () => cache.getSecret("db-password")));
    expect(vault.calls).toHaveLength(1);
    expect(new Set(results.map((secret) => secret.value))).toEqual(new Set(["value-1"]));
    expect(cache.stats()).toMatchObject({ misses: 10_000, hits: 0 });
    expect(await cache.getSecret("db-password")).toMatchObject({ value: "value-1" });
    expect(vault.calls).toHaveLength(1);
  });

  it("treats names case-insensitively, like Key Vault", async () => {
    const { vault, cache } = setup();
    vault.put("Db-Password", "value-1");
    await cache.getSecret("db-password");
    await cache.getSecret("DB-PASSWORD");
    expect(vault.calls).toHaveLength(1);
  });

  it("serves hits until the TTL ends and refetches after it", async () => {
    const { vault, cache, clock } = setup({ ttlInMs: 1_000 });
    vault.put("s", "old");
    await cache.getSecret("s");
    vault.put("s", "new");
    clock.advance(499); // the jittered TTL is at least ttl/2
    expect((await cache.getSecret("s")).value).toBe("old");
    clock.advance(501); // and at most ttl
    expect((await cache.getSecret("s")).value).toBe("new");
    expect(vault.calls).toHaveLength(2);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, refreshes: 1 });
  });

  it("draws each entry's TTL from [ttl/2, ttl], so entries loaded together expire apart", async () => {
    const { vault, cache, clock } = setup({ ttlInMs: 1_000 });
    const names = Array.from({ length: 200 }, (_, i) => `s${i}`);
    for (const name of names) vault.put(name, "v");
    await cache.getSecrets(names);
    clock.advance(499);
    await cache.getSecrets(names);
    expect(vault.calls).toHaveLength(200); // nobody expired before ttl/2
    clock.advance(251); // t = 750: some expired, some did not
    await cache.getSecrets(names);
    const refetched = vault.calls.length - 200;
    expect(refetched).toBeGreaterThan(0);
    expect(refetched).toBeLessThan(200);
    clock.advance(250); // t = 1000: all of the first generation expired
    const before = vault.calls.length;
    await cache.getSecrets(names);
    const refetchedAtTtl = vault.calls.length - before;
    expect(refetched + refetchedAtTtl).toBe(200); // each entry expired exactly once by then
  });

  it("never keeps a latest entry past the secret's expiresOn", async () => {
    const { vault, cache, clock } = setup({ ttlInMs: 300_000 });
    vault.put("s", "v", { expiresOn: new Date(clock.now() + 200) });
    await cache.getSecret("s");
    clock.advance(199);
    await cache.getSecret("s");
    expect(vault.calls).toHaveLength(1);
    clock.advance(1);
    await cache.getSecret("s");
    expect(vault.calls).toHaveLength(2);
  });

  it("does not cache a secret already past its expiresOn", async () => {
    const { vault, cache, clock } = setup();
    vault.put("s", "v", { expiresOn: new Date(clock.now() - 1_000) });
    await cache.getSecret("s");
    await cache.getSecret("s");
    expect(vault.calls).toHaveLength(2);
  });

  it("never refetches a version-pinned entry", async () => {
    const { vault, cache, clock } = setup({ ttlInMs: 1_000, refreshAheadRatio: 0.5 });
    const v1 = vault.put("s", "first");
    const version = v1.properties.version as string;
    vault.put("s", "second");
    expect((await cache.getSecret("s", { version })).value).toBe("first");
    clock.advance(30 * 86_400_000);
    expect((await cache.getSecret("s", { version })).value).toBe("first");
    expect((await cache.getSecret("S", { version: version.toUpperCase() })).value).toBe("first");
    expect(vault.calls).toEqual([{ name: "s", version }]);
    expect((await cache.getSecret("s")).value).toBe("second"); // latest is a separate key
  });

  it("evicts the least recently used entry first", async () => {
    const { vault, cache, events } = setup({ maxEntries: 3 });
    for (const name of ["a", "b", "c", "d"]) vault.put(name, name);
    for (const name of ["a", "b", "c", "a", "d"]) await cache.getSecret(name); // a was touched, so b goes
    expect(events.filter((e) => e.type === "evict")).toEqual([{ type: "evict", name: "b" }]);
    await cache.getSecret("a");
    await cache.getSecret("d");
    expect(vault.readsOf("a")).toBe(1);
    await cache.getSecret("b"); // c is now the least recently used
    expect(events.filter((e) => e.type === "evict").map((e) => e.name)).toEqual(["b", "c"]);
    expect(cache.stats()).toMatchObject({ evictions: 2, size: 3 });
  });

  it("lets one caller abort without cancelling the shared request for the others", async () => {
    const { vault, cache } = setup();
    vault.put("s", "v");
    const release = vault.hold();
    const controller = new AbortController();
    const first = cache.getSecret("s", { abortSignal: controller.signal });
    const second = cache.getSecret("s");
    const third = cache.getSecret("s");
    controller.abort();
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    release();
    expect((await second).value).toBe("v");
    expect((await third).value).toBe("v");
    expect(vault.calls).toHaveLength(1);
    await cache.getSecret("s"); // the aborted caller's request still filled the cache
    expect(vault.calls).toHaveLength(1);
  });

  it("lets a caller waiting on an expired entry's refresh abort, and the refresh still lands", async () => {
    const { vault, cache, clock } = setup({ ttlInMs: 1_000 });
    vault.put("s", "old");
    await cache.getSecret("s");
    vault.put("s", "new");
    clock.advance(1_000);
    const release = vault.hold();
    const controller = new AbortController();
    const waiting = cache.getSecret("s", { abortSignal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    release();
    await vi.waitFor(async () => expect((await cache.getSecret("s")).value).toBe("new"));
    expect(vault.calls).toHaveLength(2);
  });

  it("rejects an already-aborted read without sending a request", async () => {
    const { vault, cache } = setup();
    await expect(cache.getSecret("s", { abortSignal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(vault.calls).toHaveLength(0);
  });

  it("returns copies, so a caller cannot corrupt the cache", async () => {
    const { vault, cache } = setup();
    vault.put("s", "v");
    const first = await cache.getSecret("s");
    first.value = "tampered";
    (first.properties.tags as Record<string, string>)["team"] = "tampered";
    first.properties.createdOn?.setTime(123);
    const second = await cache.getSecret("s");
    expect(second.value).toBe("v");
    expect(second.properties.tags).toEqual({ team: "a" });
    expect(second.properties.createdOn?.getTime()).toBe(0);
    expect(second).not.toBe(first);
  });
});
