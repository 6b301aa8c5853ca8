import { parseArgs } from "node:util";
import type { CliIo } from "../../io.js";
import { ExitCode } from "../../io.js";
import { CONTROL_HELP, CONTROL_OPTIONS, controlRequest } from "./controlClient.js";

const HELP = `Usage: kvs emulator fault [--status 429|500|503|…] [--retry-after <s>] [--count <n>] [--method <m>]
                          [--path <regex>] [--latency <ms>] [--reset] [--clear]

Adds a fault rule to a running emulator (or removes all rules with --clear).

${CONTROL_HELP}`;

function int(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new RangeError(`${flag} must be a non-negative integer.`);
  return Number(v);
}

/** `kvs emulator fault`. */
export async function emulatorFault(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...CONTROL_OPTIONS,
      status: { type: "string" },
      "retry-after": { type: "string" },
      count: { type: "string" },
      method: { type: "string" },
      path: { type: "string" },
      latency: { type: "string" },
      reset: { type: "boolean" },
      clear: { type: "boolean" },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (values.clear === true) {
    await controlRequest(io, values, "DELETE", "/faults");
    io.stdout("Fault rules cleared.\n");
    return ExitCode.ok;
  }
  const rule = {
    status: int(values.status, "--status"),
    retryAfter: int(values["retry-after"], "--retry-after"),
    count: int(values.count, "--count"),
    latencyInMs: int(values.latency, "--latency"),
    method: values.method,
    path: values.path,
    reset: values.reset,
  };
  await controlRequest(io, values, "POST", "/faults", rule);
  io.stdout("Fault rule added.\n");
  return ExitCode.ok;
}
