import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SecretClient, isRestError } from "../../../src/index.js";
import { SDK_VERSION } from "../../../src/client/constants.js";
import { FakeCredential } from "../../utils/fakeCredential.js";
import { CHALLENGE, bundle } from "../../utils/scriptedHttpClient.js";

const vault = "https://myvault.vault.azure.net";
const q = "api-version=2025-07-01";

/** A client whose challenge is already known, so each test pins only its own requests. */
async function warmClient(options: ConstructorParameters<typeof SecretClient>[2] = {}) {
  const client = new SecretClient(`${vault}/`, new FakeCredential("t0k3n"), {
    retryOptions: { maxRetries: 0 },
    ...options,
  });
  nock(vault).get(`/secrets/warm/?${q}`).reply(401, "", { "www-authenticate": CHALLENGE });
  nock(vault).get(`/secrets/warm/?${q}`).reply(200, bundle("warm"));
  await client.getSecret("warm");
  return client;
}

describe("SecretClient on the wire", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const done = nock.isDone();
    nock.cleanAll();
    expect(done).toBe(true);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  it("sends a cold setSecret as a body-less discovery, then the full body with the token", async () => {
    const client = new SecretClient(vault, new FakeCredential("t0k3n"), {
      userAgentOptions: { userAgentPrefix: "myapp/1.0" },
    });
    const seen: Array<{ headers: Record<string, unknown>; body: unknown }> = [];
    nock(vault)
      .put(`/secrets/db-password?${q}`)
      .reply(function (_uri, body) {
        seen.push({ headers: this.req.headers, body });
        return [401, "", { "www-authenticate": CHALLENGE }];
      })
      .put(`/secrets/db-password?${q}`)
      .reply(function (_uri, body) {
        seen.push({ headers: this.req.headers, body });
        return [200, bundle("db-password", undefined, { value: "s3cr3t" })];
      });
    const secret = await client.setSecret("db-password", "s3cr3t", {
      contentType: "text/plain",
      tags: { env: "dev" },
      expiresOn: new Date("2040-01-01T00:00:00Z"),
    });
    expect(secret.value).toBe("s3cr3t");
    const [discovery, authorised] = seen;
    expect(discovery?.headers.authorization).toBeUndefined();
    expect(discovery?.body).toBe("");
    expect(authorised?.headers.authorization).toBe("Bearer t0k3n");
    // 2040 is past 2038: the full unix-seconds value goes out (SPEC §7 item 1).
    expect(authorised?.body).toEqual({
      value: "s3cr3t",
      tags: { env: "dev" },
      contentType: "text/plain",
      attributes: { exp: 2208988800 },
    });
    expect(authorised?.headers["content-type"]).toBe("application/json");
    expect(authorised?.headers.accept).toBe("application/json");
    expect(authorised?.headers["x-ms-client-request-id"]).toBe(discovery?.headers["x-ms-client-request-id"]);
    const userAgent = String(authorised?.headers["user-agent"]);
    expect(userAgent.startsWith(`myapp/1.0 azsdk-js-keyvault-secrets/${SDK_VERSION} core-rest-pipeline/`)).toBe(true);
    expect(userAgent.split("azsdk-js-keyvault-secrets").length).toBe(2); // exactly once (SPEC §7 item 10)
  });

  it("gets the latest version with a trailing slash, a version by its segment, and outContentType", async () => {
    const client = await warmClient();
    nock(vault)
      .get(`/secrets/s/?${q}`)
      .reply(200, bundle("s", "v1", { value: "a" }));
    nock(vault)
      .get(`/secrets/s/v1?${q}`)
      .reply(200, bundle("s", "v1", { value: "a" }));
    nock(vault)
      .get(`/secrets/s/?${q}&outContentType=application%2Fx-pem-file`)
      .reply(200, bundle("s", "v1", { value: "pem" }));
    expect((await client.getSecret("s")).properties.version).toBe("v1");
    expect((await client.getSecret("s", { version: "v1" })).value).toBe("a");
    expect((await client.getSecret("s", { outContentType: "application/x-pem-file" })).value).toBe("pem");
  });

  it("encodes names and versions as single path segments", async () => {
    const client = await warmClient();
    nock(vault).get(`/secrets/s%201%2Fx%3F%23%25/v%2F1?${q}`).reply(200, bundle("s"));
    await client.getSecret("s 1/x?#%", { version: "v/1" });
  });

  it("updates the latest version with PATCH /secrets/{name}/ and sends tags {} to clear them", async () => {
    const client = await warmClient();
    nock(vault)
      .patch(`/secrets/s/?${q}`, { tags: {}, attributes: { enabled: false } })
      .reply(200, bundle("s"));
    const properties = await client.updateSecretProperties("s", "", { enabled: false, tags: {} });
    expect(properties).not.toHaveProperty("value");
  });

  it("purges with 204, backs up with an empty POST, restores with base64url", async () => {
    const client = await warmClient();
    nock(vault).delete(`/deletedsecrets/s?${q}`).reply(204);
    nock(vault).post(`/secrets/s/backup?${q}`).matchHeader("content-length", "0").reply(200, { value: "AQID_-8" });
    nock(vault).post(`/secrets/restore?${q}`, { value: "AQID_-8" }).reply(200, bundle("s"));
    await expect(client.purgeDeletedSecret("s")).resolves.toBeUndefined();
    const backup = await client.backupSecret("s");
    expect([...backup!]).toEqual([1, 2, 3, 255, 239]);
    expect((await client.restoreSecretBackup(backup!)).name).toBe("s");
  });

  it("turns an error response with an empty or non-JSON body into a RestError with its status (SPEC §7 item 3)", async () => {
    const client = await warmClient();
    nock(vault).get(`/secrets/s/?${q}`).reply(500, "");
    nock(vault).get(`/secrets/t/?${q}`).reply(502, "<html>bad gateway</html>");
    for (const [name, status] of [
      ["s", 500],
      ["t", 502],
    ] as const) {
      const error = await client.getSecret(name).catch((e: unknown) => e);
      expect(isRestError(error)).toBe(true);
      expect(error).toMatchObject({
        statusCode: status,
        message: `Unexpected status code: ${status}`,
        code: undefined,
      });
    }
  });

  it("retries a 429 without Retry-After (SPEC §7 item 4)", async () => {
    const client = await warmClient({ retryOptions: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 2 } });
    nock(vault)
      .get(`/secrets/s/?${q}`)
      .reply(429, { error: { code: "Throttled", message: "too many" } });
    nock(vault)
      .get(`/secrets/s/?${q}`)
      .reply(200, bundle("s", undefined, { value: "v" }));
    expect((await client.getSecret("s")).value).toBe("v");
  });

  it("reads epoch and negative dates as Dates (SPEC §7 item 2)", async () => {
    const client = await warmClient();
    nock(vault)
      .get(`/secrets/s/?${q}`)
      .reply(200, { id: `${vault}/secrets/s/v1`, attributes: { nbf: 0, exp: -86400, created: 4102444800 } });
    const { properties } = await client.getSecret("s");
    expect(properties.notBefore).toEqual(new Date(0));
    expect(properties.expiresOn).toEqual(new Date(-86400000));
    expect(properties.createdOn).toEqual(new Date("2100-01-01T00:00:00Z"));
  });

  it("refuses a 200 without an id as a protocol violation", async () => {
    const client = await warmClient();
    nock(vault).get(`/secrets/s/?${q}`).reply(200, { value: "x" });
    await expect(client.getSecret("s")).rejects.toMatchObject({
      name: "RestError",
      message: "Response is missing the secret id",
    });
  });

  it("refuses a 200 whose id is not a secret identifier, as a RestError with the response", async () => {
    const client = await warmClient();
    nock(vault).get(`/secrets/s/?${q}`).reply(200, { id: "not a url", value: "x" });
    const error = await client.getSecret("s").catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 200,
      message: "Response has an invalid secret id. Invalid secrets identifier: not a url. Not a valid URI",
    });
    expect((error as { response?: unknown }).response).toBeDefined();
  });

  it("refuses names and versions that would change the URL, before any request (SPEC §7 items 11, 12)", async () => {
    const client = new SecretClient(vault, new FakeCredential());
    for (const name of ["", ".", ".."]) {
      await expect(client.getSecret(name)).rejects.toThrow(new RangeError(`Invalid secret name '${name}'.`));
      await expect(client.beginRecoverDeletedSecret(name)).rejects.toBeInstanceOf(RangeError);
      await expect(client.setSecret(name, "v")).rejects.toBeInstanceOf(RangeError);
    }
    await expect(client.getSecret("x", { version: ".." })).rejects.toThrow("Invalid secret version '..'.");
    await expect(client.updateSecretProperties("x", ".")).rejects.toBeInstanceOf(RangeError);
    await expect(client.getSecret(42 as unknown as string)).rejects.toBeInstanceOf(TypeError);
    await expect(client.setSecret("x", "v", { expiresOn: new Date(Number.NaN) })).rejects.toBeInstanceOf(RangeError);
  });

  it("checks its construction arguments", () => {
    const credential = new FakeCredential();
    expect(() => new SecretClient("", credential)).toThrow(TypeError);
    expect(() => new SecretClient("not a url", credential)).toThrow(TypeError);
    expect(() => new SecretClient(vault, undefined as never)).toThrow(TypeError);
    expect(() => new SecretClient(vault, credential, { serviceVersion: "7.7" as never })).toThrow(
      /Supported versions: 7\.0, .*2026-04-01/,
    );
    expect(new SecretClient(`${vault}/`, credential).vaultUrl).toBe(`${vault}/`);
  });

  it("refuses to send anything to an http:// vault", async () => {
    const credential = new FakeCredential();
    const client = new SecretClient("http://myvault.vault.azure.net", credential, { allowInsecureConnection: true });
    await expect(client.getSecret("s")).rejects.toThrow("The request URL must use HTTPS.");
    expect(credential.calls).toHaveLength(0);
  });
});
