import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { exports: Record<string, unknown> };
const entries = Object.keys(pkg.exports).filter((k) => k !== "./package.json");

/** Runs node in the package folder, where `keyvault-secrets` resolves to this package through its exports. */
function node(args: string[]): string {
  return execFileSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, AZURE_LOG_LEVEL: "" } });
}

describe("the package's exports", () => {
  it("point at files that exist", () => {
    const paths = JSON.stringify(pkg.exports).match(/\.\/dist\/[^"]+/g) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    const missing = paths.filter((p) => !existsSync(p));
    if (missing.length) throw new Error(`missing (run \`npm run build\`): ${missing.join(", ")}`);
  });

  it("give a working SecretClient through require()", () => {
    const out = node([
      "-e",
      `const m = require("keyvault-secrets");
       const c = new m.SecretClient("https://v.vault.azure.net", { getToken: async () => null });
       console.log(typeof c.getSecret, c.vaultUrl, typeof m.RestError, m.KnownContentType.PEM);`,
    ]);
    expect(out.trim()).toBe("function https://v.vault.azure.net function application/x-pem-file");
  });

  it("give a working SecretClient through import()", () => {
    const out = node([
      "--input-type=module",
      "-e",
      `const m = await import("keyvault-secrets");
       const c = new m.SecretClient("https://v.vault.azure.net", { getToken: async () => null });
       console.log(typeof c.listPropertiesOfSecrets().byPage, m.parseKeyVaultSecretIdentifier("https://v.vault.azure.net/secrets/s/1").version);`,
    ]);
    expect(out.trim()).toBe("function 1");
  });

  it.each(entries)("loads %s in both module systems", (entry) => {
    const specifier = `keyvault-secrets${entry.slice(1)}`;
    const esm = node([
      "--input-type=module",
      "-e",
      `console.log(Object.keys(await import("${specifier}")).length > 0)`,
    ]);
    const cjs = node(["-e", `console.log(Object.keys(require("${specifier}")).length > 0)`]);
    expect([esm.trim(), cjs.trim()]).toEqual(["true", "true"]);
  });
});
