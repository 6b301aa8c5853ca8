/**
 * Paging types, declared locally and structurally identical to `@azure/core-paging`'s, so that the
 * client does not depend on that package.
 */

/** Settings for `byPage()`. */
export interface PageSettings {
  /** A page's `continuationToken` (its nextLink), to resume listing from there. */
  continuationToken?: string;
  /** The number of items per page, 1..25 (sent as `maxresults`). */
  maxPageSize?: number;
}

/** An async iterator of items that can also iterate page by page. */
export interface PagedAsyncIterableIterator<TElement, TPage = TElement[], TPageSettings = PageSettings> {
  /** The next item. */
  next(): Promise<IteratorResult<TElement>>;
  /** Iterates items. */
  [Symbol.asyncIterator](): PagedAsyncIterableIterator<TElement, TPage, TPageSettings>;
  /** Iterates pages. Every page carries a `continuationToken` property: its nextLink, or undefined on the last page. */
  byPage: (settings?: TPageSettings) => AsyncIterableIterator<TPage>;
}
