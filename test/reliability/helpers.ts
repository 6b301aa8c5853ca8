import type { HttpClient, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import { expect } from "vitest";
import type { SecretClientOptions } from "../../src/index.js";
import type { Emulator, RequestLogEntry } from "../../src/emulator/index.js";

/** Three retries (four attempts) with millisecond backoff: the retry policy's shape, without its waits. */
export const FAST_RETRY = {
  retryOptions: { maxRetries: 3, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
} satisfies SecretClientOptions;

/** What left the pipeline for the transport. */
export interface TappedRequest {
  method: string;
  url: string;
  /** The Authorization header, if any. */
  authorization: string | undefined;
  body: unknown;
}

/**
 * A transport that records every request the pipeline hands it, then delegates (to the emulator's
 * transport). `rewrite` may replace a response, to play a hostile or broken intermediary.
 */
export class TapHttpClient implements HttpClient {
  readonly sent: TappedRequest[] = [];
  rewrite: ((request: PipelineRequest, response: PipelineResponse) => PipelineResponse) | undefined;

  constructor(readonly inner: HttpClient) {}

  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    this.sent.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      body: request.body,
    });
    const response = await this.inner.sendRequest(request);
    return this.rewrite ? this.rewrite(request, response) : response;
  }
}

/** `METHOD /path` of each logged request, optionally only those matching `path`. */
export function routes(emu: Emulator, path?: RegExp): string[] {
  return emu.control
    .requests()
    .filter((r: RequestLogEntry) => path === undefined || path.test(r.path))
    .map((r) => `${r.method} ${r.path}`);
}

/** How many requests the emulator saw for `method` on exactly `path`. */
export function attempts(emu: Emulator, method: string, path: string): number {
  return emu.control.requests().filter((r) => r.method === method && r.path === path).length;
}

/** Awaits a promise expected to reject and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.unreachable("expected the promise to reject");
}
