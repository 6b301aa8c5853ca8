import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  getScopeHostname,
  isResourceOfDomain,
  verifyChallengeResource,
} from "../../../src/client/policies/challengeScope.js";

const domainError = (host: string): Error =>
  new Error(
    `The challenge resource '${host}' does not match the requested domain. Set disableChallengeResourceVerification to true in your client options to disable. See https://aka.ms/azsdk/blog/vault-uri for more information.`,
  );

describe("getScopeHostname", () => {
  it.each([
    ["https://vault.azure.net/.default", "vault.azure.net"],
    ["https://Vault.Azure.NET:443/.default", "vault.azure.net"],
    ["https://managedhsm.azure.net/.default", "managedhsm.azure.net"],
    ["api://localhost:8443/x", "localhost"],
    ["https://[::1]:8443/.default", "[::1]"],
    ["https://vault.azure.net", "vault.azure.net"],
  ])("returns the lower-cased hostname of %s", (scope, host) => {
    expect(getScopeHostname(scope)).toBe(host);
  });

  it.each([
    "vault.azure.net/.default", // no scheme
    "HTTPS://vault.azure.net/.default", // scheme must start lower-case per SPEC §3.3
    "1https://vault.azure.net/.default",
    "https:///.default", // empty host
    "https://:443/.default",
    "https://user@vault.azure.net/.default",
    "https://vault%2eazure.net/.default",
    "https://vault.azure.net/a b",
    "https://vault.azure.net/\u0000",
    "https://vault.azure.net/\u007f",
    "https://vault.azure.net\\.default",
    "https://vault.azure.net:abc/.default",
    "",
  ])("throws 'The challenge contains an invalid scope.' for %j", (scope) => {
    expect(() => getScopeHostname(scope)).toThrow(new Error("The challenge contains an invalid scope."));
  });
});

describe("verifyChallengeResource", () => {
  it.each([
    ["myvault.vault.azure.net", "vault.azure.net"],
    ["MyVault.Vault.Azure.Net", "vault.azure.net"],
    ["myhsm.managedhsm.azure.net", "managedhsm.azure.net"],
    ["myvault.localhost", "localhost"],
  ])("accepts %s for resource %s", (requestHost, scopeHost) => {
    expect(() => verifyChallengeResource(requestHost, scopeHost)).not.toThrow();
  });

  it.each([
    ["vault.azure.net", "vault.azure.net"],
    ["evilvault.azure.net", "vault.azure.net"],
    ["localhost", "localhost"],
    ["127.0.0.1", "127.0.0.1"],
    ["myvault.vault.azure.net.evil.com", "vault.azure.net"],
    ["myvault.vault.azure.net", "azure.com"],
  ])("rejects %s for resource %s with the exact message", (requestHost, scopeHost) => {
    expect(() => verifyChallengeResource(requestHost, scopeHost)).toThrow(domainError(scopeHost));
  });

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));

  it("accepts <label>.<resource host> for any resource host", () => {
    fc.assert(
      fc.property(label, host, (l, h) => {
        const scopeHost = getScopeHostname(`https://${h}/.default`);
        expect(isResourceOfDomain(`${l}.${h}`, scopeHost)).toBe(true);
        verifyChallengeResource(`${l}.${h.toUpperCase()}`, scopeHost);
      }),
      { numRuns: 10_000 },
    );
  });

  it("rejects every request host that does not end with '.' + resource host", () => {
    const near = (h: string): fc.Arbitrary<string> =>
      fc.oneof(
        fc.constant(h),
        label.map((l) => `${l}${h}`), // no dot: evilvault.azure.net
        label.map((l) => `${h}.${l}`), // suffix: vault.azure.net.evil
        label.map((l) => `${l}.${h.slice(1)}`), // one character short
        fc.string({ maxLength: 30 }),
      );
    const pair = host.chain((h) => fc.tuple(fc.constant(h), near(h)));
    fc.assert(
      fc.property(pair, ([h, requestHost]) => {
        fc.pre(!requestHost.toLowerCase().endsWith(`.${h}`));
        expect(isResourceOfDomain(requestHost, h)).toBe(false);
        expect(() => verifyChallengeResource(requestHost, h)).toThrow(domainError(h));
      }),
      { numRuns: 10_000 },
    );
  });
});
