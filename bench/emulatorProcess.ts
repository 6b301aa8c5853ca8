/**
 * Runs the emulator (built `dist/emulator`) in its own process for the benchmark, seeded with 1,000 secrets,
 * and prints `{"url","ca"}` as one JSON line on stdout. Stops on SIGTERM or when stdin closes.
 */
import { SECRET_VALUE, SEEDED_SECRETS } from "./config.js";

interface EmulatorModule {
  startEmulator(options: { port: number }): Promise<{
    vaultUrl: string;
    ca: string;
    control: { seed(doc: unknown): Promise<void> };
    close(): Promise<void>;
  }>;
}

const entryUrl = process.argv[2];
if (!entryUrl) throw new Error("usage: emulatorProcess <file URL of dist/emulator/index.js>");
const { startEmulator } = (await import(entryUrl)) as EmulatorModule;
const emu = await startEmulator({ port: 0 });
const secrets = Array.from({ length: SEEDED_SECRETS }, (_, i) => ({
  name: `bench-${String(i).padStart(4, "0")}`,
  versions: [{ value: SECRET_VALUE, contentType: "text/plain", tags: { env: "bench" } }],
}));
await emu.control.seed({ vaults: [{ name: "default", secrets }] });

const stop = (): void => void emu.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.stdin.on("end", stop).resume();
process.stdout.write(`${JSON.stringify({ url: emu.vaultUrl, ca: emu.ca })}\n`);
