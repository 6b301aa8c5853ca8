import { emulatorCa } from "./commands/emulator/ca.js";
import { emulatorClock } from "./commands/emulator/clock.js";
import { emulatorFault } from "./commands/emulator/fault.js";
import { emulatorStart } from "./commands/emulator/start.js";
import { emulatorState } from "./commands/emulator/state.js";
import type { CliIo } from "./io.js";
import { ExitCode } from "./io.js";

export type { CliIo } from "./io.js";

type Command = (args: string[], io: CliIo) => Promise<number>;

/** `group verb` → command. The `secret` group is added by its own issue. */
const COMMANDS: Readonly<Record<string, Command>> = {
  "emulator start": emulatorStart,
  "emulator ca": emulatorCa,
  "emulator seed": emulatorState("seed"),
  "emulator import": emulatorState("import"),
  "emulator export": emulatorState("export"),
  "emulator reset": emulatorState("reset"),
  "emulator clock": emulatorClock,
  "emulator fault": emulatorFault,
};

const HELP = `kvs: Azure Key Vault secrets from the command line, and a local Key Vault emulator.

Usage:
  kvs emulator start [--port 8443] [--host 127.0.0.1] [--data-dir .kvs-data]
                     [--vault name[:recoveryLevel[:days]]]... [--purge-protection] [--strict-auth] [--json]
  kvs emulator ca [--data-dir .kvs-data] [--out <file>]
  kvs emulator seed|import --file <json>      kvs emulator export --file <json>      kvs emulator reset
  kvs emulator clock [--advance <s>] [--offset <s>] [--freeze | --unfreeze]
  kvs emulator fault [--status <n>] [--retry-after <s>] [--count <n>] [--method <m>] [--path <regex>]
                     [--latency <ms>] [--reset] [--clear]
  (the verbs after "ca" drive a running emulator: --url https://localhost:8443 --data-dir .kvs-data)
  kvs --help

Run "kvs <group> <verb> --help" for the options of one command.
`;

/**
 * Runs one CLI invocation and returns its exit code (0 ok, 1 service error, 2 usage, 3 not found).
 * Never touches \`process\`: main.ts wires argv, output and signals.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [group, verb, ...rest] = argv;
  if (group === undefined || group === "--help" || group === "-h" || group === "help") {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  const command = COMMANDS[`${group} ${verb ?? ""}`];
  if (command === undefined) {
    io.stderr(`kvs: unknown command "${[group, verb].filter(Boolean).join(" ")}".\n\n${HELP}`);
    return ExitCode.usage;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    const e = error as Error & { code?: string };
    const usage = e.code?.startsWith("ERR_PARSE_ARGS") === true || e instanceof TypeError || e instanceof RangeError;
    io.stderr(
      `${JSON.stringify({ status: null, code: e.code ?? e.name, innerCode: null, message: e.message, requestId: null })}\n`,
    );
    return usage ? ExitCode.usage : ExitCode.service;
  }
}
