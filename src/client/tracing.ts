import { createTracingClient } from "@azure/core-tracing";
import { SDK_VERSION } from "./constants.js";

/** The tracing client of this package (namespace `Microsoft.KeyVault`). */
export const tracingClient = createTracingClient({
  namespace: "Microsoft.KeyVault",
  packageName: "keyvault-secrets",
  packageVersion: SDK_VERSION,
});
