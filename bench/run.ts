/**
 * `npm run bench`: our SecretClient vs the official @azure/keyvault-secrets vs a raw node:https floor, each client in
 * its own child process per round, against the emulator in yet another process. Rounds alternate the client order;
 * medians and ratios are printed as a table and as JSON. A full run also rewrites the generated part of
 * bench/RESULTS.md and bench/results.json.
 *
 *   npm run bench                      # full run (about 8 minutes on 2 cores)
 *   npm run bench -- --quick           # fewer rounds, shorter samples; writes nothing
 *   npm run bench -- --only=get16,cold # a subset (scenario ids below); writes nothing
 *   npm run bench -- --no-size         # skip the npm install based size check
 */
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, platform, release, arch } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import type { ClientKind, ColdStartConfig, Sample, WorkerConfig } from "./config.js";
import { measureInstalledSizes, type InstalledSizes } from "./installedSize.js";
import { checkTargets, type TargetCheck } from "./targets.js";
import { renderMarkdown, renderTable } from "./report.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "node_modules", ".cache", "keyvault-secrets-bench");
/** A private build of the package: others may rebuild `dist/` while the benchmark runs. */
const pkgDir = join(outDir, "pkg");
const OFFICIAL_VERSION = "4.12.0";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    "no-size": { type: "boolean", default: false },
    rounds: { type: "string" },
  },
});
const quick = args.quick === true;
const only = args.only?.split(",").map((s) => s.trim());
const rounds = args.rounds ? Number(args.rounds) : quick ? 3 : 5;
const timing = quick
  ? { warmupMs: 300, durationMs: 800, coldSamples: 2, memoryCalls: 20_000, memoryRounds: 2 }
  : { warmupMs: 800, durationMs: 2_000, coldSamples: 3, memoryCalls: 100_000, memoryRounds: 3 };

/** A measured quantity; `better` says which direction wins. */
export interface Metric {
  key: string;
  label: string;
  better: "higher" | "lower";
  digits: number;
}

type Subject = ClientKind | "emulator" | "minimal" | "coreImport";

interface ScenarioDef {
  id: string;
  title: string;
  subjects: Subject[];
  /** Ratio columns as [numerator, denominator] subjects. */
  ratios: Array<[Subject, Subject]>;
  metrics: Metric[];
  rounds: number;
  sample(subject: Subject, server: Servers): Promise<Sample>;
}

/** Medians per scenario → subject → metric, plus every raw sample. */
export interface ScenarioResult {
  id: string;
  title: string;
  metrics: Metric[];
  ratios: Array<[string, string]>;
  medians: Record<string, Record<string, number>>;
  samples: Record<string, Sample[]>;
}

export interface BenchReport {
  command: string;
  date: string;
  mode: "full" | "quick" | "partial";
  machine: Record<string, string | number>;
  scenarios: ScenarioResult[];
  installedSize?: InstalledSizes;
  targets: TargetCheck[];
}

const THROUGHPUT: Metric[] = [
  { key: "opsPerSec", label: "ops/s", better: "higher", digits: 0 },
  { key: "cpuUsPerOp", label: "client CPU µs/op", better: "lower", digits: 1 },
];
const LISTING: Metric[] = [
  { key: "listingsPerSec", label: "listings/s", better: "higher", digits: 2 },
  { key: "cpuMsPerListing", label: "client CPU ms/listing", better: "lower", digits: 1 },
];
const CLIENTS: ClientKind[] = ["ours", "official", "raw"];
/** The goal scenarios also run our client on core's default HttpClient, to show what its own transport is worth. */
const WITH_CORE_TRANSPORT: ClientKind[] = ["ours", "official", "raw", "oursCore"];
const CLIENT_RATIOS: Array<[Subject, Subject]> = [
  ["ours", "official"],
  ["ours", "raw"],
];
const CORE_TRANSPORT_RATIOS: Array<[Subject, Subject]> = [...CLIENT_RATIOS, ["ours", "oursCore"]];

// ---------------------------------------------------------------- processes

interface Servers {
  emulator: { url: string; ca: string };
  minimal: { url: string; ca: string };
}

interface ServerProcess {
  url: string;
  ca: string;
  stop(): Promise<void>;
}

/** Builds the package (tsup, as `npm run build` does) into {@link pkgDir}, with the files `npm pack` needs. */
function buildPackage(): void {
  rmSync(pkgDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [join(root, "node_modules", "tsup", "dist", "cli-default.js"), "--out-dir", join(pkgDir, "dist")],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  for (const file of ["package.json", "README.md", "CHANGELOG.md", "LICENSE"]) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(pkgDir, file));
  }
}

async function compileBench(): Promise<void> {
  await build({
    entryPoints: ["worker", "coldStart", "emulatorProcess", "minimalServer"].map((n) => join(root, "bench", `${n}.ts`)),
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
}

function runChild(script: string, config: object, nodeArgs: string[] = []): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_CONFIG: JSON.stringify(config) };
    delete env.AZURE_LOG_LEVEL;
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [...nodeArgs, join(outDir, script)], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{"))
        reject(new Error(`${script} ${JSON.stringify(config).slice(0, 80)} exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as Sample);
    });
  });
}

function startServer(script: string, args: string[] = []): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [join(outDir, script), ...args], { env, stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`${script} exited early (${code}): ${out}`)));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const newline = out.indexOf("\n");
      if (newline === -1) return;
      child.removeAllListeners("exit");
      const { url, ca } = JSON.parse(out.slice(0, newline)) as { url: string; ca: string };
      resolve({
        url,
        ca,
        stop: () =>
          new Promise<void>((done) => {
            child.once("exit", () => done());
            child.stdin.end();
          }),
      });
    });
  });
}

// ---------------------------------------------------------------- scenarios

const oursEntryUrl = pathToFileURL(join(pkgDir, "dist", "index.js")).href;

function workerSample(
  client: ClientKind,
  servers: Servers,
  partial: Partial<WorkerConfig>,
  nodeArgs: string[] = [],
): Promise<Sample> {
  const config: WorkerConfig = {
    client,
    scenario: "get",
    url: servers.emulator.url,
    ca: servers.emulator.ca,
    oursEntryUrl,
    concurrency: 16,
    warmupMs: timing.warmupMs,
    durationMs: timing.durationMs,
    calls: 0,
    ...partial,
  };
  return runChild("worker.mjs", config, nodeArgs);
}

const getScenario = (concurrency: number, subjects = CLIENTS): ScenarioDef => ({
  id: `get${concurrency}`,
  title: `getSecret, concurrency ${concurrency}`,
  subjects,
  ratios: subjects.includes("oursCore") ? CORE_TRANSPORT_RATIOS : CLIENT_RATIOS,
  metrics: THROUGHPUT,
  rounds,
  sample: (client, servers) => workerSample(client as ClientKind, servers, { scenario: "get", concurrency }),
});

const listScenario = (scenario: "listPages" | "listItems", id: string, title: string): ScenarioDef => ({
  id,
  title,
  subjects: WITH_CORE_TRANSPORT,
  ratios: CORE_TRANSPORT_RATIOS,
  metrics: LISTING,
  rounds,
  sample: (client, servers) =>
    workerSample(client as ClientKind, servers, {
      scenario,
      concurrency: 1,
      warmupMs: timing.warmupMs,
      durationMs: timing.durationMs,
    }),
});

const scenarios: ScenarioDef[] = [
  getScenario(1),
  getScenario(16, WITH_CORE_TRANSPORT),
  getScenario(64),
  {
    id: "set16",
    title: "setSecret, concurrency 16",
    subjects: CLIENTS,
    ratios: CLIENT_RATIOS,
    metrics: THROUGHPUT,
    rounds,
    sample: (client, servers) => workerSample(client as ClientKind, servers, { scenario: "set", concurrency: 16 }),
  },
  listScenario("listPages", "listPages", "list 1,000 secrets by page (listPropertiesOfSecrets().byPage())"),
  listScenario("listItems", "listItems", "list 1,000 secrets by item (for await of listPropertiesOfSecrets())"),
  {
    id: "cold",
    title:
      "cold start: import + client + first getSecret with the challenge, fresh process (coreImport: import of @azure/core-rest-pipeline alone)",
    subjects: [...CLIENTS, "coreImport"],
    ratios: [...CLIENT_RATIOS, ["coreImport", "official"]],
    metrics: [
      { key: "coldStartMs", label: "import→first result ms", better: "lower", digits: 1 },
      { key: "cpuMs", label: "CPU ms", better: "lower", digits: 1 },
      { key: "sinceProcessStartMs", label: "process start→first result ms", better: "lower", digits: 1 },
    ],
    rounds,
    async sample(client, servers) {
      const samples: Sample[] = [];
      for (let i = 0; i < timing.coldSamples; i++) {
        const config: ColdStartConfig = {
          client: client as ColdStartConfig["client"],
          url: servers.emulator.url,
          ca: servers.emulator.ca,
          oursEntryUrl,
        };
        samples.push(await runChild("coldStart.mjs", config));
      }
      return medianSample(samples);
    },
  },
  {
    id: "memory",
    title: `memory after ${timing.memoryCalls.toLocaleString("en-US")} getSecret calls (concurrency 16, after GC)`,
    subjects: CLIENTS,
    ratios: CLIENT_RATIOS,
    metrics: [
      { key: "heapUsedMB", label: "heap used MB", better: "lower", digits: 2 },
      { key: "rssMB", label: "RSS MB", better: "lower", digits: 1 },
      { key: "heapGrowthMB", label: "heap growth MB", better: "lower", digits: 2 },
    ],
    rounds: Math.min(rounds, timing.memoryRounds),
    sample: (client, servers) =>
      workerSample(client as ClientKind, servers, { scenario: "memory", concurrency: 16, calls: timing.memoryCalls }, [
        "--expose-gc",
      ]),
  },
  {
    id: "server",
    title:
      "server throughput: the raw client (concurrency 16) against the emulator and a minimal node:https JSON server",
    subjects: ["emulator", "minimal"],
    ratios: [["emulator", "minimal"]],
    metrics: THROUGHPUT,
    rounds,
    sample: (subject, servers) => {
      const target = subject === "minimal" ? servers.minimal : servers.emulator;
      return workerSample("raw", servers, { scenario: "get", concurrency: 16, url: target.url, ca: target.ca });
    },
  },
];

// ---------------------------------------------------------------- statistics

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function medianSample(samples: Sample[]): Sample {
  const keys = Object.keys(samples[0] ?? {});
  return Object.fromEntries(keys.map((k) => [k, median(samples.map((s) => s[k] ?? NaN))]));
}

/** Round r runs the subjects rotated by r, reversed on odd rounds: every subject goes first and last. */
function orderFor<T>(subjects: T[], round: number): T[] {
  const rotated = subjects.map((_, i) => subjects[(i + round) % subjects.length] as T);
  return round % 2 ? rotated.reverse() : rotated;
}

async function runScenario(def: ScenarioDef): Promise<ScenarioResult> {
  const emulator = await startServer("emulatorProcess.mjs", [
    pathToFileURL(join(pkgDir, "dist", "emulator", "index.js")).href,
  ]);
  const minimal = def.subjects.includes("minimal") ? await startServer("minimalServer.mjs") : undefined;
  const servers: Servers = { emulator, minimal: minimal ?? emulator };
  const samples: Record<string, Sample[]> = Object.fromEntries(def.subjects.map((s) => [s, []]));
  try {
    for (let round = 0; round < def.rounds; round++) {
      for (const subject of orderFor(def.subjects, round)) {
        const sample = await def.sample(subject, servers);
        samples[subject]?.push(sample);
        process.stderr.write(
          `  ${def.id} round ${round + 1}/${def.rounds} ${subject}: ${summarize(def.metrics, sample)}\n`,
        );
      }
    }
  } finally {
    await emulator.stop();
    await minimal?.stop();
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([subject, list]) => [subject, medianSample(list)]));
  return { id: def.id, title: def.title, metrics: def.metrics, ratios: def.ratios, medians, samples };
}

function summarize(metrics: Metric[], sample: Sample): string {
  return metrics.map((m) => `${m.label} ${(sample[m.key] ?? NaN).toFixed(m.digits)}`).join(", ");
}

// ---------------------------------------------------------------- main

function machineInfo(): Record<string, string | number> {
  const version = (path: string): string =>
    (JSON.parse(readFileSync(join(root, "node_modules", path, "package.json"), "utf8")) as { version: string }).version;
  const git = (...a: string[]): string => {
    try {
      return execFileSync("git", a, { cwd: root, encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  };
  return {
    cpuModel: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    official: `@azure/keyvault-secrets ${version("@azure/keyvault-secrets")}`,
    coreRestPipeline: version("@azure/core-rest-pipeline"),
    commit: git("rev-parse", "--short", "HEAD"),
  };
}

async function main(): Promise<void> {
  process.stderr.write("building the package and the bench scripts\n");
  buildPackage();
  await compileBench();
  const selected = only ? scenarios.filter((s) => only.includes(s.id)) : scenarios;
  const started = Date.now();
  const results: ScenarioResult[] = [];
  for (const def of selected) {
    process.stderr.write(`${def.title}\n`);
    results.push(await runScenario(def));
  }
  const wantSize = !args["no-size"] && (!only || only.includes("size"));
  const installedSize = wantSize ? measureInstalledSizes(pkgDir, OFFICIAL_VERSION) : undefined;
  const mode = only || args["no-size"] ? "partial" : quick ? "quick" : "full";
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const report: BenchReport = {
    command,
    date: new Date().toISOString(),
    mode,
    machine: { ...machineInfo(), durationS: Math.round((Date.now() - started) / 1000) },
    scenarios: results,
    ...(installedSize && { installedSize }),
    targets: [],
  };
  report.targets = checkTargets(report);
  process.stdout.write(`${renderTable(report)}\n`);
  process.stdout.write(
    `${JSON.stringify({ ...report, scenarios: report.scenarios.map(({ samples: _, ...r }) => r) }, null, 2)}\n`,
  );
  if (mode === "full") {
    writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(report, null, 2)}\n`);
    const resultsPath = join(root, "bench", "RESULTS.md");
    const previous = existsSync(resultsPath) ? readFileSync(resultsPath, "utf8") : "";
    writeFileSync(resultsPath, renderMarkdown(report, previous));
    process.stderr.write("Wrote bench/RESULTS.md and bench/results.json\n");
  }
}

await main();
