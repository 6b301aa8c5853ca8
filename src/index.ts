/**
 * keyvault-secrets: the Azure Key Vault SecretClient. The exports of this entry point are exactly
 * those of `@azure/keyvault-secrets` 4.12; additions live behind sub-path exports.
 */
export { SecretClient } from "./client/secretClient.js";
export { parseKeyVaultSecretIdentifier, type KeyVaultSecretIdentifier } from "./client/identifier.js";
export { logger } from "./client/logger.js";
export {
  KnownContentType,
  KnownDeletionRecoveryLevel,
  type ContentType,
  type DeletedSecret,
  type DeletionRecoveryLevel,
  type KeyVaultSecret,
  type SecretProperties,
} from "./client/models.js";
export type {
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
  SecretPollerOptions,
  SetSecretOptions,
  UpdateSecretPropertiesOptions,
} from "./client/options.js";
export type { PollerLike, PollOperationState } from "./client/lro/pollerTypes.js";
export type { PagedAsyncIterableIterator, PageSettings } from "./client/paging/pagingTypes.js";
export { RestError, isRestError } from "@azure/core-rest-pipeline";
