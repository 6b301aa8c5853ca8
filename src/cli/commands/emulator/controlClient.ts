import { readFile } from "node:fs/promises";
import { request } from "node:https";
import { resolve } from "node:path";
import type { CliIo } from "../../io.js";

/** Options shared by the verbs that drive a running emulator over `/_emulator/*`. */
export const CONTROL_OPTIONS = {
  url: { type: "string", default: "https://localhost:8443" },
  "data-dir": { type: "string", default: ".kvs-data" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** Help text for the shared options. */
export const CONTROL_HELP = `  --url <url>           the running emulator                       [default: https://localhost:8443]
  --data-dir <dir>      where its ca.pem lives                     [default: .kvs-data]
`;

/**
 * Sends one control request to a running emulator, trusting only the CA of its data directory.
 * Resolves with the parsed JSON answer; rejects with the emulator's error message.
 */
export async function controlRequest(
  io: CliIo,
  values: { url: string; "data-dir": string },
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const ca = await readFile(resolve(io.cwd ?? "", values["data-dir"], "ca.pem"), "utf8");
  const url = new URL(`/_emulator${path}`, values.url);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done, fail) => {
    const headers: Record<string, string> =
      text === undefined
        ? {}
        : { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) };
    const req = request(url, { method, ca, headers, agent: false }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (data += d));
      res.on("end", () => {
        const json: unknown = data === "" ? undefined : JSON.parse(data);
        if ((res.statusCode ?? 500) >= 400) {
          const message =
            (json as { error?: { message?: string } } | undefined)?.error?.message ?? `status ${res.statusCode}`;
          fail(Object.assign(new Error(message), { code: "EmulatorControlError" }));
        } else done(json);
      });
    });
    req.on("error", fail);
    req.end(text);
  });
}
