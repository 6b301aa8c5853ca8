import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A response copied from a live Key Vault recording (see the fixture's `_source` and each `source`). */
export interface RecordedResponse {
  source: string;
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

const file = fileURLToPath(new URL("../fixtures/rest/keyVaultResponses.json", import.meta.url));
const fixture = JSON.parse(readFileSync(file, "utf8")) as { entries: Record<string, RecordedResponse> };

/** One recorded response by key (challenge401, setWithExp, delete, …). */
export function recorded(key: string): RecordedResponse {
  const entry = fixture.entries[key];
  if (entry === undefined) throw new Error(`no recorded response '${key}'`);
  return entry;
}

/**
 * The JSON "shape" of a value: object keys (sorted) and primitive types, recursively; arrays by their
 * first element. Two bodies with the same shape carry the same fields with the same types.
 */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value === null) return "null";
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}
