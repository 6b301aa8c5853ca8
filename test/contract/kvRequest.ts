import type { IncomingHttpHeaders } from "node:http";
import { request } from "node:https";
import type { Emulator } from "../../src/emulator/index.js";

/** A raw HTTPS response. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Options of one raw request. */
export interface RawOptions {
  /** JSON body (serialised) or raw text. */
  body?: unknown;
  /** Bearer token; `null` sends no Authorization header. @defaultValue "token" */
  token?: string | null;
  /** Host header and TLS server name. @defaultValue `localhost:{port}` */
  host?: string;
  headers?: Record<string, string>;
}

/**
 * Sends one request to the emulator over real TLS (trusting only its CA), with no client code:
 * the contract tests' only transport. Appends `api-version=2025-07-01` unless the path has a query.
 */
export function kv(
  emu: Pick<Emulator, "ca" | "port">,
  method: string,
  path: string,
  options: RawOptions = {},
): Promise<RawResponse> {
  const fullPath = path.includes("?") ? path : `${path}?api-version=2025-07-01`;
  const host = options.host ?? `localhost:${emu.port}`;
  const servername = host.replace(/:\d+$/, "");
  const text =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = { host, ...options.headers };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? "token"}`;
  if (text !== undefined) {
    headers["content-type"] ??= "application/json";
    headers["content-length"] = String(Buffer.byteLength(text));
  }
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: "127.0.0.1", port: emu.port, method, path: fullPath, headers, ca: emu.ca, servername, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = body === "" ? undefined : JSON.parse(body);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: body, json });
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** The version id at the end of a bundle id. */
export function versionOf(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}
