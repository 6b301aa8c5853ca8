import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { KeyVaultSecret } from "../../../src/index.js";
import { SecretCache, type SecretCacheHook } from "../../../src/cache/index.js";
import { useEmulator } from "../../utils/useEmulator.js";

// The cache's README and TSDoc examples, cut from here by .ci/updateSnippets.mjs and run against the emulator.
describe("README examples: SecretCache", () => {
  const ctx = useEmulator();

  it("reads through the cache", async () => {
    const client = ctx.client;
    await client.setSecret("db-password", "s3cr3t");
    // @snippet ReadmeSampleSecretCache
    const cache = new SecretCache(client, { ttlInMs: 60_000, refreshAheadRatio: 0.8 });
    const secret = await cache.getSecret("db-password"); // one request, then from memory
    const again = await cache.getSecret("db-password"); // a hit
    // @snippet-end ReadmeSampleSecretCache
    expect(again).toEqual(secret);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it("reads several secrets at start-up", async () => {
    const client = ctx.client;
    await client.setSecret("api-key", "k");
    await client.setSecret("db-password", "s3cr3t");
    const cache = new SecretCache(client);
    // @snippet ReadmeSampleSecretCacheGetSecrets
    const [apiKey, dbPassword] = await cache.getSecrets(["api-key", "db-password"], { concurrency: 4 });
    // @snippet-end ReadmeSampleSecretCacheGetSecrets
    expect([apiKey?.value, dbPassword?.value]).toEqual(["k", "s3cr3t"]);
  });

  it("keeps values encrypted in memory with a hook", async () => {
    const client = ctx.client;
    await client.setSecret("db-password", "s3cr3t");
    // @snippet ReadmeSampleSecretCacheHook
    const key = randomBytes(32); // lives only in this process
    const hook: SecretCacheHook<{ secret: KeyVaultSecret; iv: Buffer; data: Buffer; tag: Buffer }> = {
      put({ value = "", ...secret }) {
        const iv = randomBytes(12);
        const cipher = createCipheriv("aes-256-gcm", key, iv);
        const data = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
        return { secret, iv, data, tag: cipher.getAuthTag() };
      },
      get({ secret, iv, data, tag }) {
        const decipher = createDecipheriv("aes-256-gcm", key, iv).setAuthTag(tag);
        return { ...secret, value: Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8") };
      },
    };
    const cache = new SecretCache(client, { hook });
    // @snippet-end ReadmeSampleSecretCacheHook
    await cache.getSecret("db-password");
    expect((await cache.getSecret("db-password")).value).toBe("s3cr3t");
  });

  it("counts cache events", async () => {
    const client = ctx.client;
    await client.setSecret("db-password", "s3cr3t");
    // @snippet ReadmeSampleSecretCacheEvents
    const counts = new Map<string, number>();
    const cache = new SecretCache(client, {
      onEvent: ({ type, name }) => counts.set(`${type}:${name}`, (counts.get(`${type}:${name}`) ?? 0) + 1),
    });
    // @snippet-end ReadmeSampleSecretCacheEvents
    await cache.getSecret("db-password");
    await cache.getSecret("db-password");
    expect(Object.fromEntries(counts)).toEqual({ "miss:db-password": 1, "hit:db-password": 1 });
  });
});
