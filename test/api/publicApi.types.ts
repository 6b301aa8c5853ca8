/**
 * Compile-time proof that the root entry's surface equals @azure/keyvault-secrets 4.12's.
 * Checked by `npm run typecheck` (tsc); any drift is a type error here.
 */
import type * as Official from "@azure/keyvault-secrets";
import type * as Ours from "../../src/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assert = <T extends true>(): T => true as T;

// Every type name of 4.12, equal in shape.
assert<Equals<Ours.KeyVaultSecret, Official.KeyVaultSecret>>();
assert<Equals<Ours.SecretProperties, Official.SecretProperties>>();
assert<Equals<Ours.DeletedSecret, Official.DeletedSecret>>();
assert<Equals<Ours.DeletionRecoveryLevel, Official.DeletionRecoveryLevel>>();
assert<Equals<Ours.ContentType, Official.ContentType>>();
assert<Equals<Ours.KeyVaultSecretIdentifier, Official.KeyVaultSecretIdentifier>>();
assert<Equals<Ours.PageSettings, Official.PageSettings>>();
assert<
  Mutual<
    Ours.PagedAsyncIterableIterator<Ours.SecretProperties>,
    Official.PagedAsyncIterableIterator<Official.SecretProperties>
  >
>();
assert<Mutual<Ours.PollOperationState<Ours.DeletedSecret>, Official.PollOperationState<Official.DeletedSecret>>>();
assert<
  Mutual<
    Ours.PollerLike<Ours.PollOperationState<Ours.DeletedSecret>, Ours.DeletedSecret>,
    Official.PollerLike<Official.PollOperationState<Official.DeletedSecret>, Official.DeletedSecret>
  >
>();
assert<Mutual<Ours.SetSecretOptions, Official.SetSecretOptions>>();
assert<Mutual<Ours.GetSecretOptions, Official.GetSecretOptions>>();
assert<Mutual<Ours.UpdateSecretPropertiesOptions, Official.UpdateSecretPropertiesOptions>>();
assert<Mutual<Ours.GetDeletedSecretOptions, Official.GetDeletedSecretOptions>>();
assert<Mutual<Ours.PurgeDeletedSecretOptions, Official.PurgeDeletedSecretOptions>>();
assert<Mutual<Ours.BackupSecretOptions, Official.BackupSecretOptions>>();
assert<Mutual<Ours.RestoreSecretBackupOptions, Official.RestoreSecretBackupOptions>>();
assert<Mutual<Ours.ListPropertiesOfSecretsOptions, Official.ListPropertiesOfSecretsOptions>>();
assert<Mutual<Ours.ListPropertiesOfSecretVersionsOptions, Official.ListPropertiesOfSecretVersionsOptions>>();
assert<Mutual<Ours.ListDeletedSecretsOptions, Official.ListDeletedSecretsOptions>>();
assert<Mutual<Ours.SecretPollerOptions, Official.SecretPollerOptions>>();
assert<Mutual<Ours.BeginDeleteSecretOptions, Official.BeginDeleteSecretOptions>>();
assert<Mutual<Ours.BeginRecoverDeletedSecretOptions, Official.BeginRecoverDeletedSecretOptions>>();
// Ours accepts every option the official client accepts (it adds loggingOptions, which it merges).
assert<[Official.SecretClientOptions] extends [Ours.SecretClientOptions] ? true : false>();

// The client: same members, each method mutually assignable.
assert<Equals<keyof Ours.SecretClient, keyof Official.SecretClient>>();
type Methods = Exclude<keyof Official.SecretClient, "vaultUrl">;
type SameMethods = { [M in Methods]: Mutual<Ours.SecretClient[M], Official.SecretClient[M]> };
assert<Equals<SameMethods[Methods], true>>();
assert<
  [ConstructorParameters<typeof Official.SecretClient>] extends [ConstructorParameters<typeof Ours.SecretClient>]
    ? true
    : false
>();

// Runtime values keep their types.
assert<Equals<typeof Ours.parseKeyVaultSecretIdentifier, typeof Official.parseKeyVaultSecretIdentifier>>();
assert<Equals<`${Ours.KnownDeletionRecoveryLevel}`, `${Official.KnownDeletionRecoveryLevel}`>>();
assert<Equals<`${Ours.KnownContentType}`, `${Official.KnownContentType}`>>();
assert<Equals<typeof Ours.RestError, typeof Official.RestError>>();
