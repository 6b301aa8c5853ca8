import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { FIXED_TOKEN } from "./config.js";

/** The part of `SecretClient` the scenarios drive; ours and the official one both have it. */
export interface SdkClient {
  getSecret(name: string): Promise<unknown>;
  setSecret(name: string, value: string): Promise<unknown>;
  listPropertiesOfSecrets(): AsyncIterable<unknown> & { byPage(): AsyncIterable<unknown[]> };
}

interface SdkModule {
  SecretClient: new (url: string, credential: TokenCredential, options: object) => SdkClient;
}

/** A credential that returns one token without work, so both SDKs pay the same credential cost. */
export const fixedCredential: TokenCredential = {
  getToken(): Promise<AccessToken> {
    return Promise.resolve({ token: FIXED_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 });
  },
};

/**
 * Imports the SDK of `kind` and builds a client wired to the emulator as SPEC §8.5 says for `https://localhost`.
 * No node: module is loaded here, so a cold start pays only for what the SDK itself loads.
 *
 * @param oursEntryUrl - file URL of our built ESM entry (`dist/index.js`)
 */
export async function createSdkClient(
  kind: "ours" | "official" | "oursCore",
  oursEntryUrl: string,
  url: string,
  ca: string,
): Promise<SdkClient> {
  const sdk =
    kind === "official"
      ? ((await import("@azure/keyvault-secrets")) as SdkModule)
      : ((await import(oursEntryUrl)) as SdkModule);
  const options = { tlsOptions: { ca }, disableChallengeResourceVerification: true };
  if (kind !== "oursCore") return new sdk.SecretClient(url, fixedCredential, options);
  // Core's transport, as every core-based client uses it: what our own transport is measured against.
  const { createDefaultHttpClient } = await import("@azure/core-rest-pipeline");
  return new sdk.SecretClient(url, fixedCredential, { ...options, httpClient: createDefaultHttpClient() });
}
