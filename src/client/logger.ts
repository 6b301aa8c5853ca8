import { createClientLogger } from "@azure/logger";

/** The logger of this package, enabled with `AZURE_LOG_LEVEL` or `setLogLevel()` from `@azure/logger`. */
export const logger = createClientLogger("keyvault-secrets");

/** The challenge authentication policy's own logger (SPEC §6.6). */
export const authLogger = createClientLogger("keyvault-secrets:auth");
