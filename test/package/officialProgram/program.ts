// A program written against the public API of @azure/keyvault-secrets 4.12 only. The package test compiles it
// with `tsc --strict` against this package's built declarations, with nothing changed but the import.
import {
  KnownContentType,
  KnownDeletionRecoveryLevel,
  RestError,
  SecretClient,
  isRestError,
  logger,
  parseKeyVaultSecretIdentifier,
  type DeletedSecret,
  type KeyVaultSecret,
  type PagedAsyncIterableIterator,
  type PageSettings,
  type PollOperationState,
  type PollerLike,
  type SecretClientOptions,
  type SecretProperties,
} from "keyvault-secrets";
import type { TokenCredential } from "@azure/core-auth";

export async function useEverything(credential: TokenCredential): Promise<void> {
  const options: SecretClientOptions = {
    serviceVersion: "7.6",
    retryOptions: { maxRetries: 5 },
    userAgentOptions: { userAgentPrefix: "app/1.0" },
    disableChallengeResourceVerification: false,
  };
  const client = new SecretClient("https://v.vault.azure.net", credential, options);
  const secret: KeyVaultSecret = await client.setSecret("n", "v", {
    tags: { a: "b" },
    expiresOn: new Date(),
    enabled: true,
  });
  const got = await client.getSecret("n", { version: secret.properties.version, outContentType: KnownContentType.PEM });
  const props: SecretProperties = await client.updateSecretProperties("n", got.properties.version ?? "", {
    enabled: false,
  });
  const poller: PollerLike<PollOperationState<DeletedSecret>, DeletedSecret> = await client.beginDeleteSecret("n", {
    intervalInMs: 100,
  });
  poller.onProgress((state) => state.isCompleted);
  const deleted = await poller.pollUntilDone({ abortSignal: AbortSignal.timeout(1000) });
  const deletedOn: Date | undefined = deleted.deletedOn ?? deleted.properties.deletedOn;
  await client.getDeletedSecret("n");
  const recover = await client.beginRecoverDeletedSecret("n", { resumeFrom: poller.toString() });
  const recovered: SecretProperties = await recover.pollUntilDone();
  const backup: Uint8Array | undefined = await client.backupSecret("n");
  if (backup) await client.restoreSecretBackup(backup);
  await client.purgeDeletedSecret("n", { requestOptions: { timeout: 1000 }, onResponse: (raw) => raw.status });
  const pages: PagedAsyncIterableIterator<SecretProperties> = client.listPropertiesOfSecrets();
  const settings: PageSettings = { maxPageSize: 5 };
  for await (const page of pages.byPage(settings)) page.map((p) => p.name);
  for await (const item of client.listPropertiesOfSecretVersions("n")) void item.version;
  for await (const d of client.listDeletedSecrets()) void d.scheduledPurgeDate;
  const id = parseKeyVaultSecretIdentifier(secret.properties.id!);
  const level: string = KnownDeletionRecoveryLevel.RecoverablePurgeable;
  try {
    await client.getSecret("missing");
  } catch (e) {
    if (isRestError(e) && e.statusCode === 404) void (e instanceof RestError);
  }
  logger.info("done", id.name, level, props.enabled, deletedOn, recovered.name);
}
