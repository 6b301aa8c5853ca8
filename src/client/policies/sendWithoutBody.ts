import type { PipelineRequest, PipelineResponse, SendRequest } from "@azure/core-rest-pipeline";

/**
 * Sends a challenge-discovery request: the same method, path and query, but without `Authorization` and with the body
 * removed (`Content-Length: 0`), so no body is ever sent unauthenticated (SPEC §3.1 step 2). The request's own body
 * and `Content-Length` are put back in a `finally` block; nothing is copied to or shared with other requests.
 *
 * @param request - the caller's request, restored before this returns or throws
 * @param next - the rest of the pipeline
 */
export async function sendWithoutBody(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
  const body = request.body;
  const contentLength = request.headers.get("Content-Length");
  request.headers.delete("Authorization");
  // Without an explicit length Node would send a body-less PUT as chunked; 0 says "no body" plainly.
  request.headers.set("Content-Length", "0");
  (request as { body?: unknown }).body = undefined;
  try {
    return await next(request);
  } finally {
    if (body !== undefined) request.body = body;
    if (contentLength === undefined) request.headers.delete("Content-Length");
    else request.headers.set("Content-Length", contentLength);
  }
}
