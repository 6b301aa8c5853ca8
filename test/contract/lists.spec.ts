import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv, versionOf } from "./kvRequest.js";
import { recorded, shapeOf } from "./recorded.js";

type Item = { id: string; attributes: Record<string, unknown>; value?: string };

describe("lists and paging (SPEC §2.3, §8.2 lists, paging)", () => {
  let emu: Emulator;
  const host = (vault: string) => `${vault}.localhost:${emu.port}`;
  const ids = (res: { json: { value: Item[] } }) => res.json.value.map((i) => i.id);
  beforeAll(async () => {
    emu = await startEmulator();
    emu.control.clock.freeze();
  });
  afterAll(async () => emu.close());

  describe("GET /secrets", () => {
    it("lists one item per secret: base id, latest version's attributes, no value, disabled included, sorted case-insensitively", async () => {
      const h = { host: host("l1") };
      await kv(emu, "PUT", "/secrets/beta", { ...h, body: { value: "old", contentType: "old" } });
      emu.control.clock.advance(1);
      const latest = await kv(emu, "PUT", "/secrets/beta", {
        ...h,
        body: { value: "new", contentType: "text/plain", tags: { a: "b" } },
      });
      await kv(emu, "PUT", "/secrets/Alpha", { ...h, body: { value: "v", attributes: { enabled: false } } });
      await kv(emu, "PUT", "/secrets/gamma", { ...h, body: { value: "v" } });
      const res = await kv(emu, "GET", "/secrets", h);
      expect(res.status).toBe(200);
      const base = `https://${host("l1")}/secrets`;
      expect(ids(res)).toEqual([`${base}/Alpha`, `${base}/beta`, `${base}/gamma`]);
      const beta = res.json.value[1];
      expect(beta).toEqual({
        id: `${base}/beta`,
        contentType: "text/plain",
        tags: { a: "b" },
        attributes: latest.json.attributes,
      });
      expect(res.json.value[0].attributes.enabled).toBe(false);
      expect(res.json.nextLink).toBeNull();
    });
  });

  describe("GET /secrets/{n}/versions", () => {
    const recordedOrder = [
      "8ad2994a16c5495a8744a7be37a47141",
      "704d1b837c3643bfb4c525835169e25d",
      "188bf1fd5f5c4dbcb6f3ad3a8b57c908",
      "8766309e97314add9dfe86af5aa69fd6",
      "b6de3b09c4844997a329115f820bce65",
      "e13abe7204fa4254b1d3a47d355b2e4e",
      "8b585c12a7be4e2d915a03ee5bcbc371",
    ];

    it("sorts versions by version-id string, as recorded, and pages 6 + 1 with maxresults=6", async () => {
      await emu.control.seed({
        vaults: [
          {
            name: "l2",
            secrets: [
              {
                name: "livekvtestsecVer53722d53",
                versions: recordedOrder.map((version) => ({ version, value: "secVal" })),
              },
            ],
          },
        ],
      });
      const page1 = await kv(
        emu,
        "GET",
        "/secrets/livekvtestsecVer53722d53/versions?api-version=2025-07-01&maxresults=6",
        { host: host("l2") },
      );
      const rec1 = recorded("versionsPage1").body;
      expect(page1.status).toBe(200);
      expect(shapeOf(page1.json)).toEqual(shapeOf(rec1));
      expect(page1.json.value.map((i: Item) => versionOf(i.id))).toEqual(rec1.value.map((i: Item) => versionOf(i.id)));
      const next = new URL(page1.json.nextLink);
      expect(next.origin).toBe(`https://${host("l2")}`);
      expect(page1.json.nextLink).toMatch(
        new RegExp(
          `^https://l2\\.localhost:${emu.port}/secrets/livekvtestsecVer53722d53/versions\\?api-version=2025-07-01&\\$skiptoken=[^&]+&maxresults=6$`,
        ),
      );
      const page2 = await kv(emu, "GET", `${next.pathname}${next.search}`, {
        host: host("l2"),
        headers: { accept: "*/*" },
      });
      const rec2 = recorded("versionsPage2").body;
      expect(page2.json.value.map((i: Item) => versionOf(i.id))).toEqual(rec2.value.map((i: Item) => versionOf(i.id)));
      expect(page2.json.nextLink).toBeNull();
      expect(page1.json.value.concat(page2.json.value).every((i: Item) => !("value" in i))).toBe(true);
    });

    it("answers an unknown name with 200 and an empty list", async () => {
      const res = await kv(emu, "GET", "/secrets/unknown/versions");
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ value: [], nextLink: null });
    });
  });

  describe("GET /deletedsecrets", () => {
    it("lists deleted secrets after the deletion window: base id plus recoveryId, deletedDate and scheduledPurgeDate", async () => {
      const h = { host: host("l3") };
      await kv(emu, "PUT", "/secrets/d1", { ...h, body: { value: "v" } });
      await kv(emu, "DELETE", "/secrets/d1", h);
      expect((await kv(emu, "GET", "/deletedsecrets", h)).json.value).toEqual([]);
      emu.control.clock.advance(3);
      const res = await kv(emu, "GET", "/deletedsecrets", h);
      expect(res.json.value).toHaveLength(1);
      const item = res.json.value[0];
      expect(item.id).toBe(`https://${host("l3")}/secrets/d1`);
      expect(item.recoveryId).toBe(`https://${host("l3")}/deletedsecrets/d1`);
      expect(item.scheduledPurgeDate - item.deletedDate).toBe(90 * 86400);
      expect(item).not.toHaveProperty("value");
    });
  });

  describe("paging", () => {
    beforeAll(async () => {
      const secrets = Array.from({ length: 30 }, (_, i) => ({
        name: `p${String(i).padStart(2, "0")}`,
        versions: [{ value: "v" }],
      }));
      await emu.control.seed({ vaults: [{ name: "pages", secrets }] });
    });

    it("defaults to 25 items and omits maxresults from the nextLink when the client did not send it", async () => {
      const res = await kv(emu, "GET", "/secrets", { host: host("pages") });
      expect(res.json.value).toHaveLength(25);
      expect(res.json.nextLink).toMatch(
        new RegExp(
          `^https://pages\\.localhost:${emu.port}/secrets\\?api-version=2025-07-01&\\$skiptoken=[A-Za-z0-9_-]+$`,
        ),
      );
    });

    it("walks every item exactly once with maxresults=7, echoing api-version and maxresults", async () => {
      const seen: string[] = [];
      let path: string | null = "/secrets?api-version=7.6&maxresults=7";
      let pages = 0;
      while (path !== null) {
        const res = await kv(emu, "GET", path, { host: host("pages") });
        expect(res.json.value.length).toBeLessThanOrEqual(7);
        seen.push(...ids(res));
        pages++;
        if (res.json.nextLink === null) path = null;
        else {
          const u: URL = new URL(res.json.nextLink);
          expect(u.port).toBe(String(emu.port));
          expect(u.searchParams.get("api-version")).toBe("7.6");
          expect(u.searchParams.get("maxresults")).toBe("7");
          path = `${u.pathname}${u.search}`;
        }
      }
      expect(pages).toBe(5);
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
    });

    it.each(["0", "26", "-1", "abc", "1.5"])("rejects maxresults=%s with 400", async (n) => {
      const res = await kv(emu, "GET", `/secrets?api-version=2025-07-01&maxresults=${n}`, { host: host("pages") });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("BadParameter");
    });

    it("rejects a forged $skiptoken with 400", async () => {
      expect(
        (await kv(emu, "GET", "/secrets?api-version=2025-07-01&$skiptoken=garbage", { host: host("pages") })).status,
      ).toBe(400);
    });

    it("returns short pages with a nextLink when shortPages is on", async () => {
      emu.control.setShortPages(true);
      try {
        const res = await kv(emu, "GET", "/secrets?api-version=2025-07-01&maxresults=6", { host: host("pages") });
        expect(res.json.value).toHaveLength(3);
        expect(res.json.nextLink).toContain("maxresults=6");
      } finally {
        emu.control.setShortPages(false);
      }
    });
  });
});
