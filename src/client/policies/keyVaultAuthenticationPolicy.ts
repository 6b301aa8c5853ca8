import type { TokenCredential } from "@azure/core-auth";
import type { PipelinePolicy, PipelineRequest, PipelineResponse, SendRequest } from "@azure/core-rest-pipeline";
import { authLogger } from "../logger.js";
import { decodeClaims, getChallengeInfo } from "./challengeInfo.js";
import { getScopeHostname, verifyChallengeResource } from "./challengeScope.js";
import { assertPinnedHttpsOrigin } from "./originGate.js";
import { parseWWWAuthenticate } from "./parseWWWAuthenticate.js";
import { sendWithoutBody } from "./sendWithoutBody.js";
import { AccessTokenCache, type AcquireTokenOptions } from "./tokenCache.js";

/** The name of the challenge authentication policy in the pipeline. */
export const keyVaultAuthenticationPolicyName = "keyVaultAuthenticationPolicy";

/** Options of {@link keyVaultAuthenticationPolicy}. */
export interface KeyVaultAuthenticationPolicyOptions {
  /** The client's vault URL; its origin is the only one that ever receives a token. */
  vaultUrl: string;
  /**
   * Skips the check that the vault host is a subdomain of the challenge resource. HTTPS stays required.
   * @defaultValue false
   */
  disableChallengeResourceVerification?: boolean;
}

interface CachedChallenge {
  scope: string;
  tenantId: string | undefined;
}

/**
 * Creates the Key Vault challenge authentication policy (SPEC §3).
 *
 * The first request of a client goes out without a body or `Authorization`; its 401 challenge names the scope and
 * tenant, which are verified, cached per client and used for every later request. Only HTTPS requests to the origin
 * of `vaultUrl` are ever sent. Throws `Error("The request URL must use HTTPS.")`, the origin, scope and domain errors
 * of SPEC §3.7, `Error("Failed to refresh access token.")` when the credential returns `null`, and the credential's
 * own errors unchanged. A 401 without a usable challenge is returned as the response.
 *
 * @param credential - the credential that issues Key Vault tokens
 * @param options - the vault URL to pin and the domain-verification switch
 */
export function keyVaultAuthenticationPolicy(
  credential: TokenCredential,
  options: KeyVaultAuthenticationPolicyOptions,
): PipelinePolicy {
  const pinnedOrigin = new URL(options.vaultUrl).origin;
  const verifyResource = !options.disableChallengeResourceVerification;
  const tokenCaches = new Map<string, AccessTokenCache>();
  let cached: CachedChallenge | undefined;
  let revision = 0; // bumped on every change of `cached`

  let lastChallenge: CachedChallenge | undefined;
  let lastCache: AccessTokenCache | undefined;

  function tokenCacheFor(challenge: CachedChallenge): AccessTokenCache {
    if (challenge === lastChallenge && lastCache) return lastCache;
    const key = JSON.stringify([challenge.scope, challenge.tenantId ?? null]);
    let cache = tokenCaches.get(key);
    if (!cache) tokenCaches.set(key, (cache = new AccessTokenCache(credential, challenge.scope, challenge.tenantId)));
    lastChallenge = challenge;
    lastCache = cache;
    return cache;
  }

  async function authorize(
    request: PipelineRequest,
    challenge: CachedChallenge,
    extra: AcquireTokenOptions = {},
  ): Promise<void> {
    const cache = tokenCacheFor(challenge);
    // A usable cached token is taken without a promise; otherwise wait for one.
    const token =
      cache.cachedToken(extra) ??
      (await cache.getToken({
        abortSignal: request.abortSignal,
        tracingOptions: request.tracingOptions,
        timeoutInMs: request.timeout,
        ...extra,
      }));
    assertPinnedHttpsOrigin(request.url, pinnedOrigin); // the URL may not change while we waited for the token
    request.headers.set("Authorization", `Bearer ${token.token}`);
  }

  function clearIfUnchanged(seen: number): void {
    if (revision !== seen || cached === undefined) return;
    cached = undefined;
    revision++;
    authLogger.info("challenge cache cleared");
  }

  /** Turns a 401's resource challenge into a verified scope and tenant, or undefined when it carries none. */
  function readResourceChallenge(request: PipelineRequest, response: PipelineResponse): CachedChallenge | undefined {
    const header = response.headers.get("WWW-Authenticate");
    const parsed = header === undefined ? undefined : parseWWWAuthenticate(header);
    if (!parsed) return undefined;
    const info = getChallengeInfo(parsed);
    if (info.scope === undefined) return undefined;
    const scopeHostname = getScopeHostname(info.scope);
    if (verifyResource) verifyChallengeResource(new URL(request.url).hostname, scopeHostname);
    authLogger.info(`challenge received for scope ${info.scope}, tenant ${info.tenantId ?? "(none)"}`);
    return { scope: info.scope, tenantId: info.tenantId };
  }

  /** Authorises for a freshly verified challenge, caches it unless a newer one arrived meanwhile, and re-sends once. */
  async function resendWith(
    request: PipelineRequest,
    next: SendRequest,
    challenge: CachedChallenge,
    seen: number,
    forceRefresh: boolean,
  ): Promise<PipelineResponse> {
    await authorize(request, challenge, { forceRefresh });
    let ours = -1;
    if (revision === seen) {
      cached = challenge; // only now: verified, and a token was issued for it
      ours = ++revision;
    }
    const response = await next(request);
    if (response.status === 401 && !response.headers.has("WWW-Authenticate")) clearIfUnchanged(ours);
    return response;
  }

  async function discover(request: PipelineRequest, next: SendRequest, seen: number): Promise<PipelineResponse> {
    const response = await sendWithoutBody(request, next);
    if (response.status !== 401) return response;
    const challenge = readResourceChallenge(request, response);
    if (!challenge) return response;
    return resendWith(request, next, challenge, seen, false);
  }

  async function sendAuthorized(
    request: PipelineRequest,
    next: SendRequest,
    challenge: CachedChallenge,
    seen: number,
  ): Promise<PipelineResponse> {
    await authorize(request, challenge);
    const response = await next(request);
    if (response.status !== 401) return response;
    const header = response.headers.get("WWW-Authenticate");
    if (header === undefined) {
      clearIfUnchanged(seen);
      return response;
    }
    const parsed = parseWWWAuthenticate(header);
    if (!parsed) return response;
    const info = getChallengeInfo(parsed);
    if (info.error === "insufficient_claims" && info.claims !== undefined) {
      const claims = decodeClaims(info.claims);
      if (claims === undefined) return response;
      authLogger.info("CAE challenge received");
      // The cached scope and tenant stay: the CAE header's authority does not change them (SPEC §3.6).
      await authorize(request, challenge, { claims });
      const retried = await next(request);
      if (retried.status === 401 && !retried.headers.has("WWW-Authenticate")) clearIfUnchanged(seen);
      return retried;
    }
    const fresh = readResourceChallenge(request, response);
    if (!fresh) return response;
    const same = fresh.scope === challenge.scope && fresh.tenantId === challenge.tenantId;
    // The service rejected the token it was sent: the same challenge again needs a new token, not the cached one.
    return resendWith(request, next, fresh, seen, same);
  }

  return {
    name: keyVaultAuthenticationPolicyName,
    async sendRequest(request, next) {
      assertPinnedHttpsOrigin(request.url, pinnedOrigin);
      const seen = revision;
      const challenge = cached;
      return challenge ? sendAuthorized(request, next, challenge, seen) : discover(request, next, seen);
    },
  };
}
