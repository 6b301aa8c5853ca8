import * as official from "@azure/keyvault-secrets";
import { describe, expect, it } from "vitest";
import * as ours from "../../src/index.js";

describe("the root entry point", () => {
  it("exports exactly the runtime names of @azure/keyvault-secrets 4.12", () => {
    expect(Object.keys(ours).sort()).toEqual(Object.keys(official).sort());
  });

  it("re-exports core's RestError, so instanceof works across packages", () => {
    expect(ours.RestError).toBe(official.RestError);
    expect(ours.isRestError).toBe(official.isRestError);
  });

  it("keeps the enum values", () => {
    expect({ ...ours.KnownDeletionRecoveryLevel }).toEqual({ ...official.KnownDeletionRecoveryLevel });
    expect({ ...ours.KnownContentType }).toEqual({ ...official.KnownContentType });
  });

  it("has the same SecretClient methods", () => {
    const methods = (proto: object) =>
      Object.getOwnPropertyNames(proto)
        .filter((n) => n !== "constructor")
        .sort();
    expect(methods(ours.SecretClient.prototype)).toEqual(methods(official.SecretClient.prototype));
  });
});
