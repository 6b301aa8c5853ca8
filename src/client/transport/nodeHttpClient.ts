import * as http from "node:http";
import * as https from "node:https";
import { AbortError } from "@azure/abort-controller";
import {
  createDefaultHttpClient,
  RestError,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
  type TlsSettings,
} from "@azure/core-rest-pipeline";
import { decodeBody } from "./decodeBody.js";
import { FastPaths, type FastPath } from "./fastPath.js";
import { ResponseHeaders } from "./responseHeaders.js";

const ABORTED = "The operation was aborted.";
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** Request headers as Node's flat `[name, value, name, value, …]` list (the `rawHeaders` format). */
type OutgoingHeaders = string[];

/**
 * The client's default `HttpClient` on Node: keep-alive `node:https`, with one agent per `tlsSettings` object.
 *
 * It sends the requests this client makes (string or empty bodies, buffered responses) itself and hands every other
 * request to core's default client unchanged (stream or binary bodies, progress callbacks, streamed responses,
 * `requestOverrides`, `Expect: 100-continue`, `disableKeepAlive`, plain `http:`), so every request core can send
 * still works. Errors keep core's shapes: `AbortError` for an abort or a `timeout`, `RestError` with the system
 * error's `code` (`ECONNRESET`, `ENOTFOUND`, …) for a failed send, `RestError` `PARSE_ERROR` for a body cut short.
 */
export function createNodeHttpClient(): HttpClient {
  let fallback: HttpClient | undefined;
  const defaultAgent = new https.Agent({ keepAlive: true });
  let plainAgent: http.Agent | undefined;
  const tlsAgents = new WeakMap<TlsSettings, https.Agent>();
  const fastPaths = new FastPaths();

  function agentFor(request: PipelineRequest, secure: boolean): http.Agent {
    if (request.agent) return request.agent as http.Agent;
    if (!secure) return (plainAgent ??= new http.Agent({ keepAlive: true }));
    const tls = request.tlsSettings;
    if (!tls) return defaultAgent;
    let agent = tlsAgents.get(tls);
    if (!agent) tlsAgents.set(tls, (agent = new https.Agent({ keepAlive: true, ...tls })));
    return agent;
  }

  return {
    sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const path = fastPaths.for(request);
      if (!path) return (fallback ??= createDefaultHttpClient()).sendRequest(request);
      return send(request, path, agentFor(request, path.secure));
    },
  };
}

function outgoingHeaders(request: PipelineRequest, path: FastPath): OutgoingHeaders {
  // Node adds no Host header to a list; it still validates every name and value, as `setHeader` would.
  const headers: OutgoingHeaders = request.headers.has("Host") ? [] : ["Host", path.host];
  for (const [name, value] of request.headers) headers.push(name, value);
  const length = contentLength(request);
  if (length !== undefined) headers.push("Content-Length", length);
  return headers;
}

/**
 * The Content-Length to add, if the request has none: without one Node would frame a listed-headers request as
 * chunked; core's client sends one.
 */
function contentLength(request: PipelineRequest): string | undefined {
  if (request.headers.has("Content-Length")) return undefined;
  const body = request.body as string | undefined | null;
  if (typeof body === "string") return String(Buffer.byteLength(body));
  return METHODS_WITH_BODY.has(request.method) ? "0" : undefined;
}

function send(request: PipelineRequest, path: FastPath, agent: http.Agent): Promise<PipelineResponse> {
  const signal = request.abortSignal;
  if (signal?.aborted) return Promise.reject(new AbortError(`${ABORTED} Request has already been canceled.`));
  const body = request.body as string | undefined | null;
  const options: https.RequestOptions = {
    hostname: path.hostname,
    port: path.port,
    path: path.path,
    method: request.method,
    agent,
  };
  if (request.agent) {
    // A caller's agent may rewrite the request (a proxy agent sets an absolute path and adds headers), which Node
    // supports only for headers set one by one, so it gets them as an object.
    const headers = request.headers.toJSON({ preserveCase: true });
    const length = contentLength(request);
    if (length !== undefined) headers["Content-Length"] = length;
    options.headers = headers;
  } else {
    options.headers = outgoingHeaders(request, path);
  }

  return new Promise<PipelineResponse>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      return true;
    };
    const fail = (error: Error): void => {
      if (settle()) reject(error);
    };
    const onAbort = (): void => {
      const error = new AbortError(`${ABORTED} Rejecting from abort signal callback while making request.`);
      fail(error);
      clientRequest.destroy(error);
    };
    let responded = false;
    const onResponse = (res: http.IncomingMessage): void => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const responseHeaders = new ResponseHeaders(res.rawHeaders);
        const response: PipelineResponse = { request, status: res.statusCode ?? 0, headers: responseHeaders };
        const encoding = path.decompress ? responseHeaders.get("content-encoding") : undefined;
        decodeBody(chunks, encoding).then(
          (text) => {
            response.bodyAsText = text;
            if (settle()) resolve(response);
          },
          (error: Error) => fail(readError(error)),
        );
      });
      // A connection lost mid-body destroys the response with an "aborted" error (ECONNRESET).
      res.on("error", (error: Error) => fail(readError(error)));
    };
    const clientRequest = (path.secure ? https : http).request(options, onResponse);
    clientRequest.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof AbortError) return;
      // Once the response has started, a socket error means its body was cut short, as core's client reports it.
      if (responded) fail(readError(error));
      else fail(new RestError(error.message, { code: error.code ?? RestError.REQUEST_SEND_ERROR, request }));
    });
    signal?.addEventListener("abort", onAbort);
    if (request.timeout > 0) timer = setTimeout(onAbort, request.timeout);
    clientRequest.end(body ?? undefined);
  });
}

function readError(error: Error): Error {
  if (error.name === "AbortError") return error;
  return new RestError(`Error reading response as text: ${error.message}`, { code: RestError.PARSE_ERROR });
}
