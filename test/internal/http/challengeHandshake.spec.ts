import type { AccessToken, GetTokenOptions } from "@azure/core-auth";
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type PipelineRequest,
} from "@azure/core-rest-pipeline";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { keyVaultAuthenticationPolicy } from "../../../src/client/policies/keyVaultAuthenticationPolicy.js";
import { secretsRetryPolicy } from "../../../src/client/policies/retryStrategies.js";

const VAULT_URL = "https://myvault.vault.azure.net";
const TENANT = "00000000-0000-0000-0000-000000000000";
const PATH = "/secrets/s1?api-version=2025-07-01";
const BODY = JSON.stringify({ value: "s3cr3t" });
const CHALLENGE_HEADERS = {
  "WWW-Authenticate": `Bearer authorization="https://login.microsoftonline.com/${TENANT}", resource="https://vault.azure.net"`,
  "Content-Type": "application/json; charset=utf-8",
};
const UNAUTHORIZED_BODY = {
  error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer, PoP, or MTLS_POP token." },
};
const SECRET_BUNDLE = { value: "s3cr3t", id: `${VAULT_URL}/secrets/s1/v1`, attributes: { enabled: true } };

function setup(options: { withRetry?: boolean } = {}) {
  const getToken = vi.fn(async (_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> => ({
    token: "token-1",
    expiresOnTimestamp: Date.now() + 3_600_000,
  }));
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(keyVaultAuthenticationPolicy({ getToken }, { vaultUrl: VAULT_URL }));
  if (options.withRetry) pipeline.addPolicy(secretsRetryPolicy({ retryDelayInMs: 1, maxRetryDelayInMs: 2 }));
  // nock cuts a body to its Content-Length, so also record what the transport was handed.
  const handed: unknown[] = [];
  pipeline.addPolicy({
    name: "recordBody",
    sendRequest: (request, next) => (handed.push(request.body), next(request)),
  });
  const httpClient = createDefaultHttpClient();
  const send = (request: PipelineRequest) => pipeline.sendRequest(httpClient, request);
  return { getToken, send, handed };
}

function putSecret(): PipelineRequest {
  const request = createPipelineRequest({
    url: `${VAULT_URL}${PATH}`,
    method: "PUT",
    headers: createHttpHeaders({ "Content-Type": "application/json", Accept: "application/json" }),
  });
  request.body = BODY;
  return request;
}

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const done = nock.isDone();
  nock.cleanAll();
  expect(done).toBe(true);
});

afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe("challenge handshake on the wire (SPEC §3.1)", () => {
  it("sends a cold PUT body-less and token-less first, then once with the token and the full body", async () => {
    const { getToken, send, handed } = setup();
    nock(VAULT_URL, { badheaders: ["authorization"] })
      .put(PATH, (body) => body === "")
      .matchHeader("content-length", "0")
      .reply(401, UNAUTHORIZED_BODY, CHALLENGE_HEADERS);
    nock(VAULT_URL)
      .put(PATH, JSON.parse(BODY) as Record<string, string>)
      .matchHeader("authorization", "Bearer token-1")
      .matchHeader("content-length", String(BODY.length))
      .reply(200, SECRET_BUNDLE);

    const response = await send(putSecret());

    expect(response.status).toBe(200);
    expect(handed).toEqual([undefined, BODY]);
    expect(JSON.parse(response.bodyAsText ?? "")).toEqual(SECRET_BUNDLE);
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(getToken).toHaveBeenCalledWith(
      ["https://vault.azure.net/.default"],
      expect.objectContaining({ tenantId: TENANT, enableCae: true }),
    );
  });

  it("sends later requests once each, with the token", async () => {
    const { getToken, send } = setup();
    nock(VAULT_URL).put(PATH).matchHeader("content-length", "0").reply(401, UNAUTHORIZED_BODY, CHALLENGE_HEADERS);
    nock(VAULT_URL).put(PATH, BODY).times(2).matchHeader("authorization", "Bearer token-1").reply(200, SECRET_BUNDLE);

    await send(putSecret());
    expect((await send(putSecret())).status).toBe(200);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it("returns a 401 without WWW-Authenticate as a response and sends nothing more", async () => {
    const { getToken, send } = setup();
    nock(VAULT_URL)
      .put(PATH, (body) => body === "")
      .reply(401, UNAUTHORIZED_BODY);
    const response = await send(putSecret());
    expect(response.status).toBe(401);
    expect(getToken).not.toHaveBeenCalled();
  });

  it("re-sends the full body when the authorised PUT is retried after a 503 (SPEC §6.1)", async () => {
    const { send, handed } = setup({ withRetry: true });
    nock(VAULT_URL)
      .put(PATH, (body) => body === "")
      .reply(401, UNAUTHORIZED_BODY, CHALLENGE_HEADERS);
    nock(VAULT_URL)
      .put(PATH, BODY)
      .matchHeader("authorization", "Bearer token-1")
      .reply(503, { error: { code: "ServiceUnavailable", message: "busy" } }, { "retry-after-ms": "1" });
    nock(VAULT_URL).put(PATH, BODY).matchHeader("authorization", "Bearer token-1").reply(200, SECRET_BUNDLE);

    expect((await send(putSecret())).status).toBe(200);
    expect(handed).toEqual([undefined, BODY, BODY]);
  });

  it("keeps a retried discovery request body-less", async () => {
    const { send, handed } = setup({ withRetry: true });
    nock(VAULT_URL, { badheaders: ["authorization"] })
      .put(PATH, (body) => body === "")
      .reply(503, "", { "retry-after-ms": "1" });
    nock(VAULT_URL, { badheaders: ["authorization"] })
      .put(PATH, (body) => body === "")
      .reply(401, UNAUTHORIZED_BODY, CHALLENGE_HEADERS);
    nock(VAULT_URL).put(PATH, BODY).reply(200, SECRET_BUNDLE);

    expect((await send(putSecret())).status).toBe(200);
    expect(handed).toEqual([undefined, undefined, BODY]);
  });

  it("refuses a foreign host without opening a connection or asking for a token", async () => {
    const { getToken, send } = setup();
    const request = putSecret();
    request.url = `https://attacker.example${PATH}`;
    await expect(send(request)).rejects.toThrow(
      "The challenge origin 'https://myvault.vault.azure.net' does not match the requested domain. This request targeted 'https://attacker.example'.",
    );
    expect(getToken).not.toHaveBeenCalled();
  });

  it("refuses http:// without opening a connection", async () => {
    const { send } = setup();
    const request = putSecret();
    request.url = `http://myvault.vault.azure.net${PATH}`;
    request.allowInsecureConnection = true;
    await expect(send(request)).rejects.toThrow(new Error("The request URL must use HTTPS."));
  });
});
