import { SecretClient, isRestError, type SecretClientOptions } from "@azure/keyvault-secrets";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

/**
 * The unmodified official @azure/keyvault-secrets 4.12 driven against the emulator (SPEC §8.5): if the
 * official client is happy, the emulator speaks Key Vault.
 */
describe("official @azure/keyvault-secrets 4.12 against the emulator", () => {
  let emu: Emulator;
  let client: SecretClient;
  const newClient = (options: SecretClientOptions = {}) =>
    new SecretClient(emu.vaultUrl, emu.credential, {
      ...emu.clientOptions,
      retryOptions: { maxRetries: 0 },
      ...options,
    });

  async function expectRestError(p: Promise<unknown>, statusCode: number, code?: string) {
    const error = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode, ...(code !== undefined && { code }) });
  }

  async function deleteAndWait(name: string) {
    const poller = await client.beginDeleteSecret(name, { intervalInMs: 1 });
    expect(poller.isDone()).toBe(false); // still inside the deletion window
    emu.control.clock.advance(3);
    return poller.pollUntilDone();
  }

  beforeAll(async () => {
    emu = await startEmulator({ vaults: [{ name: "guarded", purgeProtection: true }] });
    client = newClient();
  });
  beforeEach(() => emu.control.clock.freeze());
  afterAll(async () => emu.close());

  it("sets, gets latest and by version, with properties", async () => {
    // Before 2038: the official client truncates later dates to int32 (SPEC §7 item 1).
    const expiresOn = new Date("2030-01-01T00:00:00Z");
    const set = await client.setSecret("crud", "v1", { contentType: "text/plain", tags: { env: "dev" }, expiresOn });
    expect(set.value).toBe("v1");
    expect(set.properties).toMatchObject({
      name: "crud",
      vaultUrl: emu.vaultUrl,
      contentType: "text/plain",
      tags: { env: "dev" },
      enabled: true,
      expiresOn,
      recoveryLevel: "Recoverable+Purgeable",
      recoverableDays: 90,
    });
    expect(set.properties.version).toMatch(/^[0-9a-f]{32}$/);
    const second = await client.setSecret("crud", "v2");
    expect((await client.getSecret("crud")).value).toBe("v2");
    expect((await client.getSecret("crud", { version: set.properties.version! })).value).toBe("v1");
    const nowMs = emu.control.clock.now().getTime();
    expect(second.properties.createdOn).toEqual(new Date(nowMs - (nowMs % 1000)));
  });

  it("updates properties without touching the value", async () => {
    const set = await client.setSecret("upd", "value");
    emu.control.clock.advance(10);
    const props = await client.updateSecretProperties("upd", set.properties.version!, {
      contentType: "application/json",
      tags: { a: "b" },
      enabled: true,
    });
    expect(props).toMatchObject({ contentType: "application/json", tags: { a: "b" } });
    expect(props.updatedOn!.getTime() - props.createdOn!.getTime()).toBe(10_000);
    const got = await client.getSecret("upd");
    expect(got.value).toBe("value");
    expect(got.properties.contentType).toBe("application/json");
  });

  it("lists secrets and versions page by page with maxPageSize 1", async () => {
    // A host-routed vault through emu.httpClient: resource verification stays on.
    const paged = new SecretClient(`https://paged.localhost:${emu.port}`, emu.credential, {
      httpClient: emu.httpClient,
      retryOptions: { maxRetries: 0 },
    });
    for (const name of ["c", "a", "b"]) await paged.setSecret(name, name);
    await paged.setSecret("a", "a2");
    const pages: string[][] = [];
    for await (const page of paged.listPropertiesOfSecrets().byPage({ maxPageSize: 1 }))
      pages.push(page.map((p) => p.name));
    expect(pages).toEqual([["a"], ["b"], ["c"]]);
    const versions: string[] = [];
    for await (const page of paged.listPropertiesOfSecretVersions("a").byPage({ maxPageSize: 1 })) {
      expect(page).toHaveLength(1);
      versions.push(page[0]!.version!);
    }
    expect(versions).toHaveLength(2);
    expect([...versions].sort()).toEqual(versions);
    const all: string[] = [];
    for await (const p of paged.listPropertiesOfSecrets()) all.push(p.name);
    expect(all).toEqual(["a", "b", "c"]);
    const none: unknown[] = [];
    for await (const p of paged.listPropertiesOfSecretVersions("missing")) none.push(p);
    expect(none).toEqual([]);
  });

  it("deletes with a deletion window on the emulator clock, then gets and lists the deleted secret", async () => {
    await client.setSecret("del", "v");
    const deleted = await deleteAndWait("del");
    expect(deleted.recoveryId).toBe(`${emu.vaultUrl}/deletedsecrets/del`);
    expect(deleted.scheduledPurgeDate!.getTime() - deleted.deletedOn!.getTime()).toBe(90 * 86_400_000);
    expect((await client.getDeletedSecret("del")).name).toBe("del");
    const names: string[] = [];
    for await (const d of client.listDeletedSecrets()) names.push(d.name);
    expect(names).toContain("del");
    await expectRestError(client.getSecret("del"), 404, "SecretNotFound");
  });

  it("recovers a deleted secret with all its versions", async () => {
    const first = await client.setSecret("rec", "one");
    await client.setSecret("rec", "two");
    await deleteAndWait("rec");
    const poller = await client.beginRecoverDeletedSecret("rec", { intervalInMs: 1 });
    emu.control.clock.advance(3);
    const props = await poller.pollUntilDone();
    expect(props.name).toBe("rec");
    expect((await client.getSecret("rec")).value).toBe("two");
    expect((await client.getSecret("rec", { version: first.properties.version! })).value).toBe("one");
  });

  it("purges a deleted secret, and refuses under purge protection", async () => {
    await client.setSecret("purge", "v");
    await deleteAndWait("purge");
    await client.purgeDeletedSecret("purge");
    emu.control.clock.advance(3);
    await expectRestError(client.getDeletedSecret("purge"), 404, "SecretNotFound");
    const guarded = new SecretClient(`https://guarded.localhost:${emu.port}`, emu.credential, {
      httpClient: emu.httpClient,
      retryOptions: { maxRetries: 0 },
    });
    await guarded.setSecret("keep", "v");
    const poller = await guarded.beginDeleteSecret("keep", { intervalInMs: 1 });
    emu.control.clock.advance(3);
    await poller.pollUntilDone();
    await expectRestError(guarded.purgeDeletedSecret("keep"), 403, "Forbidden");
  });

  it("backs up and restores every version after purge", async () => {
    const v1 = await client.setSecret("bak", "one");
    await client.setSecret("bak", "two");
    const blob = await client.backupSecret("bak");
    expect(blob).toBeInstanceOf(Uint8Array);
    await deleteAndWait("bak");
    await client.purgeDeletedSecret("bak");
    await expectRestError(client.restoreSecretBackup(blob!), 409, "Conflict");
    emu.control.clock.advance(3);
    const restored = await client.restoreSecretBackup(blob!);
    expect(restored.name).toBe("bak");
    expect((await client.getSecret("bak")).value).toBe("two");
    expect((await client.getSecret("bak", { version: v1.properties.version! })).value).toBe("one");
  });

  it("gets 403 SecretDisabled for a disabled secret", async () => {
    await client.setSecret("off", "v", { enabled: false });
    await expectRestError(client.getSecret("off"), 403, "Forbidden");
  });

  it("gets 409 when reusing a soft-deleted name", async () => {
    await client.setSecret("reuse", "v");
    await deleteAndWait("reuse");
    await expectRestError(client.setSecret("reuse", "again"), 409, "Conflict");
  });

  it("retries a 503 with Retry-After and a 500 when retries are on", async () => {
    const retrying = newClient({ retryOptions: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 } });
    await retrying.setSecret("retry", "v");
    emu.control.faults.add({ path: "^/secrets/retry", method: "GET", status: 503, retryAfter: 0, count: 1 });
    emu.control.faults.add({ path: "^/secrets/retry", method: "GET", status: 500, count: 1, afterAuth: true });
    emu.control.clearRequests();
    expect((await retrying.getSecret("retry")).value).toBe("v");
    const statuses = emu.control.requests().map((r) => r.status);
    expect(statuses).toEqual([503, 500, 200]);
    emu.control.faults.clear();
  });

  it("surfaces a 429 without retries as RestError 429", async () => {
    emu.control.faults.add({ status: 429, count: 1 });
    await expectRestError(client.getSecret("crud"), 429, "Throttled");
  });

  it("recovers from a CAE insufficient_claims challenge", async () => {
    await client.setSecret("cae", "v");
    emu.control.faults.add({ caeChallenge: true, count: 1, afterAuth: true });
    emu.control.clearRequests();
    expect((await client.getSecret("cae")).value).toBe("v");
    expect(emu.control.requests().map((r) => r.status)).toEqual([401, 200]);
  });
});
