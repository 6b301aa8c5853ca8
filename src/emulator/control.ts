import type { InternalClock } from "./clock.js";
import type { FaultRegistry } from "./faults.js";
import type { RequestLog } from "./requestLog.js";
import type { Store } from "./store.js";
import type { EmulatorControl, VaultInfo } from "./types.js";
import type { VaultConfig } from "./vaultConfig.js";

/** What the control API drives. */
export interface ControlDeps {
  readonly store: Store;
  readonly clock: InternalClock;
  readonly faults: FaultRegistry;
  readonly log: RequestLog;
  readonly vaultUrl: (name: string) => string;
  readonly shortPages: { enabled: boolean };
}

/** Builds the `control` object. State changes apply at once; returned promises resolve when durable. */
export function createControl(deps: ControlDeps): EmulatorControl {
  const info = (c: VaultConfig): VaultInfo => ({ ...c, url: deps.vaultUrl(c.name) });
  const clock = deps.clock;
  return {
    clock: {
      now: () => clock.now(),
      freeze: () => clock.freeze(),
      unfreeze: () => clock.unfreeze(),
      advance: (seconds) => clock.advance(seconds),
      offset: (seconds) => clock.offset(seconds),
    },
    faults: { add: (rule) => deps.faults.add(rule), clear: () => deps.faults.clear() },
    requests: () => deps.log.list(),
    clearRequests: () => deps.log.clear(),
    createVault(name, options = {}) {
      if (typeof options !== "object" || options === null) throw new TypeError("options must be an object.");
      return deps.store.createVault({ ...options, name }).then(info);
    },
    deleteVault: (name) => deps.store.deleteVault(name),
    listVaults: () => deps.store.listVaults().map(info),
    seed: (doc) => deps.store.seed(doc),
    import: (doc) => deps.store.import(doc),
    export: () => deps.store.exportDocument(),
    reset: () => deps.store.reset(),
    setShortPages(enabled) {
      if (typeof enabled !== "boolean") throw new TypeError("enabled must be a boolean.");
      deps.shortPages.enabled = enabled;
    },
  };
}
