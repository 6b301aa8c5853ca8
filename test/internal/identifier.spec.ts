import { describe, expect, it } from "vitest";
import { parseKeyVaultSecretIdentifier } from "../../src/index.js";

describe("parseKeyVaultSecretIdentifier", () => {
  it.each([
    [
      "https://v.vault.azure.net/secrets/s/0123456789abcdef0123456789abcdef",
      { vaultUrl: "https://v.vault.azure.net", name: "s", version: "0123456789abcdef0123456789abcdef" },
    ],
    ["https://v.vault.azure.net/secrets/s", { vaultUrl: "https://v.vault.azure.net", name: "s", version: undefined }],
    ["https://v.vault.azure.net/secrets/s/", { vaultUrl: "https://v.vault.azure.net", name: "s", version: undefined }],
    [
      "https://v.vault.azure.net/deletedsecrets/s",
      { vaultUrl: "https://v.vault.azure.net", name: "s", version: undefined },
    ],
    ["https://localhost:8443/secrets/s/v1", { vaultUrl: "https://localhost:8443", name: "s", version: "v1" }],
    ["https://v.vault.azure.net:443/secrets/s/v1", { vaultUrl: "https://v.vault.azure.net", name: "s", version: "v1" }],
  ])("parses %s", (id, expected) => {
    const parsed = parseKeyVaultSecretIdentifier(id);
    expect(parsed).toEqual({ sourceId: id, ...expected, ...(expected.version ? {} : { version: undefined }) });
    expect(parsed.version).toBe(expected.version);
  });

  it("refuses what is not a URL", () => {
    expect(() => parseKeyVaultSecretIdentifier("secrets/s")).toThrow(
      "Invalid secrets identifier: secrets/s. Not a valid URI",
    );
  });

  it.each([
    ["https://v.vault.azure.net/secrets", 2],
    ["https://v.vault.azure.net/secrets/s/v/extra", 5],
    ["https://v.vault.azure.net/", 2],
  ])("refuses %s with the segment count, leading empty segment included", (id, count) => {
    expect(() => parseKeyVaultSecretIdentifier(id)).toThrow(
      `Invalid secrets identifier: ${id}. Bad number of segments: ${count}`,
    );
  });
});
