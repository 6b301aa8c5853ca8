import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { AzureLogger, getLogLevel, setLogLevel, type AzureLogLevel } from "@azure/logger";
import { SecretClient } from "../../src/index.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeCredential } from "../utils/fakeCredential.js";
import { useEmulator } from "../utils/useEmulator.js";
import { FAST_RETRY, rejectionOf, TapHttpClient } from "./helpers.js";

/**
 * Nothing secret leaves through logs or errors (SPEC §6.6, STYLE §4): with verbose logging on, a run of every
 * operation, its failures included, never shows a secret value, a bearer token, CAE claims or a backup blob
 * in a log line, an error message, `JSON.stringify` or `util.inspect` of an error, or an inspected client.
 */
describe("no secret in logs or errors", () => {
  const ctx = useEmulator();
  const VALUE = `canary-value-${randomUUID()}`;
  const VALUE_2 = `canary-value-${randomUUID()}`;
  const TOKEN = `canary-token-${randomUUID()}`;
  const CLAIMS = `{"access_token":{"canary":"${randomUUID()}"}}`;
  const logs: string[] = [];
  const errors: unknown[] = [];
  const inspected: unknown[] = [];
  let blob = "";
  let previous: { log: typeof AzureLogger.log; level: AzureLogLevel | undefined };

  beforeAll(() => {
    previous = { log: AzureLogger.log, level: getLogLevel() };
    setLogLevel("verbose");
    AzureLogger.log = (...args: unknown[]) => void logs.push(args.map(String).join(" "));
  });
  afterAll(() => {
    AzureLogger.log = previous.log;
    setLogLevel(previous.level);
  });
  afterEach(() => ctx.emu.control.faults.clear());

  async function failure(promise: Promise<unknown>): Promise<void> {
    errors.push(await rejectionOf(promise));
  }

  it("runs every operation, succeeding and failing, with verbose logging on", async () => {
    const credential = new FakeCredential(TOKEN);
    const c = new SecretClient(`https://default.localhost:${ctx.emu.port}`, credential, {
      httpClient: ctx.emu.httpClient,
      retryOptions: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 2 },
    });

    const set = await c.setSecret("leak", VALUE, { contentType: "text/plain", tags: { k: "v" } });
    await c.setSecret("leak", VALUE_2);
    await c.getSecret("leak");
    await c.getSecret("leak", { version: set.properties.version ?? "" });
    await c.updateSecretProperties("leak", set.properties.version ?? "", { enabled: true });
    for await (const item of c.listPropertiesOfSecrets()) void item;
    for await (const item of c.listPropertiesOfSecretVersions("leak")) void item;
    const backup = await c.backupSecret("leak");
    blob = Buffer.from(backup ?? new Uint8Array()).toString("base64url");
    expect(blob.length).toBeGreaterThan(20);

    ctx.emu.control.clock.freeze();
    const deletePoller = await c.beginDeleteSecret("leak", { intervalInMs: 0 });
    inspected.push(deletePoller.toString(), deletePoller.getOperationState());
    ctx.emu.control.clock.advance(3);
    await deletePoller.pollUntilDone();
    for await (const item of c.listDeletedSecrets()) void item;
    await c.getDeletedSecret("leak");
    const recoverPoller = await c.beginRecoverDeletedSecret("leak", { intervalInMs: 0 });
    ctx.emu.control.clock.advance(3);
    await recoverPoller.pollUntilDone();
    inspected.push(recoverPoller.toString(), recoverPoller.getOperationState());

    // Failures that carry a value or a blob in the request, or a token in the exchange.
    ctx.emu.control.faults.add({ method: "PUT", status: 500 });
    await failure(c.setSecret("leak", VALUE));
    ctx.emu.control.faults.clear();
    ctx.emu.control.faults.add({ method: "PUT", emptyBody: true, status: 502 });
    await failure(c.setSecret("leak", VALUE));
    ctx.emu.control.faults.clear();
    ctx.emu.control.faults.add({ method: "PUT", reset: true });
    await failure(c.setSecret("leak", VALUE));
    ctx.emu.control.faults.clear();
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/leak/$", resetMidResponse: true });
    await failure(c.getSecret("leak"));
    ctx.emu.control.faults.clear();
    ctx.emu.control.faults.add({ method: "PUT", stall: true });
    await failure(c.setSecret("leak", VALUE, { requestOptions: { timeout: 30 } }));
    ctx.emu.control.faults.clear();
    await failure(c.setSecret("leak", VALUE, { abortSignal: AbortSignal.abort() }));
    await failure(c.restoreSecretBackup(Buffer.from(blob, "base64url"))); // 409: the name exists
    await failure(c.restoreSecretBackup(Buffer.from(`${blob}x`, "base64url"))); // 400: corrupt blob
    ctx.emu.control.faults.add({
      method: "GET",
      afterAuth: true,
      caeChallenge: Buffer.from(CLAIMS).toString("base64"),
      count: 2,
    });
    await failure(c.getSecret("leak"));
    ctx.emu.control.faults.add({ method: "GET", afterAuth: true, missingChallenge: true, count: 1 });
    await failure(c.getSecret("leak"));
    await c.getSecret("leak"); // a cold handshake again: the bare 401 cleared the cached challenge
    await failure(c.getSecret("missing"));
    await failure(c.setSecret("bad name", VALUE));
    await failure(c.setSecret("leak", VALUE, { expiresOn: new Date(Number.NaN) }));

    inspected.push(c);
    expect(credential.calls.length).toBeGreaterThan(0);
    expect(errors.filter((e) => e !== undefined).length).toBeGreaterThanOrEqual(13);
  });

  it("logged the run: requests, responses and the challenge handshake", () => {
    expect(logs.some((l) => l.includes("Request: {"))).toBe(true);
    expect(logs.some((l) => l.includes("Response status code: 401"))).toBe(true);
    expect(logs.some((l) => l.includes("REDACTED"))).toBe(true);
    expect(logs.some((l) => l.includes("keyvault-secrets:auth"))).toBe(true);
  });

  const secrets = (): Array<[string, string]> => [
    ["secret value", VALUE],
    ["second secret value", VALUE_2],
    ["bearer token", TOKEN],
    ["CAE claims", CLAIMS],
    ["backup blob", blob.slice(0, 40)],
    ["backup blob (base64)", Buffer.from(blob, "base64url").toString("base64").slice(0, 40)],
  ];

  it("never logs a secret value, token, claims or backup blob", () => {
    for (const [what, canary] of secrets()) {
      const hits = logs.filter((line) => line.includes(canary));
      expect(hits, `${what} in the log`).toEqual([]);
    }
  });

  it("never shows a secret value, token, claims or backup blob in an error", () => {
    const renderings = errors.flatMap((e) => {
      const error = e as Error;
      return [
        String(error),
        error.message,
        error.stack ?? "",
        JSON.stringify(error),
        inspect(error),
        inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      ];
    });
    expect(renderings.length).toBeGreaterThan(0);
    for (const [what, canary] of secrets()) {
      expect(
        renderings.filter((r) => r.includes(canary)),
        `${what} in an error`,
      ).toEqual([]);
    }
  });

  it("keeps values, tokens and blobs out of the emulator's request log", () => {
    const log = JSON.stringify(ctx.emu.control.requests());
    expect(log).toContain('"authorized":true');
    for (const [what, canary] of secrets()) expect(log.includes(canary), `${what} in the request log`).toBe(false);
  });

  it("never shows a token in an inspected client or poller", () => {
    const renderings = inspected.flatMap((o) => [
      inspect(o, { depth: Number.POSITIVE_INFINITY }),
      inspect(o, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      typeof o === "string" ? o : JSON.stringify(o),
    ]);
    for (const [what, canary] of secrets()) {
      expect(
        renderings.filter((r) => r.includes(canary)),
        `${what} in an inspected object`,
      ).toEqual([]);
    }
  });
});

describe("tokens only go to the vault's origin over https", () => {
  const ctx = useEmulator();
  let credential: FakeCredential;
  let tap: TapHttpClient;

  beforeAll(() => {
    credential = new FakeCredential("origin-token");
  });
  afterEach(() => ctx.emu.control.faults.clear());

  function client(url = `https://default.localhost:${ctx.emu.port}`, options = {}): SecretClient {
    tap = new TapHttpClient(ctx.emu.httpClient);
    return new SecretClient(url, credential, { httpClient: tap, ...FAST_RETRY, ...options });
  }

  function authorizedUrls(): string[] {
    return tap.sent.filter((r) => r.authorization !== undefined).map((r) => new URL(r.url).origin);
  }

  it.each([
    ["by default", {}],
    [
      "with allowInsecureConnection and verification disabled",
      { allowInsecureConnection: true, disableChallengeResourceVerification: true },
    ],
  ])("refuses an http vault before sending anything (%s)", async (_label, options) => {
    const http = client(`http://default.localhost:${ctx.emu.port}`, options);
    const calls = credential.calls.length;

    const errors = [
      await rejectionOf(http.getSecret("s")),
      await rejectionOf(http.setSecret("s", "v", { requestOptions: { allowInsecureConnection: true } })),
      await rejectionOf(http.listPropertiesOfSecrets().next()),
      await rejectionOf(http.beginDeleteSecret("s")),
    ];

    for (const error of errors) expect(error).toMatchObject({ message: "The request URL must use HTTPS." });
    expect(tap.sent).toEqual([]);
    expect(credential.calls.length).toBe(calls);
  });

  it("follows no redirect: a 3xx is a RestError and its Location never sees a request", async () => {
    const c = client();
    await c.setSecret("redirected", "v");
    const evil = `https://evil.localhost:${ctx.emu.port}`;
    tap.rewrite = (request, response) => {
      if (response.status >= 300 && response.status < 400)
        response.headers.set("location", `${evil}${new URL(request.url).pathname}`);
      return response;
    };

    for (const status of [301, 302, 303, 307, 308]) {
      ctx.emu.control.faults.add({ status, emptyBody: true, count: 2 });
      const sent = tap.sent.length;
      const read = await rejectionOf(c.getSecret("redirected"));
      const write = await rejectionOf(c.setSecret("redirected", "v2"));
      expect(read).toMatchObject({
        name: "RestError",
        statusCode: status,
        message: `Unexpected status code: ${status}`,
      });
      expect(write).toMatchObject({ name: "RestError", statusCode: status });
      expect(tap.sent.length - sent).toBe(2);
    }
    expect(ctx.emu.control.requests().filter((r) => r.vault === "evil")).toEqual([]);
    expect(new Set(authorizedUrls())).toEqual(new Set([`https://default.localhost:${ctx.emu.port}`]));
  });

  it("never sends a body without a token, even from 20 concurrent cold writes (SPEC §3.1)", async () => {
    const c = client();

    await Promise.all(Array.from({ length: 20 }, (_, i) => c.setSecret(`cold-${i}`, `cold-value-${i}`)));

    const unauthenticated = tap.sent.filter((r) => r.authorization === undefined);
    expect(unauthenticated.length).toBeGreaterThanOrEqual(1);
    expect(unauthenticated.filter((r) => r.body !== undefined && r.body !== null && r.body !== "")).toEqual([]);
    expect(tap.sent.filter((r) => r.authorization !== undefined)).toHaveLength(20);
  });

  it("drops a warm session's token rather than follow a fresh challenge to a foreign resource", async () => {
    const c = client();
    await c.getSecret("cold-1");
    const calls = credential.calls.length;
    ctx.emu.control.faults.add({ method: "GET", status: 401, count: 1, afterAuth: true });
    tap.rewrite = (_request, response) => {
      if (response.status === 401) {
        response.headers.set(
          "www-authenticate",
          'Bearer authorization="https://login.microsoftonline.com/t", resource="https://evil.example"',
        );
      }
      return response;
    };
    const sent = tap.sent.length;

    const error = await rejectionOf(c.getSecret("cold-1"));

    expect(error).toMatchObject({
      message: expect.stringContaining("'evil.example' does not match the requested domain"),
    });
    expect(tap.sent.length - sent).toBe(1); // the rejected request only: no re-send
    expect(credential.calls.length).toBe(calls);
  });

  describe("a foreign nextLink", () => {
    const foreign = (port: number): string[] => [
      `https://evil.localhost:${port}/secrets?api-version=2025-07-01&$skiptoken=x`,
      `http://default.localhost:${port}/secrets?api-version=2025-07-01&$skiptoken=x`,
      `https://default.localhost:${port + 1}/secrets?api-version=2025-07-01&$skiptoken=x`,
      `https://default.localhost:${port}@evil.localhost:${port}/secrets?$skiptoken=x`,
      `https://default.localhost.evil.localhost:${port}/secrets?$skiptoken=x`,
      `//evil.localhost:${port}/secrets`,
      `/secrets?$skiptoken=x`,
    ];

    beforeAll(async () => {
      const c = client();
      await c.setSecret("paged-1", "v");
      await c.setSecret("paged-2", "v");
    });

    it("in a page is refused before it is requested", async () => {
      for (const link of foreign(ctx.emu.port)) {
        const c = client();
        tap.rewrite = (_request, response) => {
          const body = JSON.parse(response.bodyAsText ?? "{}") as { nextLink?: string };
          if (body.nextLink) response.bodyAsText = JSON.stringify({ ...body, nextLink: link });
          return response;
        };
        const pages = c.listPropertiesOfSecrets().byPage({ maxPageSize: 1 });
        await pages.next();
        const error = await rejectionOf(pages.next());

        expect(error, link).toMatchObject({
          message: expect.stringMatching(/^The nextLink origin '.*' does not match the vault origin/),
        });
        expect(tap.sent.map((r) => new URL(r.url).origin)).toEqual([
          `https://default.localhost:${ctx.emu.port}`,
          `https://default.localhost:${ctx.emu.port}`,
        ]);
      }
      expect(ctx.emu.control.requests().filter((r) => r.vault === "evil")).toEqual([]);
    });

    it("as a continuation token is refused before it is requested", async () => {
      for (const link of foreign(ctx.emu.port)) {
        const c = client();
        const error = await rejectionOf(c.listPropertiesOfSecrets().byPage({ continuationToken: link }).next());

        expect(error, link).toMatchObject({
          message: expect.stringMatching(/^The nextLink origin '.*' does not match the vault origin/),
        });
        expect(tap.sent).toEqual([]);
      }
    });
  });
});

describe("tokens never go to a vault the challenge does not vouch for", () => {
  const ctx = useEmulator({ authResource: "https://vault.azure.net" });

  it.each([
    ["a resource the vault host is not under", (port: number) => `https://default.localhost:${port}`],
    ["bare localhost, which no resource can vouch for", (port: number) => `https://localhost:${port}`],
  ])("refuses %s without asking for a token", async (_label, url) => {
    const credential = new FakeCredential();
    const tap = new TapHttpClient(ctx.emu.httpClient);
    const c = new SecretClient(url(ctx.emu.port), credential, { httpClient: tap, ...FAST_RETRY });

    const error = await rejectionOf(c.setSecret("s", "body-never-sent"));

    expect(error).toMatchObject({ message: expect.stringContaining("does not match the requested domain") });
    expect(credential.calls).toEqual([]);
    expect(tap.sent).toHaveLength(1);
    expect(tap.sent[0]).toMatchObject({ method: "PUT", authorization: undefined });
    expect(tap.sent[0]?.body).toBeUndefined(); // discovery is body-less: the value never left either
  });
});
