import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

/** One recorded HTTP exchange with a live vault. */
export interface RecordedEntry {
  method: string;
  uri: string;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  /** The response body as the service sent it (text), or "" for none. */
  responseText: string;
}

const folder = fileURLToPath(new URL("../fixtures/recordings/", import.meta.url));

/** Loads a test-proxy JSON recording. Request URIs use the vault host of the response bodies. */
export function loadRecording(file: string): RecordedEntry[] {
  const { Entries } = JSON.parse(readFileSync(folder + file, "utf8")) as {
    Entries: Array<{
      RequestUri: string;
      RequestMethod: string;
      RequestHeaders: Record<string, string>;
      RequestBody: unknown;
      StatusCode: number;
      ResponseHeaders: Record<string, string>;
      ResponseBody: unknown;
    }>;
  };
  return Entries.map((e) => ({
    method: e.RequestMethod,
    // The recorder sanitised request hosts and body hosts differently (README.md); use one vault.
    uri: e.RequestUri.replace("Sanitized.vault.azure.net", "vaultname.vault.azure.net"),
    requestHeaders: e.RequestHeaders,
    requestBody: e.RequestBody,
    status: e.StatusCode,
    responseHeaders: e.ResponseHeaders,
    responseText: e.ResponseBody === null || e.ResponseBody === undefined ? "" : JSON.stringify(e.ResponseBody),
  }));
}

/** Loads a legacy vcrpy YAML recording. */
export function loadYamlRecording(file: string): RecordedEntry[] {
  const { interactions } = parseYaml(readFileSync(folder + file, "utf8")) as {
    interactions: Array<{
      request: { body: string | null; headers: Record<string, string[]>; method: string; uri: string };
      response: { body: { string: string }; headers: Record<string, string[]>; status: { code: number } };
    }>;
  };
  const flatten = (headers: Record<string, string[]>): Record<string, string> =>
    Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.join(", ")]));
  return interactions.map(({ request, response }) => ({
    method: request.method,
    uri: request.uri,
    requestHeaders: flatten(request.headers),
    requestBody: request.body === null ? null : JSON.parse(request.body),
    status: response.status.code,
    responseHeaders: flatten(response.headers),
    responseText: response.body.string,
  }));
}
