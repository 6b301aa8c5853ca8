import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import type { RecordedEntry } from "./recordings.js";

/** What the client sent, as the replay saw it. */
export interface SentRequest {
  method: string;
  url: string;
  authorized: boolean;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * An HttpClient that answers with recorded exchanges, in order. Every request must be the next recorded
 * one (method and URL, with `apiVersion` standing for the recorded api-version when given); anything
 * else fails the test with a message naming both.
 */
export class ReplayHttpClient implements HttpClient {
  readonly sent: SentRequest[] = [];
  readonly #entries: RecordedEntry[];
  readonly #apiVersion: { recorded: string; ours: string } | undefined;

  constructor(entries: RecordedEntry[], apiVersion?: { recorded: string; ours: string }) {
    this.#entries = [...entries];
    this.#apiVersion = apiVersion;
  }

  get remaining(): number {
    return this.#entries.length;
  }

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    const entry = this.#entries.shift();
    const body = typeof request.body === "string" ? JSON.parse(request.body) : (request.body ?? null);
    this.sent.push({
      method: request.method,
      url: request.url,
      authorized: request.headers.has("authorization"),
      body,
      headers: request.headers.toJSON(),
    });
    const expectedUri = this.#apiVersion
      ? entry?.uri.replace(`api-version=${this.#apiVersion.recorded}`, `api-version=${this.#apiVersion.ours}`)
      : entry?.uri;
    // Compared as WHATWG URLs: the recorder stored the nextLink request without the link's explicit :443.
    if (!entry || entry.method !== request.method || new URL(expectedUri ?? "").href !== new URL(request.url).href) {
      throw new Error(
        `Unexpected request ${request.method} ${request.url}; the recording expects ${entry ? `${entry.method} ${expectedUri}` : "nothing"}`,
      );
    }
    return {
      request,
      status: entry.status,
      headers: createHttpHeaders(entry.responseHeaders),
      bodyAsText: entry.responseText,
    };
  }
}
