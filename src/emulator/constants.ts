/** The emulator's build, sent as `x-ms-keyvault-service-version`. */
export const EMULATOR_SERVICE_VERSION = "0.1.0-kvs-emulator";

/** api-versions the emulator accepts (SPEC §8.2); `2026-03-01-preview` appears in recordings. */
export const SUPPORTED_API_VERSIONS: ReadonlySet<string> = new Set([
  "7.0",
  "7.1",
  "7.2",
  "7.3",
  "7.4",
  "7.5",
  "7.6",
  "2025-07-01",
  "2026-03-01-preview",
  "2026-04-01",
]);

/** Limits of SPEC §2.4 and of the emulator's own transport. */
export const LIMITS = {
  nameLength: 127,
  valueBytes: 25 * 1024,
  contentTypeLength: 255,
  tagCount: 15,
  tagLength: 512,
  maxResults: 25,
  bodyBytes: 1024 * 1024,
  requestLogEntries: 10_000,
} as const;

/** The defaults of `createVault` (SPEC §8.3). */
export const VAULT_DEFAULTS = {
  recoverableDays: 90,
  deletionDelayInMs: 2000,
  recoveryDelayInMs: 2000,
  purgeDelayInMs: 2000,
} as const;

/** The name of the vault served on bare `localhost` and `127.0.0.1`. */
export const DEFAULT_VAULT = "default";

/** Auth defaults (SPEC §8.2). */
export const AUTH_DEFAULTS = {
  resource: "https://localhost",
  authority: "https://login.microsoftonline.com",
  tenantId: "00000000-0000-0000-0000-000000000000",
} as const;
