/**
 * Checks a request URL before anything is sent or a token attached (SPEC §3.1 step 1, §3.4): it must use HTTPS, even
 * with `disableChallengeResourceVerification` or `allowInsecureConnection`, and its origin must be the pinned vault
 * origin. Throws `Error("The request URL must use HTTPS.")` or the origin error of SPEC §3.7.
 *
 * @param requestUrl - the request's URL
 * @param pinnedOrigin - the WHATWG `URL.origin` of the client's vault URL
 */
export function assertPinnedHttpsOrigin(requestUrl: string, pinnedOrigin: string): void {
  // Fast path: the pinned HTTPS origin followed by the path's "/" can only parse to that origin.
  if (
    requestUrl.startsWith(pinnedOrigin) &&
    requestUrl.charCodeAt(pinnedOrigin.length) === 0x2f &&
    pinnedOrigin.startsWith("https://")
  ) {
    return;
  }
  const url = new URL(requestUrl);
  if (url.protocol !== "https:") throw new Error("The request URL must use HTTPS.");
  if (url.origin !== pinnedOrigin) {
    throw new Error(
      `The challenge origin '${pinnedOrigin}' does not match the requested domain. This request targeted '${url.origin}'.`,
    );
  }
}
