import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe("a program written for @azure/keyvault-secrets 4.12", () => {
  it("compiles with tsc --strict against the built package, changing only the import", () => {
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", "test/package/officialProgram/tsconfig.json"], { encoding: "utf8" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  });
});
