const SCOPE_PREFIX = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/;
// host (a bracketed IP literal or a reg-name without `:`), then an optional numeric port
const AUTHORITY = /^(\[[^\]]*\]|[^:[\]]*)(?::\d*)?$/;
// C0 controls, space, DEL and backslash
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0020\u007f\\]/;

/** The error thrown for a malformed `resource` or `scope` (SPEC §3.7). */
export const INVALID_SCOPE_MESSAGE = "The challenge contains an invalid scope.";

/**
 * Validates a challenge scope (SPEC §3.3 rule 1) and returns its lower-cased hostname, port dropped.
 *
 * The scope must start with `<scheme>://<authority>`, the authority must hold no `@` or `%` and a non-empty host, and
 * the scope may hold no character up to U+0020, no DEL and no `\`. Otherwise throws
 * `Error("The challenge contains an invalid scope.")`.
 *
 * @param scope - the scope derived from the challenge, for example `https://vault.azure.net/.default`
 */
export function getScopeHostname(scope: string): string {
  const authority = SCOPE_PREFIX.exec(scope)?.[1];
  if (authority === undefined || FORBIDDEN.test(scope) || /[@%]/.test(authority)) {
    throw new Error(INVALID_SCOPE_MESSAGE);
  }
  const host = AUTHORITY.exec(authority)?.[1];
  if (!host) throw new Error(INVALID_SCOPE_MESSAGE);
  return host.toLowerCase();
}

/**
 * Whether a request to `requestHostname` may receive a token for a scope on `scopeHostname` (SPEC §3.3 rule 2): the
 * lower-cased request hostname must end with `"." + scopeHostname`. The leading dot is deliberate: `vault.azure.net`
 * itself and `evilvault.azure.net` do not match `vault.azure.net`.
 *
 * @param requestHostname - the hostname of the request URL
 * @param scopeHostname - the lower-cased hostname returned by {@link getScopeHostname}
 */
export function isResourceOfDomain(requestHostname: string, scopeHostname: string): boolean {
  return scopeHostname !== "" && requestHostname.toLowerCase().endsWith(`.${scopeHostname}`);
}

/**
 * Throws the domain-verification error of SPEC §3.7 unless `requestHostname` is a subdomain of `scopeHostname`.
 *
 * @param requestHostname - the hostname of the request URL
 * @param scopeHostname - the lower-cased hostname returned by {@link getScopeHostname}
 */
export function verifyChallengeResource(requestHostname: string, scopeHostname: string): void {
  if (!isResourceOfDomain(requestHostname, scopeHostname)) {
    throw new Error(
      `The challenge resource '${scopeHostname}' does not match the requested domain. ` +
        "Set disableChallengeResourceVerification to true in your client options to disable. " +
        "See https://aka.ms/azsdk/blog/vault-uri for more information.",
    );
  }
}
