import { promisify } from "node:util";
import { gunzip, inflate } from "node:zlib";

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** A buffered response body as text, decoded when the response says it is gzip or deflate compressed. */
export function decodeBody(chunks: Buffer[], contentEncoding: string | undefined): Promise<string> {
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  if (contentEncoding === "gzip") return gunzipAsync(raw).then((text) => text.toString("utf8"));
  if (contentEncoding === "deflate") return inflateAsync(raw).then((text) => text.toString("utf8"));
  return Promise.resolve(raw.toString("utf8"));
}
