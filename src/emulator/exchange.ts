import type { IncomingMessage, ServerResponse } from "node:http";
import { EMULATOR_SERVICE_VERSION } from "./constants.js";
import type { KvError } from "./kvError.js";
import type { RequestLog, RequestLogEntry } from "./requestLog.js";

interface HostFacts {
  readonly hostname: string;
  readonly origin: string;
  readonly linkOrigin: string;
}

// Hot path: clients send the same few Host headers, and a socket keeps its peer address.
const hostCache = new Map<string, HostFacts>();
const networkInfo = new WeakMap<object, string>();

function hostFacts(host: string): HostFacts {
  let facts = hostCache.get(host);
  if (facts !== undefined) return facts;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  const hostname = m?.[1] ?? "localhost";
  const port = m?.[2] ?? "443";
  facts = {
    hostname,
    origin: port === "443" ? `https://${hostname}` : `https://${hostname}:${port}`,
    linkOrigin: `https://${hostname}:${port}`,
  };
  if (hostCache.size > 256) hostCache.clear();
  hostCache.set(host, facts);
  return facts;
}

function networkInfoOf(req: IncomingMessage): string {
  let info = networkInfo.get(req.socket);
  if (info === undefined) {
    const addr = req.socket.remoteAddress ?? "127.0.0.1";
    const v6 = addr.includes(":") && !addr.startsWith("::ffff:");
    info = `conn_type=${v6 ? "Ipv6" : "Ipv4"};addr=${addr};act_addr_fam=${v6 ? "InterNetworkV6" : "InterNetwork"};`;
    networkInfo.set(req.socket, info);
  }
  return info;
}

/** One request/response pair: routing facts plus the only code that writes a response. */
export class Exchange {
  readonly requestId = crypto.randomUUID();
  readonly clientRequestId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** `https://host[:port]` as the client addressed us: the origin of ids. */
  readonly origin: string;
  /** The same origin with an explicit port, for nextLinks. */
  readonly linkOrigin: string;
  readonly hostname: string;
  vault = "";
  authorized = false;
  done = false;
  /** Control-plane exchanges stay out of the request log. */
  logged = true;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly log: RequestLog,
    serverPort: () => number,
  ) {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    this.path = q === -1 ? url : url.slice(0, q);
    this.query = q === -1 ? "" : url.slice(q + 1);
    this.method = req.method ?? "GET";
    const cri = req.headers["x-ms-client-request-id"];
    this.clientRequestId = typeof cri === "string" ? cri : undefined;
    const facts = hostFacts(req.headers.host ?? `localhost:${serverPort()}`);
    this.hostname = facts.hostname;
    this.origin = facts.origin;
    this.linkOrigin = facts.linkOrigin;
  }

  /** The headers Key Vault puts on every response. */
  headers(extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = {
      "Cache-Control": "no-cache",
      Pragma: "no-cache",
      Expires: "-1",
      "Strict-Transport-Security": "max-age=31536000;includeSubDomains",
      "X-Content-Type-Options": "nosniff",
      "x-ms-keyvault-network-info": networkInfoOf(this.req),
      "x-ms-keyvault-region": "local",
      "x-ms-keyvault-service-version": EMULATOR_SERVICE_VERSION,
      "x-ms-request-id": this.requestId,
    };
    if (this.clientRequestId !== undefined) h["x-ms-client-request-id"] = this.clientRequestId;
    return extra === undefined ? h : Object.assign(h, extra);
  }

  /** Records the exchange in the request log. */
  record(status: number): void {
    this.done = true;
    if (!this.logged) return;
    // Built in place: an object spread here cost more per request than the rest of the log entry (cpu profile).
    const entry: { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] } = {
      method: this.method,
      path: this.path,
      status,
      authorized: this.authorized,
      requestId: this.requestId,
      vault: this.vault,
    };
    if (this.clientRequestId !== undefined) entry.clientRequestId = this.clientRequestId;
    this.log.add(entry);
  }

  /** Sends a JSON body (or none, for 204 and `emptyBody` faults). */
  send(status: number, body?: unknown, extra?: Record<string, string>): void {
    if (this.done) return;
    this.record(status);
    const h = this.headers(extra);
    if (body === undefined) {
      if (status !== 204) h["Content-Length"] = "0";
      this.res.writeHead(status, h).end();
      return;
    }
    const text = typeof body === "string" ? body : JSON.stringify(body);
    h["Content-Type"] = "application/json; charset=utf-8";
    h["Content-Length"] = String(Buffer.byteLength(text));
    this.res.writeHead(status, h).end(text);
  }

  /** Sends a Key Vault error envelope. */
  fail(error: KvError, extra?: Record<string, string>): void {
    this.send(error.status, error.toBody(), extra);
  }
}
