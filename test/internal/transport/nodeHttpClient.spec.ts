import { once } from "node:events";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Agent, createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { Readable } from "node:stream";
import { deflateSync, gzipSync } from "node:zlib";
import { createHttpHeaders, createPipelineRequest, isRestError, type PipelineRequest } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createNodeHttpClient } from "../../../src/client/transport/nodeHttpClient.js";
import { loadTls, type TlsMaterial } from "../../../src/emulator/tls.js";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Seen {
  method: string;
  url: string;
  headers: string[];
  body: string;
  socket: Socket;
}

let tls: TlsMaterial;
let server: Server;
let plainServer: Server;
let base: string;
let plainBase: string;
let handler: Handler;
const seen: Seen[] = [];
const sockets = new Set<Socket>();

function listen(s: Server): Promise<number> {
  s.on("connection", (socket: Socket) => sockets.add(socket));
  s.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method!, url: req.url!, headers: req.rawHeaders, body, socket: req.socket });
      handler(req, res, body);
    });
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
}

beforeAll(async () => {
  tls = await loadTls(undefined, ["localhost"]);
  server = createHttpsServer({ cert: tls.cert, key: tls.key });
  plainServer = createHttpServer();
  base = `https://localhost:${await listen(server)}`;
  plainBase = `http://localhost:${await listen(plainServer)}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([once(server.close(), "close"), once(plainServer.close(), "close")]);
});

beforeEach(() => {
  seen.length = 0;
  handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
});

/** A request to `url`; it trusts the test CA unless `init` says otherwise (`tlsSettings: null` for none). */
function request(
  url: string,
  init: Omit<Partial<PipelineRequest>, "tlsSettings"> & { tlsSettings?: PipelineRequest["tlsSettings"] | null } = {},
): PipelineRequest {
  const { tlsSettings, ...rest } = init;
  const r = createPipelineRequest({ url, method: init.method ?? "GET" });
  Object.assign(r, rest);
  if (tlsSettings !== null) r.tlsSettings = tlsSettings ?? { ca: tls.caPem };
  return r;
}

function header(s: Seen, name: string): string | undefined {
  const i = s.headers.findIndex((h, k) => k % 2 === 0 && h.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : s.headers[i + 1];
}

describe("createNodeHttpClient: what it sends", () => {
  it("sends method, path, query, the caller's headers, a Host with the port and a Content-Length for a string body", async () => {
    const client = createNodeHttpClient();
    const headers = createHttpHeaders({ "x-custom": "one", Authorization: "Bearer t" });
    const body = JSON.stringify({ value: "é😀" });
    const response = await client.sendRequest(
      request(`${base}/secrets/a%2Fb/?api-version=2025-07-01&x=1`, { method: "PUT", headers, body }),
    );
    expect(response.status).toBe(200);
    expect(response.bodyAsText).toBe('{"ok":true}');
    const [s] = seen;
    expect(s!.method).toBe("PUT");
    expect(s!.url).toBe("/secrets/a%2Fb/?api-version=2025-07-01&x=1");
    expect(header(s!, "host")).toBe(base.slice("https://".length));
    // SNI: a shared front end (as Key Vault's are) picks the certificate by it.
    expect((s!.socket as TLSSocket).servername).toBe("localhost");
    expect(header(s!, "x-custom")).toBe("one");
    expect(header(s!, "authorization")).toBe("Bearer t");
    expect(header(s!, "content-length")).toBe(String(Buffer.byteLength(body)));
    expect(header(s!, "transfer-encoding")).toBeUndefined();
    expect(s!.body).toBe(body);
  });

  it("sends the caller's own Host header instead of its own, once", async () => {
    const headers = createHttpHeaders({ host: "vault.example" });
    await createNodeHttpClient().sendRequest(request(`${base}/x`, { headers }));
    expect(seen[0]!.headers.filter((h, k) => k % 2 === 0 && h.toLowerCase() === "host")).toHaveLength(1);
    expect(header(seen[0]!, "host")).toBe("vault.example");
  });

  it("frames a body-less POST with Content-Length: 0 and a GET with no length at all", async () => {
    const client = createNodeHttpClient();
    await client.sendRequest(request(`${base}/deletedsecrets/a/recover`, { method: "POST" }));
    await client.sendRequest(request(`${base}/secrets/a/`));
    expect(header(seen[0]!, "content-length")).toBe("0");
    expect(header(seen[0]!, "transfer-encoding")).toBeUndefined();
    expect(header(seen[1]!, "content-length")).toBeUndefined();
    expect(header(seen[1]!, "transfer-encoding")).toBeUndefined();
  });

  it("normalises a path with dot segments or unencoded characters as the URL parser does", async () => {
    const client = createNodeHttpClient();
    await client.sendRequest(request(`${base}/a/./b/../c d/%2e%2e/e?q=1 2`));
    expect(seen[0]!.url).toBe(new URL(`${base}/a/./b/../c d/%2e%2e/e?q=1 2`).pathname + "?q=1%202");
  });

  it("reuses one keep-alive connection for sequential requests", async () => {
    const client = createNodeHttpClient();
    const settings = { ca: tls.caPem };
    for (let i = 0; i < 5; i++) await client.sendRequest(request(`${base}/secrets/a/`, { tlsSettings: settings }));
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });

  it("sends through the request's own agent, with the headers it was given", async () => {
    const agent = new Agent({ ca: tls.caPem, keepAlive: true });
    let created = 0;
    const createConnection = agent.createConnection.bind(agent);
    agent.createConnection = ((...args: Parameters<typeof createConnection>) => {
      created++;
      return createConnection(...args);
    }) as typeof agent.createConnection;
    const client = createNodeHttpClient();
    const headers = createHttpHeaders({ "x-custom": "two" });
    await client.sendRequest(request(`${base}/x`, { agent, headers, tlsSettings: null }));
    expect(created).toBe(1);
    expect(header(seen[0]!, "x-custom")).toBe("two");
    expect(header(seen[0]!, "host")).toBe(base.slice("https://".length));
    agent.destroy();
  });

  it("sends plain http only when the request allows an insecure connection", async () => {
    const client = createNodeHttpClient();
    const response = await client.sendRequest(request(`${plainBase}/x`, { allowInsecureConnection: true }));
    expect(response.status).toBe(200);
    await expect(client.sendRequest(request(`${plainBase}/x`))).rejects.toThrow(/allowInsecureConnection/);
    expect(seen).toHaveLength(1);
  });
});

describe("createNodeHttpClient: what it returns", () => {
  it("returns lower-case header names, merging repeats as Node does", async () => {
    handler = (_req, res) => {
      res.writeHead(401, [
        ["Content-Type", "application/json"],
        ["Content-Type", "text/plain"],
        ["WWW-Authenticate", 'Bearer authorization="https://login/x", resource="https://vault.azure.net"'],
        ["WWW-Authenticate", "PoP nonce=1"],
        ["x-ms-request-id", "rid-1"],
      ] as unknown as Parameters<ServerResponse["writeHead"]>[1]);
      res.end("");
    };
    const response = await createNodeHttpClient().sendRequest(request(`${base}/x`));
    expect(response.status).toBe(401);
    expect(response.headers.get("CONTENT-TYPE")).toBe("application/json");
    expect(response.headers.get("www-authenticate")).toBe(
      'Bearer authorization="https://login/x", resource="https://vault.azure.net", PoP nonce=1',
    );
    expect(response.headers.has("X-MS-Request-Id")).toBe(true);
    expect(response.headers.get("retry-after")).toBeUndefined();
    const names = [...response.headers].map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(["content-type", "www-authenticate", "x-ms-request-id"]));
    expect(names.every((n) => n === n.toLowerCase())).toBe(true);
    response.headers.set("X-Added", "v");
    response.headers.delete("x-ms-request-id");
    expect(response.headers.toJSON()).toMatchObject({ "x-added": "v", "content-type": "application/json" });
    expect(response.headers.has("x-ms-request-id")).toBe(false);
  });

  it("joins a body split across many chunks, multi-byte characters included", async () => {
    const text = JSON.stringify({ value: "é😀".repeat(50_000) });
    handler = (_req, res) => {
      const bytes = Buffer.from(text);
      res.writeHead(200, { "content-length": bytes.length });
      // Split inside a multi-byte sequence on purpose.
      for (let i = 0; i < bytes.length; i += 7001) res.write(bytes.subarray(i, i + 7001));
      res.end();
    };
    const response = await createNodeHttpClient().sendRequest(request(`${base}/x`));
    expect(response.bodyAsText).toBe(text);
  });

  for (const [encoding, compress] of [
    ["gzip", gzipSync],
    ["deflate", deflateSync],
  ] as const) {
    it(`decodes a ${encoding} body when the request accepted it, and leaves it alone otherwise`, async () => {
      handler = (req, res) => {
        const accepted = req.headers["accept-encoding"] ?? "";
        if (!accepted.includes(encoding)) return void res.writeHead(200).end("plain");
        res.writeHead(200, { "content-encoding": encoding }).end(compress(Buffer.from('{"value":"zipped"}')));
      };
      const client = createNodeHttpClient();
      const headers = createHttpHeaders({ "Accept-Encoding": "gzip,deflate" });
      expect((await client.sendRequest(request(`${base}/x`, { headers }))).bodyAsText).toBe('{"value":"zipped"}');
      expect((await client.sendRequest(request(`${base}/x`))).bodyAsText).toBe("plain");
    });
  }

  it("reports a corrupt compressed body as a PARSE_ERROR", async () => {
    handler = (_req, res) => res.writeHead(200, { "content-encoding": "gzip" }).end("not gzip");
    const headers = createHttpHeaders({ "Accept-Encoding": "gzip" });
    const error = await createNodeHttpClient()
      .sendRequest(request(`${base}/x`, { headers }))
      .catch((e: unknown) => e);
    expect(isRestError(error) && error.code).toBe("PARSE_ERROR");
  });
});

describe("createNodeHttpClient: failures keep core's error shapes", () => {
  it("rejects with AbortError when the signal is already aborted, sending nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await createNodeHttpClient()
      .sendRequest(request(`${base}/x`, { abortSignal: controller.signal }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(seen).toHaveLength(0);
  });

  it("aborts a request in flight: AbortError, the connection is closed and the listener removed", async () => {
    let closed = false;
    handler = (_req, res) => res.socket!.once("close", () => (closed = true));
    const controller = new AbortController();
    const pending = createNodeHttpClient().sendRequest(request(`${base}/slow`, { abortSignal: controller.signal }));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    await vi.waitFor(() => expect(closed).toBe(true));
  });

  it("times out with AbortError after `timeout` ms", async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await createNodeHttpClient()
      .sendRequest(request(`${base}/hang`, { timeout: 150 }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("removes its abort listener once the response is read", async () => {
    const signal = new AbortController().signal;
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const spy = {
      get aborted() {
        return signal.aborted;
      },
      addEventListener: (_type: string, fn: unknown) => added.push(fn),
      removeEventListener: (_type: string, fn: unknown) => removed.push(fn),
    };
    await createNodeHttpClient().sendRequest(request(`${base}/x`, { abortSignal: spy as unknown as AbortSignal }));
    expect(added).toHaveLength(1);
    expect(removed).toEqual(added);
  });

  it("rejects with a RestError carrying the system code when nothing listens", async () => {
    const probe = createHttpServer();
    const port = await new Promise<number>((r) =>
      probe.listen(0, "127.0.0.1", () => r((probe.address() as AddressInfo).port)),
    );
    await once(probe.close(), "close");
    const url = `https://127.0.0.1:${port}/x`;
    const error = await createNodeHttpClient()
      .sendRequest(request(url))
      .catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect((error as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("rejects an untrusted certificate with a RestError and its TLS code", async () => {
    const error = await createNodeHttpClient()
      .sendRequest(request(`${base}/x`, { tlsSettings: {} }))
      .catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect((error as { code?: string }).code).toMatch(/CERT|SIGNATURE|ISSUER/);
    expect(seen).toHaveLength(0);
  });

  it("reports a body cut short by the server as PARSE_ERROR, not as a send error", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": 1000 });
      res.write('{"value":"par');
      setTimeout(() => res.socket!.destroy(), 20);
    };
    const error = await createNodeHttpClient()
      .sendRequest(request(`${base}/x`))
      .catch((e: unknown) => e);
    expect(isRestError(error) && error.code).toBe("PARSE_ERROR");
  });
});

describe("createNodeHttpClient: requests it hands to core's client", () => {
  it("streams a response when the request asks for it", async () => {
    const response = await createNodeHttpClient().sendRequest(
      request(`${base}/x`, { streamResponseStatusCodes: new Set([200]) }),
    );
    expect(response.bodyAsText).toBeUndefined();
    const chunks: Buffer[] = [];
    for await (const chunk of response.readableStreamBody!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('{"ok":true}');
  });

  it("reports progress and sends stream bodies", async () => {
    const progress: number[] = [];
    const response = await createNodeHttpClient().sendRequest(
      request(`${base}/upload`, {
        method: "PUT",
        body: () => Readable.from([Buffer.from("streamed "), Buffer.from("body")]),
        onDownloadProgress: (p) => progress.push(p.loadedBytes),
      }),
    );
    expect(response.status).toBe(200);
    expect(seen[0]!.body).toBe("streamed body");
    expect(progress.at(-1)).toBe('{"ok":true}'.length);
  });
});
