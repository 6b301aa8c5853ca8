#!/usr/bin/env node
// Package checks (STYLE.md §7), on the tarball `npm pack` makes of the built package (run `npm run build` first):
//   1. every `types` path in `exports` is in the tarball (attw says "This package does not contain types." and still
//      exits 0 when they are missing, so this comes first), then every other target in `exports`, `main`, `bin`, …;
//   2. publint;
//   3. attw with the node16 profile (node10 resolution cannot see subpath exports, and we ship no `typesVersions`);
//   4. the tarball installed into a temp project with its production dependencies only, and from there: require()
//      and import() of every entry in `exports`, an emulator round trip over TLS in both module systems, `kvs --help`.
// publint, attw and the install run concurrently, on the same tarball. `--keep` leaves the temp folder behind.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

/** The runtime (value) exports of each entry, in both module systems. Types are the API reports' business. */
const RUNTIME_EXPORTS = {
  ".": [
    "KnownContentType",
    "KnownDeletionRecoveryLevel",
    "RestError",
    "SecretClient",
    "isRestError",
    "logger",
    "parseKeyVaultSecretIdentifier",
  ],
  "./emulator": ["EmulatorCredential", "loadEmulatorCa", "startEmulator"],
  "./cache": ["SecretCache"],
};

/**
 * Runs in the temp project, once per module system; `load` is that system's `require` or `import()`. Checks each
 * entry's runtime exports, then sets and gets one secret with the installed client against the installed emulator,
 * over TLS that trusts only the emulator's CA, with `strictAuth` (only the emulator credential's tokens pass).
 */
const SMOKE = `"use strict";
const assert = require("node:assert/strict");

exports.smoke = async function smoke(how, load) {
  const expected = JSON.parse(process.env.KVS_SMOKE_EXPECTED);
  for (const [specifier, names] of Object.entries(expected)) {
    const actual = Object.keys(await load(specifier)).sort();
    assert.deepEqual(actual, [...names].sort(), how + " of " + specifier + ": unexpected exports");
  }
  const { SecretClient, isRestError } = await load("keyvault-secrets");
  const { startEmulator } = await load("keyvault-secrets/emulator");
  const { SecretCache } = await load("keyvault-secrets/cache");

  const emulator = await startEmulator({ strictAuth: true });
  try {
    assert.match(emulator.vaultUrl, /^https:\\/\\//);
    // import(): https://localhost with the CA in tlsOptions; require(): the host-routed vault URL through the
    // emulator's httpClient, with challenge resource verification left on.
    const client =
      how === "import"
        ? new SecretClient(emulator.vaultUrl, emulator.credential, emulator.clientOptions)
        : new SecretClient("https://default.localhost:" + emulator.port, emulator.credential, {
            httpClient: emulator.httpClient,
          });
    const value = "smoke " + how + " " + Math.random().toString(36).slice(2);
    const set = await client.setSecret("package-smoke", value);
    const got = await client.getSecret("package-smoke");
    assert.equal(got.value, value, "getSecret returns what setSecret stored");
    assert.equal(got.properties.version, set.properties.version);
    const cached = await new SecretCache(client).getSecret("package-smoke");
    assert.equal(cached.value, value, "SecretCache reads through the installed client");
    await assert.rejects(client.getSecret("package-smoke-missing"), (e) => isRestError(e) && e.statusCode === 404);
    console.log(
      Object.keys(expected).length + " entries load; secret round trip against " + new URL(client.vaultUrl).hostname,
    );
  } finally {
    await emulator.close();
  }
};
`;

class CheckError extends Error {}
const fail = (message) => {
  throw new CheckError(message);
};
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command; resolves with its exit code and output (never rejects on a non-zero exit). */
function run(file, args, options = {}) {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 120_000, ...options },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr, error }),
    );
  });
}
const output = (result) =>
  [
    `${result.stdout}${result.stderr}`.trim() || String(result.error?.message ?? ""),
    result.error?.killed ? "(timed out)" : "",
  ]
    .filter(Boolean)
    .join("\n");
const npm = (args, options) => run("npm", args, { shell: process.platform === "win32", ...options });

/** Every string target under `exports`, with the conditions leading to it. */
function exportTargets(value, where) {
  if (typeof value === "string") return [{ where, target: value }];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => exportTargets(inner, `${where}[${JSON.stringify(key)}]`));
}

const keep = process.argv.includes("--keep");
const temp = await mkdtemp(join(tmpdir(), "kvs-package-"));
const started = performance.now();
/** Work started concurrently: awaited before the temp folder goes, even when an earlier step failed. */
const pending = [];
try {
  if (!existsSync(join(root, "dist"))) fail("dist/ does not exist: run `npm run build` first.");

  // 1. Pack, then the packed file list against package.json.
  let since = performance.now();
  const packed = await npm(["pack", "--json", "--ignore-scripts", "--pack-destination", temp]);
  if (packed.code !== 0) fail(`npm pack failed:\n${output(packed)}`);
  const [{ filename, files }] = JSON.parse(packed.stdout);
  const tarball = join(temp, filename);
  const inTarball = new Set(files.map((f) => f.path));
  const isPacked = (target) => inTarball.has(target.replace(/^\.\//, ""));

  const targets = exportTargets(pkg.exports, "exports");
  const types = targets.filter((t) => t.where.endsWith('["types"]'));
  if (types.length === 0) fail("package.json `exports` names no `types`.");
  const missingTypes = types.filter((t) => !isPacked(t.target));
  if (missingTypes.length)
    fail(
      `type declarations named in package.json are not in the tarball (is dist/ stale or \`files\` wrong?):\n` +
        missingTypes.map((t) => `  ${t.where} → ${t.target}`).join("\n"),
    );
  const others = [
    ...targets.filter((t) => !types.includes(t)),
    ...["main", "module", "types"].filter((k) => pkg[k]).map((k) => ({ where: k, target: pkg[k] })),
    ...Object.entries(pkg.bin ?? {}).map(([name, target]) => ({ where: `bin[${JSON.stringify(name)}]`, target })),
  ];
  const patterns = others.filter((t) => t.target.includes("*"));
  if (patterns.length) fail(`this check does not expand export patterns: ${patterns.map((t) => t.where).join(", ")}`);
  const missing = others.filter((t) => !isPacked(t.target));
  if (missing.length)
    fail(
      `files named in package.json are not in the tarball:\n${missing.map((t) => `  ${t.where} → ${t.target}`).join("\n")}`,
    );
  const entries = Object.keys(pkg.exports).filter((k) => k !== "./package.json");
  const unlisted = entries.filter((e) => !RUNTIME_EXPORTS[e]);
  if (unlisted.length)
    fail(`new entries ${unlisted.join(", ")}: add their runtime exports to RUNTIME_EXPORTS in .ci/checkPackage.mjs`);
  console.log(
    `✓ npm pack: ${filename}, ${files.length} files; all ${types.length} types and ${others.length} other targets packed (${seconds(since)})`,
  );

  // 2-4 start together; their results are reported in order.
  since = performance.now();
  const publintDone = (async () => {
    const { publint } = await import("publint");
    const { formatMessage } = await import("publint/utils");
    const bytes = await readFile(tarball);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const result = await publint({ pack: { tarball: ab }, level: "suggestion" });
    return { ...result, format: (m) => `  ${m.type}: ${formatMessage(m, result.pkg, { color: false }) ?? m.code}` };
  })();
  const attwBin = join(root, "node_modules/@arethetypeswrong/cli/dist/index.js");
  // The tarball above rather than `attw --pack .`: the same check, on the same bytes as every other step here.
  const attwDone = run(process.execPath, [attwBin, tarball, "--profile", "node16", "--no-color"]);
  const project = join(temp, "project");
  const installDone = (async () => {
    await mkdir(project);
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "kvs-package-check", private: true }));
    return npm(["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
      cwd: project,
    });
  })();

  pending.push(publintDone, attwDone, installDone);

  const lint = await publintDone;
  const lintProblems = lint.messages.filter((m) => m.type !== "suggestion");
  for (const m of lint.messages.filter((m) => m.type === "suggestion")) console.log(lint.format(m));
  if (lintProblems.length) fail(`publint found problems:\n${lintProblems.map(lint.format).join("\n")}`);
  console.log(`✓ publint: no errors or warnings`);

  const attw = await attwDone;
  if (attw.code !== 0) fail(`attw --profile node16 found problems (exit ${attw.code}):\n${output(attw)}`);
  if (/does not contain types/i.test(attw.stdout)) fail(`attw found no types:\n${output(attw)}`);
  console.log(`✓ attw --profile node16: no problems`);

  const installed = await installDone;
  if (installed.code !== 0) fail(`npm install of the tarball failed:\n${output(installed)}`);
  const installedPkg = JSON.parse(await readFile(join(project, "node_modules/keyvault-secrets/package.json"), "utf8"));
  if (installedPkg.version !== pkg.version) fail(`installed version ${installedPkg.version}, expected ${pkg.version}`);
  console.log(
    `✓ installed with production dependencies in a temp project (${seconds(since)} for publint, attw and install)`,
  );

  // 4. Smoke tests in the temp project: only the tarball and its dependencies resolve there.
  since = performance.now();
  const expected = Object.fromEntries(entries.map((e) => [`keyvault-secrets${e.slice(1)}`, RUNTIME_EXPORTS[e]]));
  await writeFile(join(project, "smoke.cjs"), SMOKE);
  await writeFile(join(project, "smoke-require.cjs"), `require("./smoke.cjs").smoke("require", (s) => require(s));\n`);
  await writeFile(
    join(project, "smoke-import.mjs"),
    `import { smoke } from "./smoke.cjs";\nawait smoke("import", (s) => import(s));\n`,
  );
  const env = { ...process.env };
  for (const name of [
    "NODE_OPTIONS",
    "NODE_PATH",
    "NODE_TLS_REJECT_UNAUTHORIZED",
    "NODE_EXTRA_CA_CERTS",
    "AZURE_LOG_LEVEL",
  ])
    delete env[name];
  env.KVS_SMOKE_EXPECTED = JSON.stringify(expected);
  const smokes = await Promise.all(
    ["smoke-require.cjs", "smoke-import.mjs"].map((file) =>
      run(process.execPath, [file], { cwd: project, env, timeout: 60_000 }),
    ),
  );
  for (const [i, how] of ["require()", "import()"].entries()) {
    if (smokes[i].code !== 0) fail(`the installed package failed through ${how}:\n${output(smokes[i])}`);
    console.log(`✓ ${how}: ${smokes[i].stdout.trim()}`);
  }

  const kvs = await run(join(project, "node_modules/.bin/kvs"), ["--help"], { cwd: project, env });
  if (kvs.code !== 0 || !kvs.stdout.startsWith("kvs:") || !kvs.stdout.includes("Usage:"))
    fail(`\`kvs --help\` from the installed package failed (exit ${kvs.code}):\n${output(kvs)}`);
  console.log(`✓ kvs --help (${seconds(since)} for the smoke tests)`);
  console.log(`package checks passed in ${seconds(started)}`);
} catch (error) {
  console.error(`\ncheckPackage: ${error instanceof CheckError ? error.message : (error?.stack ?? error)}`);
  process.exitCode = 1;
} finally {
  await Promise.allSettled(pending);
  if (keep) console.log(`kept ${temp}`);
  else await rm(temp, { recursive: true, force: true, maxRetries: 3 });
}
