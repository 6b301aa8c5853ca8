import { sendAndRead, type SecretsContext } from "../http/sendOperation.js";
import type { OperationOptions } from "../options.js";
import { tracingClient } from "../tracing.js";
import { assertMaxPageSize } from "../validation.js";
import type { SecretListResult } from "../wire/types.js";
import type { PagedAsyncIterableIterator, PageSettings } from "./pagingTypes.js";

/** One listing: where it starts and how its items map. */
export interface PagedListing<TWire, TItem> {
  /** The encoded path of the first page (`/secrets`). */
  path: string;
  /** The tracing span name of every page request. */
  spanName: string;
  /** Maps one wire item. */
  mapItem: (item: TWire) => TItem;
  /** Checks run on the first `next()` (argument validation). */
  validate?: () => void;
}

/**
 * The one paging helper behind the three `list*` methods (SPEC §5): follows nextLinks until null,
 * applies every operation option to every page, exposes each page's nextLink as its
 * `continuationToken`, and never sends a request (or a token) to a nextLink on another origin.
 */
export function createPagedIterator<TWire, TItem>(
  context: SecretsContext,
  listing: PagedListing<TWire, TItem>,
  options: OperationOptions,
): PagedAsyncIterableIterator<TItem> {
  const byPage = (settings: PageSettings = {}): AsyncIterableIterator<TItem[]> =>
    listPages(context, listing, options, settings);
  const items = listItems(byPage());
  return {
    next: () => items.next(),
    [Symbol.asyncIterator]() {
      return this;
    },
    byPage,
  };
}

async function* listItems<TItem>(pages: AsyncIterableIterator<TItem[]>): AsyncIterableIterator<TItem> {
  for await (const page of pages) yield* page;
}

async function* listPages<TWire, TItem>(
  context: SecretsContext,
  listing: PagedListing<TWire, TItem>,
  options: OperationOptions,
  settings: PageSettings,
): AsyncIterableIterator<TItem[]> {
  listing.validate?.();
  let link: string | undefined = settings.continuationToken;
  let query: string | undefined;
  if (link === undefined) {
    assertMaxPageSize(settings.maxPageSize);
    if (settings.maxPageSize !== undefined) query = `maxresults=${settings.maxPageSize}`;
  }
  do {
    if (link !== undefined) assertSameOrigin(link, context.baseUrl);
    const path: string = link ?? listing.path;
    const page = await tracingClient.withSpan(listing.spanName, options, (spanOptions) =>
      sendAndRead(context, { method: "GET", path, query, expectedStatus: 200 }, spanOptions, (body) =>
        readPage(body, listing.mapItem),
      ),
    );
    link = page.continuationToken;
    query = undefined;
    yield page;
  } while (link !== undefined);
}

/** A page's items, mapped, with its nextLink as `continuationToken`; throws on a body that is not a page. */
function readPage<TWire, TItem>(
  body: unknown,
  mapItem: (item: TWire) => TItem,
): TItem[] & { continuationToken?: string } {
  const { value, nextLink } = (body ?? {}) as SecretListResult<TWire>;
  if (!Array.isArray(value)) {
    throw new Error("Couldn't paginate response\n Body doesn't contain an array property with name: value");
  }
  // A null item would otherwise surface as a TypeError from the mapper (SPEC §1.9: a bad body is a RestError).
  if (value.some((item) => typeof item !== "object" || item === null)) {
    throw new Error("Couldn't paginate response\n Body property value should contain only objects");
  }
  if (nextLink !== undefined && nextLink !== null && typeof nextLink !== "string") {
    throw new Error(`Body Property nextLink should be a string or undefined or null but got ${typeof nextLink}`);
  }
  let page: TItem[];
  try {
    page = value.map(mapItem);
  } catch (error) {
    // Item mappers are total over objects: only an item's id can fail to parse.
    throw new Error(`Response has an invalid secret id. ${(error as Error).message}`, { cause: error });
  }
  Object.defineProperty(page, "continuationToken", {
    value: nextLink || undefined,
    writable: true,
    configurable: true,
  });
  return page;
}

/** The pager's own guard (SPEC §5, §7 item 7); the auth policy pins the origin as a second line. */
function assertSameOrigin(link: string, vaultUrl: string): void {
  const vaultOrigin = new URL(vaultUrl).origin;
  let origin: string;
  try {
    const url = new URL(link);
    origin = url.protocol === "https:" ? url.origin : `${url.protocol}//${url.host}`;
  } catch {
    origin = "(invalid URL)";
  }
  if (origin !== vaultOrigin) {
    throw new Error(`The nextLink origin '${origin}' does not match the vault origin '${vaultOrigin}'.`);
  }
}
