import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { VaultOptions } from "../../../emulator/index.js";
import { startEmulator } from "../../../emulator/index.js";
import type { CliIo } from "../../io.js";
import { ExitCode } from "../../io.js";

const HELP = `Usage: kvs emulator start [options]

Starts the local Key Vault emulator (HTTPS) and runs until Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port <n>            TCP port (0 = any free port)               [default: 8443]
  --host <addr>         address to bind                            [default: 127.0.0.1]
  --data-dir <dir>      CA, keys and durable state                 [default: .kvs-data]
  --vault <spec>        name[:recoveryLevel[:days]], repeatable; served at https://<name>.localhost:<port>
  --purge-protection    forbid purge in every configured vault and in "default"
  --strict-auth         accept only emulator-issued tokens
  --json                print one JSON line {vaultUrl, vaults, caPath, port} instead of the text banner
`;

/** Parses `name[:recoveryLevel[:days]]`. */
function parseVault(spec: string, purgeProtection: boolean): VaultOptions {
  const [name = "", level, days] = spec.split(":");
  const vault: VaultOptions = { name };
  if (level !== undefined && level !== "") vault.recoveryLevel = level;
  if (days !== undefined) {
    if (!/^\d+$/.test(days)) throw new RangeError(`--vault ${spec}: days must be an integer.`);
    vault.recoverableDays = Number(days);
  }
  if (purgeProtection) vault.purgeProtection = true;
  return vault;
}

function banner(url: string, vaults: Record<string, string>, caPath: string, strictAuth: boolean): string {
  const list = Object.entries(vaults)
    .map(([n, u]) => `    ${n.padEnd(12)} ${u}`)
    .join("\n");
  return `Key Vault emulator running.
  vault URL:  ${url}
  vaults:
${list}
  CA file:    ${caPath}
  control:    ${url}/_emulator/ (no auth)

Point clients at it:
  whole process:  NODE_EXTRA_CA_CERTS=${caPath} (read at node start)
  per client:     new SecretClient("${url}", credential, {
                    tlsOptions: { ca: readFileSync(${JSON.stringify(caPath)}, "utf8") },
                    disableChallengeResourceVerification: true, // localhost never passes the domain check
                  })
  {vault}.localhost URLs keep verification on but need *.localhost to resolve to 127.0.0.1.
  ${strictAuth ? "Only emulator-issued tokens are accepted (--strict-auth)." : "Any bearer token is accepted."}
Press Ctrl+C to stop.
`;
}

/** `kvs emulator start`: runs until `io.signal` aborts, then closes the emulator. */
export async function emulatorStart(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: "string", default: "8443" },
      host: { type: "string", default: "127.0.0.1" },
      "data-dir": { type: "string", default: ".kvs-data" },
      vault: { type: "string", multiple: true, default: [] },
      "purge-protection": { type: "boolean", default: false },
      "strict-auth": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if (!/^\d+$/.test(values.port)) throw new RangeError("--port must be an integer.");
  const protect = values["purge-protection"];
  const vaults = values.vault.map((spec) => parseVault(spec, protect));
  if (protect && !vaults.some((v) => v.name.toLowerCase() === "default"))
    vaults.push({ name: "default", purgeProtection: true });
  const dataDir = resolve(io.cwd ?? "", values["data-dir"]);
  const emu = await startEmulator({
    port: Number(values.port),
    host: values.host,
    dataDir,
    vaults,
    strictAuth: values["strict-auth"],
  });
  const caPath = emu.caPath ?? "";
  if (values.json)
    io.stdout(`${JSON.stringify({ vaultUrl: emu.vaultUrl, vaults: emu.vaults, caPath, port: emu.port })}\n`);
  else io.stdout(banner(emu.vaultUrl, emu.vaults, caPath, values["strict-auth"]));
  await new Promise<void>((done) => {
    if (io.signal === undefined) return;
    if (io.signal.aborted) return done();
    io.signal.addEventListener("abort", () => done(), { once: true });
  });
  await emu.close();
  if (!values.json) io.stdout("Emulator stopped.\n");
  return ExitCode.ok;
}
