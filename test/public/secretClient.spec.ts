import { describe, expect, it } from "vitest";
import { SecretClient, isRestError, type RestError } from "../../src/index.js";
import { useEmulator } from "../utils/useEmulator.js";

async function failure(promise: Promise<unknown>): Promise<RestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isRestError(error)) throw new Error(`expected a RestError, got ${String(error)}`);
  return error;
}

async function names<T extends { name: string }>(items: AsyncIterable<T>): Promise<string[]> {
  const all: string[] = [];
  for await (const item of items) all.push(item.name);
  return all;
}

// Once through the emulator's transport (core's), once through the client's own default transport.
describe.each(["emulator", "default"] as const)(
  "SecretClient against the emulator over HTTPS (%s transport)",
  (transport) => {
    const ctx = useEmulator(
      {
        vaults: [
          { name: "default" },
          { name: "protected", recoveryLevel: "Recoverable", purgeProtection: true, recoverableDays: 7 },
          { name: "plain", recoveryLevel: "Purgeable" },
        ],
      },
      transport,
    );
    const clientFor = (vault: string): SecretClient =>
      new SecretClient(`https://${vault}.localhost:${ctx.emu.port}`, ctx.emu.credential, ctx.clientOptions);

    it("round-trips every property of a set secret", async () => {
      const notBefore = new Date("2020-01-01T00:00:00Z");
      const expiresOn = new Date("2100-06-01T12:00:00Z");
      const secret = await ctx.client.setSecret("full", "v", {
        contentType: "text/plain",
        tags: { a: "1" },
        enabled: true,
        notBefore,
        expiresOn,
      });
      const read = await ctx.client.getSecret("full");
      expect(read.value).toBe("v");
      expect(read.properties).toEqual(secret.properties);
      expect(read.properties).toMatchObject({
        name: "full",
        vaultUrl: `https://default.localhost:${ctx.emu.port}`,
        contentType: "text/plain",
        tags: { a: "1" },
        enabled: true,
        notBefore,
        expiresOn,
        recoveryLevel: "Recoverable+Purgeable",
        recoverableDays: 90,
      });
      expect(read.properties.createdOn).toBeInstanceOf(Date);
    });

    it("answers 403 for a disabled version and still lists it", async () => {
      await ctx.client.setSecret("disabled-one", "v", { enabled: false });
      const error = await failure(ctx.client.getSecret("disabled-one"));
      expect(error).toMatchObject({
        statusCode: 403,
        code: "Forbidden",
        message: "Operation get is not allowed on a disabled secret.",
      });
      expect(await names(ctx.client.listPropertiesOfSecrets())).toContain("disabled-one");
    });

    it("pages one item at a time with maxPageSize 1 and resumes from any page's token", async () => {
      for (let i = 0; i < 3; i++) await ctx.client.setSecret("paged", `v${i}`);
      const pages = [];
      for await (const page of ctx.client.listPropertiesOfSecretVersions("paged").byPage({ maxPageSize: 1 }))
        pages.push(page);
      expect(pages.map((p) => p.length)).toEqual([1, 1, 1]);
      const token = (pages[0] as { continuationToken?: string }).continuationToken!;
      const rest = [];
      for await (const page of ctx.client.listPropertiesOfSecretVersions("paged").byPage({ continuationToken: token }))
        rest.push(...page);
      expect(rest.map((p) => p.version)).toEqual([pages[1]![0]!.version, pages[2]![0]!.version]);
      expect(await names(ctx.client.listPropertiesOfSecretVersions("never-created"))).toEqual([]);
    });

    it("keeps polling a delete until the deletion window passes on the emulator clock", async () => {
      await ctx.client.setSecret("windowed", "v");
      ctx.emu.control.clock.freeze();
      try {
        const poller = await ctx.client.beginDeleteSecret("windowed", { intervalInMs: 5 });
        expect(poller.isDone()).toBe(false);
        await poller.poll();
        expect(poller.isDone()).toBe(false);
        ctx.emu.control.clock.advance(3);
        const deleted = await poller.pollUntilDone();
        expect(deleted.recoveryId).toMatch(/\/deletedsecrets\/windowed$/);
        expect(deleted.scheduledPurgeDate!.getTime() - deleted.deletedOn!.getTime()).toBe(90 * 86400 * 1000);

        const conflict = await failure(ctx.client.setSecret("windowed", "again"));
        expect(conflict).toMatchObject({ statusCode: 409, code: "Conflict" });
        expect(await names(ctx.client.listDeletedSecrets())).toContain("windowed");

        const recover = await ctx.client.beginRecoverDeletedSecret("windowed", { intervalInMs: 5 });
        expect(recover.isDone()).toBe(false);
        ctx.emu.control.clock.advance(3);
        expect((await recover.pollUntilDone()).name).toBe("windowed");
        expect((await ctx.client.getSecret("windowed")).value).toBe("v");
      } finally {
        ctx.emu.control.clock.unfreeze();
      }
    });

    it("refuses purge under purge protection with 403", async () => {
      const client = clientFor("protected");
      await client.setSecret("kept", "v");
      ctx.emu.control.clock.freeze();
      try {
        const poller = await client.beginDeleteSecret("kept", { intervalInMs: 5 });
        ctx.emu.control.clock.advance(3);
        const deleted = await poller.pollUntilDone();
        expect(deleted.properties.recoveryLevel).toBe("Recoverable");
        expect(await failure(client.purgeDeletedSecret("kept"))).toMatchObject({ statusCode: 403 });
      } finally {
        ctx.emu.control.clock.unfreeze();
      }
    });

    it("completes a delete at once in a vault without soft delete", async () => {
      const client = clientFor("plain");
      await client.setSecret("gone", "v");
      const poller = await client.beginDeleteSecret("gone");
      expect(poller.isDone()).toBe(true);
      expect(poller.getResult()?.recoveryId).toBeUndefined();
      expect(await failure(client.getSecret("gone"))).toMatchObject({ statusCode: 404, code: "SecretNotFound" });
    });

    it("restores a backup into another vault and refuses a restore over an existing name", async () => {
      await ctx.client.setSecret("portable", "v1");
      await ctx.client.setSecret("portable", "v2");
      const backup = await ctx.client.backupSecret("portable");
      expect(await failure(ctx.client.restoreSecretBackup(backup!))).toMatchObject({ statusCode: 409 });
      const other = clientFor("restored");
      const restored = await other.restoreSecretBackup(backup!);
      expect(restored).not.toHaveProperty("value");
      expect((await other.getSecret("portable")).value).toBe("v2");
      expect((await names(other.listPropertiesOfSecretVersions("portable"))).length).toBe(2);
    });

    it("retries a throttled read and gives up with the 429 after maxRetries", async () => {
      await ctx.client.setSecret("hot", "v");
      const client = ctx.newClient({ retryOptions: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 } });
      ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/hot", status: 429, count: 2, afterAuth: true });
      expect((await client.getSecret("hot")).value).toBe("v");
      ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/hot", status: 429, count: 3, afterAuth: true });
      expect(await failure(client.getSecret("hot"))).toMatchObject({ statusCode: 429, code: "Throttled" });
    });

    it("surfaces a 401 without a challenge as a RestError 401, then recovers", async () => {
      await ctx.client.setSecret("guarded", "v");
      ctx.emu.control.faults.add({ path: "^/secrets/guarded", missingChallenge: true, count: 1, afterAuth: true });
      expect(await failure(ctx.client.getSecret("guarded"))).toMatchObject({ statusCode: 401 });
      expect((await ctx.client.getSecret("guarded")).value).toBe("v");
    });

    it("answers a CAE claims challenge with one fresh token and succeeds", async () => {
      await ctx.client.setSecret("cae", "v");
      ctx.emu.control.faults.add({ path: "^/secrets/cae", caeChallenge: true, count: 1, afterAuth: true });
      expect((await ctx.client.getSecret("cae")).value).toBe("v");
    });

    it("lets the service validate names: a bad character gets Key Vault's 400", async () => {
      const error = await failure(ctx.client.setSecret("bad_name", "v"));
      expect(error).toMatchObject({
        statusCode: 400,
        code: "BadParameter",
        message: "The request URI contains an invalid name: bad_name",
      });
    });
  },
);
