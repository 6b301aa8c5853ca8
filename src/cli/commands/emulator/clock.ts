import { parseArgs } from "node:util";
import type { CliIo } from "../../io.js";
import { ExitCode } from "../../io.js";
import { CONTROL_HELP, CONTROL_OPTIONS, controlRequest } from "./controlClient.js";

const HELP = `Usage: kvs emulator clock [--advance <s>] [--offset <s>] [--freeze | --unfreeze]

Moves the clock of a running emulator and prints its time.

${CONTROL_HELP}`;

function seconds(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new RangeError(`${flag} must be a number of seconds.`);
  return n;
}

/** `kvs emulator clock`. */
export async function emulatorClock(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...CONTROL_OPTIONS,
      advance: { type: "string" },
      offset: { type: "string" },
      freeze: { type: "boolean" },
      unfreeze: { type: "boolean" },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  const body = {
    advance: seconds(values.advance, "--advance"),
    offset: seconds(values.offset, "--offset"),
    freeze: values.freeze,
    unfreeze: values.unfreeze,
  };
  const answer = (await controlRequest(io, values, "POST", "/clock", body)) as { now: string };
  io.stdout(`${answer.now}\n`);
  return ExitCode.ok;
}
