/**
 * SecretCache throughput against the in-process emulator, printed as JSON:
 * - hits per second: sequential `getSecret` hits of one warm name (target ≥ 1,000,000/s);
 * - single flight: 10,000 concurrent cold reads of one name, counted in the emulator's request log (target 1).
 *
 * Run: npx tsx bench/cacheHits.ts [--hits 2000000] [--cold 10000]
 */
import { parseArgs } from "node:util";
import { SecretClient } from "../src/index.js";
import { SecretCache } from "../src/cache/index.js";
import { startEmulator } from "../src/emulator/index.js";

const { values } = parseArgs({
  options: { hits: { type: "string", default: "2000000" }, cold: { type: "string", default: "10000" } },
});
const hits = Number(values.hits);
const cold = Number(values.cold);

const emu = await startEmulator();
try {
  const client = new SecretClient(emu.vaultUrl, emu.credential, {
    ...emu.clientOptions,
    httpClient: emu.httpClient,
    retryOptions: { maxRetries: 0 },
  });
  await client.setSecret("bench-hot", "x".repeat(64));
  await client.setSecret("bench-cold", "y".repeat(64));

  // Hits: warm once, then read sequentially; a short warm-up lets the JIT settle first.
  const cache = new SecretCache(client, { ttlInMs: 3_600_000 });
  await cache.getSecret("bench-hot");
  for (let i = 0; i < 100_000; i++) await cache.getSecret("bench-hot");
  const start = process.hrtime.bigint();
  for (let i = 0; i < hits; i++) await cache.getSecret("bench-hot");
  const elapsedInMs = Number(process.hrtime.bigint() - start) / 1e6;

  // Single flight: every reader starts before the first answer arrives.
  const coldCache = new SecretCache(client);
  emu.control.clearRequests();
  const coldStart = process.hrtime.bigint();
  const results = await Promise.all(Array.from({ length: cold }, () => coldCache.getSecret("bench-cold")));
  const coldElapsedInMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  const vaultRequests = emu.control
    .requests()
    .filter((r) => r.method === "GET" && r.authorized && r.path === "/secrets/bench-cold/").length;

  console.log(
    JSON.stringify(
      {
        node: process.version,
        hits: {
          reads: hits,
          elapsedInMs: Math.round(elapsedInMs),
          perSecond: Math.round((hits / elapsedInMs) * 1000),
          target: 1_000_000,
        },
        singleFlight: {
          concurrentColdReads: cold,
          answered: results.filter((s) => s.value !== undefined).length,
          vaultRequests,
          elapsedInMs: Math.round(coldElapsedInMs),
          target: 1,
        },
        stats: cache.stats(),
      },
      null,
      2,
    ),
  );
} finally {
  await emu.close();
}
