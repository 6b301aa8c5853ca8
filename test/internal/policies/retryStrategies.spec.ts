import { AbortError } from "@azure/abort-controller";
import {
  createHttpHeaders,
  RestError,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from "@azure/core-rest-pipeline";
import { describe, expect, it, vi } from "vitest";
import {
  exponentialStrategy,
  getRetryAfterInMs,
  isRetriableNetworkError,
  secretsRetryPolicy,
  secretsRetryPolicyName,
  throttlingStrategy,
} from "../../../src/client/policies/retryStrategies.js";
import { BODY, makeRequest } from "./fakes.js";

const NOW = Date.parse("2026-10-21T07:28:00Z");

function response(status: number, headers: Record<string, string> = {}): PipelineResponse {
  return { request: makeRequest(), status, headers: createHttpHeaders(headers) };
}

function networkError(code: string): RestError {
  return new RestError("connect failed", { code });
}

/** A fake next that answers with `statuses` in turn (a string throws that network error) and records bodies. */
function sequence(...outcomes: (number | string | Error)[]): {
  next: ReturnType<typeof vi.fn<SendRequest>>;
  bodies: unknown[];
} {
  const bodies: unknown[] = [];
  const next = vi.fn<SendRequest>(async (request: PipelineRequest) => {
    bodies.push(request.body);
    const outcome = outcomes[Math.min(bodies.length - 1, outcomes.length - 1)];
    if (outcome instanceof Error) throw outcome;
    if (typeof outcome === "string") throw networkError(outcome);
    return { request, status: outcome ?? 200, headers: createHttpHeaders() };
  });
  return { next, bodies };
}

describe("getRetryAfterInMs", () => {
  const now = (): number => NOW;

  it.each([
    [{ "retry-after-ms": "1500" }, 1500],
    [{ "x-ms-retry-after-ms": "1500" }, 1500],
    [{ "Retry-After": "1" }, 1000],
    [{ "Retry-After": "0" }, 0],
    [{ "Retry-After": "Wed, 21 Oct 2026 07:28:02 GMT" }, 2000],
    [{ "Retry-After": "Wed, 21 Oct 2026 07:27:00 GMT" }, 0], // in the past: floored at 0
    [{ "retry-after-ms": "10", "x-ms-retry-after-ms": "20", "Retry-After": "30" }, 10],
    [{ "x-ms-retry-after-ms": "20", "Retry-After": "30" }, 20],
    [{ "retry-after-ms": "soon", "x-ms-retry-after-ms": "20" }, 20], // unparseable counts as absent
    [{ "retry-after-ms": "-5", "Retry-After": "2" }, 2000],
  ])("reads %j as %d ms", (headers, expected) => {
    expect(getRetryAfterInMs(response(429, headers), now)).toBe(expected);
    expect(getRetryAfterInMs(response(503, headers), now)).toBe(expected);
  });

  it.each([[{}], [{ "Retry-After": "later" }], [{ "retry-after-ms": "" }]])("returns undefined for %j", (headers) => {
    expect(getRetryAfterInMs(response(429, headers), now)).toBeUndefined();
  });

  it("ignores retry headers on statuses other than 429 and 503", () => {
    expect(getRetryAfterInMs(response(500, { "retry-after-ms": "10" }), now)).toBeUndefined();
    expect(getRetryAfterInMs(undefined, now)).toBeUndefined();
  });
});

describe("exponentialStrategy", () => {
  const retry = (state: Parameters<ReturnType<typeof exponentialStrategy>["retry"]>[0], random = 0.5) =>
    exponentialStrategy({}, () => random).retry(state);

  it.each([408, 429, 500, 502, 503, 504, 507, 599])("retries status %d", (status) => {
    expect(retry({ retryCount: 0, response: response(status) }).retryAfterInMs).toBeGreaterThan(0);
  });

  it.each([400, 401, 403, 404, 409, 501, 505, 200, 204])("does not retry status %d", (status) => {
    expect(retry({ retryCount: 0, response: response(status) })).toEqual({ skipStrategy: true });
  });

  it.each(["ETIMEDOUT", "ESOCKETTIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENOENT", "ENOTFOUND"])(
    "retries the network error %s",
    (code) => {
      expect(retry({ retryCount: 0, responseError: networkError(code) }).retryAfterInMs).toBeGreaterThan(0);
    },
  );

  it("retries a REQUEST_SEND_ERROR caused by a listed network error, not a bare one", () => {
    const wrapped = Object.assign(networkError("REQUEST_SEND_ERROR"), { cause: { code: "ECONNRESET" } });
    expect(isRetriableNetworkError(wrapped)).toBe(true);
    expect(isRetriableNetworkError(networkError("REQUEST_SEND_ERROR"))).toBe(false);
    expect(isRetriableNetworkError(networkError("EPIPE"))).toBe(false);
    expect(isRetriableNetworkError(new AbortError("aborted"))).toBe(false);
  });

  it("computes min(max, base × 2^attempt) × a jitter between 0.5 and 1", () => {
    const strategy = (random: number) =>
      exponentialStrategy({ retryDelayInMs: 100, maxRetryDelayInMs: 1000 }, () => random);
    const delay = (retryCount: number, random: number) =>
      strategy(random).retry({ retryCount, response: response(500) }).retryAfterInMs;
    expect([0, 1, 2, 3, 4, 10].map((n) => delay(n, 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(delay(2, 0.999999)).toBeCloseTo(400, 2);
    expect(delay(2, 0.5)).toBe(300);
  });

  it("uses 1000 ms base and 64000 ms cap by default", () => {
    expect(retry({ retryCount: 0, response: response(500) }, 0).retryAfterInMs).toBe(500);
    expect(retry({ retryCount: 20, response: response(500) }, 0).retryAfterInMs).toBe(32_000);
  });
});

describe("throttlingStrategy", () => {
  it("retries after exactly the header's delay and skips otherwise", () => {
    const strategy = throttlingStrategy(() => NOW);
    expect(strategy.retry({ retryCount: 0, response: response(429, { "retry-after-ms": "1500" }) })).toEqual({
      retryAfterInMs: 1500,
    });
    expect(strategy.retry({ retryCount: 0, response: response(429) })).toEqual({ skipStrategy: true });
  });
});

describe("secretsRetryPolicy", () => {
  const fast = { retryDelayInMs: 1, maxRetryDelayInMs: 2 };

  it("is named secretsRetryPolicy", () => {
    expect(secretsRetryPolicy().name).toBe(secretsRetryPolicyName);
  });

  it("retries a 429 without any retry header (SPEC §7 item 4)", async () => {
    const { next } = sequence(429, 200);
    expect((await secretsRetryPolicy(fast).sendRequest(makeRequest(), next)).status).toBe(200);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it("waits the retry-after-ms delay before retrying", async () => {
    const { next } = sequence(503, 200);
    next.mockImplementationOnce(async (request) => ({
      request,
      status: 503,
      headers: createHttpHeaders({ "retry-after-ms": "60" }),
    }));
    const started = performance.now();
    await secretsRetryPolicy({ ...fast, retryDelayInMs: 10_000 }).sendRequest(makeRequest(), next);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(elapsed).toBeLessThan(5000);
  });

  it("makes maxRetries + 1 attempts, 4 by default, then returns the last response", async () => {
    const { next } = sequence(500);
    expect((await secretsRetryPolicy(fast).sendRequest(makeRequest(), next)).status).toBe(500);
    expect(next).toHaveBeenCalledTimes(4);
    const second = sequence(500);
    await secretsRetryPolicy({ ...fast, maxRetries: 0 }).sendRequest(makeRequest(), second.next);
    expect(second.next).toHaveBeenCalledTimes(1);
  });

  it.each([401, 400, 404, 501, 505])("returns %d without retrying", async (status) => {
    const { next } = sequence(status, 200);
    expect((await secretsRetryPolicy(fast).sendRequest(makeRequest(), next)).status).toBe(status);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("retries ECONNRESET and then succeeds", async () => {
    const { next } = sequence("ECONNRESET", 200);
    expect((await secretsRetryPolicy(fast).sendRequest(makeRequest(), next)).status).toBe(200);
  });

  it("throws a non-retriable transport error unchanged after one attempt", async () => {
    const failure = networkError("EPIPE");
    const { next } = sequence(failure, 200);
    await expect(secretsRetryPolicy(fast).sendRequest(makeRequest(), next)).rejects.toBe(failure);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("does not retry an AbortError", async () => {
    const failure = new AbortError("The operation was aborted.");
    const { next } = sequence(failure, 200);
    await expect(secretsRetryPolicy(fast).sendRequest(makeRequest(), next)).rejects.toBe(failure);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("interrupts the backoff sleep when the request is aborted", async () => {
    const controller = new AbortController();
    const { next } = sequence(503, 200);
    next.mockImplementationOnce(async (request) => ({
      request,
      status: 503,
      headers: createHttpHeaders({ "retry-after-ms": "60000" }),
    }));
    const started = performance.now();
    const pending = secretsRetryPolicy().sendRequest(makeRequest({ abortSignal: controller.signal }), next);
    setTimeout(() => controller.abort(), 20);
    // core raises its own AbortError class, so match the name
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("re-sends the full original body on every attempt, even if a later policy dropped it", async () => {
    const { next, bodies } = sequence(503, 500, 200);
    const dropping = vi.fn<SendRequest>(async (request) => {
      const result = await next(request);
      delete request.body; // a misbehaving inner policy
      return result;
    });
    await secretsRetryPolicy(fast).sendRequest(makeRequest(), dropping);
    expect(bodies).toEqual([BODY, BODY, BODY]);
  });
});
