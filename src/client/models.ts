/**
 * The public models of the client, identical in shape to `@azure/keyvault-secrets` 4.12.
 */

/** A secret and its value, as returned by `getSecret` and `setSecret`. */
export interface KeyVaultSecret {
  /** The properties of the secret. */
  properties: SecretProperties;
  /** The value of the secret. Absent where the service does not return it. */
  value?: string;
  /** The name of the secret. */
  name: string;
}

/** The properties of a secret version, without its value. */
export interface SecretProperties {
  /** The base URL of the vault that holds the secret, taken from the returned id. */
  vaultUrl: string;
  /** The version of the secret; `undefined` for items of `listPropertiesOfSecrets` and `listDeletedSecrets`. */
  version?: string;
  /** The name of the secret. */
  name: string;
  /** The secret id. */
  id?: string;
  /** The content type of the secret. */
  contentType?: string;
  /** Whether the secret is enabled. */
  enabled?: boolean;
  /** The time before which the secret should not be used (informational only). */
  readonly notBefore?: Date;
  /** The expiry time of the secret (informational only). */
  readonly expiresOn?: Date;
  /** Application-specific metadata. */
  tags?: { [propertyName: string]: string };
  /** @deprecated Not used; always `undefined`. Use `certificateKeyId`. */
  readonly keyId?: never;
  /** For a certificate-backed secret, the id of the certificate's key. */
  readonly certificateKeyId?: string;
  /** True for secrets whose lifetime is managed by Key Vault (certificate-backed secrets). */
  readonly managed?: boolean;
  /** When the secret version was created. */
  readonly createdOn?: Date;
  /** When the secret version was last updated. */
  readonly updatedOn?: Date;
  /** The deletion recovery level of the vault. */
  readonly recoveryLevel?: DeletionRecoveryLevel;
  /** The soft-delete retention in days, when soft delete is enabled. */
  recoverableDays?: number;
  /** For a renewed certificate-backed secret, the version of the previous certificate. */
  readonly previousVersion?: string;
}

/** A soft-deleted secret. */
export interface DeletedSecret {
  /** The properties of the secret, with deprecated copies of the deletion fields. */
  properties: SecretProperties & {
    /** @deprecated Use `DeletedSecret.recoveryId`. */
    recoveryId?: string;
    /** @deprecated Use `DeletedSecret.scheduledPurgeDate`. */
    scheduledPurgeDate?: Date;
    /** @deprecated Use `DeletedSecret.deletedOn`. */
    deletedOn?: Date;
  };
  /** The value of the secret, when returned. */
  value?: string;
  /** The name of the secret. */
  name: string;
  /** The id used to recover or purge the deleted secret. */
  recoveryId?: string;
  /** When the deleted secret will be purged. */
  scheduledPurgeDate?: Date;
  /** When the secret was deleted. */
  deletedOn?: Date;
}

/** The deletion recovery level of a vault; see {@link KnownDeletionRecoveryLevel} for the known values. */
export type DeletionRecoveryLevel = string;

/** Known values of {@link DeletionRecoveryLevel}. */
export enum KnownDeletionRecoveryLevel {
  /** Deletion is permanent; no soft delete. */
  Purgeable = "Purgeable",
  /** Soft delete is on and deleted secrets may be purged. */
  RecoverablePurgeable = "Recoverable+Purgeable",
  /** Soft delete and purge protection are on: deleted secrets cannot be purged. */
  Recoverable = "Recoverable",
  /** Soft delete and purge protection are on, and the subscription cannot be cancelled. */
  RecoverableProtectedSubscription = "Recoverable+ProtectedSubscription",
  /** Like `RecoverablePurgeable`, with a retention between 7 and 89 days. */
  CustomizedRecoverablePurgeable = "CustomizedRecoverable+Purgeable",
  /** Like `Recoverable`, with a retention between 7 and 89 days. */
  CustomizedRecoverable = "CustomizedRecoverable",
  /** Like `RecoverableProtectedSubscription`, with a retention between 7 and 89 days. */
  CustomizedRecoverableProtectedSubscription = "CustomizedRecoverable+ProtectedSubscription",
}

/** A content type for `getSecret`'s `outContentType`; see {@link KnownContentType}. */
export type ContentType = string;

/** Known values of {@link ContentType}. */
export enum KnownContentType {
  /** PKCS #12. */
  PFX = "application/x-pkcs12",
  /** PEM. */
  PEM = "application/x-pem-file",
}
