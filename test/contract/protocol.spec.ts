import { request } from "node:https";
import { connect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv } from "./kvRequest.js";
import { recorded } from "./recorded.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("protocol (SPEC §2.1, §2.5, §8.2 headers, api-version, tolerance)", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => emu.close());

  it("sends the Key Vault headers on success, errors and 401", async () => {
    const responses = [
      await kv(emu, "PUT", "/secrets/h1", { body: { value: "v" }, headers: { "x-ms-client-request-id": "cri-1" } }),
      await kv(emu, "GET", "/secrets/nope/", { headers: { "x-ms-client-request-id": "cri-2" } }),
      await kv(emu, "GET", "/secrets", { token: null, headers: { "x-ms-client-request-id": "cri-3" } }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 401]);
    const ids = new Set<string>();
    responses.forEach((res, i) => {
      const h = res.headers;
      expect(h["x-ms-request-id"]).toMatch(GUID);
      ids.add(String(h["x-ms-request-id"]));
      expect(h["x-ms-client-request-id"]).toBe(`cri-${i + 1}`);
      expect(h["x-ms-keyvault-region"]).toBe("local");
      expect(h["x-ms-keyvault-service-version"]).toMatch(/\S/);
      expect(h["x-ms-keyvault-network-info"]).toMatch(/^conn_type=Ipv4;addr=127\.0\.0\.1;act_addr_fam=InterNetwork;$/);
      expect(h["cache-control"]).toBe(recorded("setWithExp").headers["Cache-Control"]);
      expect(h["content-type"]).toBe(recorded("setWithExp").headers["Content-Type"]);
    });
    expect(ids.size).toBe(3);
  });

  it("requires api-version: missing or unsupported gives 400", async () => {
    for (const path of ["/secrets?maxresults=5", "/secrets?api-version=", "/secrets?api-version=1999-01-01"]) {
      const res = await kv(emu, "GET", path);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("BadParameter");
      expect(res.headers["x-ms-request-id"]).toMatch(GUID);
    }
  });

  it.each(["7.0", "7.6", "2025-07-01", "2026-04-01"])("accepts api-version %s", async (v) => {
    expect((await kv(emu, "GET", `/secrets?api-version=${v}`)).status).toBe(200);
  });

  it("accepts the percent-encoded parameter name api%2Dversion (the official client sends it)", async () => {
    expect((await kv(emu, "GET", "/secrets?api%2Dversion=2025-07-01")).status).toBe(200);
  });

  it("accepts application/json with a charset, no Accept header and an empty POST body", async () => {
    const set = await kv(emu, "PUT", "/secrets/tol", {
      body: { value: "v" },
      headers: { "content-type": "application/json; charset=UTF-8" },
    });
    expect(set.status).toBe(200);
    expect((await kv(emu, "POST", "/secrets/tol/backup", { headers: { "content-length": "0" } })).status).toBe(200);
  });

  it("answers unknown routes and wrong methods with a Key Vault-shaped 4xx, never 501", async () => {
    for (const [method, path] of [
      ["GET", "/keys"],
      ["GET", "/secrets/a/b/c/d"],
      ["POST", "/secrets/a"],
      ["PUT", "/deletedsecrets/a"],
    ] as const) {
      const res = await kv(emu, method, path);
      expect([404, 405]).toContain(res.status);
      expect(res.json.error.code).toEqual(expect.any(String));
      expect(res.headers["x-ms-request-id"]).toMatch(GUID);
    }
  });

  it("answers malformed JSON with 400 BadParameter", async () => {
    const res = await kv(emu, "PUT", "/secrets/j", { body: '{"value":' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("BadParameter");
  });

  it("answers a body over 1 MiB with 413 and keeps serving", async () => {
    const res = await kv(emu, "PUT", "/secrets/big", { body: { value: "x".repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("RequestEntityTooLarge");
    expect((await kv(emu, "GET", "/secrets")).status).toBe(200);
  });

  it("answers a garbled request line with a Key Vault-shaped 400 carrying a request id, and stays up", async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port: emu.port, ca: emu.ca, servername: "localhost" }, () =>
        socket.write("NOT HTTP\r\n\r\n"),
      );
      let text = "";
      socket.on("data", (d: Buffer) => (text += d.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    const [head = "", body = ""] = raw.split("\r\n\r\n");
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(head).toMatch(/\r\nx-ms-request-id: [0-9a-f-]{36}\r\n/);
    expect(JSON.parse(body)).toEqual({ error: { code: "BadParameter", message: "The request could not be parsed." } });
    expect((await kv(emu, "GET", "/secrets")).status).toBe(200);
  });

  it("serves the latest version at /secrets/{n} and /secrets/{n}/", async () => {
    const set = await kv(emu, "PUT", "/secrets/latest1", { body: { value: "v" } });
    expect((await kv(emu, "GET", "/secrets/latest1")).json.id).toBe(set.json.id);
    expect((await kv(emu, "GET", "/secrets/latest1/")).json.id).toBe(set.json.id);
  });

  it("keeps one keep-alive connection across requests", async () => {
    const { Agent } = await import("node:https");
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: emu.ca });
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            servername: "localhost",
            port: emu.port,
            path: "/secrets?api-version=2025-07-01",
            headers: { authorization: "Bearer t" },
            agent,
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end();
      });
    expect([await get(), await get(), await get()]).toEqual([200, 200, 200]);
    expect(Object.keys(agent.freeSockets).length).toBe(1);
    agent.destroy();
  });
});
