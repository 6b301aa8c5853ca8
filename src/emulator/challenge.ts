import type { KvError } from "./kvError.js";
import { kvErrors } from "./kvError.js";
import { verifyJwt } from "./jwt.js";

/** How the emulator authenticates requests (SPEC §8.2 "auth"). */
export interface AuthSettings {
  readonly resource: string;
  readonly authority: string;
  readonly tenantId: string;
  readonly strict: boolean;
  readonly tokenKey: Buffer;
}

/** The `WWW-Authenticate` value of the 401 challenge. */
export function challengeHeader(s: AuthSettings): string {
  return `Bearer authorization="${s.authority}/${s.tenantId}", resource="${s.resource}"`;
}

/** The CAE challenge of a fault rule (SPEC §3.6). */
export function caeChallengeHeader(s: AuthSettings, claims: string): string {
  return `Bearer realm="", authorization_uri="${s.authority}/${s.tenantId}/oauth2/authorize", error="insufficient_claims", claims="${claims}"`;
}

function stripSlash(v: string): string {
  return v.endsWith("/") ? v.slice(0, -1) : v;
}

/**
 * Checks the `Authorization` header. Returns undefined when the request may proceed, or the 401 to
 * send. By default any non-empty bearer token passes; `strict` accepts only valid emulator tokens.
 */
export function authenticate(header: string | undefined, s: AuthSettings, nowSec: number): KvError | undefined {
  if (header === undefined || header.length < 8 || header.slice(0, 7).toLowerCase() !== "bearer ")
    return kvErrors.missingToken();
  const token = header.slice(7).trim();
  if (token === "") return kvErrors.missingToken();
  if (!s.strict) return undefined;
  const claims = verifyJwt(token, s.tokenKey);
  if (claims === undefined) return kvErrors.invalidToken("The token signature is not valid.");
  if (typeof claims.aud !== "string" || stripSlash(claims.aud) !== stripSlash(s.resource)) {
    return kvErrors.invalidAudience(s.resource, String(claims.aud));
  }
  if (typeof claims.exp !== "number" || nowSec >= claims.exp) return kvErrors.invalidToken("The token is expired.");
  if (typeof claims.nbf === "number" && nowSec < claims.nbf)
    return kvErrors.invalidToken("The token is not yet valid.");
  return undefined;
}
