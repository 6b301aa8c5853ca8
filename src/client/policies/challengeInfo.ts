import type { ParsedChallenge } from "./parseWWWAuthenticate.js";

/** What the policy needs from a `Bearer` challenge (SPEC §3.2). */
export interface ChallengeInfo {
  /** The authority URL from `authorization`, `authorization_uri` or `authorization_url`. */
  authority?: string;
  /** The explicit `tenantId`, else the first non-empty path segment of the authority. */
  tenantId?: string;
  /** `resource` (one trailing `/` removed) + `/.default`, else `scope` as given. */
  scope?: string;
  /** The `error` parameter, `insufficient_claims` for a CAE challenge. */
  error?: string;
  /** The raw (base64 or base64url) `claims` parameter of a CAE challenge. */
  claims?: string;
}

function firstNonEmpty(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v !== "");
}

/**
 * Derives the tenant id from an authority URL: its first non-empty path segment, so
 * `https://adfs.contoso.com/adfs/x` gives `adfs` (Python's behaviour; SPEC §3.8 E).
 *
 * Throws `Error("The challenge authorization URI '<v>' is invalid.")` when `authority` is not an absolute URL.
 *
 * @param authority - the authority URL from the challenge
 */
export function tenantIdFromAuthority(authority: string): string | undefined {
  let url: URL;
  try {
    url = new URL(authority);
  } catch {
    throw new Error(`The challenge authorization URI '${authority}' is invalid.`);
  }
  return url.pathname.split("/").find((segment) => segment !== "");
}

/**
 * Derives authority, tenant, scope and the CAE fields from a parsed `Bearer` challenge (SPEC §3.2).
 *
 * `resource` wins over `scope`; an explicit `tenantId` wins over the authority's tenant. An authority that is present
 * but not a URL throws `Error("The challenge authorization URI '<v>' is invalid.")`. Unknown parameters are ignored.
 *
 * @param challenge - the result of `parseWWWAuthenticate`
 */
export function getChallengeInfo(challenge: ParsedChallenge): ChallengeInfo {
  const p = challenge.params;
  const info: ChallengeInfo = {};
  const authority = firstNonEmpty(p["authorization"], p["authorization_uri"], p["authorization_url"]);
  if (authority !== undefined) info.authority = authority;
  const derivedTenant = authority === undefined ? undefined : tenantIdFromAuthority(authority);
  const tenantId = firstNonEmpty(p["tenantid"], derivedTenant);
  if (tenantId !== undefined) info.tenantId = tenantId;
  const resource = firstNonEmpty(p["resource"]);
  const scope = resource !== undefined ? `${resource.replace(/\/$/, "")}/.default` : firstNonEmpty(p["scope"]);
  if (scope !== undefined) info.scope = scope;
  const error = firstNonEmpty(p["error"]);
  if (error !== undefined) info.error = error;
  const claims = firstNonEmpty(p["claims"]);
  if (claims !== undefined) info.claims = claims;
  return info;
}

/**
 * Decodes a CAE `claims` parameter from base64 or base64url, padded or not, into its UTF-8 text (SPEC §3.6).
 * Returns `undefined` when the value is not valid base64 or not valid UTF-8.
 *
 * @param encoded - the `claims` value of the challenge
 */
export function decodeClaims(encoded: string): string | undefined {
  const base64 = encoded.trim().replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (base64 === "" || base64.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(base64)) return undefined;
  try {
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
