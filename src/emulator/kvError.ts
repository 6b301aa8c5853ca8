import type { KeyVaultErrorBody } from "./wireTypes.js";

/** A Key Vault error: thrown by handlers, written as `{"error":{"code","message","innererror"?}}`. */
export class KvError extends Error {
  readonly status: number;
  readonly code: string;
  readonly innerCode: string | undefined;

  constructor(status: number, code: string, message: string, innerCode?: string) {
    super(message);
    this.name = "KvError";
    this.status = status;
    this.code = code;
    this.innerCode = innerCode;
  }

  /** The wire envelope. */
  toBody(): KeyVaultErrorBody {
    const error: KeyVaultErrorBody["error"] = { code: this.code, message: this.message };
    if (this.innerCode !== undefined) error.innererror = { code: this.innerCode };
    return { error };
  }
}

const NOT_FOUND_TAIL =
  " was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182";

/** Key Vault's errors, verbatim where SPEC §2.6 has the text; README.md lists the unverified ones. */
export const kvErrors = {
  missingToken: () =>
    new KvError(401, "Unauthorized", "AKV10000: Request is missing a Bearer, PoP, or MTLS_POP token."),
  invalidAudience: (expected: string, found: string) =>
    new KvError(401, "Unauthorized", `AKV10022: Invalid audience. Expected ${expected}, found: ${found}.`),
  invalidToken: (reason: string) => new KvError(401, "Unauthorized", `AKV10032: Invalid token. ${reason}`),
  apiVersion: () => new KvError(400, "BadParameter", "The api-version query parameter is missing or not supported."),
  invalidName: (name: string) => new KvError(400, "BadParameter", `The request URI contains an invalid name: ${name}`),
  badParameter: (message: string) => new KvError(400, "BadParameter", message),
  secretNotFound: (nameOrId: string) =>
    new KvError(404, "SecretNotFound", `A secret with (name/id) ${nameOrId}${NOT_FOUND_TAIL}`),
  deletedSecretNotFound: (name: string) => new KvError(404, "SecretNotFound", `Deleted Secret not found: ${name}`),
  disabled: () => new KvError(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled"),
  purgeProtected: (vault: string) =>
    new KvError(
      403,
      "Forbidden",
      `Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.\r\nVault: ${vault};location=local`,
    ),
  deletedButRecoverable: (name: string) =>
    new KvError(
      409,
      "Conflict",
      `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
      "ObjectIsDeletedButRecoverable",
    ),
  beingRecovered: (name: string) =>
    new KvError(
      409,
      "Conflict",
      `Secret ${name} is currently being recovered and cannot be re-created; retry later.`,
      "ObjectIsBeingRecovered",
    ),
  beingDeleted: () => new KvError(409, "Conflict", "Secret is currently being deleted.", "ObjectIsBeingDeleted"),
  beingDeletedNoReuse: (name: string) =>
    new KvError(
      409,
      "Conflict",
      `${name} is currently being deleted and cannot be re-created; retry later.`,
      "ObjectIsBeingDeleted",
    ),
  restoreConflict: (id: string) =>
    new KvError(
      409,
      "Conflict",
      `There was a conflict restoring the secret '${id}'. This can happen if either: a second secret with the same name was created after the first secret was deleted; thus trying to restore a secret whose name is already in use. To fix this, rename the second secret to something else so that the restore works. The second probable cause of this exception is when multiple operations are performed in parallel against the secret. To avoid this error, perform operations against a secret in a sequential manner.`,
    ),
  corruptBackup: () => new KvError(400, "BadParameter", "Backup blob contains invalid or corrupt version."),
  softDeleteDisabled: () =>
    new KvError(400, "BadParameter", "This operation can only be performed on a soft-delete enabled vault"),
  routeNotFound: () => new KvError(404, "NotFound", "The requested resource does not exist."),
  methodNotAllowed: (method: string) =>
    new KvError(405, "MethodNotAllowed", `The requested method ${method} is not allowed on this resource.`),
  vaultNotFound: (vault: string) =>
    new KvError(404, "VaultNotFound", `The vault '${vault}' does not exist in this emulator.`),
  bodyTooLarge: () => new KvError(413, "RequestEntityTooLarge", "The request body is too large."),
  emulatorError: () => new KvError(500, "EmulatorError", "The emulator failed to process the request."),
} as const;
