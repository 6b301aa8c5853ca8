import type { InternalClock } from "./clock.js";
import { DEFAULT_VAULT } from "./constants.js";
import type { EmulatorDocument } from "./document.js";
import {
  configToOptions,
  deletedFromDoc,
  deletedToDoc,
  secretFromDoc,
  secretToDoc,
  versionFromDoc,
  versionToDoc,
} from "./document.js";
import { mergeDocument, toDocument } from "./documentMerge.js";
import type { ChangeSink, JournalRecord } from "./persistence/journalRecord.js";
import type { SecretRecord, VersionRecord } from "./records.js";
import { addVersion, newSecretRecord, replaceVersion } from "./records.js";
import { Vault } from "./vault.js";
import type { VaultConfig, VaultOptions } from "./vaultConfig.js";
import { toVaultConfig } from "./vaultConfig.js";

/** Replays a `version` record: replaces that version in place, or appends it as the latest. */
function applyVersion(vault: Vault, key: string, name: string, version: VersionRecord): void {
  vault.deleted.delete(key);
  const secret = vault.active.get(key);
  if (secret === undefined) {
    vault.active.set(key, newSecretRecord(name, [version]));
    return;
  }
  const index = secret.versions.findIndex((v) => v.version === version.version);
  if (index === -1) return addVersion(secret, version);
  replaceVersion(secret, index, version);
}

/**
 * All vaults, keyed by lower-cased name. Mutations happen in memory; `commit*` sends the new state of
 * what changed to the journal and resolves once it is durable (immediately without a data directory).
 */
export class Store {
  readonly #vaults = new Map<string, Vault>();
  readonly #clock: InternalClock;
  readonly #baseConfigs: VaultConfig[];
  #sink: ChangeSink | undefined;
  autoCreate: boolean;

  constructor(clock: InternalClock, baseConfigs: VaultConfig[], autoCreate: boolean) {
    this.#clock = clock;
    this.#baseConfigs = baseConfigs;
    this.autoCreate = autoCreate;
    this.#installBaseVaults();
  }

  /** Re-applies the configured vaults over loaded state (their settings win; contents stay). */
  applyBaseVaults(): void {
    this.#installBaseVaults();
  }

  /** Starts journaling changes. */
  attach(sink: ChangeSink): void {
    this.#sink = sink;
  }

  #installBaseVaults(): void {
    if (!this.#vaults.has(DEFAULT_VAULT))
      this.#vaults.set(DEFAULT_VAULT, new Vault(toVaultConfig({ name: DEFAULT_VAULT })));
    for (const c of this.#baseConfigs) this.#upsertVault(c);
  }

  #upsertVault(config: VaultConfig): Vault {
    const existing = this.#vaults.get(config.name);
    if (existing !== undefined) {
      existing.config = config;
      return existing;
    }
    const vault = new Vault(config);
    this.#vaults.set(config.name, vault);
    return vault;
  }

  /** The vault named `name` (any case); auto-created when allowed. */
  vault(name: string): Vault | undefined {
    const key = name.toLowerCase();
    const found = this.#vaults.get(key);
    if (found !== undefined || !this.autoCreate) return found;
    return this.#upsertVault(toVaultConfig({ name: key }));
  }

  /** Configurations of all vaults, sorted by name. */
  listVaults(): VaultConfig[] {
    return [...this.#vaults.values()].map((v) => v.config).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates a vault, or reconfigures an existing one keeping its contents. */
  createVault(options: VaultOptions): Promise<VaultConfig> {
    const config = toVaultConfig(options);
    this.#upsertVault(config);
    return this.#append({ op: "vault", vault: configToOptions(config), remove: false }).then(() => config);
  }

  /** Removes a vault and its contents; `default` is recreated empty. */
  deleteVault(name: string): Promise<boolean> {
    if (typeof name !== "string") throw new TypeError("A vault name must be a string.");
    const key = name.toLowerCase();
    const vault = this.#vaults.get(key);
    if (vault === undefined) return Promise.resolve(false);
    this.#vaults.delete(key);
    if (key === DEFAULT_VAULT) this.#installBaseVaults();
    return this.#append({ op: "vault", vault: configToOptions(vault.config), remove: true }).then(() => true);
  }

  /** Journals one new or changed version of an active secret (set, update). */
  commitVersion(vault: Vault, secret: SecretRecord, version: VersionRecord): Promise<void> {
    if (this.#sink === undefined) return Promise.resolve();
    const key = secret.name.toLowerCase();
    return this.#append({
      op: "version",
      vault: configToOptions(vault.config),
      key,
      name: secret.name,
      version: versionToDoc(version),
    });
  }

  /** Journals the current state of one name. */
  commitSecret(vault: Vault, key: string): Promise<void> {
    if (this.#sink === undefined) return Promise.resolve();
    const active = vault.active.get(key);
    const deleted = vault.deleted.get(key);
    return this.#append({
      op: "secret",
      vault: configToOptions(vault.config),
      key,
      active: active === undefined ? null : secretToDoc(active),
      deleted: deleted === undefined ? null : deletedToDoc(deleted),
    });
  }

  #append(record: JournalRecord): Promise<void> {
    return this.#sink === undefined ? Promise.resolve() : this.#sink.append(record);
  }

  /** Applies a journal record without journaling it again (replay). */
  apply(record: JournalRecord): void {
    const nowSec = Math.floor(this.#clock.nowMs() / 1000);
    if (record.op === "replace") return this.#replace(record.doc);
    const config = toVaultConfig(record.vault);
    if (record.op === "vault") {
      if (record.remove) this.#vaults.delete(config.name);
      else this.#upsertVault(config);
      if (!this.#vaults.has(DEFAULT_VAULT)) this.#installBaseVaults();
      return;
    }
    const vault = this.#upsertVault(config);
    if (record.op === "version")
      return applyVersion(vault, record.key, record.name, versionFromDoc(record.version, nowSec));
    vault.active.delete(record.key);
    vault.deleted.delete(record.key);
    if (record.active !== null) vault.active.set(record.key, secretFromDoc(record.active, nowSec));
    if (record.deleted !== null) vault.deleted.set(record.key, deletedFromDoc(record.deleted, config, nowSec));
  }

  /** The whole state as a document. */
  exportDocument(): EmulatorDocument {
    return toDocument(this.#vaults.values());
  }

  #replace(doc: EmulatorDocument): void {
    const staged = new Store(this.#clock, [], false);
    staged.#vaults.clear();
    staged.#merge(doc);
    this.#vaults.clear();
    for (const [k, v] of staged.#vaults) this.#vaults.set(k, v);
    if (!this.#vaults.has(DEFAULT_VAULT)) this.#installBaseVaults();
  }

  #merge(doc: EmulatorDocument): void {
    mergeDocument(doc, Math.floor(this.#clock.nowMs() / 1000), (options, reconfigure) => {
      const existing = this.#vaults.get(String(options.name).toLowerCase());
      return existing !== undefined && !reconfigure ? existing : this.#upsertVault(toVaultConfig(options));
    });
  }

  /** Adds the document's vaults and secrets; a seeded name replaces that name's state. */
  seed(doc: EmulatorDocument): Promise<void> {
    const staged = new Store(this.#clock, [], false);
    staged.#merge(doc); // validate everything before touching the live state
    this.#merge(doc);
    return this.#append({ op: "replace", doc: this.exportDocument() });
  }

  /** Replaces the whole state with the document. */
  import(doc: EmulatorDocument): Promise<void> {
    this.#replace(doc);
    return this.#append({ op: "replace", doc: this.exportDocument() });
  }

  /** Clears all state and restores the configured vaults, empty. */
  reset(): Promise<void> {
    this.#vaults.clear();
    this.#installBaseVaults();
    return this.#append({ op: "replace", doc: this.exportDocument() });
  }
}
