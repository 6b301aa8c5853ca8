import { AzureLogger, setLogLevel } from "@azure/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretClient } from "../../src/index.js";
import { FakeCredential } from "../utils/fakeCredential.js";
import { ScriptedHttpClient, bundle } from "../utils/scriptedHttpClient.js";

describe("logging", () => {
  const lines: string[] = [];
  const original = AzureLogger.log;
  beforeAll(() => {
    setLogLevel("info");
    AzureLogger.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  });
  afterAll(() => {
    AzureLogger.log = original;
    setLogLevel();
  });

  it("logs under keyvault-secrets, keeps Key Vault's diagnostic headers and merges user allow-lists (SPEC §7 item 17)", async () => {
    const http = new ScriptedHttpClient(() => ({
      status: 200,
      body: bundle("s", undefined, { value: "do-not-log-this-value" }),
      headers: { "x-ms-keyvault-region": "local", "x-custom-diag": "shown", "x-other": "hidden" },
    }));
    const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential("do-not-log-this-token"), {
      httpClient: http,
      loggingOptions: { additionalAllowedHeaderNames: ["x-custom-diag"] },
    });
    await client.getSecret("s");
    const output = lines.join("\n");
    expect(output).toMatch(/azure:keyvault-secrets:info/);
    expect(output).toMatch(/azure:keyvault-secrets:auth:info/); // the challenge pair is visible
    expect(output).toMatch(/"x-ms-keyvault-region": "local"/);
    expect(output).toMatch(/"x-custom-diag": "shown"/);
    expect(output).toMatch(/"x-other": "REDACTED"/);
    expect(output).toMatch(/api-version=2025-07-01/);
    expect(output).not.toContain("do-not-log-this-value");
    expect(output).not.toContain("do-not-log-this-token");
  });
});
