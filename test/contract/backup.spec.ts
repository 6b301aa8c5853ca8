import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv } from "./kvRequest.js";
import { recorded, shapeOf } from "./recorded.js";

describe("backup and restore (SPEC §8.2 backup/restore)", () => {
  let emu: Emulator;
  let other: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ vaults: [{ name: "second" }] });
    other = await startEmulator();
    emu.control.clock.freeze();
  });
  afterAll(async () => {
    await emu.close();
    await other.close();
  });

  async function backup(name: string, values: string[]) {
    const sets = [];
    for (const value of values) {
      sets.push((await kv(emu, "PUT", `/secrets/${name}`, { body: { value, tags: { n: value } } })).json);
      emu.control.clock.advance(1);
    }
    const res = await kv(emu, "POST", `/secrets/${name}/backup`);
    return { sets, res };
  }

  async function deleteAndPurge(name: string) {
    await kv(emu, "DELETE", `/secrets/${name}`);
    emu.control.clock.advance(3);
    expect((await kv(emu, "DELETE", `/deletedsecrets/${name}`)).status).toBe(204);
  }

  it("returns base64url without padding, starting with the recorded 0x29 + AzureKeyVaultSecretBackupV1.microsoft.com prefix", async () => {
    const { res } = await backup("b1", ["v"]);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(["value"]);
    expect(res.json.value).toMatch(/^[A-Za-z0-9_-]+$/);
    const prefix = Buffer.from(recorded("backup").body.value, "base64url").subarray(0, 42);
    expect(prefix[0]).toBe(0x29);
    expect(Buffer.from(res.json.value, "base64url").subarray(0, 42)).toEqual(prefix);
  });

  it("restores every version with its original ids and dates, without value (recorded shape), after purge", async () => {
    const { sets, res } = await backup("b2", ["one", "two", "three"]);
    await deleteAndPurge("b2");
    const during = await kv(emu, "POST", "/secrets/restore", { body: { value: res.json.value } });
    expect(during.status).toBe(409); // still in the purge window, as recorded
    const rec = recorded("restoreConflict").body.error.message as string;
    const recordedId = rec.match(/'([^']+)'/)?.[1] ?? "";
    expect(during.json.error).toEqual({ code: "Conflict", message: rec.replace(recordedId, sets[2].id) });
    emu.control.clock.advance(3);
    const restored = await kv(emu, "POST", "/secrets/restore", { body: { value: res.json.value } });
    expect(restored.status).toBe(200);
    expect(shapeOf(restored.json)).toEqual(shapeOf({ ...recorded("restore").body, tags: { n: "three" } }));
    expect(restored.json).not.toHaveProperty("value");
    expect(restored.json.id).toBe(sets[2].id);
    expect(restored.json.attributes).toEqual(sets[2].attributes);
    const versions = await kv(emu, "GET", "/secrets/b2/versions");
    expect(versions.json.value.map((i: { id: string }) => i.id).sort()).toEqual(sets.map((s) => s.id).sort());
    for (const s of sets) expect((await kv(emu, "GET", new URL(s.id).pathname)).json.value).toBe(s.value);
  });

  it("answers 409 when the name exists, active or soft-deleted", async () => {
    const { res } = await backup("b3", ["v"]);
    expect((await kv(emu, "POST", "/secrets/restore", { body: { value: res.json.value } })).status).toBe(409);
    await kv(emu, "DELETE", "/secrets/b3");
    emu.control.clock.advance(3);
    expect((await kv(emu, "POST", "/secrets/restore", { body: { value: res.json.value } })).status).toBe(409);
  });

  it("restores into another vault of the same emulator", async () => {
    const { res } = await backup("b4", ["v"]);
    const restored = await kv(emu, "POST", "/secrets/restore", {
      host: `second.localhost:${emu.port}`,
      body: { value: res.json.value },
    });
    expect(restored.status).toBe(200);
    expect(restored.json.id).toMatch(new RegExp(`^https://second\\.localhost:${emu.port}/secrets/b4/`));
  });

  it("accepts standard base64 with padding", async () => {
    const { res } = await backup("b5", ["v"]);
    await deleteAndPurge("b5");
    emu.control.clock.advance(3);
    const std = Buffer.from(res.json.value, "base64url").toString("base64");
    expect((await kv(emu, "POST", "/secrets/restore", { body: { value: std } })).status).toBe(200);
  });

  it.each([
    ["garbage", "!!!not base64!!!"],
    ["a truncated blob", "KUF6dXJlS2V5VmF1bHRTZWNyZXRCYWNrdXBWMS5taWNyb3NvZnQuY29t"],
    ["the recorded Azure blob", recorded("backup").body.value],
  ])("answers %s with 400", async (_label, value) => {
    const res = await kv(emu, "POST", "/secrets/restore", { body: { value } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe("Backup blob contains invalid or corrupt version.");
  });

  it("cannot open a blob sealed by another emulator process", async () => {
    await kv(other, "PUT", "/secrets/foreign", { body: { value: "v" } });
    const blob = (await kv(other, "POST", "/secrets/foreign/backup")).json.value;
    expect((await kv(emu, "POST", "/secrets/restore", { body: { value: blob } })).status).toBe(400);
  });

  it("answers backup of an unknown name with 404", async () => {
    expect((await kv(emu, "POST", "/secrets/nope/backup")).status).toBe(404);
  });
});
