import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv } from "./kvRequest.js";
import { recorded } from "./recorded.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("auth (SPEC §8.2)", () => {
  let emu: Emulator;
  let strict: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
    strict = await startEmulator({ strictAuth: true, authResource: "https://localhost" });
  });
  afterAll(async () => {
    await emu.close();
    await strict.close();
  });

  it("answers a token-less request with 401, the recorded AKV10000 body and the localhost challenge", async () => {
    const res = await kv(emu, "GET", "/secrets/missing/", { token: null });
    const rec = recorded("challenge401");
    expect(res.status).toBe(rec.status);
    expect(res.json).toEqual(rec.body);
    expect(res.headers["www-authenticate"]).toBe(
      'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://localhost"',
    );
    expect(res.headers["x-ms-request-id"]).toMatch(GUID);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("challenges a body-less discovery PUT before validating its (missing) body", async () => {
    const res = await kv(emu, "PUT", "/secrets/s1", {
      token: null,
      headers: { "content-type": "application/json", "content-length": "0" },
    });
    expect(res.status).toBe(401);
  });

  it("challenges before api-version and name validation", async () => {
    expect((await kv(emu, "GET", "/secrets/bad_name", { token: null })).status).toBe(401);
    expect((await kv(emu, "GET", "/secrets/x?api-version=1.0", { token: null })).status).toBe(401);
  });

  it("advertises a configured authority, tenant and resource", async () => {
    const other = await startEmulator({
      authority: "https://login.example.com/",
      tenantId: "tid-1",
      authResource: "https://vault.example",
    });
    try {
      const res = await kv(other, "GET", "/secrets", { token: null });
      expect(res.headers["www-authenticate"]).toBe(
        'Bearer authorization="https://login.example.com/tid-1", resource="https://vault.example"',
      );
    } finally {
      await other.close();
    }
  });

  it("accepts any non-empty bearer token by default", async () => {
    expect((await kv(emu, "GET", "/secrets", { token: "anything" })).status).toBe(200);
    expect((await kv(emu, "GET", "/secrets", { token: null, headers: { authorization: "Bearer " } })).status).toBe(401);
    expect((await kv(emu, "GET", "/secrets", { token: null, headers: { authorization: "Basic abc" } })).status).toBe(
      401,
    );
  });

  describe("strictAuth", () => {
    it("accepts the emulator credential's token for the resource", async () => {
      const { token } = await strict.credential.getToken("https://localhost/.default");
      expect((await kv(strict, "GET", "/secrets", { token })).status).toBe(200);
    });

    it("rejects a foreign token with 401 and a fresh challenge", async () => {
      const res = await kv(strict, "GET", "/secrets", { token: "not-a-jwt" });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("Unauthorized");
      expect(res.headers["www-authenticate"]).toContain('resource="https://localhost"');
    });

    it("rejects a token for another audience with AKV10022", async () => {
      const { token } = await strict.credential.getToken("https://vault.azure.net/.default");
      const res = await kv(strict, "GET", "/secrets", { token });
      expect(res.status).toBe(401);
      expect(res.json.error.message).toMatch(
        /^AKV10022: Invalid audience\. Expected https:\/\/localhost, found: https:\/\/vault\.azure\.net/,
      );
    });

    it("rejects a token once the emulator clock passes its one-hour lifetime", async () => {
      const { token } = await strict.credential.getToken("https://localhost/.default");
      strict.control.clock.advance(3601);
      try {
        expect((await kv(strict, "GET", "/secrets", { token })).status).toBe(401);
      } finally {
        strict.control.clock.offset(0);
      }
      expect((await kv(strict, "GET", "/secrets", { token })).status).toBe(200);
    });

    it("rejects a token signed by another emulator", async () => {
      const { token } = await emu.credential.getToken("https://localhost/.default");
      expect((await kv(strict, "GET", "/secrets", { token })).status).toBe(401);
    });
  });
});
