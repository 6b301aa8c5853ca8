import type { HttpClient, PipelinePolicy, PipelineRequest } from "@azure/core-rest-pipeline";

/**
 * Synchronous equivalents of core-rest-pipeline's one-line policies: the same names and the same effect on the
 * request, without an `async` frame and its promise per request and policy (SPEC §6.1 order is unchanged).
 */

type Agent = NonNullable<PipelineRequest["agent"]>;
type TlsSettings = NonNullable<PipelineRequest["tlsSettings"]>;

/** Like core's `agentPolicy`: requests without an agent get this one. */
export function agentSettingPolicy(agent: Agent): PipelinePolicy {
  return {
    name: "agentPolicy",
    sendRequest(request, next) {
      if (!request.agent) request.agent = agent;
      return next(request);
    },
  };
}

/** Like core's `tlsPolicy`: requests without TLS settings get these. */
export function tlsSettingPolicy(tlsSettings: TlsSettings): PipelinePolicy {
  return {
    name: "tlsPolicy",
    sendRequest(request, next) {
      if (!request.tlsSettings) request.tlsSettings = tlsSettings;
      return next(request);
    },
  };
}

/** Like core's `decompressResponsePolicy`: asks for gzip or deflate, which the Node HttpClient then decodes. */
export function acceptEncodingPolicy(): PipelinePolicy {
  return {
    name: "decompressResponsePolicy",
    sendRequest(request, next) {
      if (request.method !== "HEAD") request.headers.set("Accept-Encoding", "gzip,deflate");
      return next(request);
    },
  };
}

/** Like core's `setClientRequestIdPolicy`: the request's id, unless the caller set the header. */
export function clientRequestIdPolicy(headerName = "x-ms-client-request-id"): PipelinePolicy {
  return {
    name: "setClientRequestIdPolicy",
    sendRequest(request, next) {
      if (!request.headers.has(headerName)) request.headers.set(headerName, request.requestId);
      return next(request);
    },
  };
}

/** What {@link cachedHeaderPolicy} learns from the policy it wraps. */
type Probe = Pick<HttpClient, "sendRequest">;

/**
 * Runs `inner` (a policy that sets `headerName` to a value it computes once, asynchronously, such as core's
 * `userAgentPolicy`) until that value is known, then sets the same value synchronously when the header is absent.
 *
 * @param inner - the policy whose header value is cached
 * @param headerName - the header it sets
 * @param probe - builds the request the value is learnt from
 */
export function cachedHeaderPolicy(
  inner: PipelinePolicy,
  headerName: string,
  probe: () => PipelineRequest,
): PipelinePolicy {
  let value: string | undefined;
  const learn: Probe = {
    sendRequest(request) {
      value = request.headers.get(headerName);
      return Promise.resolve({ request, status: 200, headers: request.headers });
    },
  };
  void inner.sendRequest(probe(), (request) => learn.sendRequest(request)).catch(() => undefined);
  return {
    name: inner.name,
    sendRequest(request, next) {
      if (value === undefined) return inner.sendRequest(request, next);
      if (!request.headers.has(headerName)) request.headers.set(headerName, value);
      return next(request);
    },
  };
}
