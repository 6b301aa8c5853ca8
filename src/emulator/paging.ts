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

/** What a page is cut from: keys in ascending order and, per index, the item if it is visible now. */
export interface SortedSource<T> {
  readonly keys: readonly string[];
  /** The item at `index`, or undefined when it is hidden at this instant. */
  itemAt(index: number): T | undefined;
}

/** The index of the first of `sorted` that sorts after `after` (`sorted.length` when none does). */
export function indexAfter(sorted: readonly string[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cuts one page from a sorted source: the visible items after the `$skiptoken` key, found by binary search,
 * so a page costs its size plus the hidden items it steps over, not the whole listing. The nextLink is
 * absolute with an explicit port, carries an opaque `$skiptoken` and echoes `api-version` and `maxresults`;
 * the last page has `nextLink: null`. With `shortPages`, a page holds at most half of `maxresults`
 * (rounded up), as the service sometimes does.
 */
export function cutPage<T, W>(
  ex: Exchange,
  source: SortedSource<T>,
  map: (item: T) => W,
  page: PageRequest,
  shortPages: boolean,
): ListPage<W> {
  const keys = source.keys;
  const size = shortPages ? Math.ceil(page.maxResults / 2) : page.maxResults;
  const value: W[] = [];
  let lastKey: string | undefined;
  let i = page.after === undefined ? 0 : indexAfter(keys, page.after);
  for (; i < keys.length && value.length < size; i++) {
    const item = source.itemAt(i);
    if (item === undefined) continue;
    value.push(map(item));
    lastKey = keys[i];
  }
  let more = false;
  for (; i < keys.length && !more; i++) more = source.itemAt(i) !== undefined;
  let nextLink: string | null = null;
  if (more && lastKey !== undefined) {
    const token = Buffer.from(JSON.stringify({ NextMarker: lastKey, TargetLocation: 0 })).toString("base64url");
    const max = page.explicit ? `&maxresults=${page.maxResults}` : "";
    nextLink = `${ex.linkOrigin}${ex.path}?api-version=${encodeURIComponent(page.apiVersion)}&$skiptoken=${token}${max}`;
  }
  return { value, nextLink };
}
