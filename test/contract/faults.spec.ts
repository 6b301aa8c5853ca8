import { request } from "node:https";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv } from "./kvRequest.js";

/** Sends a GET and reports how the exchange ended, without assuming a complete response. */
function outcome(emu: Emulator, path: string): Promise<{ status?: number; partial?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        servername: "localhost",
        port: emu.port,
        path,
        ca: emu.ca,
        agent: false,
        headers: { authorization: "Bearer t" },
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", (e) => resolve({ status: res.statusCode ?? 0, partial: text, error: e.message }));
        res.on("aborted", () => resolve({ status: res.statusCode ?? 0, partial: text, error: "aborted" }));
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

describe("fault injection (SPEC §8.3 faults)", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
    await kv(emu, "PUT", "/secrets/f", { body: { value: "v" } });
  });
  afterEach(() => emu.control.faults.clear());
  afterAll(async () => emu.close());

  it("answers 429 Throttled with the Key Vault body, count times, then proceeds", async () => {
    emu.control.faults.add({ status: 429, count: 2 });
    const a = await kv(emu, "GET", "/secrets/f/");
    const b = await kv(emu, "GET", "/secrets/f/");
    const c = await kv(emu, "GET", "/secrets/f/");
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.json.error).toEqual({
      code: "Throttled",
      message:
        "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached",
    });
    expect(a.headers).not.toHaveProperty("retry-after");
    expect(a.headers["x-ms-request-id"]).toBeDefined();
  });

  it.each([408, 500, 502, 503, 504, 418])("answers status %i", async (status) => {
    emu.control.faults.add({ status, count: 1 });
    const res = await kv(emu, "GET", "/secrets/f/");
    expect(res.status).toBe(status);
    expect(res.json.error.code).toEqual(expect.any(String));
  });

  it("sends each retry header form", async () => {
    const date = new Date("2026-10-21T07:28:00Z");
    emu.control.faults.add({ status: 503, count: 1, retryAfter: 2 });
    emu.control.faults.add({ status: 503, count: 1, retryAfterDate: date });
    emu.control.faults.add({ status: 429, count: 1, retryAfterMs: 1500 });
    emu.control.faults.add({ status: 429, count: 1, xMsRetryAfterMs: 250 });
    expect((await kv(emu, "GET", "/secrets/f/")).headers["retry-after"]).toBe("2");
    expect((await kv(emu, "GET", "/secrets/f/")).headers["retry-after"]).toBe("Wed, 21 Oct 2026 07:28:00 GMT");
    expect((await kv(emu, "GET", "/secrets/f/")).headers["retry-after-ms"]).toBe("1500");
    expect((await kv(emu, "GET", "/secrets/f/")).headers["x-ms-retry-after-ms"]).toBe("250");
  });

  it("sends an empty-body error", async () => {
    emu.control.faults.add({ status: 500, emptyBody: true, count: 1 });
    const res = await kv(emu, "GET", "/secrets/f/");
    expect(res.status).toBe(500);
    expect(res.text).toBe("");
  });

  it("sends a 401 without WWW-Authenticate", async () => {
    emu.control.faults.add({ missingChallenge: true, count: 1 });
    const res = await kv(emu, "GET", "/secrets/f/");
    expect(res.status).toBe(401);
    expect(res.headers).not.toHaveProperty("www-authenticate");
  });

  it("sends a CAE insufficient_claims challenge with decodable claims", async () => {
    emu.control.faults.add({ caeChallenge: true, count: 1, afterAuth: true });
    const res = await kv(emu, "GET", "/secrets/f/");
    expect(res.status).toBe(401);
    const header = String(res.headers["www-authenticate"]);
    expect(header).toMatch(
      /^Bearer realm="", authorization_uri="[^"]+", error="insufficient_claims", claims="[A-Za-z0-9+/=]+"$/,
    );
    const claims = JSON.parse(Buffer.from(/claims="([^"]+)"/.exec(header)?.[1] ?? "", "base64").toString());
    expect(claims.access_token.nbf.essential).toBe(true);
  });

  it("fires before auth by default and after auth with afterAuth", async () => {
    emu.control.faults.add({ status: 503, count: 1 });
    expect((await kv(emu, "GET", "/secrets/f/", { token: null })).status).toBe(503);
    emu.control.faults.add({ status: 503, count: 1, afterAuth: true });
    expect((await kv(emu, "GET", "/secrets/f/", { token: null })).status).toBe(401);
    expect((await kv(emu, "GET", "/secrets/f/")).status).toBe(503);
  });

  it("matches method, path (RegExp or string) and vault", async () => {
    emu.control.faults.add({ method: "put", status: 500 });
    emu.control.faults.add({ path: "^/secrets/other", status: 502 });
    emu.control.faults.add({ path: /\/versions$/, status: 504 });
    emu.control.faults.add({ vault: "v2", status: 503 });
    expect((await kv(emu, "GET", "/secrets/f/")).status).toBe(200);
    expect((await kv(emu, "PUT", "/secrets/f", { body: { value: "x" } })).status).toBe(500);
    expect((await kv(emu, "GET", "/secrets/other/")).status).toBe(502);
    expect((await kv(emu, "GET", "/secrets/f/versions")).status).toBe(504);
    expect((await kv(emu, "GET", "/secrets", { host: `v2.localhost:${emu.port}` })).status).toBe(503);
  });

  it("fires by probability", async () => {
    emu.control.faults.add({ status: 500, probability: 0 });
    expect((await kv(emu, "GET", "/secrets/f/")).status).toBe(200);
    emu.control.faults.clear();
    emu.control.faults.add({ status: 500, probability: 1 });
    expect((await kv(emu, "GET", "/secrets/f/")).status).toBe(500);
  });

  it("adds latency, then proceeds normally", async () => {
    emu.control.faults.add({ latencyInMs: 150, count: 1 });
    const started = performance.now();
    const res = await kv(emu, "GET", "/secrets/f/");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(res.json.value).toBe("v");
  });

  it("resets the connection without answering", async () => {
    emu.control.faults.add({ reset: true, count: 1 });
    const result = await outcome(emu, "/secrets/f/?api-version=2025-07-01");
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/ECONNRESET|socket hang up/);
  });

  it("resets in the middle of a response", async () => {
    emu.control.faults.add({ resetMidResponse: true, count: 1 });
    const result = await outcome(emu, "/secrets/f/?api-version=2025-07-01");
    expect(result.status).toBe(200);
    expect(result.error).toBeDefined();
    expect(result.partial).toBe('{"value":"');
  });

  it("stalls until the emulator closes, and close() is prompt", async () => {
    const stalling = await startEmulator();
    stalling.control.faults.add({ stall: true });
    const pending = outcome(stalling, "/secrets?api-version=2025-07-01");
    const winner = await Promise.race([
      pending.then(() => "answered"),
      new Promise((r) => setTimeout(() => r("stalled"), 200)),
    ]);
    expect(winner).toBe("stalled");
    const started = performance.now();
    await stalling.close();
    expect(performance.now() - started).toBeLessThan(900);
    expect((await pending).status).toBeUndefined();
  });

  it("rejects malformed rules", () => {
    expect(() => emu.control.faults.add({ probability: 2 })).toThrow(RangeError);
    expect(() => emu.control.faults.add({ status: 42 })).toThrow(RangeError);
    expect(() => emu.control.faults.add({ count: -1 })).toThrow(RangeError);
    expect(() => emu.control.faults.add({ latencyInMs: "1" as unknown as number })).toThrow(TypeError);
    expect(() => emu.control.faults.add({ path: "(" })).toThrow(SyntaxError);
  });
});
