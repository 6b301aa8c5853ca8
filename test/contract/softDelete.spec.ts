import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv, versionOf } from "./kvRequest.js";
import { recorded, shapeOf } from "./recorded.js";

describe("soft delete, purge and recover (SPEC §8.2)", () => {
  let emu: Emulator;
  const vaultHost = (name: string) => `${name}.localhost:${emu.port}`;
  beforeAll(async () => {
    emu = await startEmulator({
      vaults: [
        { name: "plain", recoveryLevel: "Purgeable" },
        { name: "guarded", purgeProtection: true },
        { name: "nodelay", deletionDelayInMs: 0, recoveryDelayInMs: 0, purgeDelayInMs: 0 },
      ],
    });
    emu.control.clock.freeze();
  });
  afterAll(async () => emu.close());

  async function setAndDelete(name: string, host?: string) {
    const opts = host === undefined ? {} : { host };
    await kv(emu, "PUT", `/secrets/${name}`, { ...opts, body: { value: "v" } });
    return kv(emu, "DELETE", `/secrets/${name}`, opts);
  }

  describe("delete", () => {
    it("answers 200 with the recorded DeletedSecretBundle shape and scheduledPurgeDate = deletedDate + days", async () => {
      // The recorded secret had contentType, tags and exp: give ours the same fields.
      await kv(emu, "PUT", "/secrets/del1", {
        body: { value: "v", contentType: "text/plain", tags: { foo: "t" }, attributes: { exp: 2527401600 } },
      });
      const res = await kv(emu, "DELETE", "/secrets/del1");
      expect(res.status).toBe(200);
      expect(shapeOf(res.json)).toEqual(shapeOf(recorded("delete").body));
      expect(res.json).not.toHaveProperty("value");
      expect(res.json.recoveryId).toBe(`https://localhost:${emu.port}/deletedsecrets/del1`);
      expect(res.json.scheduledPurgeDate - res.json.deletedDate).toBe(90 * 86400);
      expect(res.json.deletedDate).toBe(Math.floor(emu.control.clock.now().getTime() / 1000));
    });

    it("hides the name from GET and /secrets at once", async () => {
      await setAndDelete("del2");
      expect((await kv(emu, "GET", "/secrets/del2/")).status).toBe(404);
      const list = await kv(emu, "GET", "/secrets");
      expect(list.json.value.map((i: { id: string }) => i.id)).not.toContain(
        `https://localhost:${emu.port}/secrets/del2`,
      );
    });

    it("keeps GET /deletedsecrets/{n} at the recorded 404 during the 2 s window, then 200", async () => {
      await setAndDelete("livekvtestsecret-namee8553665");
      const during = await kv(emu, "GET", "/deletedsecrets/livekvtestsecret-namee8553665");
      expect(during.status).toBe(404);
      expect(during.json).toEqual(recorded("deletedNotFoundDuringWindow").body);
      emu.control.clock.advance(1.9);
      expect((await kv(emu, "GET", "/deletedsecrets/livekvtestsecret-namee8553665")).status).toBe(404);
      emu.control.clock.advance(0.2);
      const after = await kv(emu, "GET", "/deletedsecrets/livekvtestsecret-namee8553665");
      expect(after.status).toBe(200);
      expect(after.json).not.toHaveProperty("value");
    });

    it("answers purge with 409 during the deletion window", async () => {
      await setAndDelete("del3");
      const res = await kv(emu, "DELETE", "/deletedsecrets/del3");
      expect(res.status).toBe(409);
      expect(res.json.error.message).toBe("Secret is currently being deleted.");
    });

    it("answers an unknown name with 404", async () => {
      expect((await kv(emu, "DELETE", "/secrets/never")).status).toBe(404);
    });
  });

  describe("soft delete off (Purgeable vault)", () => {
    it("deletes permanently, without recoveryId, deletedDate or scheduledPurgeDate, and without recoverableDays", async () => {
      const res = await setAndDelete("gone", vaultHost("plain"));
      expect(res.status).toBe(200);
      expect(res.json).not.toHaveProperty("recoveryId");
      expect(res.json).not.toHaveProperty("deletedDate");
      expect(res.json).not.toHaveProperty("scheduledPurgeDate");
      expect(res.json.attributes.recoveryLevel).toBe("Purgeable");
      expect(res.json.attributes).not.toHaveProperty("recoverableDays");
      expect(
        (await kv(emu, "PUT", "/secrets/gone", { host: vaultHost("plain"), body: { value: "again" } })).status,
      ).toBe(200);
    });

    it("answers recover and purge with 400", async () => {
      for (const [m, p] of [
        ["POST", "/deletedsecrets/gone/recover"],
        ["DELETE", "/deletedsecrets/gone"],
      ] as const) {
        const res = await kv(emu, m, p, { host: vaultHost("plain") });
        expect(res.status).toBe(400);
        expect(res.json.error.message).toBe("This operation can only be performed on a soft-delete enabled vault");
      }
    });
  });

  describe("name reuse", () => {
    it("answers PUT on a soft-deleted name with 409 Conflict / ObjectIsDeletedButRecoverable", async () => {
      await setAndDelete("reuse1");
      emu.control.clock.advance(3);
      const res = await kv(emu, "PUT", "/secrets/REUSE1", { body: { value: "v" } });
      expect(res.status).toBe(409);
      expect(res.json).toEqual({
        error: {
          code: "Conflict",
          message:
            "Secret reuse1 is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.",
          innererror: { code: "ObjectIsDeletedButRecoverable" },
        },
      });
    });

    it("answers PUT during recovery with ObjectIsBeingRecovered and PUT during the purge window with 409", async () => {
      await setAndDelete("reuse2");
      await setAndDelete("reuse3");
      emu.control.clock.advance(3);
      expect((await kv(emu, "POST", "/deletedsecrets/reuse2/recover")).status).toBe(200);
      const recovering = await kv(emu, "PUT", "/secrets/reuse2", { body: { value: "v" } });
      expect(recovering.status).toBe(409);
      expect(recovering.json.error.innererror.code).toBe("ObjectIsBeingRecovered");
      expect((await kv(emu, "DELETE", "/deletedsecrets/reuse3")).status).toBe(204);
      const purging = await kv(emu, "PUT", "/secrets/reuse3", { body: { value: "v" } });
      expect(purging.status).toBe(409);
      expect(purging.json.error.message).toBe(
        "reuse3 is currently being deleted and cannot be re-created; retry later.",
      );
      emu.control.clock.advance(3);
      expect((await kv(emu, "PUT", "/secrets/reuse3", { body: { value: "v" } })).status).toBe(200);
    });
  });

  describe("purge", () => {
    it("answers 204 with no body and no Content-Type, as recorded", async () => {
      await setAndDelete("purge1");
      emu.control.clock.advance(3);
      const res = await kv(emu, "DELETE", "/deletedsecrets/purge1");
      expect(res.status).toBe(recorded("purge204").status);
      expect(res.text).toBe("");
      expect(res.headers).not.toHaveProperty("content-type");
      expect(res.headers["x-ms-request-id"]).toBeDefined();
      emu.control.clock.advance(3);
      expect((await kv(emu, "GET", "/deletedsecrets/purge1")).status).toBe(404);
    });

    it("answers 403 under purge protection", async () => {
      await setAndDelete("keep", vaultHost("guarded"));
      emu.control.clock.advance(3);
      const res = await kv(emu, "DELETE", "/deletedsecrets/keep", { host: vaultHost("guarded") });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("Forbidden");
      expect(res.json.error.message).toMatch(
        /^Operation "purge" is not allowed because purge protection is enabled for this vault\./,
      );
    });

    it.each(["Recoverable", "CustomizedRecoverable+ProtectedSubscription"])(
      "answers 403 at level %s",
      async (level) => {
        const name = `lvl${level.length}`;
        await emu.control.createVault(name, {
          recoveryLevel: level,
          recoverableDays: level.startsWith("Customized") ? 30 : 90,
        });
        await setAndDelete("keep", vaultHost(name));
        emu.control.clock.advance(3);
        expect((await kv(emu, "DELETE", "/deletedsecrets/keep", { host: vaultHost(name) })).status).toBe(403);
      },
    );

    it("answers an unknown name with 404", async () => {
      expect((await kv(emu, "DELETE", "/deletedsecrets/never")).status).toBe(404);
    });

    it("auto-purges once the clock passes scheduledPurgeDate", async () => {
      await setAndDelete("auto");
      emu.control.clock.advance(3);
      expect((await kv(emu, "GET", "/deletedsecrets/auto")).status).toBe(200);
      emu.control.clock.advance(90 * 86400);
      expect((await kv(emu, "GET", "/deletedsecrets/auto")).status).toBe(404);
      expect((await kv(emu, "PUT", "/secrets/auto", { body: { value: "new" } })).status).toBe(200);
    });
  });

  describe("recover", () => {
    it("answers 200 without value (recorded shape), keeps every version id, and hides the name for the recovery window", async () => {
      const v1 = await kv(emu, "PUT", "/secrets/rec1", { body: { value: "one" } });
      const v2 = await kv(emu, "PUT", "/secrets/rec1", { body: { value: "two" } });
      await kv(emu, "DELETE", "/secrets/rec1");
      emu.control.clock.advance(3);
      const res = await kv(emu, "POST", "/deletedsecrets/rec1/recover", { headers: { "content-length": "0" } });
      expect(res.status).toBe(200);
      expect(shapeOf(res.json)).toEqual(shapeOf(recorded("recover").body));
      expect(res.json.id).toBe(v2.json.id);
      const during = await kv(emu, "GET", "/secrets/rec1/");
      expect(during.status).toBe(404);
      expect(during.json.error.code).toBe(recorded("notFoundDuringRecovery").body.error.code);
      emu.control.clock.advance(2.1);
      expect((await kv(emu, "GET", "/secrets/rec1/")).json.value).toBe("two");
      expect((await kv(emu, "GET", `/secrets/rec1/${versionOf(v1.json.id)}`)).json.value).toBe("one");
    });

    it("answers a name that is not deleted with 404", async () => {
      expect((await kv(emu, "POST", "/deletedsecrets/never/recover")).status).toBe(404);
    });

    it("honours per-vault windows of 0 ms", async () => {
      const host = vaultHost("nodelay");
      await setAndDelete("quick", host);
      expect((await kv(emu, "GET", "/deletedsecrets/quick", { host })).status).toBe(200);
      expect((await kv(emu, "POST", "/deletedsecrets/quick/recover", { host })).status).toBe(200);
      expect((await kv(emu, "GET", "/secrets/quick/", { host })).status).toBe(200);
    });
  });
});
