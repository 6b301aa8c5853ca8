/** The version of this package, sent in the User-Agent and used for tracing. */
export const SDK_VERSION = "0.1.0";

/** The Key Vault REST API version used when `serviceVersion` is not given (SPEC §1.2). */
export const LATEST_API_VERSION = "2025-07-01";

/** Every `serviceVersion` the client accepts. */
export const KnownVersions = ["7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01"] as const;

/** Default wait between two polls of a long-running operation. */
export const DEFAULT_POLL_INTERVAL_IN_MS = 2000;
