import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv, versionOf } from "./kvRequest.js";
import { recorded, shapeOf } from "./recorded.js";

const HEX32 = /^[0-9a-f]{32}$/;

describe("secrets (SPEC §8.2 set, validation, get, update)", () => {
  let emu: Emulator;
  let nowSec: number;
  beforeAll(async () => {
    emu = await startEmulator();
    emu.control.clock.freeze();
    nowSec = Math.floor(emu.control.clock.now().getTime() / 1000);
  });
  afterAll(async () => emu.close());

  describe("set", () => {
    it("answers 200 with the value and the recorded bundle shape", async () => {
      const res = await kv(emu, "PUT", "/secrets/db-password", {
        body: { value: "secret-value", attributes: { exp: 2527401600 } },
      });
      const rec = recorded("setWithExp");
      expect(res.status).toBe(rec.status);
      expect(shapeOf(res.json)).toEqual(shapeOf(rec.body));
      expect(res.json.value).toBe("secret-value");
      expect(res.json.id).toMatch(new RegExp(`^https://localhost:${emu.port}/secrets/db-password/[0-9a-f]{32}$`));
      expect(res.json.attributes).toEqual({
        enabled: true,
        exp: 2527401600,
        created: nowSec,
        updated: nowSec,
        recoveryLevel: "Recoverable+Purgeable",
        recoverableDays: 90,
      });
    });

    it("mints a new 32-hex version on every PUT, with no default nbf or exp", async () => {
      const a = await kv(emu, "PUT", "/secrets/multi", { body: { value: "1" } });
      const b = await kv(emu, "PUT", "/secrets/multi", {
        body: { value: "2", contentType: "text/plain", tags: { t: "1" } },
      });
      expect(versionOf(a.json.id)).toMatch(HEX32);
      expect(versionOf(b.json.id)).not.toBe(versionOf(a.json.id));
      expect(a.json.attributes).not.toHaveProperty("nbf");
      expect(a.json.attributes).not.toHaveProperty("exp");
      expect(b.json).toMatchObject({ value: "2", contentType: "text/plain", tags: { t: "1" } });
    });

    it("takes recoveryLevel and recoverableDays from the vault", async () => {
      await emu.control.createVault("custom7", { recoverableDays: 7 });
      const res = await kv(emu, "PUT", "/secrets/s", { body: { value: "v" }, host: `custom7.localhost:${emu.port}` });
      expect(res.json.attributes).toMatchObject({
        recoveryLevel: "CustomizedRecoverable+Purgeable",
        recoverableDays: 7,
      });
      expect(res.json.id).toMatch(new RegExp(`^https://custom7\\.localhost:${emu.port}/secrets/s/`));
    });
  });

  describe("validation", () => {
    it.each(["bad_name", "a.b", "x".repeat(128), "%E2%82%AC"])(
      "rejects the name %s with 400 BadParameter",
      async (name) => {
        const res = await kv(emu, "PUT", `/secrets/${name}`, { body: { value: "v" } });
        expect(res.status).toBe(400);
        expect(res.json.error).toEqual({
          code: "BadParameter",
          message: `The request URI contains an invalid name: ${decodeURIComponent(name)}`,
        });
      },
    );

    it("accepts 127 characters, a leading digit and a leading dash", async () => {
      for (const name of ["x".repeat(127), "1abc", "-abc"])
        expect((await kv(emu, "PUT", `/secrets/${name}`, { body: { value: "v" } })).status).toBe(200);
    });

    it("limits the value to 25 KB of UTF-8 and allows an empty value", async () => {
      expect((await kv(emu, "PUT", "/secrets/size", { body: { value: "x".repeat(25 * 1024) } })).status).toBe(200);
      expect((await kv(emu, "PUT", "/secrets/size", { body: { value: "é".repeat(12_801) } })).status).toBe(400);
      expect((await kv(emu, "PUT", "/secrets/size", { body: { value: "" } })).status).toBe(200);
    });

    it("limits contentType to 255 characters and tags to 15 of 512 characters", async () => {
      const put = (body: object) => kv(emu, "PUT", "/secrets/lim", { body: { value: "v", ...body } });
      expect((await put({ contentType: "c".repeat(255) })).status).toBe(200);
      expect((await put({ contentType: "c".repeat(256) })).status).toBe(400);
      const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
      expect((await put({ tags: tags(15) })).status).toBe(200);
      expect((await put({ tags: tags(16) })).status).toBe(400);
      expect((await put({ tags: { ["k".repeat(513)]: "v" } })).status).toBe(400);
      expect((await put({ tags: { k: "v".repeat(513) } })).status).toBe(400);
    });

    it("requires a string value", async () => {
      for (const body of [{}, { value: 1 }, [], "null"])
        expect((await kv(emu, "PUT", "/secrets/nov", { body })).status).toBe(400);
    });
  });

  describe("get", () => {
    it("returns the most recently created version as latest, and any version by id", async () => {
      const first = await kv(emu, "PUT", "/secrets/getme", { body: { value: "one" } });
      const second = await kv(emu, "PUT", "/secrets/getme", { body: { value: "two" } });
      expect((await kv(emu, "GET", "/secrets/getme/")).json).toEqual(second.json);
      expect((await kv(emu, "GET", `/secrets/getme/${versionOf(first.json.id)}`)).json).toEqual(first.json);
    });

    it("answers an unknown name with the recorded 404 body", async () => {
      const res = await kv(emu, "GET", "/secrets/secret-that-does-not-exist/");
      const rec = recorded("secretNotFound");
      expect(res.status).toBe(rec.status);
      expect(res.json).toEqual(rec.body);
    });

    it("answers an unknown version with 404 SecretNotFound", async () => {
      await kv(emu, "PUT", "/secrets/hasver", { body: { value: "v" } });
      const res = await kv(emu, "GET", `/secrets/hasver/${"0".repeat(32)}`);
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("SecretNotFound");
    });

    it("answers a disabled version with 403 Forbidden / SecretDisabled", async () => {
      const set = await kv(emu, "PUT", "/secrets/off", { body: { value: "v", attributes: { enabled: false } } });
      expect(set.status).toBe(200);
      expect(set.json.attributes.enabled).toBe(false);
      const res = await kv(emu, "GET", "/secrets/off/");
      expect(res.status).toBe(403);
      expect(res.json).toEqual({
        error: {
          code: "Forbidden",
          message: "Operation get is not allowed on a disabled secret.",
          innererror: { code: "SecretDisabled" },
        },
      });
    });

    it("still reads expired and not-yet-valid secrets", async () => {
      await kv(emu, "PUT", "/secrets/old", {
        body: { value: "v", attributes: { exp: nowSec - 10, nbf: nowSec + 1000 } },
      });
      expect((await kv(emu, "GET", "/secrets/old/")).status).toBe(200);
    });

    it("finds names case-insensitively and keeps the case used at creation", async () => {
      await kv(emu, "PUT", "/secrets/MixedCase", { body: { value: "v" } });
      const res = await kv(emu, "GET", "/secrets/mixedcase/");
      expect(res.json.id).toContain("/secrets/MixedCase/");
      const again = await kv(emu, "PUT", "/secrets/MIXEDCASE", { body: { value: "w" } });
      expect(again.json.id).toContain("/secrets/MixedCase/");
    });
  });

  describe("update", () => {
    it("answers without value, in the recorded shape, changing only the given fields", async () => {
      const set = await kv(emu, "PUT", "/secrets/upd", {
        body: { value: "keep", contentType: "a", tags: { x: "1", y: "2" }, attributes: { exp: 2527401600 } },
      });
      emu.control.clock.advance(5);
      const res = await kv(emu, "PATCH", "/secrets/upd/", {
        body: { contentType: "text/plain", tags: { foo: "updated tag" } },
      });
      expect(res.status).toBe(200);
      expect(shapeOf(res.json)).toEqual(shapeOf(recorded("patchLatest").body));
      expect(res.json).not.toHaveProperty("value");
      expect(res.json.tags).toEqual({ foo: "updated tag" });
      expect(res.json.attributes).toMatchObject({
        exp: 2527401600,
        created: set.json.attributes.created,
        updated: set.json.attributes.created + 5,
      });
      const get = await kv(emu, "GET", "/secrets/upd/");
      expect(get.json).toMatchObject({ value: "keep", contentType: "text/plain", tags: { foo: "updated tag" } });
    });

    it("updates a specific version, can disable and re-enable it, and ignores a value", async () => {
      const v1 = await kv(emu, "PUT", "/secrets/upd2", { body: { value: "one" } });
      await kv(emu, "PUT", "/secrets/upd2", { body: { value: "two" } });
      const path = `/secrets/upd2/${versionOf(v1.json.id)}`;
      expect(
        (await kv(emu, "PATCH", path, { body: { attributes: { enabled: false }, value: "hack" } })).json.attributes
          .enabled,
      ).toBe(false);
      expect((await kv(emu, "GET", path)).status).toBe(403);
      expect((await kv(emu, "GET", "/secrets/upd2/")).json.value).toBe("two");
      await kv(emu, "PATCH", path, { body: { attributes: { enabled: true } } });
      expect((await kv(emu, "GET", path)).json.value).toBe("one");
    });

    it("answers an unknown name with 404", async () => {
      expect((await kv(emu, "PATCH", "/secrets/none/", { body: {} })).status).toBe(404);
    });
  });
});
