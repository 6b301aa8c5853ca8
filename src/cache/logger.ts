import { createClientLogger } from "@azure/logger";

/** The cache's logger, enabled with `AZURE_LOG_LEVEL` or `setLogLevel()` from `@azure/logger`. Never logs values. */
export const cacheLogger = createClientLogger("keyvault-secrets:cache");
