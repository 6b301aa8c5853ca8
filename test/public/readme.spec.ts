import { describe, expect, it } from "vitest";
import { SecretClient, isRestError } from "../../src/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { useEmulator } from "../utils/useEmulator.js";

// Every README and TSDoc example is cut from this file (.ci/updateSnippets.mjs) and runs here against
// the emulator. Names in examples are fixed strings; each test uses its own.
describe("README examples", () => {
  // Zero-length deletion, recovery and purge windows: these tests are about the examples, not timing.
  const ctx = useEmulator({
    vaults: [{ name: "default", deletionDelayInMs: 0, recoveryDelayInMs: 0, purgeDelayInMs: 0 }],
  });

  it("runs against the in-process emulator", async () => {
    // @snippet ReadmeSampleEmulator
    const emulator = await startEmulator();
    const client = new SecretClient(emulator.vaultUrl, emulator.credential, emulator.clientOptions);
    await client.setSecret("greeting", "hello");
    const { value } = await client.getSecret("greeting");
    await emulator.close();
    // @snippet-end ReadmeSampleEmulator
    expect(value).toBe("hello");
  });

  it("sets a secret", async () => {
    const client = ctx.client;
    // @snippet ReadmeSampleSetSecret
    const secret = await client.setSecret("db-password", "s3cr3t", {
      contentType: "text/plain",
      tags: { env: "dev" },
      expiresOn: new Date("2040-01-01T00:00:00Z"),
    });
    console.log(`created version ${secret.properties.version}`);
    // @snippet-end ReadmeSampleSetSecret
    expect(secret.properties.expiresOn).toEqual(new Date("2040-01-01T00:00:00Z"));
    expect(secret.properties.version).toMatch(/^[0-9a-f]{32}$/);
  });

  it("gets a secret, latest or by version", async () => {
    const client = ctx.client;
    const { properties } = await client.setSecret("api-key", "k1");
    const firstVersion = properties.version!;
    await client.setSecret("api-key", "k2");
    // @snippet ReadmeSampleGetSecret
    const latest = await client.getSecret("api-key");
    const older = await client.getSecret("api-key", { version: firstVersion });
    // @snippet-end ReadmeSampleGetSecret
    expect([latest.value, older.value]).toEqual(["k2", "k1"]);
  });

  it("updates a secret's properties", async () => {
    const client = ctx.client;
    await client.setSecret("feature-flag", "on", { tags: { owner: "a" } });
    // @snippet ReadmeSampleUpdateSecretProperties
    const updated = await client.updateSecretProperties("feature-flag", "", {
      enabled: false,
      tags: { owner: "team-b" }, // replaces the whole tag map; {} clears it
    });
    // @snippet-end ReadmeSampleUpdateSecretProperties
    expect(updated).toMatchObject({ enabled: false, tags: { owner: "team-b" } });
    await expect(client.getSecret("feature-flag")).rejects.toMatchObject({ statusCode: 403 });
  });

  it("deletes, reads the deleted secret, recovers", async () => {
    const client = ctx.client;
    await client.setSecret("old-token", "x");
    // @snippet ReadmeSampleDeleteSecret
    const deletePoller = await client.beginDeleteSecret("old-token", { intervalInMs: 500 });
    const deleted = await deletePoller.pollUntilDone();
    console.log(`purge scheduled for ${deleted.scheduledPurgeDate?.toISOString()}`);
    // @snippet-end ReadmeSampleDeleteSecret
    // @snippet ReadmeSampleGetDeletedSecret
    const deletedSecret = await client.getDeletedSecret("old-token");
    console.log(deletedSecret.recoveryId);
    // @snippet-end ReadmeSampleGetDeletedSecret
    // @snippet ReadmeSampleRecoverDeletedSecret
    const recoverPoller = await client.beginRecoverDeletedSecret("old-token", { intervalInMs: 500 });
    const recovered = await recoverPoller.pollUntilDone();
    // @snippet-end ReadmeSampleRecoverDeletedSecret
    expect(deletedSecret.recoveryId).toMatch(/\/deletedsecrets\/old-token$/);
    expect(recovered.name).toBe("old-token");
    expect((await client.getSecret("old-token")).value).toBe("x");
  });

  it("purges a deleted secret", async () => {
    const client = ctx.client;
    await client.setSecret("temp", "x");
    await (await client.beginDeleteSecret("temp", { intervalInMs: 500 })).pollUntilDone();
    // @snippet ReadmeSamplePurgeDeletedSecret
    await client.purgeDeletedSecret("temp");
    // @snippet-end ReadmeSamplePurgeDeletedSecret
    await expect(client.getDeletedSecret("temp")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("backs up and restores", async () => {
    const client = ctx.client;
    await client.setSecret("cert-pass", "p1");
    await client.setSecret("cert-pass", "p2");
    // @snippet ReadmeSampleBackupSecret
    const backup = await client.backupSecret("cert-pass"); // every version, as an opaque blob
    // @snippet-end ReadmeSampleBackupSecret
    await (await client.beginDeleteSecret("cert-pass", { intervalInMs: 500 })).pollUntilDone();
    await client.purgeDeletedSecret("cert-pass");
    // @snippet ReadmeSampleRestoreSecretBackup
    const restored = await client.restoreSecretBackup(backup!);
    // @snippet-end ReadmeSampleRestoreSecretBackup
    expect(restored.name).toBe("cert-pass");
    expect((await client.getSecret("cert-pass")).value).toBe("p2");
  });

  it("lists secrets, versions and deleted secrets", async () => {
    const client = ctx.client;
    await client.setSecret("list-me", "1");
    await client.setSecret("list-me", "2");
    // @snippet ReadmeSampleListSecrets
    for await (const properties of client.listPropertiesOfSecrets()) {
      console.log(properties.name, properties.enabled, properties.updatedOn);
    }
    // @snippet-end ReadmeSampleListSecrets
    const versions: string[] = [];
    // @snippet ReadmeSampleListSecretVersions
    for await (const properties of client.listPropertiesOfSecretVersions("list-me")) {
      versions.push(properties.version!);
    }
    // @snippet-end ReadmeSampleListSecretVersions
    const deletedNames: string[] = [];
    // @snippet ReadmeSampleListDeletedSecrets
    for await (const deleted of client.listDeletedSecrets()) {
      deletedNames.push(deleted.name);
    }
    // @snippet-end ReadmeSampleListDeletedSecrets
    expect(versions).toHaveLength(2);
    expect(deletedNames).not.toContain("list-me");
  });

  it("pages with a resumable continuation token", async () => {
    const client = ctx.client;
    for (const n of ["page-a", "page-b", "page-c"]) await client.setSecret(n, "x");
    // @snippet ReadmeSamplePaging
    const pages = client.listPropertiesOfSecrets().byPage({ maxPageSize: 2 });
    const first = (await pages.next()).value;
    const token = (first as { continuationToken?: string }).continuationToken;
    // ...later, perhaps in another process:
    for await (const page of client.listPropertiesOfSecrets().byPage({ continuationToken: token! })) {
      console.log(page.map((p) => p.name));
    }
    // @snippet-end ReadmeSamplePaging
    expect(first).toHaveLength(2);
    expect(token).toMatch(/^https:\/\//);
  });

  it("handles errors by status and code", async () => {
    const client = ctx.client;
    let found = true;
    // @snippet ReadmeSampleErrors
    try {
      await client.getSecret("does-not-exist");
    } catch (error) {
      if (isRestError(error) && error.statusCode === 404) {
        found = false; // error.code === "SecretNotFound"
      } else {
        throw error;
      }
    }
    // @snippet-end ReadmeSampleErrors
    expect(found).toBe(false);
  });
});
