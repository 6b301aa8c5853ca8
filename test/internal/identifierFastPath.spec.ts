import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseKeyVaultSecretIdentifier } from "../../src/client/identifier.js";

/** The WHATWG-URL parse the fast path must agree with, as the identifier module did before it had one. */
function viaUrl(id: string): string {
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    return "throws";
  }
  const segments = url.pathname.split("/");
  if (segments.length === 4 && segments[3] === "") segments.pop();
  const name = segments[2];
  if ((segments.length !== 3 && segments.length !== 4) || !segments[1] || !name) return "throws";
  const version = segments[3];
  return JSON.stringify({
    sourceId: id,
    vaultUrl: `${url.protocol}//${url.host}`,
    name,
    ...(version ? { version } : {}),
  });
}

function parsed(id: string): string {
  try {
    return JSON.stringify(parseKeyVaultSecretIdentifier(id));
  } catch {
    return "throws";
  }
}

describe("parseKeyVaultSecretIdentifier fast path", () => {
  it("agrees with the URL parser on hosts, ports and segments it may or may not normalise", () => {
    const label = fc.constantFrom(
      "a",
      "A",
      "0",
      "-",
      "xn--",
      "xn--a",
      "localhost",
      "vault",
      "z9",
      "_",
      "%2e",
      "1",
      "0x7f",
    );
    const host = fc
      .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.constantFrom("", "."))
      .map(([l, sep]) => l.join(sep));
    const port = fc.constantFrom("", ":443", ":8443", ":0", ":65535", ":65536", ":08443", ":1");
    const segment = fc
      .array(fc.constantFrom("a", "B", "0", "-", ".", "%41", "_", "", "secrets"), { maxLength: 4 })
      .map((s) => s.join(""));
    const id = fc
      .tuple(
        fc.constantFrom("https://", "HTTPS://", "http://"),
        host,
        port,
        fc.array(segment, { maxLength: 4 }),
        fc.constantFrom("", "/", "?x", "#y"),
      )
      .map(([scheme, h, p, segments, tail]) => `${scheme}${h}${p}/${segments.join("/")}${tail}`);
    fc.assert(
      fc.property(id, (value) => parsed(value) === viaUrl(value)),
      { numRuns: 20_000 },
    );
  });

  it("keeps the vault URL, name and version of ordinary ids", () => {
    expect(parseKeyVaultSecretIdentifier("https://my-vault.vault.azure.net:443/secrets/db/0123abcd")).toEqual({
      sourceId: "https://my-vault.vault.azure.net:443/secrets/db/0123abcd",
      vaultUrl: "https://my-vault.vault.azure.net",
      name: "db",
      version: "0123abcd",
    });
    expect(parseKeyVaultSecretIdentifier("https://localhost:8443/deletedsecrets/db")).toEqual({
      sourceId: "https://localhost:8443/deletedsecrets/db",
      vaultUrl: "https://localhost:8443",
      name: "db",
    });
  });
});
