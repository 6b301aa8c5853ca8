import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createClock } from "../../../src/emulator/clock.js";
import { resolveOptions } from "../../../src/emulator/options.js";
import { openState } from "../../../src/emulator/persistence/dataDir.js";
import { Store } from "../../../src/emulator/store.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function openStore(dir: string, threshold: number) {
  const opts = resolveOptions({ dataDir: dir });
  const store = new Store(createClock(), opts.vaults, opts.autoCreateVaults);
  const journal = await openState(dir, store, () => store.applyBaseVaults(), threshold);
  store.attach(journal);
  return { store, journal };
}

const lines = async (dir: string): Promise<number> =>
  (await readFile(join(dir, "journal.ndjson"), "utf8")).split("\n").filter(Boolean).length;

describe("the emulator's journal", () => {
  it("folds itself into state.json every `threshold` records while running, losing nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kvs-journal-"));
    dirs.push(dir);
    const { store, journal } = await openStore(dir, 10);
    // 25 acknowledged writes, sequential and concurrent.
    for (let i = 0; i < 12; i++) await store.createVault({ name: `seq${i}` });
    await Promise.all(Array.from({ length: 13 }, (_, i) => store.createVault({ name: `par${i}` })));
    expect(await lines(dir)).toBeLessThan(10 + 13); // compacted at least once
    const snapshot = JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as { vaults: Array<{ name: string }> };
    expect(snapshot.vaults.map((v) => v.name)).toEqual(expect.arrayContaining(["seq0", "seq9"]));
    await journal.close();

    // A restart sees every acknowledged write: snapshot plus whatever the journal holds since.
    const reopened = await openStore(dir, 10);
    const names = reopened.store.listVaults().map((v) => v.name);
    for (let i = 0; i < 12; i++) expect(names).toContain(`seq${i}`);
    for (let i = 0; i < 13; i++) expect(names).toContain(`par${i}`);
    await reopened.journal.close();
  });

  it("does not compact below the threshold", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kvs-journal-"));
    dirs.push(dir);
    const { store, journal } = await openStore(dir, 100);
    for (let i = 0; i < 5; i++) await store.createVault({ name: `v${i}` });
    expect(await lines(dir)).toBe(5);
    await journal.close();
  });
});
