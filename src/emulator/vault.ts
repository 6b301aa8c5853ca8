import type { SortedSource } from "./paging.js";
import type { DeletedRecord, SecretRecord } from "./records.js";
import { SortedKeyMap } from "./sortedKeyMap.js";
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
  readonly active = new SortedKeyMap<SecretRecord>();
  readonly deleted = new SortedKeyMap<DeletedRecord>();

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

  /** The active secrets sorted by name, case-insensitively; those being recovered are hidden. */
  activeSource(nowMs: number): SortedSource<SecretRecord> {
    const keys = this.active.sortedKeys();
    return {
      keys,
      itemAt: (index) => {
        const s = this.state(keys[index] as string, nowMs);
        return s.kind === "active" ? s.secret : undefined;
      },
    };
  }

  /** The deleted secrets sorted by name, case-insensitively; only those past the deletion window are visible. */
  deletedSource(nowMs: number): SortedSource<DeletedRecord> {
    const keys = this.deleted.sortedKeys();
    return {
      keys,
      itemAt: (index) => {
        const s = this.state(keys[index] as string, nowMs);
        return s.kind === "deleted" ? s.deleted : undefined;
      },
    };
  }
}
