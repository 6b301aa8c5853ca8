import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";

/** A credential that hands out a fixed token and records every call. */
export class FakeCredential implements TokenCredential {
  readonly calls: Array<{ scopes: string | string[]; options: GetTokenOptions | undefined }> = [];
  constructor(readonly token = "fake-token") {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    this.calls.push({ scopes, options });
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}
