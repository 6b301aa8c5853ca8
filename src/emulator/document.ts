import type { DeletedRecord, SecretRecord, VersionRecord } from "./records.js";
import { newSecretRecord, newVersionId } from "./records.js";
import type { VaultConfig, VaultOptions } from "./vaultConfig.js";

/** A date in a document: unix seconds, or a template `{{now}}`, `{{now-86400}}`, `{{now+60}}` (seed and import). */
export type DocumentDate = number | string;

/** One version in a document. Omitted fields get the defaults of a PUT. */
export interface SecretVersionDocument {
  /** 32 lowercase hex; generated when omitted. */
  version?: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  /** @defaultValue true */
  enabled?: boolean;
  nbf?: DocumentDate;
  exp?: DocumentDate;
  /** @defaultValue `{{now}}` */
  created?: DocumentDate;
  /** @defaultValue the created date */
  updated?: DocumentDate;
  managed?: boolean;
  kid?: string;
}

/** A secret with its versions in creation order (the last is the latest). */
export interface SecretDocument {
  name: string;
  versions: SecretVersionDocument[];
  /** Emulator clock instant (ms) until which a recovery is in progress. */
  recoveringUntilMs?: number;
}

/** A soft-deleted secret. */
export interface DeletedSecretDocument extends SecretDocument {
  /** @defaultValue `{{now}}` */
  deletedDate?: DocumentDate;
  /** @defaultValue deletedDate + recoverableDays × 86400 */
  scheduledPurgeDate?: DocumentDate;
  /** Emulator clock instant (ms) when the deletion window ends. @defaultValue 0 (visible) */
  visibleAtMs?: number;
  /** Emulator clock instant (ms) when a purge in progress completes. */
  purgingUntilMs?: number;
}

/** A vault with its contents. */
export interface VaultDocument extends VaultOptions {
  secrets?: SecretDocument[];
  deletedSecrets?: DeletedSecretDocument[];
}

/** The state document of `seed`, `import` and `export`. */
export interface EmulatorDocument {
  vaults: VaultDocument[];
}

const TEMPLATE = /^\{\{now(?:([+-])(\d+))?\}\}$/;

function date(value: unknown, what: string, nowSec: number): number {
  if (typeof value === "number" && Number.isFinite(value)) return Math.floor(value);
  if (typeof value === "string") {
    const m = TEMPLATE.exec(value.trim());
    if (m) return nowSec + (m[1] === "-" ? -1 : 1) * Number(m[2] ?? 0);
  }
  throw new TypeError(`${what} must be unix seconds or a {{now±s}} template.`);
}

/** Builds a version record from a document. */
export function versionFromDoc(d: SecretVersionDocument, nowSec: number): VersionRecord {
  if (typeof d !== "object" || d === null || typeof d.value !== "string")
    throw new TypeError("A version needs a string value.");
  const version = d.version ?? newVersionId();
  if (!/^[0-9a-f]{32}$/.test(version)) throw new TypeError(`Invalid version id '${version}'.`);
  const created = d.created === undefined ? nowSec : date(d.created, "created", nowSec);
  const v: VersionRecord = {
    version,
    value: d.value,
    enabled: d.enabled ?? true,
    created,
    updated: d.updated === undefined ? created : date(d.updated, "updated", nowSec),
  };
  if (d.contentType !== undefined) v.contentType = String(d.contentType);
  if (d.tags !== undefined) v.tags = { ...d.tags };
  if (d.nbf !== undefined) v.nbf = date(d.nbf, "nbf", nowSec);
  if (d.exp !== undefined) v.exp = date(d.exp, "exp", nowSec);
  if (d.managed !== undefined) v.managed = Boolean(d.managed);
  if (d.kid !== undefined) v.kid = String(d.kid);
  return v;
}

/** Builds a secret record from a document. */
export function secretFromDoc(d: SecretDocument, nowSec: number): SecretRecord {
  if (typeof d?.name !== "string" || !/^[0-9a-zA-Z-]{1,127}$/.test(d.name))
    throw new TypeError(`Invalid secret name in document: ${String(d?.name)}`);
  if (!Array.isArray(d.versions) || d.versions.length === 0)
    throw new TypeError(`Secret '${d.name}' needs at least one version.`);
  const rec = newSecretRecord(
    d.name,
    d.versions.map((v) => versionFromDoc(v, nowSec)),
  );
  if (d.recoveringUntilMs !== undefined) rec.recoveringUntilMs = d.recoveringUntilMs;
  return rec;
}

/** Builds a deleted record from a document. */
export function deletedFromDoc(d: DeletedSecretDocument, config: VaultConfig, nowSec: number): DeletedRecord {
  const secret = secretFromDoc(d, nowSec);
  const deletedDate = d.deletedDate === undefined ? nowSec : date(d.deletedDate, "deletedDate", nowSec);
  const scheduledPurgeDate =
    d.scheduledPurgeDate === undefined
      ? deletedDate + config.recoverableDays * 86400
      : date(d.scheduledPurgeDate, "scheduledPurgeDate", nowSec);
  const rec: DeletedRecord = { secret, deletedDate, scheduledPurgeDate, visibleAtMs: d.visibleAtMs ?? 0 };
  if (d.purgingUntilMs !== undefined) rec.purgingUntilMs = d.purgingUntilMs;
  return rec;
}

/** Serialises a version record. */
export function versionToDoc(v: VersionRecord): SecretVersionDocument {
  return { ...v, ...(v.tags !== undefined && { tags: { ...v.tags } }) };
}

/** Serialises a secret record. */
export function secretToDoc(s: SecretRecord): SecretDocument {
  const doc: SecretDocument = { name: s.name, versions: s.versions.map(versionToDoc) };
  if (s.recoveringUntilMs !== undefined) doc.recoveringUntilMs = s.recoveringUntilMs;
  return doc;
}

/** Serialises a deleted record. */
export function deletedToDoc(d: DeletedRecord): DeletedSecretDocument {
  const doc: DeletedSecretDocument = {
    ...secretToDoc(d.secret),
    deletedDate: d.deletedDate,
    scheduledPurgeDate: d.scheduledPurgeDate,
    visibleAtMs: d.visibleAtMs,
  };
  if (d.purgingUntilMs !== undefined) doc.purgingUntilMs = d.purgingUntilMs;
  return doc;
}

/** The vault options of a configuration, as written in documents. */
export function configToOptions(c: VaultConfig): VaultOptions {
  return { ...c };
}
