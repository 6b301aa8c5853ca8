/**
 * @summary The whole life of a secret: set, get, update, list, delete and poll, recover, back up,
 * purge and restore. Runs against an embedded emulator unless KEYVAULT_URI names a real vault.
 */
import { isRestError } from "keyvault-secrets";
import { connect, uniqueName } from "./connect.js";

export async function main(): Promise<void> {
  const { client, description, intervalInMs, close } = await connect();
  const step = (text: string): void => console.log(`• ${text}`);
  try {
    console.log(`Vault: ${description}\n`);
    const name = uniqueName("hello-world");

    const created = await client.setSecret(name, "first value", {
      contentType: "text/plain",
      tags: { sample: "helloWorld" },
    });
    step(`setSecret: created '${name}' version ${created.properties.version}`);
    const second = await client.setSecret(name, "second value");
    step(`setSecret: added version ${second.properties.version}`);

    const latest = await client.getSecret(name);
    step(
      `getSecret: latest is version ${latest.properties.version}; value round-tripped: ${latest.value === "second value"}`,
    );
    const first = await client.getSecret(name, { version: created.properties.version! });
    step(
      `getSecret: version ${first.properties.version} still readable; value round-tripped: ${first.value === "first value"}`,
    );

    const updated = await client.updateSecretProperties(name, second.properties.version!, {
      expiresOn: new Date(Date.UTC(2040, 0, 1)),
      tags: { sample: "helloWorld", updated: "yes" },
    });
    step(`updateSecretProperties: expires ${updated.expiresOn?.toISOString()}, tags ${JSON.stringify(updated.tags)}`);

    let versions = 0;
    for await (const _ of client.listPropertiesOfSecretVersions(name)) versions++;
    step(`listPropertiesOfSecretVersions: ${versions} versions`);
    let listed = false;
    for await (const properties of client.listPropertiesOfSecrets()) listed ||= properties.name === name;
    step(`listPropertiesOfSecrets: '${name}' listed: ${listed}`);

    const backup = await client.backupSecret(name);
    step(`backupSecret: ${backup?.byteLength} bytes (opaque, all versions)`);

    const deletePoller = await client.beginDeleteSecret(name, { intervalInMs });
    step(`beginDeleteSecret: deleted, waiting until the deleted secret is visible…`);
    const deleted = await deletePoller.pollUntilDone();
    step(
      `pollUntilDone: deleted on ${deleted.deletedOn?.toISOString()}, purge scheduled ${deleted.scheduledPurgeDate?.toISOString()}`,
    );

    try {
      await client.getSecret(name);
    } catch (error) {
      if (!isRestError(error)) throw error;
      step(`getSecret after delete: ${error.statusCode} ${error.code}`);
    }

    const recoverPoller = await client.beginRecoverDeletedSecret(name, { intervalInMs });
    const recovered = await recoverPoller.pollUntilDone();
    step(`beginRecoverDeletedSecret: '${recovered.name}' is back, version ${recovered.version}`);

    await (await client.beginDeleteSecret(name, { intervalInMs })).pollUntilDone();
    await client.purgeDeletedSecret(name);
    step(`purgeDeletedSecret: '${name}' is gone for good`);

    const restored = await restoreWhenPurged(() => client.restoreSecretBackup(backup!), intervalInMs);
    step(`restoreSecretBackup: restored '${restored.name}' with its versions`);
    const afterRestore = await client.getSecret(name);
    step(
      `getSecret after restore: version ${afterRestore.properties.version}; value round-tripped: ${afterRestore.value === "second value"}`,
    );

    await (await client.beginDeleteSecret(name, { intervalInMs })).pollUntilDone();
    await client.purgeDeletedSecret(name);
    console.log("\nDone: cleaned up.");
  } finally {
    await close();
  }
}

/** A purge takes a moment to finish; restoring the same name meanwhile answers 409. */
async function restoreWhenPurged<T>(restore: () => Promise<T>, intervalInMs: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await restore();
    } catch (error) {
      if (!isRestError(error) || error.statusCode !== 409 || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalInMs));
    }
  }
}

main().catch((error: unknown) => {
  console.error("The sample failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
