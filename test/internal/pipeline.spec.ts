import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { SecretClient } from "../../src/index.js";
import { FakeCredential } from "../utils/fakeCredential.js";
import { ScriptedHttpClient, bundle } from "../utils/scriptedHttpClient.js";

function counting(name: string, seen: string[]): PipelinePolicy {
  return {
    name,
    sendRequest: (request, next) => (
      seen.push(`${name} ${request.headers.has("authorization") ? "auth" : "anon"}`),
      next(request)
    ),
  };
}

describe("the pipeline", () => {
  it("runs perCall policies once per operation and perRetry policies on every attempt, after authentication", async () => {
    let calls = 0;
    const http = new ScriptedHttpClient(() => (++calls === 1 ? { status: 503 } : { status: 200, body: bundle("s") }));
    const seen: string[] = [];
    const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential(), {
      httpClient: http,
      retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 1 },
      additionalPolicies: [
        { policy: counting("perCall", seen), position: "perCall" },
        { policy: counting("perRetry", seen), position: "perRetry" },
      ],
    });
    await client.getSecret("s");
    // Discovery (anonymous), then the authorised attempt that got 503, then its retry.
    expect(seen).toEqual(["perCall anon", "perRetry anon", "perRetry auth", "perRetry auth"]);
  });

  it("does not follow redirects: a 3xx is a RestError (SPEC §6.4)", async () => {
    const http = new ScriptedHttpClient(() => ({
      status: 307,
      headers: { location: "https://elsewhere.example.com/secrets/s/" },
    }));
    const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential(), { httpClient: http });
    await expect(client.getSecret("s")).rejects.toMatchObject({ name: "RestError", statusCode: 307 });
    expect(http.requests.every((r) => r.url.host === "myvault.vault.azure.net")).toBe(true);
  });

  it("sends exactly one api-version, the configured one", async () => {
    const http = new ScriptedHttpClient(() => ({ status: 200, body: bundle("s") }));
    const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential(), {
      httpClient: http,
      serviceVersion: "7.4",
    });
    await client.getSecret("s");
    expect(http.requests.map((r) => r.url.search)).toEqual(["?api-version=7.4", "?api-version=7.4"]);
  });
});
