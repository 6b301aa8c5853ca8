/** Characters that `encodeURIComponent` and the `!'()*` pass both leave as they are. */
const UNRESERVED = /^[\w.~-]*$/;

/** Percent-encodes one path segment: `encodeURIComponent` plus `!'()*` (SPEC §1.3). */
export function encodeSegment(segment: string): string {
  // Names and versions are usually alphanumeric with dashes: nothing to encode.
  if (UNRESERVED.test(segment)) return segment;
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Tagged template for request paths: every interpolated value is encoded as one path segment, so no
 * input can add a segment, a query or a fragment. ``secretPath`/secrets/${name}/` ``
 */
export function secretPath(strings: TemplateStringsArray, ...segments: string[]): string {
  let path = strings[0] ?? "";
  for (let i = 0; i < segments.length; i++) {
    path += encodeSegment(segments[i] ?? "") + (strings[i + 1] ?? "");
  }
  return path;
}
