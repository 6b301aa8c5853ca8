/** What the orchestrator tells one bench child process, passed as JSON in `BENCH_CONFIG`. */
/** `oursCore` is our client with core's default `HttpClient` instead of its own transport (src/client/transport). */
export type ClientKind = "ours" | "official" | "raw" | "oursCore";

export type Scenario = "get" | "set" | "listPages" | "listItems" | "memory";

export interface WorkerConfig {
  client: ClientKind;
  scenario: Scenario;
  /** Vault URL (`https://localhost:{port}`). */
  url: string;
  /** PEM of the emulator CA. */
  ca: string;
  /** File URL of our built ESM entry (`dist/index.js`). */
  oursEntryUrl: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** For `memory`: how many calls to make before measuring. */
  calls: number;
}

export interface ColdStartConfig {
  /** `coreImport` only imports `@azure/core-rest-pipeline`, the floor of any client built on it. */
  client: ClientKind | "coreImport";
  url: string;
  ca: string;
  oursEntryUrl: string;
}

/** One sample as a child prints it (a single JSON line on stdout). */
export type Sample = Record<string, number>;

/** The secret every getSecret call reads, and how many secrets the vault holds for the list scenarios. */
export const GET_NAME = "bench-0000";
export const SEEDED_SECRETS = 1000;
export const SECRET_VALUE = "x".repeat(48) + "-bench-secret-value";
export const API_VERSION = "2025-07-01";
export const FIXED_TOKEN = "bench-fixed-token";

export function readConfig<T>(): T {
  const raw = process.env.BENCH_CONFIG;
  if (!raw) throw new Error("BENCH_CONFIG is not set: run this file through `npm run bench`.");
  return JSON.parse(raw) as T;
}

/** Prints the child's result as the last line of stdout. */
export function emit(sample: Sample): void {
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}
