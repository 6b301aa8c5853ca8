/**
 * A prototype `HttpClient` on node:https, for the benchmark only: it measures what replacing core's NodeHttpClient
 * would be worth. The client may not ship it as is (src/client loads no node: module, STYLE.md §2). It covers what
 * the client relies on: `tlsSettings` and `agent` (so proxyPolicy's agent works), keep-alive, abort and per-attempt
 * timeout as `AbortError`, gzip/deflate decoding, and network errors as `RestError` with the system error's code.
 */
import { Agent, request as httpsRequest, type RequestOptions } from "node:https";
import type { IncomingMessage } from "node:http";
import { createGunzip, createInflate } from "node:zlib";
import { AbortError } from "@azure/abort-controller";
import {
  createHttpHeaders,
  RestError,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";

export function createLeanHttpClient(): HttpClient {
  const defaultAgent = new Agent({ keepAlive: true });
  const tlsAgents = new WeakMap<object, Agent>();

  function agentFor(request: PipelineRequest): RequestOptions["agent"] {
    if (request.agent) return request.agent as RequestOptions["agent"];
    const tls = request.tlsSettings;
    if (!tls) return defaultAgent;
    let agent = tlsAgents.get(tls);
    if (!agent) tlsAgents.set(tls, (agent = new Agent({ keepAlive: true, ...tls })));
    return agent;
  }

  function readBody(res: IncomingMessage, decode: boolean): Promise<string> {
    const encoding = decode ? res.headers["content-encoding"] : undefined;
    const stream =
      encoding === "gzip" ? res.pipe(createGunzip()) : encoding === "deflate" ? res.pipe(createInflate()) : res;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      stream.on("error", reject);
      if (stream !== res) res.on("error", reject);
    });
  }

  return {
    sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const signal = request.abortSignal;
      if (signal?.aborted) return Promise.reject(new AbortError("The operation was aborted."));
      const url = new URL(request.url);
      const headers: Record<string, string> = request.headers.toJSON({ preserveCase: true });
      const body = request.body;
      if (body !== undefined && body !== null && typeof body !== "string") {
        return Promise.reject(new RestError("Unsupported body type", { request }));
      }
      if (typeof body === "string" && !request.headers.has("Content-Length")) {
        headers["Content-Length"] = String(Buffer.byteLength(body));
      }
      const acceptEncoding = request.headers.get("Accept-Encoding");
      const decode = acceptEncoding !== undefined && /gzip|deflate/.test(acceptEncoding);
      return new Promise<PipelineResponse>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const done = (): void => {
          if (timer !== undefined) clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
        };
        const fail = (error: Error): void => {
          done();
          reject(error);
        };
        const onAbort = (): void => {
          client.destroy();
          fail(new AbortError("The operation was aborted."));
        };
        const client = httpsRequest(
          {
            hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
            port: url.port,
            path: url.pathname + url.search,
            method: request.method,
            headers,
            agent: agentFor(request),
          },
          (res) => {
            readBody(res, decode).then((text) => {
              done();
              const responseHeaders = createHttpHeaders();
              for (const [name, value] of Object.entries(res.headers)) {
                if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
              }
              resolve({ request, status: res.statusCode ?? 0, headers: responseHeaders, bodyAsText: text });
            }, fail);
          },
        );
        client.on("error", (error: NodeJS.ErrnoException) =>
          fail(new RestError(error.message, { code: error.code ?? RestError.REQUEST_SEND_ERROR, request })),
        );
        signal?.addEventListener("abort", onAbort);
        if (request.timeout > 0) timer = setTimeout(onAbort, request.timeout);
        client.end(body ?? undefined);
      });
    },
  };
}
