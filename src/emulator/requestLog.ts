import { LIMITS } from "./constants.js";

/** One answered Key Vault request (control routes are not logged). Never holds bodies, tokens or query strings. */
export interface RequestLogEntry {
  readonly method: string;
  /** The URL path without the query. */
  readonly path: string;
  /** The status sent; 0 when a fault dropped or stalled the connection. */
  readonly status: number;
  /** Whether the request carried an `Authorization` header. */
  readonly authorized: boolean;
  readonly requestId: string;
  readonly clientRequestId?: string;
  /** The vault the host routed to. */
  readonly vault: string;
}

/** The request log: the newest `LIMITS.requestLogEntries` entries. */
export class RequestLog {
  #entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    if (this.#entries.length >= LIMITS.requestLogEntries) this.#entries.splice(0, this.#entries.length >> 1);
    this.#entries.push(entry);
  }

  /** A copy of the entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.#entries.slice();
  }

  clear(): void {
    this.#entries = [];
  }
}
