/**
 * @summary Backs up a secret with all its versions, deletes and purges it, and restores it from the backup.
 */
import { isRestError } from "keyvault-secrets";
import { connect, uniqueName } from "./connect.js";

export async function main(): Promise<void> {
  const { client, description, intervalInMs, close } = await connect();
  try {
    console.log(`Vault: ${description}\n`);
    const name = uniqueName("backed-up");
    await client.setSecret(name, "v1");
    await client.setSecret(name, "v2");

    const backup = await client.backupSecret(name);
    if (!backup) throw new Error("The vault returned no backup.");
    console.log(`Backed up '${name}': ${backup.byteLength} bytes`);

    await (await client.beginDeleteSecret(name, { intervalInMs })).pollUntilDone();
    await client.purgeDeletedSecret(name);
    console.log("Deleted and purged");

    // Right after a purge the name is still being cleaned up: Key Vault answers 409 for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        const restored = await client.restoreSecretBackup(backup);
        console.log(`Restored '${restored.name}' (latest version ${restored.version})`);
        break;
      } catch (error) {
        if (!isRestError(error) || error.statusCode !== 409 || attempt === 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, intervalInMs));
      }
    }
    let versions = 0;
    for await (const _ of client.listPropertiesOfSecretVersions(name)) versions++;
    console.log(`Versions after restore: ${versions}`);

    await (await client.beginDeleteSecret(name, { intervalInMs })).pollUntilDone();
    await client.purgeDeletedSecret(name);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error("The sample failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
