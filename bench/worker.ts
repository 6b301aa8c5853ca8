/**
 * One bench sample in a fresh process: creates one client, warms it up, measures one scenario and prints a JSON line.
 * Run by `bench/run.ts`; the emulator lives in another process, so `process.cpuUsage()` is the client's alone.
 */
import { createBenchClient, type BenchClient } from "./clients.js";
import { emit, GET_NAME, readConfig, SECRET_VALUE, type Sample, type WorkerConfig } from "./config.js";

const config = readConfig<WorkerConfig>();

interface LoopResult {
  ops: number;
  wallMs: number;
  cpuUs: number;
}

/** Runs `op` in `concurrency` closed loops until `durationMs` passed or `maxOps` calls started. */
async function closedLoop(
  concurrency: number,
  durationMs: number,
  maxOps: number,
  op: (i: number) => Promise<unknown>,
): Promise<LoopResult> {
  let started = 0;
  let done = 0;
  const deadline = performance.now() + durationMs;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const loop = async (): Promise<void> => {
    while (started < maxOps && performance.now() < deadline) {
      await op(started++);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ops: done, wallMs, cpuUs: cpu.user + cpu.system };
}

function throughput(result: LoopResult): Sample {
  return {
    opsPerSec: (result.ops / result.wallMs) * 1000,
    cpuUsPerOp: result.cpuUs / result.ops,
    ops: result.ops,
  };
}

async function run(client: BenchClient): Promise<Sample> {
  const { scenario, concurrency, warmupMs, durationMs } = config;
  switch (scenario) {
    case "get": {
      const op = (): Promise<unknown> => client.get(GET_NAME);
      await op(); // as for setSecret below: the challenge is cached before the concurrent loops
      await closedLoop(concurrency, warmupMs, Infinity, op);
      return throughput(await closedLoop(concurrency, durationMs, Infinity, op));
    }
    case "set": {
      // A fixed set of existing names: versions pile up, but the list scenarios still see 1,000 secrets.
      const op = (i: number): Promise<unknown> => client.set(`bench-${String(i % 16).padStart(4, "0")}`, SECRET_VALUE);
      // One call before the concurrent loops, for every client: the official client (keyvault-common 2.1.0) races
      // when concurrent requests start before its challenge is cached. It sends their bodies unauthenticated and, in
      // about one cold burst of 16 in six, re-sends one discovery request with a token but without its body, which
      // the vault answers 400. Cold start is measured on its own (coldStart.ts).
      await op(0);
      await closedLoop(concurrency, warmupMs, Infinity, op);
      return throughput(await closedLoop(concurrency, durationMs, Infinity, op));
    }
    case "listPages":
    case "listItems": {
      const op = async (): Promise<void> => {
        const count = await (scenario === "listPages" ? client.listPages() : client.listItems());
        if (count < 1000) throw new Error(`Listed ${count} secrets, expected at least 1000.`);
      };
      await closedLoop(1, warmupMs, Infinity, op);
      const result = await closedLoop(1, durationMs, Infinity, op);
      return {
        listingsPerSec: (result.ops / result.wallMs) * 1000,
        cpuMsPerListing: result.cpuUs / 1000 / result.ops,
        ops: result.ops,
      };
    }
    case "memory": {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error("The memory scenario needs --expose-gc.");
      const op = (): Promise<unknown> => client.get(GET_NAME);
      await closedLoop(concurrency, Infinity, 200, op);
      gc();
      const before = process.memoryUsage();
      const result = await closedLoop(concurrency, Infinity, config.calls, op);
      gc();
      gc();
      const after = process.memoryUsage();
      return {
        heapUsedMB: after.heapUsed / 2 ** 20,
        rssMB: after.rss / 2 ** 20,
        heapGrowthMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
        ops: result.ops,
      };
    }
  }
}

const client = await createBenchClient(config.client, config.url, config.ca, config.oursEntryUrl, config.concurrency);
emit(await run(client));
// Keep-alive sockets would hold the process open.
process.exit(0);
