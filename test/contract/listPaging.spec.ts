import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv, versionOf } from "./kvRequest.js";

type Item = { id: string };
type Page = { value: Item[]; nextLink: string | null };

const nameOf = (i: Item) => i.id.slice(i.id.lastIndexOf("/") + 1);
const caseless = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);

// Pages of a listing stay consistent with the state at each request: a page starts after the last key the
// previous page returned, whatever was added, removed or hidden in between.
describe("list paging across pages and changes (SPEC §8.2 paging)", () => {
  let emu: Emulator;
  let nowMs: number;
  const host = (vault: string) => `${vault}.localhost:${emu.port}`;
  beforeAll(async () => {
    emu = await startEmulator();
    emu.control.clock.freeze();
    nowMs = emu.control.clock.now().getTime();
  });
  afterAll(async () => emu.close());

  async function page(vault: string, path: string): Promise<Page> {
    const res = await kv(emu, "GET", path, { host: host(vault) });
    expect(res.status).toBe(200);
    return res.json as Page;
  }

  function nextPath(p: Page): string | null {
    if (p.nextLink === null) return null;
    const u = new URL(p.nextLink);
    return `${u.pathname}${u.search}`;
  }

  /** Walks a listing to its end; `between(n)` runs after page n (1-based). Returns every page. */
  async function walk(vault: string, first: string, between?: (n: number) => Promise<void>): Promise<Page[]> {
    const pages: Page[] = [];
    let path: string | null = first;
    while (path !== null) {
      const p = await page(vault, path);
      pages.push(p);
      path = nextPath(p);
      if (path !== null) await between?.(pages.length);
    }
    return pages;
  }

  const put = (vault: string, name: string) =>
    kv(emu, "PUT", `/secrets/${name}`, { host: host(vault), body: { value: "v" } });
  const del = (vault: string, name: string) => kv(emu, "DELETE", `/secrets/${name}`, { host: host(vault) });

  it("walks 130 mixed-case names over 19 pages of 7 in case-insensitive order, each exactly once", async () => {
    const names = Array.from({ length: 130 }, (_, i) => {
      const base = `n${String((i * 37) % 130).padStart(3, "0")}`;
      return i % 3 === 0 ? base.toUpperCase() : i % 3 === 1 ? `${base}-X` : base;
    });
    await emu.control.seed({
      vaults: [{ name: "many", secrets: names.map((name) => ({ name, versions: [{ value: "v" }] })) }],
    });
    const pages = await walk("many", "/secrets?api-version=7.6&maxresults=7");
    expect(pages).toHaveLength(19);
    expect(pages.slice(0, -1).every((p) => p.value.length === 7)).toBe(true);
    expect(pages.at(-1)?.value).toHaveLength(4);
    expect(pages.flatMap((p) => p.value.map(nameOf))).toEqual([...names].sort(caseless));
  });

  it("reflects secrets set and deleted between pages, relative to the last name returned", async () => {
    const initial = ["a01", "A02", "a03", "a04", "B05", "b06", "b07", "c08", "C09", "c10"];
    for (const n of initial) await put("changes", n);
    const pages = await walk("changes", "/secrets?api-version=7.6&maxresults=3", async (n) => {
      if (n === 1) {
        // Page 1 ended at "a03" (names compare case-insensitively). Only additions here.
        await put("changes", "a00"); // sorts before the marker: never listed
        await put("changes", "A035"); // right after the marker: listed
        await put("changes", "zz"); // at the end: listed
        await put("changes", "C09"); // a new version of an unlisted name: listed once
        await put("changes", "B06"); // another case of an existing name: listed once, in its original case
      }
      if (n === 2) {
        // Page 2 ended at "B05". Only deletions here.
        await del("changes", "c08"); // not yet listed: gone
        await del("changes", "a01"); // already listed: no effect on later pages
      }
    });
    const seen = pages.flatMap((p) => p.value.map(nameOf));
    expect(seen).toEqual(["a01", "A02", "a03", "A035", "a04", "B05", "b06", "b07", "C09", "c10", "zz"]);
    expect(pages.map((p) => p.value.length)).toEqual([3, 3, 3, 2]);
  });

  it("fills a page past hidden names and ends with nextLink null when only hidden names follow", async () => {
    const visible = ["v1", "v3", "v5", "v7", "v9", "vb"];
    const hidden = ["v0", "v2", "v4", "v6", "v8", "va", "vc", "vd"]; // being recovered: not listed
    await emu.control.seed({
      vaults: [
        {
          name: "hidden",
          secrets: [
            ...visible.map((name) => ({ name, versions: [{ value: "v" }] })),
            ...hidden.map((name) => ({ name, versions: [{ value: "v" }], recoveringUntilMs: nowMs + 60_000 })),
          ],
        },
      ],
    });
    const pages = await walk("hidden", "/secrets?api-version=7.6&maxresults=3");
    expect(pages.map((p) => p.value.map(nameOf))).toEqual([visible.slice(0, 3), visible.slice(3)]);
    expect(pages[1]?.nextLink).toBeNull();

    // Once the recoveries end, the same names appear in place, even in the middle of a walk.
    const later = await walk("hidden", "/secrets?api-version=7.6&maxresults=4", async (n) => {
      if (n === 1) emu.control.clock.advance(60);
    });
    expect(later.flatMap((p) => p.value.map(nameOf))).toEqual([
      "v1",
      "v3",
      "v5",
      "v7",
      ...[...visible, ...hidden].sort().slice(8),
    ]);
    emu.control.clock.advance(-60);
  });

  it("omits the nextLink when the last page is exactly full", async () => {
    await emu.control.seed({
      vaults: [
        { name: "exact", secrets: ["e1", "e2", "e3", "e4"].map((name) => ({ name, versions: [{ value: "v" }] })) },
      ],
    });
    const pages = await walk("exact", "/secrets?api-version=7.6&maxresults=2");
    expect(pages.map((p) => [p.value.length, p.nextLink === null])).toEqual([
      [2, false],
      [2, true],
    ]);
  });

  it("pages deleted secrets past those still in their deletion window, through recover and purge between pages", async () => {
    const doc = (name: string, visibleAtMs = 0) => ({ name, versions: [{ value: "v" }], visibleAtMs });
    await emu.control.seed({
      vaults: [
        {
          name: "trash",
          deletionDelayInMs: 0,
          recoveryDelayInMs: 0,
          purgeDelayInMs: 0,
          deletedSecrets: [
            ...["d1", "D2", "d3", "d4", "D5", "d6", "d7"].map((n) => doc(n)),
            doc("d0", nowMs + 60_000),
            doc("d35", nowMs + 60_000),
            doc("d9", nowMs + 60_000),
          ],
        },
      ],
    });
    const h = { host: host("trash") };
    const pages = await walk("trash", "/deletedsecrets?api-version=7.6&maxresults=2", async (n) => {
      if (n !== 1) return;
      expect((await kv(emu, "POST", "/deletedsecrets/d3/recover", h)).status).toBe(200);
      expect((await kv(emu, "DELETE", "/deletedsecrets/d4", h)).status).toBe(204);
      expect((await del("trash", "d1")).status).toBe(404); // still deleted, not active
    });
    expect(pages.map((p) => p.value.map(nameOf))).toEqual([["d1", "D2"], ["D5", "d6"], ["d7"]]);
    expect(pages.at(-1)?.nextLink).toBeNull();
    const all = await page("trash", "/secrets?api-version=7.6");
    expect(all.value.map(nameOf)).toEqual(["d3"]);
  });

  it("pages versions by id and lists a version added between pages when it sorts after the marker", async () => {
    for (let i = 0; i < 12; i++) await put("versions", "multi");
    const before = (await walk("versions", "/secrets/multi/versions?api-version=7.6&maxresults=25"))[0];
    const ids = before?.value.map((i) => versionOf(i.id)) ?? [];
    expect(ids).toHaveLength(12);
    expect(ids).toEqual([...ids].sort());
    const added: string[] = [];
    const marker = ids[4] as string;
    const pages = await walk("versions", "/secrets/multi/versions?api-version=7.6&maxresults=5", async (n) => {
      if (n !== 1) return;
      for (let i = 0; i < 6; i++) {
        const res = await put("versions", "multi");
        added.push(versionOf(res.json.id as string));
      }
    });
    const expected = [...ids.slice(0, 5), ...[...ids.slice(5), ...added.filter((v) => v > marker)].sort()];
    expect(pages.flatMap((p) => p.value.map((i) => versionOf(i.id)))).toEqual(expected);
  });
});
