import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { isUnrecordedRequest } from "../tracing.js";

/**
 * Core's `logPolicy`, entered only while its logger is enabled. When it is disabled, core's policy calls `next`
 * and nothing else, so skipping it changes no output; enabling logging at run time takes effect on the next request.
 *
 * @param inner - core's `logPolicy(options)`
 * @param log - the logger passed to it (`loggingOptions.logger` or the package logger's `info`)
 */
export function enabledLogPolicy(inner: PipelinePolicy, log: { enabled?: boolean }): PipelinePolicy {
  return {
    name: inner.name,
    sendRequest: (request, next) => (log.enabled ? inner.sendRequest(request, next) : next(request)),
  };
}

/**
 * Core's `tracingPolicy`, skipped for requests of an operation whose span does not record. That span is the parent
 * of the request's span, so the request's span would not record either, and core's policy would only end it: no
 * attributes, no `traceparent` header. With no instrumenter registered every span is such a span.
 *
 * @param inner - core's `tracingPolicy(options)`
 */
export function recordedTracingPolicy(inner: PipelinePolicy): PipelinePolicy {
  return {
    name: inner.name,
    sendRequest: (request, next) => (isUnrecordedRequest(request) ? next(request) : inner.sendRequest(request, next)),
  };
}
