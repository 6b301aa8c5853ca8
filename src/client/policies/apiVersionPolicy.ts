import type { PipelinePolicy } from "@azure/core-rest-pipeline";

/** The name of {@link apiVersionPolicy}. */
export const apiVersionPolicyName = "apiVersionPolicy";

/**
 * Sets `api-version` to the client's service version on every request, nextLinks and continuation
 * tokens included (Python behaviour): an existing value is replaced, a percent-encoded `api%2Dversion`
 * is dropped, and every other query parameter is kept byte for byte.
 */
export function apiVersionPolicy(apiVersion: string): PipelinePolicy {
  const pair = `api-version=${encodeURIComponent(apiVersion)}`;
  return {
    name: apiVersionPolicyName,
    sendRequest(request, next) {
      request.url = withApiVersion(request.url, pair);
      return next(request);
    },
  };
}

/** Returns `url` with exactly one `api-version` parameter, equal to `pair`. */
export function withApiVersion(url: string, pair: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart === -1) return `${url}?${pair}`;
  const query = url.slice(queryStart + 1);
  // Fast path: the request was built by this client.
  if (query === pair) return url;
  const kept: string[] = [];
  let placed = false;
  for (const param of query.split("&")) {
    const name = param.split("=", 1)[0] ?? "";
    if (isApiVersionName(name)) {
      if (!placed) kept.push(pair);
      placed = true;
    } else if (param !== "") {
      kept.push(param);
    }
  }
  if (!placed) kept.push(pair);
  return `${url.slice(0, queryStart)}?${kept.join("&")}`;
}

function isApiVersionName(name: string): boolean {
  if (name === "api-version") return true;
  if (!name.includes("%")) return false;
  try {
    return decodeURIComponent(name) === "api-version";
  } catch {
    return false;
  }
}
