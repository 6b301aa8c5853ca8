import { LIMITS } from "./constants.js";
import type { Exchange } from "./exchange.js";
import { kvErrors } from "./kvError.js";
import type { ListPage } from "./wireTypes.js";

/** Paging parameters of a list request. */
export interface PageRequest {
  readonly maxResults: number;
  /** Whether the client sent `maxresults` (then nextLinks echo it). */
  readonly explicit: boolean;
  /** The sort key after which this page starts. */
  readonly after: string | undefined;
  readonly apiVersion: string;
}

/** Reads `maxresults` (1..25, default 25) and the opaque `$skiptoken`. */
export function parsePageRequest(query: URLSearchParams, apiVersion: string): PageRequest {
  const raw = query.get("maxresults");
  let maxResults: number = LIMITS.maxResults;
  if (raw !== null) {
    maxResults = Number(raw);
    if (!/^\d+$/.test(raw) || maxResults < 1 || maxResults > LIMITS.maxResults) {
      throw kvErrors.badParameter(
        `The value of parameter maxresults must be an integer between 1 and ${LIMITS.maxResults}.`,
      );
    }
  }
  const token = query.get("$skiptoken");
  let after: string | undefined;
  if (token !== null) {
    try {
      const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { NextMarker?: unknown };
      if (typeof parsed.NextMarker !== "string") throw new Error("no marker");
      after = parsed.NextMarker;
    } catch {
      throw kvErrors.badParameter("The $skiptoken parameter is not valid.");
    }
  }
  return { maxResults, explicit: raw !== null, after, apiVersion };
}

/**
 * Cuts one page from items sorted by `key`. The nextLink is absolute with an explicit port, carries an
 * opaque `$skiptoken` and echoes `api-version` and `maxresults`; the last page has `nextLink: null`.
 * With `shortPages`, a page holds at most half of `maxresults` (rounded up), as the service sometimes does.
 */
export function cutPage<T, W>(
  ex: Exchange,
  items: readonly T[],
  key: (item: T) => string,
  map: (item: T) => W,
  page: PageRequest,
  shortPages: boolean,
): ListPage<W> {
  let start = 0;
  if (page.after !== undefined) {
    const after = page.after;
    while (start < items.length && key(items[start] as T) <= after) start++;
  }
  const size = shortPages ? Math.ceil(page.maxResults / 2) : page.maxResults;
  const slice = items.slice(start, start + size);
  const last = slice[slice.length - 1];
  let nextLink: string | null = null;
  if (start + size < items.length && last !== undefined) {
    const token = Buffer.from(JSON.stringify({ NextMarker: key(last), TargetLocation: 0 })).toString("base64url");
    const max = page.explicit ? `&maxresults=${page.maxResults}` : "";
    nextLink = `${ex.linkOrigin}${ex.path}?api-version=${encodeURIComponent(page.apiVersion)}&$skiptoken=${token}${max}`;
  }
  return { value: slice.map(map), nextLink };
}
