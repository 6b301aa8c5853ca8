import { VAULT_DEFAULTS } from "./constants.js";

/** The deletion recovery levels of SPEC §1.6. */
export const RECOVERY_LEVELS: ReadonlySet<string> = new Set([
  "Purgeable",
  "Recoverable+Purgeable",
  "Recoverable",
  "Recoverable+ProtectedSubscription",
  "CustomizedRecoverable+Purgeable",
  "CustomizedRecoverable",
  "CustomizedRecoverable+ProtectedSubscription",
]);

/** Options of one vault (`EmulatorOptions.vaults`, `control.createVault`). */
export interface VaultOptions {
  /** DNS label: 1–63 of `a-z 0-9 -`, case-insensitive; served at `https://{name}.localhost:{port}`. */
  name: string;
  /** @defaultValue `Recoverable+Purgeable` (`Recoverable` with purge protection; `Customized*` under 90 days) */
  recoveryLevel?: string;
  /** Retention of deleted secrets, 7..90. @defaultValue 90 */
  recoverableDays?: number;
  /** Forbids purge (403). @defaultValue false */
  purgeProtection?: boolean;
  /** How long a deleted secret stays invisible to `GET /deletedsecrets/{n}`. @defaultValue 2000 */
  deletionDelayInMs?: number;
  /** How long a recovered secret stays invisible to `GET /secrets/{n}`. @defaultValue 2000 */
  recoveryDelayInMs?: number;
  /** How long a purged name stays blocked. @defaultValue 2000 */
  purgeDelayInMs?: number;
}

/** A validated vault configuration. */
export interface VaultConfig {
  readonly name: string;
  readonly recoveryLevel: string;
  readonly recoverableDays: number;
  readonly purgeProtection: boolean;
  readonly deletionDelayInMs: number;
  readonly recoveryDelayInMs: number;
  readonly purgeDelayInMs: number;
}

const VAULT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function delay(value: unknown, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw new TypeError(`${what} must be a number.`);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number >= 0.`);
  return value;
}

/** Validates vault options, throwing `TypeError`/`RangeError`. */
export function toVaultConfig(options: VaultOptions): VaultConfig {
  if (typeof options !== "object" || options === null) throw new TypeError("A vault must be an object.");
  if (typeof options.name !== "string") throw new TypeError("vault.name must be a string.");
  const name = options.name.toLowerCase();
  if (!VAULT_NAME.test(name)) throw new RangeError(`Invalid vault name '${options.name}'.`);
  const days = options.recoverableDays ?? VAULT_DEFAULTS.recoverableDays;
  if (typeof days !== "number") throw new TypeError("recoverableDays must be a number.");
  if (!Number.isInteger(days) || days < 7 || days > 90)
    throw new RangeError("recoverableDays must be an integer in 7..90.");
  const purgeProtection = options.purgeProtection ?? false;
  if (typeof purgeProtection !== "boolean") throw new TypeError("purgeProtection must be a boolean.");
  const custom = days < 90 ? "CustomizedRecoverable" : "Recoverable";
  const recoveryLevel = options.recoveryLevel ?? (purgeProtection ? custom : `${custom}+Purgeable`);
  if (typeof recoveryLevel !== "string") throw new TypeError("recoveryLevel must be a string.");
  if (!RECOVERY_LEVELS.has(recoveryLevel)) throw new RangeError(`Unknown recoveryLevel '${recoveryLevel}'.`);
  if (recoveryLevel === "Purgeable" && purgeProtection) {
    throw new RangeError("purgeProtection needs soft delete; it cannot be combined with recoveryLevel 'Purgeable'.");
  }
  return {
    name,
    recoveryLevel,
    recoverableDays: days,
    purgeProtection,
    deletionDelayInMs: delay(options.deletionDelayInMs, "deletionDelayInMs", VAULT_DEFAULTS.deletionDelayInMs),
    recoveryDelayInMs: delay(options.recoveryDelayInMs, "recoveryDelayInMs", VAULT_DEFAULTS.recoveryDelayInMs),
    purgeDelayInMs: delay(options.purgeDelayInMs, "purgeDelayInMs", VAULT_DEFAULTS.purgeDelayInMs),
  };
}

/** Whether deletes are soft (anything but `Purgeable`). */
export function isSoftDelete(config: VaultConfig): boolean {
  return config.recoveryLevel !== "Purgeable";
}

/** Whether users may purge: the level says `Purgeable` and purge protection is off. */
export function isPurgeAllowed(config: VaultConfig): boolean {
  return config.recoveryLevel.endsWith("Purgeable") && !config.purgeProtection;
}
