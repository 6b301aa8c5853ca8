import { AUTH_DEFAULTS } from "./constants.js";
import type { EmulatorOptions } from "./types.js";
import type { VaultConfig } from "./vaultConfig.js";
import { toVaultConfig } from "./vaultConfig.js";

/** `EmulatorOptions` with defaults applied. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly vaults: VaultConfig[];
  readonly autoCreateVaults: boolean;
  readonly dataDir: string | undefined;
  readonly authResource: string;
  readonly authority: string;
  readonly tenantId: string;
  readonly strictAuth: boolean;
  readonly extraSans: string[];
  readonly shortPages: boolean;
}

function bool(v: unknown, what: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new TypeError(`${what} must be a boolean.`);
  return v;
}

function str(v: unknown, what: string, fallback: string | undefined): string | undefined {
  if (v === undefined) return fallback;
  if (typeof v !== "string") throw new TypeError(`${what} must be a string.`);
  if (v.trim() === "") throw new RangeError(`${what} must not be empty.`);
  return v;
}

function url(v: unknown, what: string, fallback: string): string {
  const s = str(v, what, fallback) as string;
  if (!URL.canParse(s)) throw new RangeError(`${what} must be an absolute URL.`);
  return s.replace(/\/+$/, "");
}

/** Validates options and applies defaults; throws `TypeError`/`RangeError`. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object.");
  const port = options.port ?? 0;
  if (typeof port !== "number") throw new TypeError("port must be a number.");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError("port must be an integer in 0..65535.");
  if (options.vaults !== undefined && !Array.isArray(options.vaults)) throw new TypeError("vaults must be an array.");
  const vaults = (options.vaults ?? []).map(toVaultConfig);
  const names = new Set<string>();
  for (const v of vaults) {
    if (names.has(v.name)) throw new RangeError(`Vault '${v.name}' is configured twice.`);
    names.add(v.name);
  }
  if (
    options.extraSans !== undefined &&
    (!Array.isArray(options.extraSans) || options.extraSans.some((s) => typeof s !== "string" || s === ""))
  ) {
    throw new TypeError("extraSans must be an array of non-empty strings.");
  }
  return {
    port,
    host: str(options.host, "host", "127.0.0.1") as string,
    vaults,
    autoCreateVaults: bool(options.autoCreateVaults, "autoCreateVaults", true),
    dataDir: str(options.dataDir, "dataDir", undefined),
    authResource: url(options.authResource, "authResource", AUTH_DEFAULTS.resource),
    authority: url(options.authority, "authority", AUTH_DEFAULTS.authority),
    tenantId: str(options.tenantId, "tenantId", AUTH_DEFAULTS.tenantId) as string,
    strictAuth: bool(options.strictAuth, "strictAuth", false),
    extraSans: [...(options.extraSans ?? [])],
    shortPages: bool(options.shortPages, "shortPages", false),
  };
}
