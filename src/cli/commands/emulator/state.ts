import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliIo } from "../../io.js";
import { ExitCode } from "../../io.js";
import { CONTROL_HELP, CONTROL_OPTIONS, controlRequest } from "./controlClient.js";

const HELP = (verb: string, what: string) => `Usage: kvs emulator ${verb}${verb === "reset" ? "" : " --file <json>"}

${what}

${CONTROL_HELP}`;

const WHAT: Readonly<Record<string, string>> = {
  seed: "Adds the vaults and secrets of a JSON document ({{now}} templates allowed) to a running emulator.",
  import: "Replaces the whole state of a running emulator with a JSON document.",
  export: "Writes the whole state of a running emulator (values included) to a JSON file.",
  reset: "Clears every secret of a running emulator.",
};

/** `kvs emulator seed|import|export|reset`: state documents in and out. */
export function emulatorState(verb: "seed" | "import" | "export" | "reset") {
  return async (args: string[], io: CliIo): Promise<number> => {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { ...CONTROL_OPTIONS, file: { type: "string", short: "f" } },
    });
    if (values.help) {
      io.stdout(HELP(verb, WHAT[verb] ?? ""));
      return ExitCode.ok;
    }
    if (verb === "reset") {
      await controlRequest(io, values, "POST", "/reset");
      io.stdout("Emulator state cleared.\n");
      return ExitCode.ok;
    }
    if (values.file === undefined) throw new TypeError(`kvs emulator ${verb} needs --file <json>.`);
    const file = resolve(io.cwd ?? "", values.file);
    if (verb === "export") {
      await writeFile(file, `${JSON.stringify(await controlRequest(io, values, "GET", "/export"), null, 2)}\n`, {
        mode: 0o600,
      });
      io.stdout(`State written to ${file}\n`);
      return ExitCode.ok;
    }
    await controlRequest(io, values, "POST", `/${verb}`, JSON.parse(await readFile(file, "utf8")));
    io.stdout(`${verb === "seed" ? "Seeded" : "Imported"} ${file}\n`);
    return ExitCode.ok;
  };
}
