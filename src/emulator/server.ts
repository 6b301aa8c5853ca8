import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { Socket } from "node:net";
import type { AuthSettings } from "./challenge.js";
import { authenticate, challengeHeader } from "./challenge.js";
import type { InternalClock } from "./clock.js";
import { DEFAULT_VAULT, SUPPORTED_API_VERSIONS } from "./constants.js";
import { readJsonBody } from "./body.js";
import { Exchange } from "./exchange.js";
import { applyFault } from "./faultAction.js";
import type { FaultRegistry } from "./faults.js";
import { KvError, kvErrors } from "./kvError.js";
import type { RequestLog } from "./requestLog.js";
import { route } from "./router.js";
import type { Store } from "./store.js";
import type { TlsMaterial } from "./tls.js";
import { parseSecretName } from "./validation.js";
import type { Vault } from "./vault.js";

/** Everything the request path needs. */
export interface ServerDeps {
  readonly store: Store;
  readonly clock: InternalClock;
  readonly faults: FaultRegistry;
  readonly log: RequestLog;
  readonly auth: AuthSettings;
  readonly backupKey: Buffer;
  readonly tls: TlsMaterial;
  /** Hostnames that mean the default vault (besides localhost and loopback IPs). */
  readonly defaultHosts: ReadonlySet<string>;
  readonly shortPages: () => boolean;
  /** Answers `/_emulator/*`; no auth, no faults. */
  readonly control: (ex: Exchange) => Promise<void>;
  /** Sockets held by `stall` faults, destroyed on close. */
  readonly stalled: Set<Socket>;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

// Clients repeat the same few query strings (`api-version=…`): parse each once. Handlers only read them.
const queryCache = new Map<string, URLSearchParams>();

function parseQuery(query: string): URLSearchParams {
  let parsed = queryCache.get(query);
  if (parsed === undefined) {
    parsed = new URLSearchParams(query);
    if (query.includes("skiptoken")) return parsed;
    if (queryCache.size > 256) queryCache.clear();
    queryCache.set(query, parsed);
  }
  return parsed;
}

/** The vault a hostname routes to: `{vault}.localhost` (or any `{vault}.…` name) → vault, loopback → `default`. */
export function vaultForHost(hostname: string, defaults: ReadonlySet<string>): string {
  if (LOOPBACK.has(hostname) || defaults.has(hostname) || hostname.startsWith("[")) return DEFAULT_VAULT;
  const dot = hostname.indexOf(".");
  if (dot <= 0 || /^[\d.]+$/.test(hostname)) return DEFAULT_VAULT;
  return hostname.slice(0, dot);
}

function findVault(deps: ServerDeps, name: string): Vault {
  try {
    const vault = deps.store.vault(name);
    if (vault !== undefined) return vault;
  } catch {
    // an invalid vault name cannot be auto-created: report it as unknown
  }
  throw kvErrors.vaultNotFound(name);
}

async function handle(deps: ServerDeps, ex: Exchange): Promise<void> {
  if (ex.path.startsWith("/_emulator/")) {
    ex.logged = false;
    return deps.control(ex);
  }
  ex.vault = vaultForHost(ex.hostname, deps.defaultHosts);
  const authorization = ex.req.headers.authorization;
  ex.authorized = authorization !== undefined;
  const stalled = deps.stalled;
  let fault = deps.faults.take(ex.method, ex.path, ex.vault, false);
  if (fault !== undefined && (await applyFault(fault, ex, deps.auth, stalled, Math.floor(deps.clock.nowMs() / 1000))))
    return;
  // The challenge comes before any validation: a body-less discovery PUT must get 401, not 400.
  const authError = authenticate(authorization, deps.auth, Math.floor(deps.clock.nowMs() / 1000));
  if (authError !== undefined) return ex.fail(authError, { "WWW-Authenticate": challengeHeader(deps.auth) });
  fault = deps.faults.take(ex.method, ex.path, ex.vault, true);
  if (fault !== undefined && (await applyFault(fault, ex, deps.auth, stalled, Math.floor(deps.clock.nowMs() / 1000))))
    return;
  const vault = findVault(deps, ex.vault);
  const query = parseQuery(ex.query);
  const apiVersion = query.get("api-version");
  if (apiVersion === null || !SUPPORTED_API_VERSIONS.has(apiVersion)) throw kvErrors.apiVersion();
  const r = route(ex.method, ex.path);
  const name = r.rawName === "" ? "" : parseSecretName(r.rawName);
  const body = r.body ? await readJsonBody(ex.req) : undefined;
  const nowMs = deps.clock.nowMs();
  const reply = await r.handler({
    ex,
    store: deps.store,
    vault,
    nowMs,
    nowSec: Math.floor(nowMs / 1000),
    query,
    apiVersion,
    body,
    name,
    version: r.version,
    backupKey: deps.backupKey,
    shortPages: deps.shortPages(),
  });
  ex.send(reply.status, reply.body);
}

/** Creates the HTTPS server. Handler bugs answer 500 `EmulatorError`; the server stays up. */
export function createEmulatorServer(deps: ServerDeps): Server {
  let port = 0;
  const portOf = (): number => (port ||= (server.address() as { port: number } | null)?.port ?? 0);
  const server = createServer(
    {
      cert: deps.tls.cert,
      key: deps.tls.key,
      SNICallback: deps.tls.sniCallback,
      // Bound stalled or trickling requests; keep idle keep-alive sockets briefly.
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      connectionsCheckingInterval: 1_000,
      keepAliveTimeout: 5_000,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const ex = new Exchange(req, res, deps.log, portOf);
      handle(deps, ex).catch((error: unknown) => {
        if (ex.done) {
          if (!res.writableEnded) res.destroy();
          return;
        }
        ex.fail(error instanceof KvError ? error : kvErrors.emulatorError());
      });
    },
  );
  // A request Node cannot parse never reaches a handler: answer it in Key Vault's shape all the same (SPEC §8.2:
  // an `x-ms-request-id` on every response), then close.
  server.on("clientError", (_err, socket) => {
    if (!socket.writable) return void socket.destroy();
    const body = JSON.stringify({ error: { code: "BadParameter", message: "The request could not be parsed." } });
    socket.end(
      "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n" +
        `x-ms-request-id: ${randomUUID()}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  return server;
}
