import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatorDocument } from "../../src/emulator/index.js";
import { kv } from "./kvRequest.js";

describe("test controls (SPEC §8.3)", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => emu.close());

  describe("clock", () => {
    it("freezes, advances, offsets and unfreezes; created/updated follow it", async () => {
      const clock = emu.control.clock;
      clock.offset(86400);
      expect(Math.abs(clock.now().getTime() - (Date.now() + 86_400_000))).toBeLessThan(1000);
      clock.freeze();
      const frozen = clock.now().getTime();
      expect(clock.now().getTime()).toBe(frozen);
      clock.advance(10);
      expect(clock.now().getTime()).toBe(frozen + 10_000);
      const res = await kv(emu, "PUT", "/secrets/clocked", { body: { value: "v" } });
      expect(res.json.attributes.created).toBe(Math.floor((frozen + 10_000) / 1000));
      clock.unfreeze();
      expect(clock.now().getTime()).toBeGreaterThanOrEqual(frozen + 10_000);
      clock.offset(0);
      expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    });

    it("rejects non-numbers and non-finite seconds", () => {
      expect(() => emu.control.clock.advance(Number.NaN)).toThrow(RangeError);
      expect(() => emu.control.clock.offset("1" as unknown as number)).toThrow(TypeError);
    });
  });

  describe("request log", () => {
    it("records method, path, status, auth presence, request ids and vault; never bodies, tokens or queries", async () => {
      emu.control.clearRequests();
      const unauth = await kv(emu, "PUT", "/secrets/logged", {
        token: null,
        headers: { "x-ms-client-request-id": "c1" },
      });
      const ok = await kv(emu, "PUT", "/secrets/logged", {
        token: "tok-SENSITIVE",
        body: { value: "VALUE-SENSITIVE" },
      });
      await kv(emu, "GET", "/secrets?api-version=2025-07-01&maxresults=3", { host: `logv.localhost:${emu.port}` });
      const log = emu.control.requests();
      expect(log).toEqual([
        {
          method: "PUT",
          path: "/secrets/logged",
          status: 401,
          authorized: false,
          requestId: unauth.headers["x-ms-request-id"],
          clientRequestId: "c1",
          vault: "default",
        },
        {
          method: "PUT",
          path: "/secrets/logged",
          status: 200,
          authorized: true,
          requestId: ok.headers["x-ms-request-id"],
          vault: "default",
        },
        {
          method: "GET",
          path: "/secrets",
          status: 200,
          authorized: true,
          requestId: expect.any(String),
          vault: "logv",
        },
      ]);
      expect(JSON.stringify(log)).not.toMatch(/SENSITIVE|maxresults/);
      emu.control.clearRequests();
      expect(emu.control.requests()).toEqual([]);
    });
  });

  describe("vaults", () => {
    it("creates, lists and deletes vaults; vaults maps names to URLs", async () => {
      const info = await emu.control.createVault("made", { recoverableDays: 30, purgeProtection: true });
      expect(info).toMatchObject({
        name: "made",
        recoverableDays: 30,
        purgeProtection: true,
        recoveryLevel: "CustomizedRecoverable",
        url: `https://made.localhost:${emu.port}`,
      });
      expect(emu.control.listVaults().map((v) => v.name)).toContain("made");
      expect(emu.vaults.made).toBe(`https://made.localhost:${emu.port}`);
      expect(emu.vaults.default).toBe(emu.vaultUrl);
      expect(await emu.control.deleteVault("made")).toBe(true);
      expect(await emu.control.deleteVault("made")).toBe(false);
      expect(emu.vaults).not.toHaveProperty("made");
    });

    it("validates vault options", () => {
      expect(() => emu.control.createVault("Bad_Name")).toThrow(RangeError);
      expect(() => emu.control.createVault("x", { recoverableDays: 5 })).toThrow(RangeError);
      expect(() => emu.control.createVault("x", { recoveryLevel: "Nope" })).toThrow(RangeError);
      expect(() => emu.control.createVault("x", { recoveryLevel: "Purgeable", purgeProtection: true })).toThrow(
        RangeError,
      );
      expect(() => emu.control.createVault("x", { deletionDelayInMs: -1 })).toThrow(RangeError);
    });

    it("answers 404 for an unknown vault when autoCreateVaults is false", async () => {
      const fixed = await startEmulator({ autoCreateVaults: false, vaults: [{ name: "known" }] });
      try {
        expect((await kv(fixed, "GET", "/secrets", { host: `known.localhost:${fixed.port}` })).status).toBe(200);
        const res = await kv(fixed, "GET", "/secrets", { host: `unknown.localhost:${fixed.port}` });
        expect(res.status).toBe(404);
        expect(res.json.error.code).toBe("VaultNotFound");
      } finally {
        await fixed.close();
      }
    });
  });

  describe("seed, import, export, reset", () => {
    it("seeds secrets, versions and deleted items with {{now}} templates", async () => {
      const now = Math.floor(emu.control.clock.now().getTime() / 1000);
      await emu.control.seed({
        vaults: [
          {
            name: "seeded",
            secrets: [
              {
                name: "app",
                versions: [
                  { value: "old", created: "{{now-86400}}" },
                  { value: "new", contentType: "text/plain", tags: { env: "dev" }, exp: "{{now+3600}}" },
                ],
              },
            ],
            deletedSecrets: [{ name: "gone", versions: [{ value: "x" }], deletedDate: "{{now-60}}" }],
          },
        ],
      });
      const host = `seeded.localhost:${emu.port}`;
      const got = await kv(emu, "GET", "/secrets/app/", { host });
      expect(got.json).toMatchObject({ value: "new", contentType: "text/plain", tags: { env: "dev" } });
      expect(Math.abs(got.json.attributes.exp - (now + 3600))).toBeLessThanOrEqual(1);
      const versions = await kv(emu, "GET", "/secrets/app/versions", { host });
      const created = versions.json.value.map((v: { attributes: { created: number } }) => v.attributes.created).sort();
      expect(Math.abs(created[0] - (now - 86400))).toBeLessThanOrEqual(1);
      const deleted = await kv(emu, "GET", "/deletedsecrets/gone", { host });
      expect(deleted.status).toBe(200);
      expect(deleted.json.scheduledPurgeDate - deleted.json.deletedDate).toBe(90 * 86400);
    });

    it("rejects a malformed document without changing state", async () => {
      const before = JSON.stringify(emu.control.export());
      expect(() =>
        emu.control.seed({ vaults: [{ name: "ok", secrets: [{ name: "bad name", versions: [{ value: "v" }] }] }] }),
      ).toThrow(TypeError);
      expect(() =>
        emu.control.seed({
          vaults: [{ name: "ok", secrets: [{ name: "fine", versions: [{ value: "v", created: "{{yesterday}}" }] }] }],
        } as EmulatorDocument),
      ).toThrow(TypeError);
      expect(JSON.stringify(emu.control.export())).toBe(before);
    });

    it("round-trips export → import into another emulator with the same ids and dates", async () => {
      const set = await kv(emu, "PUT", "/secrets/roundtrip", { body: { value: "v", tags: { a: "1" } } });
      const copy = await startEmulator();
      try {
        await copy.control.import(emu.control.export());
        const got = await kv(copy, "GET", "/secrets/roundtrip/");
        expect(got.json.id.replace(String(copy.port), "P")).toBe(set.json.id.replace(String(emu.port), "P"));
        expect(got.json.attributes).toEqual(set.json.attributes);
      } finally {
        await copy.close();
      }
    });

    it("resets to the configured vaults, empty", async () => {
      await kv(emu, "PUT", "/secrets/wiped", { body: { value: "v" } });
      await emu.control.reset();
      expect((await kv(emu, "GET", "/secrets/wiped/")).status).toBe(404);
      expect(emu.control.listVaults().map((v) => v.name)).toEqual(["default"]);
    });
  });

  describe("HTTP mirror at /_emulator/*", () => {
    const control = (method: string, path: string, body?: unknown) =>
      kv(emu, method, `/_emulator${path}?`, { token: null, ...(body !== undefined && { body }) });

    it("serves the CA PEM without auth", async () => {
      const res = await control("GET", "/ca.pem");
      expect(res.status).toBe(200);
      expect(res.text).toBe(emu.ca);
      expect(res.text).toMatch(/^-----BEGIN CERTIFICATE-----/);
    });

    it("drives clock, faults, vaults, request log, seed/export and reset", async () => {
      emu.control.clock.freeze();
      const t0 = emu.control.clock.now().getTime();
      expect((await control("POST", "/clock", { advance: 60 })).json.now).toBe(new Date(t0 + 60_000).toISOString());
      expect((await control("GET", "/clock")).json.now).toBe(new Date(t0 + 60_000).toISOString());
      emu.control.clock.unfreeze();

      expect((await control("POST", "/faults", { path: "^/secrets/faulty", status: 503, count: 1 })).status).toBe(200);
      expect((await kv(emu, "GET", "/secrets/faulty/")).status).toBe(503);
      await control("POST", "/faults", { status: 500 });
      await control("DELETE", "/faults");
      expect((await kv(emu, "GET", "/secrets/faulty/")).status).toBe(404);

      expect((await control("PUT", "/vaults/httpmade", { recoverableDays: 7 })).json.url).toBe(
        `https://httpmade.localhost:${emu.port}`,
      );
      expect((await control("GET", "/vaults")).json.map((v: { name: string }) => v.name)).toContain("httpmade");
      expect((await control("DELETE", "/vaults/httpmade")).json).toEqual({ deleted: true });

      await control("POST", "/seed", {
        vaults: [{ name: "default", secrets: [{ name: "viahttp", versions: [{ value: "v" }] }] }],
      });
      expect((await kv(emu, "GET", "/secrets/viahttp/")).json.value).toBe("v");
      const exported = (await control("GET", "/export")).json as EmulatorDocument;
      expect(exported.vaults.find((v) => v.name === "default")?.secrets?.map((s) => s.name)).toContain("viahttp");

      const log = (await control("GET", "/requests")).json as Array<{ path: string }>;
      expect(log.some((e) => e.path === "/secrets/viahttp/")).toBe(true);
      await control("DELETE", "/requests");
      expect((await control("GET", "/requests")).json).toEqual([]);

      await control("POST", "/reset");
      expect((await kv(emu, "GET", "/secrets/viahttp/")).status).toBe(404);
      await control("POST", "/paging", { shortPages: false });
    });

    it("answers bad input with 400 and unknown control routes with 404", async () => {
      expect((await control("POST", "/faults", { probability: 5 })).status).toBe(400);
      expect((await control("PUT", "/vaults/BAD_NAME", {})).status).toBe(400);
      expect((await control("POST", "/clock", { advance: "x" })).status).toBe(400);
      expect((await control("GET", "/nothing")).status).toBe(404);
    });
  });
});
