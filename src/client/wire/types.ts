/** Secret attributes on the wire. Dates are unix seconds. */
export interface SecretAttributes {
  enabled?: boolean;
  nbf?: number | null;
  exp?: number | null;
  created?: number | null;
  updated?: number | null;
  recoveryLevel?: string;
  recoverableDays?: number;
}

/** A secret version with its value (GET, PUT) or without it (PATCH, recover, restore). */
export interface SecretBundle {
  value?: string;
  id?: string;
  contentType?: string;
  attributes?: SecretAttributes;
  tags?: Record<string, string>;
  kid?: string;
  managed?: boolean;
  previousVersion?: string;
}

/** A deleted secret (DELETE, GET /deletedsecrets/{name}). */
export interface DeletedSecretBundle extends SecretBundle {
  recoveryId?: string;
  deletedDate?: number | null;
  scheduledPurgeDate?: number | null;
}

/** An item of a secrets or versions listing. */
export interface SecretItem {
  id?: string;
  attributes?: SecretAttributes;
  tags?: Record<string, string>;
  contentType?: string;
  managed?: boolean;
}

/** An item of the deleted secrets listing. */
export interface DeletedSecretItem extends SecretItem {
  recoveryId?: string;
  deletedDate?: number | null;
  scheduledPurgeDate?: number | null;
}

/** One page of a listing. */
export interface SecretListResult<T> {
  value?: T[] | null;
  nextLink?: string | null;
}

/** PUT /secrets/{name} body. */
export interface SecretSetParameters {
  value: string;
  tags?: Record<string, string>;
  contentType?: string;
  attributes?: RequestAttributes;
}

/** PATCH /secrets/{name}/{version} body. */
export interface SecretUpdateParameters {
  contentType?: string;
  attributes?: RequestAttributes;
  tags?: Record<string, string>;
}

/** The writable attributes. */
export interface RequestAttributes {
  enabled?: boolean;
  nbf?: number;
  exp?: number;
}

/** POST /secrets/{name}/backup response and POST /secrets/restore body. */
export interface BackupSecretResult {
  value?: string;
}

/** The Key Vault error envelope. */
export interface KeyVaultErrorBody {
  error: { code?: string; message?: string; innererror?: unknown };
}
