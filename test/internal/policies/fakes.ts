import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import {
  createHttpHeaders,
  createPipelineRequest,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from "@azure/core-rest-pipeline";
import { vi } from "vitest";

export const VAULT_URL = "https://myvault.vault.azure.net";
export const TENANT = "00000000-0000-0000-0000-000000000000";
export const CHALLENGE = `Bearer authorization="https://login.microsoftonline.com/${TENANT}", resource="https://vault.azure.net"`;
export const SCOPE = "https://vault.azure.net/.default";
export const BODY = JSON.stringify({ value: "s3cr3t" });

/** What one `next` call saw, copied at call time (the policy mutates the request afterwards). */
export interface SentRequest {
  url: string;
  authorization: string | undefined;
  contentLength: string | undefined;
  body: unknown;
}

export function makeRequest(
  overrides: { url?: string; method?: "GET" | "PUT"; body?: string; abortSignal?: AbortSignal } = {},
): PipelineRequest {
  const request = createPipelineRequest({
    url: overrides.url ?? `${VAULT_URL}/secrets/s1?api-version=2025-07-01`,
    method: overrides.method ?? "PUT",
    headers: createHttpHeaders({ "Content-Type": "application/json" }),
    ...(overrides.abortSignal ? { abortSignal: overrides.abortSignal } : {}),
  });
  request.body = overrides.body ?? BODY;
  return request;
}

export function makeResponse(
  request: PipelineRequest,
  status: number,
  headers: Record<string, string> = {},
): PipelineResponse {
  return { request, status, headers: createHttpHeaders(headers) };
}

/**
 * A fake next policy: token-less requests get `challenge` (a 401), authorised ones get what `authorised` returns
 * (200 by default). Every call is recorded in `sent`.
 */
export function fakeService(
  options: {
    challenge?: Record<string, string>;
    authorised?: (request: PipelineRequest, index: number) => PipelineResponse;
  } = {},
): { next: ReturnType<typeof vi.fn<SendRequest>>; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  let authorisedCount = 0;
  const next = vi.fn<SendRequest>(async (request) => {
    sent.push({
      url: request.url,
      authorization: request.headers.get("authorization"),
      contentLength: request.headers.get("content-length"),
      body: request.body,
    });
    if (!request.headers.has("authorization")) {
      return makeResponse(request, 401, options.challenge ?? { "WWW-Authenticate": CHALLENGE });
    }
    return options.authorised?.(request, authorisedCount++) ?? makeResponse(request, 200);
  });
  return { next, sent };
}

/** A credential whose tokens are `token-1`, `token-2`, … valid for an hour unless `lifetimeInMs` says otherwise. */
export function fakeCredential(lifetimeInMs = 3_600_000): {
  credential: TokenCredential;
  getToken: ReturnType<
    typeof vi.fn<(scopes: string | string[], options?: GetTokenOptions) => Promise<AccessToken | null>>
  >;
} {
  let count = 0;
  const getToken = vi.fn(
    async (_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> => ({
      token: `token-${++count}`,
      expiresOnTimestamp: Date.now() + lifetimeInMs,
    }),
  );
  return { credential: { getToken }, getToken };
}

/** A promise with its resolve and reject exposed (Promise.withResolvers is Node 22 only). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
