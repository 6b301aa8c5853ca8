import type { HttpHeaders, RawHttpHeaders } from "@azure/core-rest-pipeline";

/** Headers of which Node keeps the first value when a response repeats them (`IncomingMessage.headers`). */
const FIRST_VALUE_WINS = new Set([
  "age",
  "authorization",
  "content-length",
  "content-type",
  "etag",
  "expires",
  "from",
  "host",
  "if-modified-since",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "proxy-authorization",
  "referer",
  "retry-after",
  "server",
  "set-cookie",
  "user-agent",
]);

/**
 * A response's headers, read from Node's `rawHeaders` on first use. Names are lower-case and repeated headers merge
 * as in core's client (which reads `IncomingMessage.headers`): joined with ", ", or the first value for the headers
 * Node does not join.
 */
export class ResponseHeaders implements HttpHeaders {
  #raw: readonly string[] | undefined;
  #map: Map<string, string> | undefined;

  constructor(rawHeaders: readonly string[]) {
    this.#raw = rawHeaders;
  }

  #entries(): Map<string, string> {
    if (this.#map) return this.#map;
    const map = new Map<string, string>();
    const raw = this.#raw ?? [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const value = raw[i + 1]!;
      const existing = map.get(name);
      if (existing === undefined) map.set(name, value);
      else if (!FIRST_VALUE_WINS.has(name)) map.set(name, `${existing}, ${value}`);
    }
    this.#raw = undefined;
    return (this.#map = map);
  }

  get(name: string): string | undefined {
    const raw = this.#raw;
    if (raw === undefined) return this.#entries().get(name.toLowerCase());
    // Policies look up a few names in every response (Retry-After, x-ms-request-id, …): scan instead of building the
    // map, comparing only names of the right length.
    const wanted = name.toLowerCase();
    let found: string | undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const candidate = raw[i]!;
      if (candidate.length !== wanted.length || candidate.toLowerCase() !== wanted) continue;
      if (found === undefined) found = raw[i + 1]!;
      else if (FIRST_VALUE_WINS.has(wanted)) break;
      else found = `${found}, ${raw[i + 1]!}`;
    }
    return found;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, value: string | number | boolean): void {
    this.#entries().set(
      name.toLowerCase(),
      String(value)
        .trim()
        .replace(/[\r\n]/g, ""),
    );
  }

  delete(name: string): void {
    this.#entries().delete(name.toLowerCase());
  }

  toJSON(_options?: { preserveCase?: boolean }): RawHttpHeaders {
    return Object.fromEntries(this.#entries());
  }

  toString(): string {
    return JSON.stringify(this.toJSON());
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#entries().entries();
  }
}
