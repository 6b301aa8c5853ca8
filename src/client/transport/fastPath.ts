import type { PipelineRequest } from "@azure/core-rest-pipeline";

/** Where and how the transport sends a request it handles itself. */
export interface FastPath {
  readonly secure: boolean;
  /** For `net.connect`: no brackets around an IPv6 address. */
  readonly hostname: string;
  readonly port: string;
  /** The `Host` header: the URL's authority. */
  readonly host: string;
  /** Path and query, as sent on the request line. */
  readonly path: string;
  /** Whether the request asked for a compressed response (`Accept-Encoding`), so one must be decoded. */
  readonly decompress: boolean;
}

interface Origin {
  secure: boolean;
  hostname: string;
  port: string;
  host: string;
}

/** A character the URL parser would encode or reject in a path or query, or a fragment. */
const UNPLAIN_CHARACTER = /[^!$%&'()*+,\-./0-9:;=?@A-Z[\]_a-z~]/;
/** A dot segment (`.`, `..`, or their percent-encoded forms), which the URL parser would resolve. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?]|$)/i;
const COMPRESSED = /gzip|deflate/;
const SLASH = 0x2f;

function originOf(url: URL, allowInsecure: boolean): Origin | null {
  if (url.username || url.password) return null;
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowInsecure)) return null;
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return { secure: url.protocol === "https:", hostname, port: url.port, host: url.host };
}

function isFastRequest(request: PipelineRequest): boolean {
  const body = request.body;
  return (
    (body === undefined || body === null || typeof body === "string") &&
    request.onUploadProgress === undefined &&
    request.onDownloadProgress === undefined &&
    (request.streamResponseStatusCodes === undefined || request.streamResponseStatusCodes.size === 0) &&
    request.requestOverrides === undefined &&
    request.formData === undefined &&
    request.multipartBody === undefined &&
    request.disableKeepAlive !== true &&
    request.method !== "HEAD" &&
    request.headers.get("Expect") === undefined
  );
}

/**
 * Decides which requests the transport sends itself and where they go. Origins are parsed once per scheme, authority
 * and `allowInsecureConnection` (a client talks to one vault, so the last one is checked first); a path that is
 * already normal is used as written, any other goes through the WHATWG URL parser, as core's client does.
 */
export class FastPaths {
  #last: { prefix: string; allowInsecure: boolean; origin: Origin | null } | undefined;
  readonly #origins = new Map<string, Origin | null>();

  /** The fast path for `request`, or undefined when core's client must send it. */
  for(request: PipelineRequest): FastPath | undefined {
    if (!isFastRequest(request)) return undefined;
    const url = request.url;
    const allowInsecure = request.allowInsecureConnection === true;
    const last = this.#last;
    let origin: Origin | null | undefined;
    let pathStart: number;
    if (
      last !== undefined &&
      last.allowInsecure === allowInsecure &&
      url.startsWith(last.prefix) &&
      url.charCodeAt(last.prefix.length) === SLASH
    ) {
      origin = last.origin;
      pathStart = last.prefix.length;
    } else {
      const afterScheme = url.indexOf("://");
      pathStart = afterScheme < 0 ? -1 : url.indexOf("/", afterScheme + 3);
      if (pathStart < 0) return undefined;
      const prefix = url.slice(0, pathStart);
      origin = this.#origins.get((allowInsecure ? "+" : "-") + prefix);
      if (origin !== undefined) this.#last = { prefix, allowInsecure, origin };
    }
    let path = url.slice(pathStart);
    if (origin === undefined || UNPLAIN_CHARACTER.test(path) || DOT_SEGMENT.test(path)) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return undefined;
      }
      if (origin === undefined) {
        origin = originOf(parsed, allowInsecure);
        const prefix = url.slice(0, pathStart);
        if (this.#origins.size < 64) this.#origins.set((allowInsecure ? "+" : "-") + prefix, origin);
        this.#last = { prefix, allowInsecure, origin };
      }
      path = parsed.pathname + parsed.search;
    }
    if (origin === null) return undefined;
    const acceptEncoding = request.headers.get("Accept-Encoding");
    const decompress = acceptEncoding !== undefined && COMPRESSED.test(acceptEncoding);
    // Spelled out: an object spread here costs more than the rest of the method together.
    return { secure: origin.secure, hostname: origin.hostname, port: origin.port, host: origin.host, path, decompress };
  }
}
