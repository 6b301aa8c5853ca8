import type { KeyVaultSecret } from "../index.js";
import type { ErrorKind } from "./errorKind.js";

/** A cached secret version (latest or pinned). Instants are in milliseconds on the cache's clock. @internal */
export interface SecretEntry {
  readonly kind: "secret";
  /** The name as the caller spelled it, for events. */
  readonly name: string;
  /** The pinned version, or undefined for the latest-version entry. */
  readonly version: string | undefined;
  /** What `hook.put` returned, or a private copy of the secret. */
  readonly stored: unknown;
  /** Served as a hit before this instant; `Infinity` for pinned versions. */
  readonly freshUntil: number;
  /** Refreshed in the background (refresh-ahead) from this instant; `Infinity` when off. */
  readonly refreshAt: number;
  /** Consecutive failed refreshes. */
  failures: number;
  /** Whether the last refresh failed transiently: then callers get the stale value without waiting. */
  degraded: boolean;
  /** No refresh is started by reads before this instant (backoff or Retry-After). */
  retryAt: number;
}

/** A remembered 404 (negative caching). @internal */
export interface MissingEntry {
  readonly kind: "missing";
  readonly name: string;
  readonly version: string | undefined;
  readonly error: unknown;
}

/** @internal */
export type CacheEntry = SecretEntry | MissingEntry;

/** The settled result of one vault request; it never rejects, so background refreshes cannot go unhandled. @internal */
export type Outcome =
  | { readonly ok: true; readonly secret: KeyVaultSecret }
  | { readonly ok: false; readonly error: unknown; readonly kind: ErrorKind };

/** The one request in flight for a key; `token` tells whether it was superseded. @internal */
export interface Flight {
  readonly token: object;
  readonly promise: Promise<Outcome>;
}

/**
 * The cache key of `(name, version | latest)`. Key Vault names and versions are case-insensitive; names never
 * contain a line feed, so it separates the two parts unambiguously.
 * @internal
 */
export function cacheKey(name: string, version: string | undefined): string {
  if (typeof name !== "string") throw new TypeError(`The secret name must be a string, not ${typeof name}.`);
  if (version !== undefined && typeof version !== "string") {
    throw new TypeError(`The secret version must be a string, not ${typeof version}.`);
  }
  return `${name.toLowerCase()}\n${version === undefined ? "" : version.toLowerCase()}`;
}

/** The prefix shared by every key of `name`. @internal */
export function cacheKeyPrefix(name: string): string {
  return cacheKey(name, undefined);
}
