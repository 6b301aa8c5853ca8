import type { DeletedRecord, SecretRecord, VersionRecord } from "./records.js";
import { latestVersion } from "./records.js";
import type { VaultConfig } from "./vaultConfig.js";
import { isSoftDelete } from "./vaultConfig.js";
import type {
  DeletedSecretBundle,
  DeletedSecretItem,
  SecretAttributes,
  SecretBundle,
  SecretItem,
} from "./wireTypes.js";

/** Where ids point: the request's `https://host[:port]`, so they round-trip to the same emulator. */
export interface IdBase {
  readonly origin: string;
}

/** The wire attributes of a version in a vault. */
export function toAttributes(v: VersionRecord, config: VaultConfig): SecretAttributes {
  // Key order follows the recordings: enabled, nbf, exp, created, updated, recoveryLevel, recoverableDays.
  const a = { enabled: v.enabled } as SecretAttributes;
  if (v.nbf !== undefined) a.nbf = v.nbf;
  if (v.exp !== undefined) a.exp = v.exp;
  a.created = v.created;
  a.updated = v.updated;
  a.recoveryLevel = config.recoveryLevel;
  if (isSoftDelete(config)) a.recoverableDays = config.recoverableDays;
  return a;
}

function decorate<T extends SecretItem>(target: T, v: VersionRecord, config: VaultConfig, withKid: boolean): T {
  if (v.contentType !== undefined) target.contentType = v.contentType;
  target.attributes = toAttributes(v, config);
  // Serialised at once and never kept, so the record's own tags object can go out as it is.
  if (v.tags !== undefined) target.tags = v.tags;
  if (withKid && v.kid !== undefined) (target as SecretBundle).kid = v.kid;
  if (v.managed !== undefined) target.managed = v.managed;
  return target;
}

/** A SecretBundle for one version; `withValue` only for set and get. */
export function toSecretBundle(
  base: IdBase,
  secret: SecretRecord,
  v: VersionRecord,
  config: VaultConfig,
  withValue: boolean,
): SecretBundle {
  const id = `${base.origin}/secrets/${secret.name}/${v.version}`;
  // Literals, not a spread: this runs for every get and set (key order as in the recordings: value first).
  const out = (withValue ? { value: v.value, id } : { id }) as SecretBundle;
  return decorate(out, v, config, true);
}

/** The deletion fields, or none in a `Purgeable` vault. */
function deletionFields(
  base: IdBase,
  name: string,
  d: { deletedDate: number; scheduledPurgeDate: number } | undefined,
) {
  if (d === undefined) return {};
  return {
    recoveryId: `${base.origin}/deletedsecrets/${name}`,
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
  };
}

/** A DeletedSecretBundle for the latest version; `deletion` is absent when the delete was permanent. */
export function toDeletedBundle(
  base: IdBase,
  secret: SecretRecord,
  config: VaultConfig,
  deletion: DeletedRecord | undefined,
): DeletedSecretBundle {
  const v = latestVersion(secret);
  const out: DeletedSecretBundle = {
    ...deletionFields(base, secret.name, deletion),
    id: `${base.origin}/secrets/${secret.name}/${v.version}`,
  } as DeletedSecretBundle;
  return decorate(out, v, config, true);
}

/** An item of `GET /secrets`: the base id with the latest version's attributes. */
export function toSecretItem(base: IdBase, secret: SecretRecord, config: VaultConfig): SecretItem {
  return decorate({ id: `${base.origin}/secrets/${secret.name}` } as SecretItem, latestVersion(secret), config, false);
}

/** An item of `GET /secrets/{n}/versions`: a versioned id. */
export function toVersionItem(base: IdBase, secret: SecretRecord, v: VersionRecord, config: VaultConfig): SecretItem {
  return decorate({ id: `${base.origin}/secrets/${secret.name}/${v.version}` } as SecretItem, v, config, false);
}

/** An item of `GET /deletedsecrets`. */
export function toDeletedItem(base: IdBase, d: DeletedRecord, config: VaultConfig): DeletedSecretItem {
  const out = {
    ...deletionFields(base, d.secret.name, d),
    id: `${base.origin}/secrets/${d.secret.name}`,
  } as DeletedSecretItem;
  return decorate(out, latestVersion(d.secret), config, false);
}
