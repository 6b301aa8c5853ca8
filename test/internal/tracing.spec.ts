import { useInstrumenter, type Instrumenter, type TracingContext, type TracingSpan } from "@azure/core-tracing";
import { beforeAll, describe, expect, it } from "vitest";
import { SecretClient } from "../../src/index.js";
import { FakeCredential } from "../utils/fakeCredential.js";
import { ScriptedHttpClient, bundle, deletedBundle } from "../utils/scriptedHttpClient.js";

const spans: Array<{ name: string; packageName: string; ended: boolean }> = [];

/** Records span names; the context is a plain map. */
function recordingInstrumenter(): Instrumenter {
  const context = (values = new Map<symbol, unknown>()): TracingContext => ({
    setValue: (key, value) => context(new Map(values).set(key, value)),
    getValue: (key) => values.get(key),
    deleteValue: (key) => {
      const next = new Map(values);
      next.delete(key);
      return context(next);
    },
  });
  return {
    startSpan(name, options) {
      const record = { name, packageName: options.packageName, ended: false };
      spans.push(record);
      const span: TracingSpan = {
        setStatus: () => {},
        setAttribute: () => {},
        end: () => void (record.ended = true),
        recordException: () => {},
        isRecording: () => true,
      };
      return { span, tracingContext: context() };
    },
    withContext: (_context, callback, ...args) => callback(...args),
    parseTraceparentHeader: () => undefined,
    createRequestHeaders: () => ({}),
  };
}

describe("tracing", () => {
  beforeAll(() => useInstrumenter(recordingInstrumenter()));

  it("opens one span per operation, per poller request and per page, with SPEC §6.7 names", async () => {
    const http = new ScriptedHttpClient((request) => {
      switch (request.route) {
        case "GET /secrets/s/":
          return { status: 200, body: bundle("s") };
        case "DELETE /secrets/s":
        case "GET /deletedsecrets/s":
          return { status: 200, body: deletedBundle("s") };
        case "GET /secrets":
          return {
            status: 200,
            body: {
              value: [],
              nextLink: request.url.search.includes("skip")
                ? null
                : "https://myvault.vault.azure.net/secrets?$skiptoken=x",
            },
          };
        default:
          return { status: 404, body: { error: { code: "SecretNotFound", message: "no" } } };
      }
    });
    const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential(), { httpClient: http });
    await client.getSecret("s");
    await (await client.beginDeleteSecret("s")).pollUntilDone();
    for await (const _ of client.listPropertiesOfSecrets()) void _;

    const operationSpans = spans.filter(
      (s) => !s.name.startsWith("HTTP") && !/^(GET|PUT|DELETE|POST|PATCH)$/.test(s.name),
    );
    expect(operationSpans.map((s) => s.name)).toEqual([
      "SecretClient.getSecret",
      "DeleteSecretPoller.deleteSecret",
      "DeleteSecretPoller.getDeletedSecret",
      "SecretClient.listPropertiesOfSecrets",
      "SecretClient.listPropertiesOfSecrets",
    ]);
    expect(operationSpans.every((s) => s.ended && s.packageName === "keyvault-secrets")).toBe(true);
  });
});
