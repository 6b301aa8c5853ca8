import type { Exchange } from "../exchange.js";
import type { Store } from "../store.js";
import type { Vault } from "../vault.js";

/** What a REST handler gets: the routed request, already authenticated and validated. */
export interface HandlerContext {
  readonly ex: Exchange;
  readonly store: Store;
  readonly vault: Vault;
  readonly nowMs: number;
  readonly nowSec: number;
  readonly query: URLSearchParams;
  readonly apiVersion: string;
  /** The parsed JSON body, or undefined when empty. */
  readonly body: unknown;
  /** The secret name from the path, as sent (validated); `""` when the route has none. */
  readonly name: string;
  /** The version from the path; `""` means latest. */
  readonly version: string;
  readonly backupKey: Buffer;
  readonly shortPages: boolean;
}

/** A handler's answer; the server writes it. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

/** One REST operation. Throws `KvError` for Key Vault errors. */
export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;
