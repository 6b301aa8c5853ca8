import type { HttpClient } from "@azure/core-rest-pipeline";
import type { EmulatorClock } from "./clock.js";
import type { EmulatorCredential } from "./credential.js";
import type { EmulatorDocument } from "./document.js";
import type { FaultsControl } from "./faultRule.js";
import type { RequestLogEntry } from "./requestLog.js";
import type { VaultOptions } from "./vaultConfig.js";

/** Options of `startEmulator`. Bad values throw `TypeError` or `RangeError`. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Address to bind. @defaultValue `127.0.0.1` */
  host?: string;
  /** Vaults to create; a vault `default` always exists (configure it here to change its settings). */
  vaults?: VaultOptions[];
  /** Create vaults on first request to `https://{name}.localhost`. @defaultValue true */
  autoCreateVaults?: boolean;
  /** Directory for the CA, keys and durable state; in-memory when omitted. */
  dataDir?: string;
  /** `resource` advertised in the challenge, and the audience `strictAuth` requires. @defaultValue `https://localhost` */
  authResource?: string;
  /** Authority in the challenge. @defaultValue `https://login.microsoftonline.com` */
  authority?: string;
  /** Tenant in the challenge. @defaultValue `00000000-0000-0000-0000-000000000000` */
  tenantId?: string;
  /** Accept only unexpired emulator-issued tokens for `authResource`. @defaultValue false (any bearer token) */
  strictAuth?: boolean;
  /** Extra DNS names or IPs for the TLS leaf, for example `*.vault.azure.net`. */
  extraSans?: string[];
  /** Return list pages at most half full (with a nextLink), as the service sometimes does. @defaultValue false */
  shortPages?: boolean;
}

/** A vault's settings and URL. */
export interface VaultInfo extends Required<VaultOptions> {
  readonly url: string;
}

/** Test controls of a running emulator, mirrored over HTTP at `/_emulator/*`. */
export interface EmulatorControl {
  /** The emulator clock. */
  readonly clock: EmulatorClock;
  /** Fault injection. */
  readonly faults: FaultsControl;
  /** The request log, oldest first (method, path, status, auth presence, ids; never bodies or tokens). */
  requests(): RequestLogEntry[];
  /** Empties the request log. */
  clearRequests(): void;
  /** Creates a vault, or reconfigures one keeping its secrets. Applied at once; resolves when durable. */
  createVault(name: string, options?: Omit<VaultOptions, "name">): Promise<VaultInfo>;
  /** Deletes a vault with its secrets (`default` comes back empty). Resolves false when unknown. */
  deleteVault(name: string): Promise<boolean>;
  /** All vaults, sorted by name. */
  listVaults(): VaultInfo[];
  /** Adds vaults and secrets from a document; `{{now}}`-style dates allowed. A seeded name replaces that name. */
  seed(doc: EmulatorDocument): Promise<void>;
  /** Replaces the whole state with a document (as produced by `export`). */
  import(doc: EmulatorDocument): Promise<void>;
  /** The whole state as a document, values included. */
  export(): EmulatorDocument;
  /** Clears all secrets and vaults, restoring the configured vaults empty. Faults, log and clock are untouched. */
  reset(): Promise<void>;
  /** Turns short list pages on or off. */
  setShortPages(enabled: boolean): void;
}

/** Options accepted by both the official `SecretClient` and ours. */
export interface EmulatorClientOptions {
  tlsOptions: { ca: string };
  disableChallengeResourceVerification: true;
}

/** A running emulator. */
export interface Emulator {
  /** The default vault's URL, `https://localhost:{port}`. */
  readonly vaultUrl: string;
  /**
   * Vault name → URL for every vault that exists now: `https://{name}.localhost:{port}`, except the default vault,
   * which is {@link Emulator.vaultUrl} (`https://localhost:{port}`).
   */
  readonly vaults: Record<string, string>;
  /** PEM of the emulator CA. */
  readonly ca: string;
  /** Path of `ca.pem` when a data directory is used (for NODE_EXTRA_CA_CERTS). */
  readonly caPath?: string;
  /** A `TokenCredential` issuing emulator-signed JWTs valid for one hour on the emulator clock. */
  readonly credential: EmulatorCredential;
  /** `{ tlsOptions: { ca }, disableChallengeResourceVerification: true }`. */
  readonly clientOptions: EmulatorClientOptions;
  /** A transport that trusts the CA and resolves `*.localhost` to loopback; keep-alive. */
  readonly httpClient: HttpClient;
  /** Test controls. */
  readonly control: EmulatorControl;
  /** The bound port. */
  readonly port: number;
  /** Stops the server, drops open connections and flushes the journal. */
  close(): Promise<void>;
}
