/**
 * @summary Deletes a secret, watches the poller's progress, resumes polling from a serialized state, and
 * recovers the secret.
 */
import { connect, uniqueName } from "./connect.js";

export async function main(): Promise<void> {
  const { client, description, intervalInMs, close } = await connect();
  try {
    console.log(`Vault: ${description}\n`);
    const name = uniqueName("recoverable");
    await client.setSecret(name, "keep me");

    const poller = await client.beginDeleteSecret(name, { intervalInMs });
    poller.onProgress((state) => console.log(`  progress: started=${state.isStarted} completed=${state.isCompleted}`));
    const saved = poller.toString(); // could be stored and resumed in another process
    console.log(`Deletion started; saved poller state (${saved.length} chars)`);

    const resumed = await client.beginDeleteSecret(name, { resumeFrom: saved, intervalInMs });
    const deleted = await resumed.pollUntilDone();
    console.log(`Deleted; recovery id ${deleted.recoveryId}`);

    const recover = await client.beginRecoverDeletedSecret(name, { intervalInMs });
    const recovered = await recover.pollUntilDone();
    const secret = await client.getSecret(recovered.name);
    console.log(`Recovered '${secret.name}'; value intact: ${secret.value === "keep me"}`);

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
