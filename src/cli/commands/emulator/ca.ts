import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadEmulatorCa } from "../../../emulator/index.js";
import type { CliIo } from "../../io.js";
import { ExitCode } from "../../io.js";

const HELP = `Usage: kvs emulator ca [--data-dir .kvs-data] [--out <file>]

Prints the emulator's CA certificate (PEM), creating it in the data directory if needed, or writes it to --out.
`;

/** `kvs emulator ca`: the CA PEM of a data directory. */
export async function emulatorCa(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      "data-dir": { type: "string", default: ".kvs-data" },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  const ca = await loadEmulatorCa(resolve(io.cwd ?? "", values["data-dir"]));
  if (values.out === undefined) {
    io.stdout(ca.pem);
    return ExitCode.ok;
  }
  const out = resolve(io.cwd ?? "", values.out);
  await writeFile(out, ca.pem, "utf8");
  io.stdout(`CA written to ${out}\n`);
  return ExitCode.ok;
}
