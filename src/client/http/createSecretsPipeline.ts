import type { TokenCredential } from "@azure/core-auth";
import {
  createEmptyPipeline,
  createPipelineRequest,
  logPolicy,
  proxyPolicy,
  tracingPolicy,
  userAgentPolicy,
  type Pipeline,
} from "@azure/core-rest-pipeline";
import { SDK_VERSION } from "../constants.js";
import { logger } from "../logger.js";
import type { SecretClientOptions } from "../options.js";
import { apiVersionPolicy } from "../policies/apiVersionPolicy.js";
import { keyVaultAuthenticationPolicy } from "../policies/keyVaultAuthenticationPolicy.js";
import {
  acceptEncodingPolicy,
  agentSettingPolicy,
  cachedHeaderPolicy,
  clientRequestIdPolicy,
  tlsSettingPolicy,
} from "../policies/lightPolicies.js";
import { enabledLogPolicy, recordedTracingPolicy } from "../policies/observabilityPolicies.js";
import { secretsRetryPolicy } from "../policies/retryStrategies.js";

/** Response headers Key Vault sends that carry no secret and help support cases (SPEC §6.6). */
const ALLOWED_HEADER_NAMES = ["x-ms-keyvault-region", "x-ms-keyvault-network-info", "x-ms-keyvault-service-version"];
/** Query parameters worth logging; `$skiptoken` stays redacted. */
const ALLOWED_QUERY_PARAMETERS = ["api-version", "maxresults", "outContentType"];

/** What the pipeline needs besides the user's options. */
export interface SecretsPipelineSettings {
  vaultUrl: string;
  apiVersion: string;
  credential: TokenCredential;
}

/**
 * Builds the client's pipeline in the order of SPEC §6.1, written down once:
 * transport settings → decompression → User-Agent → client request id → per-call policies →
 * api-version → challenge authentication → retry → per-retry policies → tracing → logging.
 * Authentication sits outside the retry policy, so one token serves every retry of an attempt.
 * No redirect policy: Key Vault does not redirect, and credentials never follow one (SPEC §6.4).
 */
export function createSecretsPipeline(settings: SecretsPipelineSettings, options: SecretClientOptions): Pipeline {
  const userPrefix = options.userAgentOptions?.userAgentPrefix;
  const packageToken = `azsdk-js-keyvault-secrets/${SDK_VERSION}`;
  const userAgentPrefix = userPrefix ? `${userPrefix} ${packageToken}` : packageToken;
  const loggingOptions = {
    ...options.loggingOptions,
    logger: options.loggingOptions?.logger ?? logger.info,
    additionalAllowedHeaderNames: [
      ...ALLOWED_HEADER_NAMES,
      ...(options.loggingOptions?.additionalAllowedHeaderNames ?? []),
    ],
    additionalAllowedQueryParameters: [
      ...ALLOWED_QUERY_PARAMETERS,
      ...(options.loggingOptions?.additionalAllowedQueryParameters ?? []),
    ],
  };

  const pipeline = createEmptyPipeline();
  const add = (policy: Parameters<Pipeline["addPolicy"]>[0]): void => void pipeline.addPolicy(policy);
  if (options.agent) add(agentSettingPolicy(options.agent));
  if (options.tlsOptions) add(tlsSettingPolicy(options.tlsOptions));
  add(proxyPolicy(options.proxyOptions));
  add(acceptEncodingPolicy());
  // Core computes the User-Agent once, asynchronously; from then on it is set without an await.
  const probe = (): ReturnType<typeof createPipelineRequest> => createPipelineRequest({ url: settings.vaultUrl });
  add(cachedHeaderPolicy(userAgentPolicy({ userAgentPrefix }), "User-Agent", probe));
  add(clientRequestIdPolicy(options.telemetryOptions?.clientRequestIdHeaderName));
  for (const { policy, position } of options.additionalPolicies ?? []) if (position === "perCall") add(policy);
  add(apiVersionPolicy(settings.apiVersion));
  add(
    keyVaultAuthenticationPolicy(settings.credential, {
      vaultUrl: settings.vaultUrl,
      disableChallengeResourceVerification: options.disableChallengeResourceVerification === true,
    }),
  );
  add(secretsRetryPolicy(options.retryOptions));
  for (const { policy, position } of options.additionalPolicies ?? []) if (position === "perRetry") add(policy);
  add(recordedTracingPolicy(tracingPolicy({ userAgentPrefix, ...loggingOptions })));
  add(enabledLogPolicy(logPolicy(loggingOptions), loggingOptions.logger));
  return pipeline;
}
