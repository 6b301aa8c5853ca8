import { connect, type TLSSocket } from "node:tls";
import type { Emulator } from "../../src/emulator/index.js";

/** A raw response: status line parsed, headers lower-cased, body as text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Opens a TLS connection to the emulator that trusts only its CA. */
export function openSocket(emu: Pick<Emulator, "ca" | "port">): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: emu.port, ca: emu.ca, servername: "localhost" }, () =>
      resolve(socket),
    );
    socket.once("error", reject);
  });
}

/**
 * Sends raw bytes (a whole or partial HTTP/1.1 request, written as given) and reads until the server closes
 * the connection or `Connection: close` ends the answer. No client code, no HTTP library: malformed on purpose.
 */
export async function rawExchange(
  emu: Pick<Emulator, "ca" | "port">,
  chunks: Array<string | Buffer>,
): Promise<RawAnswer> {
  const socket = await openSocket(emu);
  const received: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    socket.on("data", (d: Buffer) => received.push(d));
    socket.on("end", () => resolve());
    socket.on("close", () => resolve());
    socket.on("error", () => resolve());
  });
  for (const chunk of chunks) socket.write(chunk);
  await done;
  return parseAnswer(Buffer.concat(received).toString("utf8"));
}

/** A complete request with `Connection: close`, a bearer token and the given body and extra headers. */
export function request(
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Array<string | Buffer> {
  const all: Record<string, string> = {
    host: "localhost",
    authorization: "Bearer token",
    connection: "close",
    ...(body === undefined
      ? {}
      : { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }),
    ...headers,
  };
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;
  return body === undefined ? [head] : [head, body];
}

function parseAnswer(text: string): RawAnswer {
  const split = text.indexOf("\r\n\r\n");
  const head = split < 0 ? text : text.slice(0, split);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = split < 0 ? "" : text.slice(split + 4);
  if (headers["transfer-encoding"] === "chunked") body = dechunk(body);
  return { status: Number(statusLine.split(" ")[1] ?? 0), headers, body };
}

function dechunk(text: string): string {
  let out = "";
  let rest = text;
  for (;;) {
    const eol = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}
