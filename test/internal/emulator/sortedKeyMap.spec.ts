import { describe, expect, it } from "vitest";
import { indexAfter } from "../../../src/emulator/paging.js";
import { SortedKeyMap } from "../../../src/emulator/sortedKeyMap.js";

describe("SortedKeyMap", () => {
  it("hands out its keys in code-unit order, as Array.prototype.sort() does", () => {
    const m = new SortedKeyMap<number>();
    for (const k of ["b", "a-1", "a", "10", "9", "a0", "-"]) m.set(k, 0);
    expect(m.sortedKeys()).toEqual(["-", "10", "9", "a", "a-1", "a0", "b"]);
  });

  it("reuses the sorted array until a key is added or removed, and never mutates one it handed out", () => {
    const m = new SortedKeyMap<number>();
    m.set("b", 1).set("a", 1);
    const first = m.sortedKeys();
    m.set("a", 2); // a new value for an existing key keeps the order
    expect(m.sortedKeys()).toBe(first);

    m.set("c", 1);
    const second = m.sortedKeys();
    expect(second).toEqual(["a", "b", "c"]);
    expect(first).toEqual(["a", "b"]);

    m.delete("a");
    expect(m.sortedKeys()).toEqual(["b", "c"]);
    expect(second).toEqual(["a", "b", "c"]);
    const third = m.sortedKeys();
    m.delete("missing");
    expect(m.sortedKeys()).toBe(third);

    m.clear();
    expect(m.sortedKeys()).toEqual([]);
    m.set("z", 1);
    expect(m.sortedKeys()).toEqual(["z"]);
  });

  it("keeps Map insertion order for iteration", () => {
    const m = new SortedKeyMap<number>();
    m.set("b", 1).set("a", 2);
    m.sortedKeys();
    expect([...m.keys()]).toEqual(["b", "a"]);
    expect([...m.values()]).toEqual([1, 2]);
  });
});

describe("indexAfter", () => {
  const keys = ["a", "b", "b", "d"];

  it.each([
    ["", 0],
    ["a", 1],
    ["a0", 1],
    ["b", 3],
    ["c", 3],
    ["d", 4],
    ["e", 4],
  ])("after %j starts at %i", (after, index) => {
    expect(indexAfter(keys, after)).toBe(index);
  });

  it("matches a linear scan on every marker of a larger list", () => {
    const sorted = Array.from({ length: 200 }, (_, i) => `k${(i * 7919) % 1000}`).sort();
    for (const after of [...sorted, "k", "k~", "j", ""]) {
      let linear = 0;
      while (linear < sorted.length && (sorted[linear] as string) <= after) linear++;
      expect(indexAfter(sorted, after)).toBe(linear);
    }
  });
});
