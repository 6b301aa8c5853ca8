/**
 * @summary Lists secrets, the versions of one secret, and deleted secrets, item by item and page by page
 * with a resumable continuation token.
 */
import { connect, uniqueName } from "./connect.js";

export async function main(): Promise<void> {
  const { client, description, intervalInMs, close } = await connect();
  try {
    console.log(`Vault: ${description}\n`);
    const prefix = uniqueName("list");
    const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
    for (const name of names) await client.setSecret(name, "value", { tags: { sample: "listOperations" } });
    await client.setSecret(names[0]!, "second version");

    console.log("Secrets (latest version's properties, never values):");
    for await (const properties of client.listPropertiesOfSecrets()) {
      if (properties.name.startsWith(prefix)) console.log(`  ${properties.name} enabled=${properties.enabled}`);
    }

    console.log(`Versions of ${names[0]}:`);
    for await (const properties of client.listPropertiesOfSecretVersions(names[0]!)) {
      console.log(`  ${properties.version} created ${properties.createdOn?.toISOString()}`);
    }

    console.log("Pages of 2, resuming from the first page's continuation token:");
    const firstPage = (await client.listPropertiesOfSecrets().byPage({ maxPageSize: 2 }).next()).value ?? [];
    const token = (firstPage as { continuationToken?: string }).continuationToken;
    console.log(`  page 1: ${firstPage.length} items, continuation token ${token ? "present" : "absent (last page)"}`);
    if (token) {
      let page = 2;
      for await (const items of client.listPropertiesOfSecrets().byPage({ continuationToken: token })) {
        console.log(`  page ${page++}: ${items.length} items`);
      }
    }

    for (const name of names) await (await client.beginDeleteSecret(name, { intervalInMs })).pollUntilDone();
    console.log("Deleted secrets:");
    for await (const deleted of client.listDeletedSecrets()) {
      if (deleted.name.startsWith(prefix))
        console.log(`  ${deleted.name} purge on ${deleted.scheduledPurgeDate?.toISOString()}`);
    }
    for (const name of names) await client.purgeDeletedSecret(name);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error("The sample failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
