import type { AccessToken } from "@azure/core-auth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "../../../src/client/logger.js";
import {
  keyVaultAuthenticationPolicy,
  keyVaultAuthenticationPolicyName,
} from "../../../src/client/policies/keyVaultAuthenticationPolicy.js";
import {
  BODY,
  CHALLENGE,
  SCOPE,
  TENANT,
  VAULT_URL,
  deferred,
  fakeCredential,
  fakeService,
  makeRequest,
  makeResponse,
} from "./fakes.js";

const CAE_CLAIMS = "eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwidmFsdWUiOiIxNzI2MDc3NTk1In19fQ==";
const CAE_JSON = '{"access_token":{"nbf":{"essential":true,"value":"1726077595"}}}';
const CAE_CHALLENGE = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${CAE_CLAIMS}"`;
const domainError = (host: string): Error =>
  new Error(
    `The challenge resource '${host}' does not match the requested domain. Set disableChallengeResourceVerification to true in your client options to disable. See https://aka.ms/azsdk/blog/vault-uri for more information.`,
  );

function setup(options: { disableChallengeResourceVerification?: boolean; vaultUrl?: string } = {}) {
  const { credential, getToken } = fakeCredential();
  const policy = keyVaultAuthenticationPolicy(credential, { vaultUrl: VAULT_URL, ...options });
  return { policy, getToken };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("keyVaultAuthenticationPolicy: gates (SPEC §3.1 step 1, §3.4)", () => {
  it("is named keyVaultAuthenticationPolicy", () => {
    expect(setup().policy.name).toBe(keyVaultAuthenticationPolicyName);
    expect(keyVaultAuthenticationPolicyName).toBe("keyVaultAuthenticationPolicy");
  });

  it("refuses http:// before sending anything, even with verification disabled (SPEC §3.8 C)", async () => {
    const { policy, getToken } = setup({ disableChallengeResourceVerification: true });
    const { next } = fakeService();
    const request = makeRequest({ url: "http://myvault.vault.azure.net/secrets/s1" });
    await expect(policy.sendRequest(request, next)).rejects.toThrow(new Error("The request URL must use HTTPS."));
    expect(next).not.toHaveBeenCalled();
    expect(getToken).not.toHaveBeenCalled();
  });

  it("refuses a foreign origin before discovery: no request sent, no token requested (SPEC §3.8 B)", async () => {
    const { policy, getToken } = setup();
    const { next } = fakeService();
    const request = makeRequest({ url: "https://evil.vault.azure.net/secrets/s1" });
    await expect(policy.sendRequest(request, next)).rejects.toThrow(
      new Error(
        "The challenge origin 'https://myvault.vault.azure.net' does not match the requested domain. This request targeted 'https://evil.vault.azure.net'.",
      ),
    );
    expect(next).not.toHaveBeenCalled();
    expect(getToken).not.toHaveBeenCalled();
  });

  it("refuses a foreign nextLink once a challenge is cached, without asking for a token", async () => {
    const { policy, getToken } = setup();
    const { next } = fakeService();
    await policy.sendRequest(makeRequest(), next);
    const foreign = makeRequest({ method: "GET", url: "https://myvault.vault.azure.net:8443/secrets?$skiptoken=x" });
    await expect(policy.sendRequest(foreign, next)).rejects.toThrow(
      "This request targeted 'https://myvault.vault.azure.net:8443'.",
    );
    expect(next).toHaveBeenCalledTimes(2);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it("re-checks the origin after the token arrives and never attaches it to a changed URL", async () => {
    const { credential } = fakeCredential();
    const token = deferred<AccessToken | null>();
    const getToken = vi.fn(() => token.promise);
    const policy = keyVaultAuthenticationPolicy({ getToken }, { vaultUrl: VAULT_URL });
    const { next, sent } = fakeService();
    const request = makeRequest();
    const pending = policy.sendRequest(request, next);
    await vi.waitFor(() => expect(getToken).toHaveBeenCalledTimes(1));
    request.url = "https://elsewhere.example/secrets/s1";
    token.resolve(await credential.getToken([SCOPE]));
    await expect(pending).rejects.toThrow("This request targeted 'https://elsewhere.example'.");
    expect(sent).toHaveLength(1);
    expect(request.headers.has("authorization")).toBe(false);
  });

  it("treats https://h:443 and https://h as the same origin", async () => {
    const { policy } = setup({ vaultUrl: "https://myvault.vault.azure.net:443/" });
    const { next } = fakeService();
    const response = await policy.sendRequest(makeRequest(), next);
    expect(response.status).toBe(200);
  });
});

describe("keyVaultAuthenticationPolicy: discovery (SPEC §3.1 steps 2-3)", () => {
  it("sends no body before the challenge is known, then the full body with the token", async () => {
    const { policy, getToken } = setup();
    const { next, sent } = fakeService();
    const response = await policy.sendRequest(makeRequest(), next);
    expect(response.status).toBe(200);
    expect(sent).toEqual([
      { url: expect.any(String), authorization: undefined, contentLength: "0", body: undefined },
      { url: expect.any(String), authorization: "Bearer token-1", contentLength: undefined, body: BODY },
    ]);
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(getToken).toHaveBeenCalledWith([SCOPE], expect.objectContaining({ enableCae: true, tenantId: TENANT }));
  });

  it("drops a stale Authorization header from the discovery request", async () => {
    const { policy } = setup();
    const { next, sent } = fakeService();
    const request = makeRequest();
    request.headers.set("Authorization", "Bearer leftover");
    await policy.sendRequest(request, next);
    expect(sent[0]?.authorization).toBeUndefined();
  });

  it("restores the caller's Content-Length after discovery", async () => {
    const { policy } = setup();
    const { next, sent } = fakeService();
    const request = makeRequest();
    request.headers.set("Content-Length", String(BODY.length));
    await policy.sendRequest(request, next);
    expect(sent.map((s) => s.contentLength)).toEqual(["0", String(BODY.length)]);
  });

  it("returns a non-401 discovery response as-is and gives the body back", async () => {
    const { policy, getToken } = setup();
    const request = makeRequest();
    const next = vi.fn(async () => makeResponse(request, 200));
    const response = await policy.sendRequest(request, next);
    expect(response.status).toBe(200);
    expect(next).toHaveBeenCalledTimes(1);
    expect(request.body).toBe(BODY);
    expect(getToken).not.toHaveBeenCalled();
  });

  it("restores the body when the discovery request throws", async () => {
    const { policy } = setup();
    const request = makeRequest();
    const failure = new Error("socket hang up");
    await expect(policy.sendRequest(request, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(request.body).toBe(BODY);
  });

  it("returns a 401 without WWW-Authenticate instead of failing (SPEC §3.8 F)", async () => {
    const { policy, getToken } = setup();
    const { next } = fakeService({ challenge: {} });
    const response = await policy.sendRequest(makeRequest(), next);
    expect(response.status).toBe(401);
    expect(next).toHaveBeenCalledTimes(1);
    expect(getToken).not.toHaveBeenCalled();
  });

  it.each([
    ["a non-Bearer challenge", 'Basic realm="vault"'],
    ["a challenge without resource or scope", 'Bearer authorization="https://login.microsoftonline.com/tid"'],
    ["a CAE challenge while nothing is cached", CAE_CHALLENGE],
  ])("returns the 401 for %s", async (_label, header) => {
    const { policy, getToken } = setup();
    const { next } = fakeService({ challenge: { "WWW-Authenticate": header } });
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(401);
    expect(getToken).not.toHaveBeenCalled();
  });

  it("throws 'The challenge contains an invalid scope.' for a malformed resource", async () => {
    const { policy, getToken } = setup({ disableChallengeResourceVerification: true });
    const { next } = fakeService({
      challenge: { "WWW-Authenticate": 'Bearer resource="https://user@vault.azure.net"' },
    });
    await expect(policy.sendRequest(makeRequest(), next)).rejects.toThrow(
      new Error("The challenge contains an invalid scope."),
    );
    expect(getToken).not.toHaveBeenCalled();
  });

  it('throws the authority error for authorization="not a url"', async () => {
    const { policy } = setup();
    const header = 'Bearer authorization="not a url", resource="https://vault.azure.net"';
    const { next } = fakeService({ challenge: { "WWW-Authenticate": header } });
    await expect(policy.sendRequest(makeRequest(), next)).rejects.toThrow(
      new Error("The challenge authorization URI 'not a url' is invalid."),
    );
  });

  it("throws the exact domain error when the resource is not a parent domain of the vault", async () => {
    const { policy, getToken } = setup();
    const header = 'Bearer authorization="https://login.microsoftonline.com/tid", resource="https://evil.example"';
    const { next } = fakeService({ challenge: { "WWW-Authenticate": header } });
    await expect(policy.sendRequest(makeRequest(), next)).rejects.toThrow(domainError("evil.example"));
    expect(getToken).not.toHaveBeenCalled();
  });

  it("accepts any resource domain when verification is disabled", async () => {
    const { policy, getToken } = setup({ disableChallengeResourceVerification: true });
    const header = 'Bearer authorization="https://login.example/t1", resource="https://evil.example/"';
    const { next } = fakeService({ challenge: { "WWW-Authenticate": header } });
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(200);
    expect(getToken).toHaveBeenCalledWith(
      ["https://evil.example/.default"],
      expect.objectContaining({ tenantId: "t1" }),
    );
  });

  it("caches a challenge only after it was verified (SPEC §3.8 G)", async () => {
    const { policy } = setup();
    let header = 'Bearer resource="https://evil.example"';
    const { next, sent } = fakeService();
    next.mockImplementation(async (request) => {
      sent.push({
        url: request.url,
        authorization: request.headers.get("authorization"),
        contentLength: request.headers.get("content-length"),
        body: request.body,
      });
      return request.headers.has("authorization")
        ? makeResponse(request, 200)
        : makeResponse(request, 401, { "WWW-Authenticate": header });
    });
    await expect(policy.sendRequest(makeRequest(), next)).rejects.toThrow(domainError("evil.example"));
    header = CHALLENGE;
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(200);
    expect(sent.map((s) => s.body)).toEqual([undefined, undefined, BODY]); // discovered again, body-less
  });

  it("passes the request's abort signal, tracing options and timeout to getToken", async () => {
    const { policy, getToken } = setup();
    const { next } = fakeService();
    const abortSignal = new AbortController().signal;
    const request = makeRequest({ abortSignal });
    request.timeout = 7000;
    request.tracingOptions = {};
    await policy.sendRequest(request, next);
    expect(getToken).toHaveBeenCalledWith([SCOPE], {
      abortSignal,
      tracingOptions: request.tracingOptions,
      requestOptions: { timeout: 7000 },
      enableCae: true,
      tenantId: TENANT,
    });
  });
});

describe("keyVaultAuthenticationPolicy: cached challenge and tokens (SPEC §3.1 step 4, §3.5)", () => {
  it("sends later requests with the token at once, one request each", async () => {
    const { policy, getToken } = setup();
    const { next, sent } = fakeService();
    await policy.sendRequest(makeRequest(), next);
    await policy.sendRequest(makeRequest({ method: "GET" }), next);
    await policy.sendRequest(makeRequest({ method: "GET" }), next);
    expect(sent.map((s) => s.authorization)).toEqual([undefined, "Bearer token-1", "Bearer token-1", "Bearer token-1"]);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it("sends three parallel cold requests as three body-less discoveries, one getToken, three authorised re-sends", async () => {
    const { policy, getToken } = setup();
    const { next, sent } = fakeService();
    const bodies = ['{"value":"a"}', '{"value":"b"}', '{"value":"c"}'];
    const requests = bodies.map((body) => makeRequest({ body }));
    const responses = await Promise.all(requests.map((request) => policy.sendRequest(request, next)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(sent.slice(0, 3).map((s) => [s.authorization, s.body])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    // each request keeps its own body: nothing is shared between requests
    expect(
      sent
        .slice(3)
        .map((s) => s.body)
        .sort(),
    ).toEqual(bodies);
    expect(sent.slice(3).every((s) => s.authorization === "Bearer token-1")).toBe(true);
    expect(requests.map((r) => r.body)).toEqual(bodies);
  });

  it("asks for a new token before sending when the cached one is within 1 s of expiry", async () => {
    const { credential, getToken } = fakeCredential(500);
    const policy = keyVaultAuthenticationPolicy(credential, { vaultUrl: VAULT_URL });
    const { next, sent } = fakeService();
    await policy.sendRequest(makeRequest(), next);
    await policy.sendRequest(makeRequest(), next);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(sent.at(-1)?.authorization).toBe("Bearer token-2");
  });

  it("throws 'Failed to refresh access token.' when the credential returns null", async () => {
    const getToken = vi.fn(async () => null);
    const policy = keyVaultAuthenticationPolicy({ getToken }, { vaultUrl: VAULT_URL });
    const { next } = fakeService();
    await expect(policy.sendRequest(makeRequest(), next)).rejects.toThrow(new Error("Failed to refresh access token."));
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("propagates the credential's own error unchanged", async () => {
    const failure = Object.assign(new Error("CredentialUnavailableError"), { name: "CredentialUnavailableError" });
    const policy = keyVaultAuthenticationPolicy(
      { getToken: async () => Promise.reject(failure) },
      { vaultUrl: VAULT_URL },
    );
    const { next } = fakeService();
    await expect(policy.sendRequest(makeRequest(), next)).rejects.toBe(failure);
  });
});

describe("keyVaultAuthenticationPolicy: 401 on an authorised request (SPEC §3.1 step 5, §3.6)", () => {
  it("retries once with the decoded CAE claims, keeping the cached scope and tenant", async () => {
    const { policy, getToken } = setup();
    const { next, sent } = fakeService({
      authorised: (request, i) =>
        i === 1 ? makeResponse(request, 401, { "WWW-Authenticate": CAE_CHALLENGE }) : makeResponse(request, 200),
    });
    await policy.sendRequest(makeRequest(), next);
    const response = await policy.sendRequest(makeRequest(), next);
    expect(response.status).toBe(200);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(getToken.mock.calls[1]).toEqual([
      [SCOPE],
      expect.objectContaining({ claims: CAE_JSON, tenantId: TENANT, enableCae: true }),
    ]);
    expect(sent.slice(2).map((s) => [s.authorization, s.body])).toEqual([
      ["Bearer token-1", BODY],
      ["Bearer token-2", BODY],
    ]);
  });

  it("returns a second consecutive CAE 401 to the caller", async () => {
    const { policy, getToken } = setup();
    const { next } = fakeService({
      authorised: (request, i) =>
        i === 0 ? makeResponse(request, 200) : makeResponse(request, 401, { "WWW-Authenticate": CAE_CHALLENGE }),
    });
    await policy.sendRequest(makeRequest(), next);
    next.mockClear();
    const response = await policy.sendRequest(makeRequest(), next);
    expect(response.status).toBe(401);
    expect(next).toHaveBeenCalledTimes(2);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it("clears the cached challenge when the CAE retry gets a 401 without WWW-Authenticate", async () => {
    const { policy } = setup();
    const { next, sent } = fakeService({
      authorised: (request, i) => {
        if (i === 1) return makeResponse(request, 401, { "WWW-Authenticate": CAE_CHALLENGE });
        return i === 2 ? makeResponse(request, 401) : makeResponse(request, 200);
      },
    });
    await policy.sendRequest(makeRequest(), next);
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(401);
    await policy.sendRequest(makeRequest(), next);
    expect(sent.slice(4).map((s) => s.body)).toEqual([undefined, BODY]); // discovered again
  });

  it("uses normal acquisition without claims after a CAE retry", async () => {
    const { policy, getToken } = setup();
    const { next, sent } = fakeService({
      authorised: (request, i) =>
        i === 1 ? makeResponse(request, 401, { "WWW-Authenticate": CAE_CHALLENGE }) : makeResponse(request, 200),
    });
    await policy.sendRequest(makeRequest(), next);
    await policy.sendRequest(makeRequest(), next);
    await policy.sendRequest(makeRequest(), next);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(sent.at(-1)?.authorization).toBe("Bearer token-2");
  });

  it("returns the 401 when the CAE claims cannot be decoded", async () => {
    const { policy, getToken } = setup();
    const bad = CAE_CHALLENGE.replace(CAE_CLAIMS, "%%%");
    const { next } = fakeService({
      authorised: (request, i) =>
        i === 0 ? makeResponse(request, 200) : makeResponse(request, 401, { "WWW-Authenticate": bad }),
    });
    await policy.sendRequest(makeRequest(), next);
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(401);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it("verifies a fresh resource challenge, replaces the cached one and re-sends once", async () => {
    const { policy, getToken } = setup();
    const moved =
      'Bearer authorization="https://login.microsoftonline.com/new-tenant", resource="https://vault.azure.net"';
    const { next, sent } = fakeService({
      authorised: (request, i) =>
        i === 1 ? makeResponse(request, 401, { "WWW-Authenticate": moved }) : makeResponse(request, 200),
    });
    await policy.sendRequest(makeRequest(), next);
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(200);
    await policy.sendRequest(makeRequest(), next);
    expect(getToken.mock.calls.map((c) => c[1]?.tenantId)).toEqual([TENANT, "new-tenant"]);
    expect(sent.slice(2).map((s) => s.authorization)).toEqual(["Bearer token-1", "Bearer token-2", "Bearer token-2"]);
  });

  it("asks for a new token when the service rejects one with the same challenge", async () => {
    const { policy, getToken } = setup();
    const { next, sent } = fakeService({
      authorised: (request, i) =>
        i === 1 ? makeResponse(request, 401, { "WWW-Authenticate": CHALLENGE }) : makeResponse(request, 200),
    });
    await policy.sendRequest(makeRequest(), next);
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(200);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(sent.at(-1)?.authorization).toBe("Bearer token-2");
  });

  it("throws the domain error for a fresh challenge from a foreign resource", async () => {
    const { policy } = setup();
    const evil = 'Bearer authorization="https://login.microsoftonline.com/t", resource="https://evil.example"';
    const { next } = fakeService({
      authorised: (request, i) =>
        i === 1 ? makeResponse(request, 401, { "WWW-Authenticate": evil }) : makeResponse(request, 200),
    });
    await policy.sendRequest(makeRequest(), next);
    await expect(policy.sendRequest(makeRequest(), next)).rejects.toThrow(domainError("evil.example"));
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(200); // the old challenge is still cached
  });

  it("returns a second 401 in the same call", async () => {
    const { policy } = setup();
    const { next } = fakeService({
      authorised: (request, i) =>
        i === 0 ? makeResponse(request, 200) : makeResponse(request, 401, { "WWW-Authenticate": CHALLENGE }),
    });
    await policy.sendRequest(makeRequest(), next);
    next.mockClear();
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(401);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it("returns a 401 without WWW-Authenticate and clears the cached challenge", async () => {
    const { policy } = setup();
    const info = vi.spyOn(authLogger, "info");
    const { next, sent } = fakeService({
      authorised: (request, i) => (i === 1 ? makeResponse(request, 401) : makeResponse(request, 200)),
    });
    await policy.sendRequest(makeRequest(), next);
    expect((await policy.sendRequest(makeRequest(), next)).status).toBe(401);
    expect(info).toHaveBeenCalledWith("challenge cache cleared");
    await policy.sendRequest(makeRequest(), next);
    expect(sent.slice(3).map((s) => [s.authorization, s.body])).toEqual([
      [undefined, undefined], // discovered again
      ["Bearer token-1", BODY],
    ]);
  });

  it("does not let a stale acquisition overwrite a newer cached challenge", async () => {
    const slow = deferred<AccessToken | null>();
    let count = 0;
    const getToken = vi.fn(async (_scopes: string | string[], options?: { tenantId?: string }) =>
      options?.tenantId === "t2"
        ? slow.promise
        : { token: `token-${++count}-${options?.tenantId}`, expiresOnTimestamp: Date.now() + 3_600_000 },
    );
    const policy = keyVaultAuthenticationPolicy({ getToken }, { vaultUrl: VAULT_URL });
    const challengeFor = (tenant: string): string =>
      `Bearer authorization="https://login.microsoftonline.com/${tenant}", resource="https://vault.azure.net"`;
    const { next, sent } = fakeService({
      authorised: (request, i) => {
        if (i === 1) return makeResponse(request, 401, { "WWW-Authenticate": challengeFor("t2") });
        if (i === 2) return makeResponse(request, 401, { "WWW-Authenticate": challengeFor("t3") });
        return makeResponse(request, 200);
      },
    });
    await policy.sendRequest(makeRequest(), next); // caches TENANT
    const stale = policy.sendRequest(makeRequest(), next); // moves to t2, token pending
    await vi.waitFor(() => expect(getToken).toHaveBeenCalledTimes(2));
    await policy.sendRequest(makeRequest(), next); // moves to t3 and completes
    slow.resolve({ token: "token-t2", expiresOnTimestamp: Date.now() + 3_600_000 });
    await stale;
    await policy.sendRequest(makeRequest(), next);
    expect(sent.at(-1)?.authorization).toBe("Bearer token-2-t3");
  });
});

describe("keyVaultAuthenticationPolicy: logging (SPEC §6.6)", () => {
  it("logs challenge and token events at info, never tokens, claims or bodies", async () => {
    const info = vi.spyOn(authLogger, "info");
    const { policy } = setup();
    const { next } = fakeService({
      authorised: (request, i) =>
        i === 1 ? makeResponse(request, 401, { "WWW-Authenticate": CAE_CHALLENGE }) : makeResponse(request, 200),
    });
    await policy.sendRequest(makeRequest(), next);
    await policy.sendRequest(makeRequest(), next);
    const lines = info.mock.calls.map((args) => args.join(" "));
    expect(lines.some((l) => l.includes("challenge received"))).toBe(true);
    expect(lines.some((l) => l.includes(`token acquired for scope ${SCOPE}, tenant ${TENANT}`))).toBe(true);
    for (const secret of ["token-1", "token-2", CAE_CLAIMS, CAE_JSON, "s3cr3t"]) {
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    }
  });
});
