import { describe, expect, it } from "vitest";
import { SecretClient, isRestError } from "../../../src/index.js";
import { FakeCredential } from "../../utils/fakeCredential.js";
import { ScriptedHttpClient, type ScriptedRequest, type ScriptedResponse } from "../../utils/scriptedHttpClient.js";

const vault = "https://myvault.vault.azure.net";
const item = (name: string) => ({
  id: `${vault}/secrets/${name}`,
  attributes: { enabled: true, created: 0, updated: 0 },
});

function clientFor(handler: (request: ScriptedRequest) => ScriptedResponse) {
  const http = new ScriptedHttpClient(handler);
  const client = new SecretClient(vault, new FakeCredential(), { httpClient: http, retryOptions: { maxRetries: 0 } });
  return { http, client };
}

/** Three pages: [a, b], [] and [c]; links carry `$skiptoken` and an explicit port, as Key Vault's do. */
function threePages(request: ScriptedRequest): ScriptedResponse {
  const token = request.url.searchParams.get("$skiptoken");
  if (token === null)
    return {
      status: 200,
      body: {
        value: [item("a"), item("b")],
        nextLink: `${vault}:443/secrets?api-version=2025-07-01&$skiptoken=p2+/=&maxresults=2`,
      },
    };
  if (token === "p2 /=")
    return { status: 200, body: { value: [], nextLink: `${vault}:443/secrets?$skiptoken=p3&api%2Dversion=7.0` } };
  return { status: 200, body: { value: [item("c")], nextLink: null } };
}

describe("listing", () => {
  it("iterates items across pages, following empty pages, until nextLink is null", async () => {
    const { client } = clientFor(threePages);
    const names: string[] = [];
    for await (const properties of client.listPropertiesOfSecrets()) names.push(properties.name);
    expect(names).toEqual(["a", "b", "c"]);
  });

  it("exposes each page's nextLink as its continuationToken and resumes from it (SPEC §7 item 5)", async () => {
    const { client, http } = clientFor(threePages);
    const pages = [];
    for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 2 })) pages.push(page);
    const tokens = pages.map((p) => (p as { continuationToken?: string }).continuationToken);
    expect(tokens).toEqual([
      `${vault}:443/secrets?api-version=2025-07-01&$skiptoken=p2+/=&maxresults=2`,
      `${vault}:443/secrets?$skiptoken=p3&api%2Dversion=7.0`,
      undefined,
    ]);
    expect(http.requests.at(-3)?.url.searchParams.get("maxresults")).toBe("2");

    const resumed = clientFor(threePages);
    const names: string[] = [];
    for await (const page of resumed.client.listPropertiesOfSecrets().byPage({ continuationToken: tokens[0]! })) {
      names.push(...page.map((p) => p.name));
    }
    expect(names).toEqual(["c"]);
    expect(resumed.http.requests[0]?.url.searchParams.get("$skiptoken")).toBe("p2 /=");
  });

  it("sets its own api-version on nextLinks, drops api%2Dversion and keeps other parameters byte for byte", async () => {
    const { client, http } = clientFor(threePages);
    for await (const _ of client.listPropertiesOfSecrets()) void _;
    const urls = http.requests.filter((r) => r.headers.authorization).map((r) => r.url.href);
    expect(urls[1]).toBe(`${vault}/secrets?api-version=2025-07-01&$skiptoken=p2+/=&maxresults=2`);
    expect(urls[2]).toBe(`${vault}/secrets?$skiptoken=p3&api-version=2025-07-01`);
  });

  it("applies headers, timeout and onResponse to every page, not just the first (SPEC §7 item 6)", async () => {
    const { client, http } = clientFor(threePages);
    const statuses: number[] = [];
    const options = {
      requestOptions: { headers: { "x-custom": "yes" }, timeout: 5000 },
      onResponse: (response: { status: number }) => void statuses.push(response.status),
    };
    for await (const _ of client.listPropertiesOfSecrets(options)) void _;
    const authorised = http.requests.filter((r) => r.headers.authorization);
    expect(authorised.map((r) => r.headers["x-custom"])).toEqual(["yes", "yes", "yes"]);
    expect(statuses).toEqual([200, 200, 200]);
    // Each page is its own operation with its own client request id.
    expect(new Set(authorised.map((r) => r.headers["x-ms-client-request-id"])).size).toBe(3);
  });

  it("refuses a nextLink to another origin before sending anything there (SPEC §7 item 7)", async () => {
    const { client, http } = clientFor((request) =>
      request.url.host === "myvault.vault.azure.net"
        ? { status: 200, body: { value: [item("a")], nextLink: "https://evil.example.com/secrets?$skiptoken=x" } }
        : { status: 200, body: { value: [] } },
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const p of client.listPropertiesOfSecrets()) seen.push(p.name);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["a"]);
    expect((error as Error).message).toBe(
      "The nextLink origin 'https://evil.example.com' does not match the vault origin 'https://myvault.vault.azure.net'.",
    );
    expect(http.requests.every((r) => r.url.host === "myvault.vault.azure.net")).toBe(true);
  });

  it("refuses an http continuation token on the vault's own host", async () => {
    const { client, http } = clientFor(threePages);
    const pages = client
      .listPropertiesOfSecrets()
      .byPage({ continuationToken: "http://myvault.vault.azure.net/secrets?$skiptoken=x" });
    await expect(pages.next()).rejects.toThrow(/does not match the vault origin/);
    expect(http.requests).toHaveLength(0);
  });

  it("validates maxPageSize and names on the first next(), before any request", async () => {
    const { client, http } = clientFor(threePages);
    for (const maxPageSize of [0, 26, 1.5]) {
      await expect(client.listPropertiesOfSecrets().byPage({ maxPageSize }).next()).rejects.toThrow(
        "maxPageSize must be an integer between 1 and 25.",
      );
    }
    await expect(client.listPropertiesOfSecretVersions("..").next()).rejects.toBeInstanceOf(RangeError);
    expect(http.requests).toHaveLength(0);
  });

  it("throws the paging errors for a body without a value array or with a bad nextLink", async () => {
    const missing = clientFor(() => ({ status: 200, body: { nextLink: null } }));
    const error = await missing.client
      .listPropertiesOfSecrets()
      .next()
      .catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Couldn't paginate response\n Body doesn't contain an array property with name: value",
    );
    expect(error).toMatchObject({ statusCode: 200 });
    expect((error as { response?: { status: number } }).response?.status).toBe(200);
    const badLink = clientFor(() => ({ status: 200, body: { value: [], nextLink: 5 } }));
    await expect(badLink.client.listPropertiesOfSecrets().next()).rejects.toThrow(
      "Body Property nextLink should be a string or undefined or null but got number",
    );
  });

  it("refuses an item whose id is not a secret identifier, as a RestError with the response", async () => {
    const { client } = clientFor(() => ({ status: 200, body: { value: [item("a"), { id: "not a url" }] } }));
    for (const pending of [client.listPropertiesOfSecrets().next(), client.listDeletedSecrets().byPage().next()]) {
      const error = await pending.catch((e: unknown) => e);
      expect(isRestError(error)).toBe(true);
      expect(error).toMatchObject({
        statusCode: 200,
        message: "Response has an invalid secret id. Invalid secrets identifier: not a url. Not a valid URI",
      });
      expect((error as { response?: unknown }).response).toBeDefined();
    }
  });

  it("maps deleted items with base ids: version undefined, deletion fields at both levels", async () => {
    const { client } = clientFor(() => ({
      status: 200,
      body: {
        value: [
          { ...item("gone"), recoveryId: `${vault}/deletedsecrets/gone`, deletedDate: 0, scheduledPurgeDate: 7776000 },
        ],
      },
    }));
    const [deleted] = await collect(client.listDeletedSecrets());
    expect(deleted?.properties.version).toBeUndefined();
    expect(deleted?.deletedOn).toEqual(new Date(0)); // 0 is a date (SPEC §7 item 2)
    expect(deleted?.properties.scheduledPurgeDate).toEqual(new Date(7776000 * 1000));
    expect(deleted?.properties.recoveryId).toBe(`${vault}/deletedsecrets/gone`);
  });

  it("lists the versions of an encoded name under its own path", async () => {
    const { client, http } = clientFor(() => ({ status: 200, body: { value: [] } }));
    expect(await collect(client.listPropertiesOfSecretVersions("a b/c"))).toEqual([]);
    expect(http.routes).toEqual(["GET /secrets/a%20b%2Fc/versions"]);
  });
});

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const x of iterator) items.push(x);
  return items;
}
