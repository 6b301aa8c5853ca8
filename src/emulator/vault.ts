import type { DeletedRecord, SecretRecord } from "./records.js";
import type { VaultConfig } from "./vaultConfig.js";

/** Where a name stands in its lifecycle, as of one instant on the emulator clock. */
export type NameState =
  | { readonly kind: "none" }
  | { readonly kind: "active"; readonly secret: SecretRecord }
  | { readonly kind: "recovering"; readonly secret: SecretRecord }
  | { readonly kind: "deleting"; readonly deleted: DeletedRecord }
  | { readonly kind: "deleted"; readonly deleted: DeletedRecord }
  | { readonly kind: "purging"; readonly deleted: DeletedRecord };

const NONE: NameState = { kind: "none" };

/**
 * One vault: active secrets and deleted secrets keyed by lower-cased name. Time-driven transitions
 * (end of a window, auto-purge after retention) are applied lazily when a name is read, so they
 * follow the emulator clock without timers and need no journal entries.
 */
export class Vault {
  config: VaultConfig;
  readonly active = new Map<string, SecretRecord>();
  readonly deleted = new Map<string, DeletedRecord>();

  constructor(config: VaultConfig) {
    this.config = config;
  }

  /** The lifecycle state of `key` (a lower-cased name) at `nowMs`. */
  state(key: string, nowMs: number): NameState {
    const secret = this.active.get(key);
    if (secret !== undefined) {
      if (secret.recoveringUntilMs === undefined) return { kind: "active", secret };
      if (nowMs < secret.recoveringUntilMs) return { kind: "recovering", secret };
      delete secret.recoveringUntilMs;
      return { kind: "active", secret };
    }
    const deleted = this.deleted.get(key);
    if (deleted === undefined) return NONE;
    if (deleted.purgingUntilMs !== undefined) {
      if (nowMs < deleted.purgingUntilMs) return { kind: "purging", deleted };
      this.deleted.delete(key);
      return NONE;
    }
    if (nowMs >= deleted.scheduledPurgeDate * 1000) {
      this.deleted.delete(key);
      return NONE;
    }
    return nowMs < deleted.visibleAtMs ? { kind: "deleting", deleted } : { kind: "deleted", deleted };
  }

  /** The active, visible secrets sorted by name, case-insensitively. */
  listActive(nowMs: number): SecretRecord[] {
    const out: SecretRecord[] = [];
    for (const key of [...this.active.keys()].sort()) {
      const s = this.state(key, nowMs);
      if (s.kind === "active") out.push(s.secret);
    }
    return out;
  }

  /** The visible deleted secrets sorted by name, case-insensitively. */
  listDeleted(nowMs: number): DeletedRecord[] {
    const out: DeletedRecord[] = [];
    for (const key of [...this.deleted.keys()].sort()) {
      const s = this.state(key, nowMs);
      if (s.kind === "deleted") out.push(s.deleted);
    }
    return out;
  }
}
