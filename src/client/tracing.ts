import type { PipelineRequest } from "@azure/core-rest-pipeline";
import { createTracingClient, type TracingClient } from "@azure/core-tracing";
import { SDK_VERSION } from "./constants.js";

const coreTracingClient = createTracingClient({
  namespace: "Microsoft.KeyVault",
  packageName: "keyvault-secrets",
  packageVersion: SDK_VERSION,
});

/**
 * The `tracingOptions` objects `withSpan` created for operations whose span does not record (no instrumenter
 * registered, or an unsampled parent). Each `withSpan` call creates its own, and requests carry it unchanged.
 */
const unrecorded = new WeakSet<object>();

/**
 * Whether the request belongs to an operation whose span does not record.
 *
 * @param request - a request built by `sendOperation` from an operation's options
 */
export function isUnrecordedRequest(request: PipelineRequest): boolean {
  return request.tracingOptions !== undefined && unrecorded.has(request.tracingOptions);
}

/** The tracing client of this package (namespace `Microsoft.KeyVault`). */
export const tracingClient: TracingClient = {
  ...coreTracingClient,
  withSpan(name, operationOptions, callback, spanOptions) {
    return coreTracingClient.withSpan(
      name,
      operationOptions,
      ((updatedOptions, span) => {
        if (!span.isRecording() && updatedOptions.tracingOptions) unrecorded.add(updatedOptions.tracingOptions);
        return callback(updatedOptions, span);
      }) as typeof callback,
      spanOptions,
    );
  },
};
