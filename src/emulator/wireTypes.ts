/**
 * Key Vault JSON as the emulator writes and reads it (REST spec 2025-07-01, `secrets.json`).
 * Deliberately not the client's copy: contract tests pin both to recordings. Dates are unix seconds.
 */

/** `attributes` of a bundle or item. */
export interface SecretAttributes {
  enabled: boolean;
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
  recoveryLevel: string;
  recoverableDays?: number;
}

/** A SecretBundle: `value` only on set and get. */
export interface SecretBundle {
  value?: string;
  id: string;
  contentType?: string;
  attributes: SecretAttributes;
  tags?: Record<string, string>;
  kid?: string;
  managed?: boolean;
}

/** A DeletedSecretBundle: the bundle plus the deletion fields (absent in `Purgeable` vaults). */
export interface DeletedSecretBundle extends SecretBundle {
  recoveryId?: string;
  deletedDate?: number;
  scheduledPurgeDate?: number;
}

/** An item of `GET /secrets` or `/versions`; never a value. */
export interface SecretItem {
  id: string;
  attributes: SecretAttributes;
  contentType?: string;
  tags?: Record<string, string>;
  managed?: boolean;
}

/** An item of `GET /deletedsecrets`. */
export interface DeletedSecretItem extends SecretItem {
  recoveryId?: string;
  deletedDate?: number;
  scheduledPurgeDate?: number;
}

/** One page of a list operation. */
export interface ListPage<T> {
  value: T[];
  nextLink: string | null;
}

/** The error envelope. */
export interface KeyVaultErrorBody {
  error: { code: string; message: string; innererror?: { code: string } };
}

/** Request `attributes` (read-only fields are ignored). */
export interface RequestAttributes {
  enabled?: boolean;
  nbf?: number | null;
  exp?: number | null;
}

/** SecretSetParameters. */
export interface SecretSetParameters {
  value: string;
  tags?: Record<string, string>;
  contentType?: string;
  attributes?: RequestAttributes;
}

/** SecretUpdateParameters. */
export interface SecretUpdateParameters {
  contentType?: string;
  tags?: Record<string, string>;
  attributes?: RequestAttributes;
}

/** `{"value": base64url}`: backup response and restore request. */
export interface BackupValue {
  value: string;
}
