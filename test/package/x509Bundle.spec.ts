import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Strings that only the bundled libraries contain: @peculiar/x509, tsyringe (which it uses) and reflect-metadata. */
const MARKERS = ["Unsupported GeneralName type", "tsyringe requires a reflect polyfill", "@reflect-metadata:registry"];

/** The files `npm publish` would ship, as `npm pack` lists them. */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" });
  const [result] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  if (!result) throw new Error(`npm pack printed no result: ${out}`);
  return result.files.map((f) => f.path);
}

/** Runs node in the package folder, where `keyvault-secrets` resolves to this package through its exports. */
function node(args: string[]): string {
  return execFileSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, AZURE_LOG_LEVEL: "" } });
}

/** Which of our x509 files Node has loaded: import() of a CJS file fills `require.cache` too. */
const LOADED_X509 = `Object.keys(require.cache).filter((f) => /x509/i.test(f)).map((f) => require("node:path").relative(process.cwd(), f))`;

/**
 * Loads the emulator entry, notes whether the X.509 library (and its global Reflect polyfill) was loaded, starts an
 * emulator, round-trips a secret through the client over its TLS, and prints what it saw as JSON. `load` says how the
 * module system loads a specifier; the script needs a `require`.
 */
const probe = (load: (specifier: string) => string): string => `
  const { startEmulator } = ${load("keyvault-secrets/emulator")};
  const { SecretClient } = ${load("keyvault-secrets")};
  const lazy = { reflect: typeof Reflect.getMetadata, files: ${LOADED_X509} };
  const emu = await startEmulator();
  try {
    const client = new SecretClient(emu.vaultUrl, emu.credential, emu.clientOptions);
    await client.setSecret("tls-check", "round-trip");
    const { value } = await client.getSecret("tls-check");
    console.log(JSON.stringify({ lazy, protocol: new URL(emu.vaultUrl).protocol, value, files: ${LOADED_X509} }));
  } finally {
    await emu.close();
  }`;

describe("the emulator's X.509 library", () => {
  it("is packed once, in dist/emulator/x509.cjs, shared by the ESM and CJS builds", () => {
    const code = packedFiles().filter((p) => /\.[cm]?js$/.test(p));
    expect(code).toEqual(expect.arrayContaining(["dist/emulator/index.js", "dist/emulator/index.cjs"]));
    const sources = new Map(code.map((p) => [p, readFileSync(p, "utf8")]));
    for (const marker of MARKERS) {
      expect(
        [...sources].filter(([, text]) => text.includes(marker)).map(([p]) => p),
        marker,
      ).toEqual(["dist/emulator/x509.cjs"]);
    }
  });

  const expected = {
    lazy: { reflect: "undefined", files: [] },
    protocol: "https:",
    value: "round-trip",
    files: ["dist/emulator/x509.cjs"],
  };

  it("is loaded by the ESM emulator entry only when it starts, and serves TLS", () => {
    const script = `import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      ${probe((s) => `await import("${s}")`)}`;
    expect(JSON.parse(node(["--input-type=module", "-e", script]))).toEqual(expected);
  });

  it("is loaded by the CJS emulator entry only when it starts, and serves TLS", () => {
    const script = `(async () => { ${probe((s) => `require("${s}")`)} })().catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });`;
    expect(JSON.parse(node(["-e", script]))).toEqual(expected);
  });
});
