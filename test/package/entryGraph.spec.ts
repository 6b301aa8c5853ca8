import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Metafile {
  outputs: Record<
    string,
    { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown>; entryPoint?: string }
  >;
}

/** Every source file that ends up in `entry`'s output, following its chunk imports. */
function inputsOf(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const inputs = new Set<string>();
  const visit = (output: string): void => {
    if (seen.has(output)) return;
    seen.add(output);
    const out = metafile.outputs[output];
    if (!out) return;
    for (const input of Object.keys(out.inputs)) inputs.add(input);
    for (const imported of out.imports) if (imported.path.startsWith("dist/")) visit(imported.path);
  };
  visit(entry);
  return [...inputs];
}

describe("the built root entry", () => {
  for (const format of ["esm", "cjs"] as const) {
    it(`loads no emulator, cache or CLI code (${format})`, () => {
      const file = `dist/metafile-${format}.json`;
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
      const metafile = JSON.parse(readFileSync(file, "utf8")) as Metafile;
      const entry = format === "esm" ? "dist/index.js" : "dist/index.cjs";
      const inputs = inputsOf(metafile, entry);
      expect(inputs).toContain("src/client/secretClient.ts");
      expect(inputs.filter((i) => /^src\/(emulator|cache|cli)\//.test(i))).toEqual([]);
    });
  }
});

describe("the built cache entry", () => {
  it("bundles only cache code: the client comes from the caller", () => {
    const file = "dist/metafile-esm.json";
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
    const metafile = JSON.parse(readFileSync(file, "utf8")) as Metafile;
    const inputs = inputsOf(metafile, "dist/cache/index.js");
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((i) => !i.startsWith("src/cache/"))).toEqual([]);
  });
});
