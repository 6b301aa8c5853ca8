import { Agent, request, type RequestOptions } from "node:https";
import { API_VERSION, FIXED_TOKEN, type ClientKind } from "./config.js";
import { createSdkClient, type SdkClient } from "./sdk.js";

/** The operations a scenario drives, the same for every client. */
export interface BenchClient {
  get(name: string): Promise<unknown>;
  set(name: string, value: string): Promise<unknown>;
  /** Lists every secret's properties item by item; resolves the count. */
  listItems(): Promise<number>;
  /** Lists every secret's properties page by page; resolves the count. */
  listPages(): Promise<number>;
}

function sdkBenchClient(client: SdkClient): BenchClient {
  return {
    get: (name) => client.getSecret(name),
    set: (name, value) => client.setSecret(name, value),
    async listItems() {
      let count = 0;
      for await (const _ of client.listPropertiesOfSecrets()) count++;
      return count;
    },
    async listPages() {
      let count = 0;
      for await (const page of client.listPropertiesOfSecrets().byPage()) count += page.length;
      return count;
    },
  };
}

interface RawResponse {
  status: number;
  body: unknown;
}

/** The floor: node:https with a keep-alive agent, a fixed bearer token and JSON.parse of the body. */
export function rawClient(url: string, ca: string, maxSockets: number): BenchClient {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets, ca });
  const authorization = `Bearer ${FIXED_TOKEN}`;

  function send(method: string, path: string, body?: string): Promise<RawResponse> {
    const headers: RequestOptions["headers"] = { authorization, accept: "application/json" };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = request({ hostname, port, path, method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  async function ok(method: string, path: string, body?: string): Promise<unknown> {
    const response = await send(method, path, body);
    if (response.status !== 200) throw new Error(`Unexpected status ${response.status} for ${method} ${path}`);
    return response.body;
  }

  async function listAll(): Promise<number> {
    let count = 0;
    let path: string | undefined = `/secrets?api-version=${API_VERSION}`;
    while (path) {
      const page = (await ok("GET", path)) as { value: unknown[]; nextLink?: string | null };
      count += page.value.length;
      path = page.nextLink ? new URL(page.nextLink).pathname + new URL(page.nextLink).search : undefined;
    }
    return count;
  }

  return {
    get: (name) => ok("GET", `/secrets/${encodeURIComponent(name)}/?api-version=${API_VERSION}`),
    set: (name, value) =>
      ok("PUT", `/secrets/${encodeURIComponent(name)}?api-version=${API_VERSION}`, JSON.stringify({ value })),
    listItems: listAll,
    listPages: listAll,
  };
}

/** Creates the client of `kind` against the emulator at `url`. */
export async function createBenchClient(
  kind: ClientKind,
  url: string,
  ca: string,
  oursEntryUrl: string,
  concurrency: number,
): Promise<BenchClient> {
  if (kind === "raw") return rawClient(url, ca, concurrency);
  return sdkBenchClient(await createSdkClient(kind, oursEntryUrl, url, ca));
}
