import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import { AUTH_DEFAULTS } from "./constants.js";
import { signJwt } from "./jwt.js";

const TOKEN_LIFETIME_S = 3600;

/** What an EmulatorCredential needs: a signing key, the emulator clock and the tenant. */
export interface EmulatorCredentialOptions {
  /** HMAC key; the emulator's own key makes tokens pass `strictAuth`. */
  signingKey: Uint8Array;
  /** The emulator clock. @defaultValue real time */
  now?: () => Date;
  /** @defaultValue `00000000-0000-0000-0000-000000000000` */
  tenantId?: string;
  /** @defaultValue `https://login.microsoftonline.com` */
  authority?: string;
}

/**
 * A `TokenCredential` issuing emulator-signed JWTs, valid for one hour on the emulator clock. The
 * audience is the requested scope without `/.default`.
 */
export class EmulatorCredential implements TokenCredential {
  readonly #key: Buffer;
  readonly #now: () => Date;
  readonly #tenantId: string;
  readonly #authority: string;

  constructor(options: EmulatorCredentialOptions) {
    this.#key = Buffer.from(options.signingKey);
    this.#now = options.now ?? (() => new Date());
    this.#tenantId = options.tenantId ?? AUTH_DEFAULTS.tenantId;
    this.#authority = options.authority ?? AUTH_DEFAULTS.authority;
  }

  /** Returns a token for the first scope. Never fails and makes no network call. */
  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const scope = (Array.isArray(scopes) ? scopes[0] : scopes) ?? AUTH_DEFAULTS.resource;
    const tid = options?.tenantId ?? this.#tenantId;
    const iat = Math.floor(this.#now().getTime() / 1000);
    const aud = scope.replace(/\/\.default$/, "");
    const token = signJwt(
      {
        aud,
        iss: `${this.#authority}/${tid}/v2.0`,
        tid,
        sub: "kvs-emulator-credential",
        iat,
        nbf: iat,
        exp: iat + TOKEN_LIFETIME_S,
      },
      this.#key,
    );
    // The client's token cache runs on real time: express the remaining lifetime against it.
    return { token, expiresOnTimestamp: Date.now() + TOKEN_LIFETIME_S * 1000, tokenType: "Bearer" };
  }
}
