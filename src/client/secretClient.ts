import type { TokenCredential } from "@azure/core-auth";
import { createNodeHttpClient } from "./transport/nodeHttpClient.js";
import { KnownVersions, LATEST_API_VERSION } from "./constants.js";
import { createSecretsPipeline } from "./http/createSecretsPipeline.js";
import { secretPath } from "./http/secretPath.js";
import type { SecretsContext } from "./http/sendOperation.js";
import { beginSecretOperation } from "./lro/beginSecretOperation.js";
import { deleteSecretStep } from "./lro/deleteSecretOperation.js";
import type { PollerLike, PollOperationState } from "./lro/pollerTypes.js";
import { recoverDeletedSecretStep } from "./lro/recoverDeletedSecretOperation.js";
import type { DeletedSecret, KeyVaultSecret, SecretProperties } from "./models.js";
import type {
  BackupSecretOptions,
  BeginDeleteSecretOptions,
  BeginRecoverDeletedSecretOptions,
  GetDeletedSecretOptions,
  GetSecretOptions,
  ListDeletedSecretsOptions,
  ListPropertiesOfSecretsOptions,
  ListPropertiesOfSecretVersionsOptions,
  PurgeDeletedSecretOptions,
  RestoreSecretBackupOptions,
  SecretClientOptions,
  SetSecretOptions,
  UpdateSecretPropertiesOptions,
} from "./options.js";
import { createPagedIterator } from "./paging/createPagedIterator.js";
import type { PagedAsyncIterableIterator } from "./paging/pagingTypes.js";
import * as operations from "./secretOperations.js";
import { assertSecretName, assertSecretVersion } from "./validation.js";
import { toDeletedSecret, toSecretProperties } from "./wire/mappers.js";

/**
 * The client for the secrets of one Azure Key Vault: set, get, update, delete, recover, purge, back up,
 * restore and list them. A drop-in replacement for `SecretClient` of `@azure/keyvault-secrets` 4.12.
 *
 * Reuse one client per vault: it caches the vault's authentication challenge and its token.
 */
export class SecretClient {
  /** The vault URL, exactly as given to the constructor. */
  readonly vaultUrl: string;
  readonly #context: SecretsContext;

  /**
   * Creates a client for the vault at `vaultUrl`.
   *
   * Throws `TypeError` for an empty or unparseable `vaultUrl` or a missing credential, and `RangeError`
   * for an unsupported `serviceVersion`. Requests to a vault URL that is not https fail with
   * "The request URL must use HTTPS." before anything is sent.
   *
   * @param vaultUrl - The vault's URL, such as `https://myvault.vault.azure.net`.
   * @param credential - Any `TokenCredential`, such as `DefaultAzureCredential` from `@azure/identity`.
   * @param pipelineOptions - Client options.
   */
  constructor(vaultUrl: string, credential: TokenCredential, pipelineOptions: SecretClientOptions = {}) {
    const baseUrl = toBaseUrl(vaultUrl);
    if (!credential || typeof credential.getToken !== "function") {
      throw new TypeError("A TokenCredential with a getToken method is required.");
    }
    const apiVersion = pipelineOptions.serviceVersion ?? LATEST_API_VERSION;
    if (!(KnownVersions as readonly string[]).includes(apiVersion)) {
      throw new RangeError(
        `Unsupported serviceVersion '${String(apiVersion)}'. Supported versions: ${KnownVersions.join(", ")}.`,
      );
    }
    this.vaultUrl = vaultUrl;
    this.#context = {
      baseUrl,
      apiVersionQuery: `api-version=${apiVersion}`,
      httpClient: pipelineOptions.httpClient ?? createNodeHttpClient(),
      pipeline: createSecretsPipeline({ vaultUrl: baseUrl, apiVersion, credential }, pipelineOptions),
    };
  }

  /**
   * Adds a new version of a secret, creating the secret if it does not exist.
   * This operation requires the secrets/set permission.
   *
   * Throws `RestError` with `statusCode` 409 if the name belongs to a deleted secret that was not purged yet.
   *
   * ```ts snippet:ReadmeSampleSetSecret
   * const secret = await client.setSecret("db-password", "s3cr3t", {
   *   contentType: "text/plain",
   *   tags: { env: "dev" },
   *   expiresOn: new Date("2040-01-01T00:00:00Z"),
   * });
   * console.log(`created version ${secret.properties.version}`);
   * ```
   *
   * @param secretName - The name of the secret.
   * @param value - The value of the secret.
   * @param options - Tags, content type, enabled flag and validity dates.
   */
  setSecret(secretName: string, value: string, options: SetSecretOptions = {}): Promise<KeyVaultSecret> {
    return run(() => {
      assertSecretName(secretName);
      if (typeof value !== "string") throw new TypeError(`The secret value must be a string, not ${typeof value}.`);
      return operations.setSecret(this.#context, secretName, value, options);
    });
  }

  /**
   * Deletes a secret and all its versions, and returns a poller that completes when the deleted secret
   * can be read (recovered or purged next). This operation requires the secrets/delete permission.
   *
   * Throws `RestError` with `statusCode` 404 if the secret does not exist.
   *
   * ```ts snippet:ReadmeSampleDeleteSecret
   * const deletePoller = await client.beginDeleteSecret("old-token", { intervalInMs: 500 });
   * const deleted = await deletePoller.pollUntilDone();
   * console.log(`purge scheduled for ${deleted.scheduledPurgeDate?.toISOString()}`);
   * ```
   *
   * @param name - The name of the secret.
   * @param options - Polling interval (`intervalInMs`, default 2000) and `resumeFrom`.
   */
  beginDeleteSecret(
    name: string,
    options: BeginDeleteSecretOptions = {},
  ): Promise<PollerLike<PollOperationState<DeletedSecret>, DeletedSecret>> {
    return run(() => {
      assertSecretName(name);
      return beginSecretOperation<DeletedSecret>({
        name,
        options,
        createStep: (requestOptions) => deleteSecretStep(this.#context, requestOptions),
        cancelMessage: "Canceling the deletion of a secret is not supported.",
      });
    });
  }

  /**
   * Updates the properties of a secret version (not its value). Tags replace the whole map: `tags: {}`
   * clears them. This operation requires the secrets/set permission.
   *
   * ```ts snippet:ReadmeSampleUpdateSecretProperties
   * const updated = await client.updateSecretProperties("feature-flag", "", {
   *   enabled: false,
   *   tags: { owner: "team-b" }, // replaces the whole tag map; {} clears it
   * });
   * ```
   *
   * @param secretName - The name of the secret.
   * @param secretVersion - The version to update; `""` updates the latest version.
   * @param options - The properties to change.
   */
  updateSecretProperties(
    secretName: string,
    secretVersion: string,
    options: UpdateSecretPropertiesOptions = {},
  ): Promise<SecretProperties> {
    return run(() => {
      assertSecretName(secretName);
      assertSecretVersion(secretVersion);
      return operations.updateSecretProperties(this.#context, secretName, secretVersion ?? "", options);
    });
  }

  /**
   * Gets a secret with its value: the latest version, or `options.version`.
   * This operation requires the secrets/get permission.
   *
   * Throws `RestError` with `statusCode` 404 (code `SecretNotFound`) if the secret or version does not
   * exist, and 403 if the version is disabled.
   *
   * ```ts snippet:ReadmeSampleGetSecret
   * const latest = await client.getSecret("api-key");
   * const older = await client.getSecret("api-key", { version: firstVersion });
   * ```
   *
   * @param secretName - The name of the secret.
   * @param options - `version`, and `outContentType` to convert a certificate-backed secret.
   */
  getSecret(secretName: string, options: GetSecretOptions = {}): Promise<KeyVaultSecret> {
    return run(() => {
      assertSecretName(secretName);
      assertSecretVersion(options.version);
      return operations.getSecret(this.#context, secretName, options);
    });
  }

  /**
   * Gets a deleted secret's properties and deletion details.
   * This operation requires the secrets/get permission.
   *
   * Throws `RestError` with `statusCode` 404 if there is no such deleted secret (yet).
   *
   * ```ts snippet:ReadmeSampleGetDeletedSecret
   * const deletedSecret = await client.getDeletedSecret("old-token");
   * console.log(deletedSecret.recoveryId);
   * ```
   *
   * @param secretName - The name of the deleted secret.
   * @param options - Operation options.
   */
  getDeletedSecret(secretName: string, options: GetDeletedSecretOptions = {}): Promise<DeletedSecret> {
    return run(() => {
      assertSecretName(secretName);
      return operations.getDeletedSecret(this.#context, secretName, options);
    });
  }

  /**
   * Permanently deletes a deleted secret. This operation requires the secrets/purge permission.
   *
   * Throws `RestError` with `statusCode` 403 under purge protection, 404 if there is no such deleted
   * secret, and 409 while the deletion is still in progress.
   *
   * ```ts snippet:ReadmeSamplePurgeDeletedSecret
   * await client.purgeDeletedSecret("temp");
   * ```
   *
   * @param secretName - The name of the deleted secret.
   * @param options - Operation options.
   */
  purgeDeletedSecret(secretName: string, options: PurgeDeletedSecretOptions = {}): Promise<void> {
    return run(() => {
      assertSecretName(secretName);
      return operations.purgeDeletedSecret(this.#context, secretName, options);
    });
  }

  /**
   * Recovers a deleted secret, and returns a poller that completes when the secret can be read again.
   * This operation requires the secrets/recover permission.
   *
   * Throws `RestError` with `statusCode` 404 if there is no such deleted secret.
   *
   * ```ts snippet:ReadmeSampleRecoverDeletedSecret
   * const recoverPoller = await client.beginRecoverDeletedSecret("old-token", { intervalInMs: 500 });
   * const recovered = await recoverPoller.pollUntilDone();
   * ```
   *
   * @param name - The name of the deleted secret.
   * @param options - Polling interval (`intervalInMs`, default 2000) and `resumeFrom`.
   */
  beginRecoverDeletedSecret(
    name: string,
    options: BeginRecoverDeletedSecretOptions = {},
  ): Promise<PollerLike<PollOperationState<SecretProperties>, SecretProperties>> {
    return run(() => {
      assertSecretName(name);
      return beginSecretOperation<SecretProperties>({
        name,
        options,
        createStep: (requestOptions) => recoverDeletedSecretStep(this.#context, requestOptions),
        cancelMessage: "Canceling the recovery of a deleted secret is not supported.",
      });
    });
  }

  /**
   * Backs up all versions of a secret as an opaque blob that `restoreSecretBackup` accepts.
   * This operation requires the secrets/backup permission.
   *
   * ```ts snippet:ReadmeSampleBackupSecret
   * const backup = await client.backupSecret("cert-pass"); // every version, as an opaque blob
   * ```
   *
   * @param secretName - The name of the secret.
   * @param options - Operation options.
   */
  backupSecret(secretName: string, options: BackupSecretOptions = {}): Promise<Uint8Array | undefined> {
    return run(() => {
      assertSecretName(secretName);
      return operations.backupSecret(this.#context, secretName, options);
    });
  }

  /**
   * Restores a backed-up secret with all its versions. This operation requires the secrets/restore permission.
   *
   * Throws `RestError` with `statusCode` 409 if a secret (active or deleted) with that name exists.
   *
   * ```ts snippet:ReadmeSampleRestoreSecretBackup
   * const restored = await client.restoreSecretBackup(backup!);
   * ```
   *
   * @param secretBundleBackup - A blob from `backupSecret`.
   * @param options - Operation options.
   */
  restoreSecretBackup(
    secretBundleBackup: Uint8Array,
    options: RestoreSecretBackupOptions = {},
  ): Promise<SecretProperties> {
    return run(() => {
      if (!(secretBundleBackup instanceof Uint8Array)) throw new TypeError("The backup must be a Uint8Array.");
      return operations.restoreSecretBackup(this.#context, secretBundleBackup, options);
    });
  }

  /**
   * Lists the versions of a secret, without values. A name that does not exist yields no items.
   * This operation requires the secrets/list permission.
   *
   * ```ts snippet:ReadmeSampleListSecretVersions
   * for await (const properties of client.listPropertiesOfSecretVersions("list-me")) {
   *   versions.push(properties.version!);
   * }
   * ```
   *
   * @param secretName - The name of the secret.
   * @param options - Operation options, applied to every page.
   */
  listPropertiesOfSecretVersions(
    secretName: string,
    options: ListPropertiesOfSecretVersionsOptions = {},
  ): PagedAsyncIterableIterator<SecretProperties> {
    return createPagedIterator(
      this.#context,
      {
        // Read only after `validate`, so a bad name is reported by the first next(), never by this call.
        get path() {
          return secretPath`/secrets/${secretName}/versions`;
        },
        spanName: "SecretClient.listPropertiesOfSecretVersions",
        mapItem: toSecretProperties,
        validate: () => assertSecretName(secretName),
      },
      options,
    );
  }

  /**
   * Lists the secrets of the vault with the latest version's properties, without values; `version` is
   * undefined on these items. This operation requires the secrets/list permission.
   *
   * ```ts snippet:ReadmeSampleListSecrets
   * for await (const properties of client.listPropertiesOfSecrets()) {
   *   console.log(properties.name, properties.enabled, properties.updatedOn);
   * }
   * ```
   *
   * @param options - Operation options, applied to every page.
   */
  listPropertiesOfSecrets(options: ListPropertiesOfSecretsOptions = {}): PagedAsyncIterableIterator<SecretProperties> {
    const listing = { path: "/secrets", spanName: "SecretClient.listPropertiesOfSecrets", mapItem: toSecretProperties };
    return createPagedIterator(this.#context, listing, options);
  }

  /**
   * Lists the deleted secrets of the vault. This operation requires the secrets/list permission.
   *
   * ```ts snippet:ReadmeSampleListDeletedSecrets
   * for await (const deleted of client.listDeletedSecrets()) {
   *   deletedNames.push(deleted.name);
   * }
   * ```
   *
   * @param options - Operation options, applied to every page.
   */
  listDeletedSecrets(options: ListDeletedSecretsOptions = {}): PagedAsyncIterableIterator<DeletedSecret> {
    const listing = { path: "/deletedsecrets", spanName: "SecretClient.listDeletedSecrets", mapItem: toDeletedSecret };
    return createPagedIterator(this.#context, listing, options);
  }
}

/** Runs `fn`, turning a synchronous validation error into a rejection. */
function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The URL requests are built from: trimmed, parsed, without trailing `/` (SPEC §1.2). */
function toBaseUrl(vaultUrl: string): string {
  if (typeof vaultUrl !== "string" || vaultUrl.trim() === "") {
    throw new TypeError("vaultUrl must be a non-empty URL string.");
  }
  let url: URL;
  try {
    url = new URL(vaultUrl.trim());
  } catch {
    throw new TypeError(`vaultUrl '${vaultUrl}' is not a valid URL.`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
