/** One version of a secret. Dates are unix seconds, as on the wire. */
export interface VersionRecord {
  readonly version: string;
  readonly value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  readonly created: number;
  updated: number;
  managed?: boolean;
  kid?: string;
}

/** A secret: its name as created and its versions in creation order (the last one is the latest). */
export interface SecretRecord {
  readonly name: string;
  readonly versions: VersionRecord[];
  readonly byVersion: Map<string, VersionRecord>;
  /** While set and in the future, the secret is being recovered: invisible, and its name is not reusable. */
  recoveringUntilMs?: number;
}

/** A soft-deleted secret. */
export interface DeletedRecord {
  readonly secret: SecretRecord;
  readonly deletedDate: number;
  readonly scheduledPurgeDate: number;
  /** End of the deletion window: before it, `GET /deletedsecrets/{n}` answers 404. */
  readonly visibleAtMs: number;
  /** Set by purge: the record disappears at this instant. */
  purgingUntilMs?: number;
}

/** Builds a secret record from versions in creation order. */
export function newSecretRecord(name: string, versions: VersionRecord[]): SecretRecord {
  return { name, versions, byVersion: new Map(versions.map((v) => [v.version, v])) };
}

/** The latest (most recently created) version. */
export function latestVersion(secret: SecretRecord): VersionRecord {
  const latest = secret.versions[secret.versions.length - 1];
  if (latest === undefined) throw new Error("A secret record has no versions.");
  return latest;
}

// Each secret's versions sorted by id, for version listings; dropped whenever a version is added or replaced.
const sortedVersions = new WeakMap<SecretRecord, VersionsById>();

/** A secret's versions sorted by version-id string, with their ids alongside. */
export interface VersionsById {
  readonly keys: readonly string[];
  readonly items: readonly VersionRecord[];
}

/** The versions sorted by id, computed once per change of the secret's versions. */
export function versionsById(secret: SecretRecord): VersionsById {
  let sorted = sortedVersions.get(secret);
  if (sorted === undefined) {
    const items = [...secret.versions].sort((a, b) => (a.version < b.version ? -1 : 1));
    sorted = { keys: items.map((v) => v.version), items };
    sortedVersions.set(secret, sorted);
  }
  return sorted;
}

/** Appends a new version, which becomes the latest. */
export function addVersion(secret: SecretRecord, version: VersionRecord): void {
  secret.versions.push(version);
  secret.byVersion.set(version.version, version);
  sortedVersions.delete(secret);
}

/** Replaces the version at `index` (same id) with a new record. */
export function replaceVersion(secret: SecretRecord, index: number, version: VersionRecord): void {
  secret.versions[index] = version;
  secret.byVersion.set(version.version, version);
  sortedVersions.delete(secret);
}

/** A new 32-hex version id. */
export function newVersionId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
