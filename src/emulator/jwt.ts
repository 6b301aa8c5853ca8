import { createHmac, timingSafeEqual } from "node:crypto";

/** Claims of an emulator token. Times are unix seconds on the emulator clock. */
export interface EmulatorTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  sub: string;
  iat: number;
  nbf: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "kvs-emulator" })).toString("base64url");

/** Signs claims as an HS256 JWT. */
export function signJwt(claims: EmulatorTokenClaims, key: Buffer): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

/** Verifies an HS256 JWT's signature; returns its claims, or undefined when forged or malformed. */
export function verifyJwt(token: string, key: Buffer): Partial<EmulatorTokenClaims> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  const expected = createHmac("sha256", key).update(`${parts[0]}.${parts[1]}`).digest();
  const actual = Buffer.from(parts[2] ?? "", "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as Partial<EmulatorTokenClaims>) : undefined;
  } catch {
    return undefined;
  }
}
