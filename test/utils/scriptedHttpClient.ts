import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import { SecretClient } from "../../src/index.js";
import { FakeCredential } from "./fakeCredential.js";

/** A request as the scripted vault saw it. */
export interface ScriptedRequest {
  method: string;
  url: URL;
  /** `METHOD /path` without the query, for compact assertions. */
  route: string;
  body: unknown;
  headers: Record<string, string>;
}

/** A scripted answer. */
export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const CHALLENGE =
  'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"';

/**
 * An in-memory vault for white-box tests (no sockets): answers the challenge like Key Vault, then hands
 * every authorised request to `handler`. Records what it saw.
 */
export class ScriptedHttpClient implements HttpClient {
  readonly requests: ScriptedRequest[] = [];
  constructor(readonly handler: (request: ScriptedRequest) => ScriptedResponse | Promise<ScriptedResponse>) {}

  /** The authorised requests only, as `METHOD /path`. */
  get routes(): string[] {
    return this.requests.filter((r) => r.headers.authorization).map((r) => r.route);
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    if (request.abortSignal?.aborted) {
      const error = new Error("The operation was aborted.");
      error.name = "AbortError";
      throw error;
    }
    const url = new URL(request.url);
    const seen: ScriptedRequest = {
      method: request.method,
      url,
      route: `${request.method} ${url.pathname}`,
      body: typeof request.body === "string" ? JSON.parse(request.body) : request.body,
      headers: request.headers.toJSON(),
    };
    this.requests.push(seen);
    const answer: ScriptedResponse = request.headers.has("authorization")
      ? await this.handler(seen)
      : {
          status: 401,
          headers: { "www-authenticate": CHALLENGE },
          body: { error: { code: "Unauthorized", message: "AKV10000" } },
        };
    return {
      request,
      status: answer.status,
      headers: createHttpHeaders(answer.headers),
      bodyAsText:
        answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body),
    };
  }
}

/** A minimal secret bundle for `name` (and `version`). */
export function bundle(
  name: string,
  version = "0123456789abcdef0123456789abcdef",
  extra: Record<string, unknown> = {},
) {
  return {
    id: `https://myvault.vault.azure.net/secrets/${name}/${version}`,
    attributes: { enabled: true, created: 1774470963, updated: 1774470963, recoveryLevel: "Recoverable+Purgeable" },
    ...extra,
  };
}

/** A deleted secret bundle for `name`. */
export function deletedBundle(name: string) {
  return {
    ...bundle(name),
    recoveryId: `https://myvault.vault.azure.net/deletedsecrets/${name}`,
    deletedDate: 1774470964,
    scheduledPurgeDate: 1782246964,
  };
}

/** A Key Vault error body. */
export function kvError(status: number, code: string, message = code): ScriptedResponse {
  return { status, body: { error: { code, message } } };
}

/**
 * A client on a scripted vault that answers each `METHOD /path` from a queue: the last answer of a
 * queue repeats; a route without answers fails the test.
 */
export function scriptedClient(answers: Record<string, ScriptedResponse[]>): {
  http: ScriptedHttpClient;
  client: SecretClient;
} {
  const http = new ScriptedHttpClient((request) => {
    const queue = answers[request.route];
    const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (!answer) throw new Error(`no scripted answer for ${request.route}`);
    return answer;
  });
  const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential(), {
    httpClient: http,
    retryOptions: { maxRetries: 0 },
  });
  return { http, client };
}
