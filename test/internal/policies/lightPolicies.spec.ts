import {
  createHttpHeaders,
  createPipelineRequest,
  decompressResponsePolicy,
  logPolicy,
  setClientRequestIdPolicy,
  tracingPolicy,
  userAgentPolicy,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from "@azure/core-rest-pipeline";
import type { OperationOptions } from "../../../src/client/options.js";
import type { Debugger } from "@azure/logger";
import { describe, expect, it, vi } from "vitest";
import {
  acceptEncodingPolicy,
  cachedHeaderPolicy,
  clientRequestIdPolicy,
} from "../../../src/client/policies/lightPolicies.js";
import { enabledLogPolicy, recordedTracingPolicy } from "../../../src/client/policies/observabilityPolicies.js";
import { tracingClient } from "../../../src/client/tracing.js";

const URL = "https://myvault.vault.azure.net/secrets/s/?api-version=2025-07-01";

function request(init: Partial<Parameters<typeof createPipelineRequest>[0]> = {}): PipelineRequest {
  const req = createPipelineRequest({ url: URL, ...init });
  // Set as sendOperation sets it: createPipelineRequest does not copy tracingOptions.
  if (init.tracingOptions) req.tracingOptions = init.tracingOptions;
  return req;
}

const answer: SendRequest = async (req) => ({ request: req, status: 200, headers: createHttpHeaders() });

/** The headers a policy leaves on a request. */
async function headersAfter(policy: PipelinePolicy, req: PipelineRequest): Promise<Record<string, string>> {
  const response: PipelineResponse = await policy.sendRequest(req, answer);
  return response.request.headers.toJSON();
}

describe("lightPolicies", () => {
  it("set exactly the headers of the core policies they stand for", async () => {
    for (const method of ["GET", "HEAD"] as const) {
      const id = "00000000-0000-0000-0000-000000000001";
      expect(await headersAfter(acceptEncodingPolicy(), request({ method, requestId: id }))).toEqual(
        await headersAfter(decompressResponsePolicy(), request({ method, requestId: id })),
      );
      expect(await headersAfter(clientRequestIdPolicy("x-custom-id"), request({ requestId: id }))).toEqual(
        await headersAfter(setClientRequestIdPolicy("x-custom-id"), request({ requestId: id })),
      );
    }
    const preset = createHttpHeaders({ "x-ms-client-request-id": "mine" });
    expect(await headersAfter(clientRequestIdPolicy(), request({ headers: preset }))).toEqual({
      "x-ms-client-request-id": "mine",
    });
  });

  it("learns core's User-Agent once, then sets it without waiting unless the request has one", async () => {
    const core = userAgentPolicy({ userAgentPrefix: "app/1" });
    const expected = (await headersAfter(core, request()))["user-agent"];
    const cached = cachedHeaderPolicy(userAgentPolicy({ userAgentPrefix: "app/1" }), "User-Agent", request);
    expect((await headersAfter(cached, request()))["user-agent"]).toBe(expected);
    const next = vi.fn(answer);
    void cached.sendRequest(request(), next);
    expect(next).toHaveBeenCalledTimes(1); // synchronously: the value is known
    expect(next.mock.calls[0]?.[0].headers.get("user-agent")).toBe(expected);
    const own = request({ headers: createHttpHeaders({ "User-Agent": "custom" }) });
    expect((await headersAfter(cached, own))["user-agent"]).toBe("custom");
  });
});

describe("observabilityPolicies", () => {
  it("enters the log policy only while its logger is enabled", async () => {
    const lines: string[] = [];
    const logger = Object.assign((line: string) => void lines.push(line), { enabled: false }) as unknown as Debugger;
    const policy = enabledLogPolicy(logPolicy({ logger }), logger);
    await policy.sendRequest(request(), answer);
    expect(lines).toEqual([]);
    logger.enabled = true;
    await policy.sendRequest(request(), answer);
    expect(lines.map((line) => line.split(":")[0])).toEqual(["Request", "Response status code", "Headers"]);
  });

  it("skips the request span only for requests of an operation whose span does not record", async () => {
    const inner = { name: "tracingPolicy", sendRequest: vi.fn(tracingPolicy().sendRequest) };
    const policy = recordedTracingPolicy(inner);
    await tracingClient.withSpan("SecretClient.getSecret", {} as OperationOptions, async (options) => {
      await policy.sendRequest(request({ tracingOptions: options.tracingOptions ?? {} }), answer);
    });
    expect(inner.sendRequest).not.toHaveBeenCalled(); // no instrumenter: the operation span does not record
    await policy.sendRequest(request({ tracingOptions: {} }), answer);
    await policy.sendRequest(request(), answer);
    expect(inner.sendRequest).toHaveBeenCalledTimes(2);
  });
});
