/**
 * `keyvault-secrets/emulator`: a local HTTPS Key Vault (secrets only) for tests and development.
 * Importing this module does nothing; `startEmulator()` starts a server.
 */
export { startEmulator } from "./startEmulator.js";
export { EmulatorCredential } from "./credential.js";
export { loadEmulatorCa } from "./emulatorCa.js";
export type { EmulatorCredentialOptions } from "./credential.js";
export type { Emulator, EmulatorClientOptions, EmulatorControl, EmulatorOptions, VaultInfo } from "./types.js";
export type { EmulatorClock } from "./clock.js";
export type { FaultRule, FaultsControl } from "./faultRule.js";
export type { RequestLogEntry } from "./requestLog.js";
export type { VaultOptions } from "./vaultConfig.js";
export type {
  DeletedSecretDocument,
  DocumentDate,
  EmulatorDocument,
  SecretDocument,
  SecretVersionDocument,
  VaultDocument,
} from "./document.js";
