import { describe, expect, it } from "vitest";
import {
  toDeletedSecret,
  toKeyVaultSecret,
  toSecretProperties,
  toSetParameters,
  toUpdateParameters,
} from "../../../src/client/wire/mappers.js";
import { fromUnixSeconds, toUnixSeconds } from "../../../src/client/wire/dates.js";
import type { SetSecretOptions } from "../../../src/index.js";
import { loadRecording } from "../../utils/recordings.js";

const vault = "https://vaultname.vault.azure.net";

describe("dates", () => {
  it.each([
    [0, new Date(0)],
    [-1, new Date(-1000)],
    [2208988800, new Date("2040-01-01T00:00:00Z")],
    [253402300799, new Date("9999-12-31T23:59:59Z")],
    [null, undefined],
    [undefined, undefined],
  ])("reads %s", (wire, date) => expect(fromUnixSeconds(wire)).toEqual(date));

  it.each([
    [new Date("2040-01-01T00:00:00Z"), 2208988800],
    [new Date(0), 0],
    [new Date(1999), 1],
    [new Date(-1), -1],
  ])("writes %s as %s (floor, no int32 truncation)", (date, wire) => expect(toUnixSeconds(date, "x")).toBe(wire));

  it("refuses an invalid Date", () => {
    expect(() => toUnixSeconds(new Date("nope"), "expiresOn")).toThrow(new RangeError("Invalid date for 'expiresOn'."));
  });
});

describe("request bodies", () => {
  it.each([
    [{}, { value: "v" }],
    [{ enabled: false }, { value: "v", attributes: { enabled: false } }],
    [{ notBefore: new Date(0) }, { value: "v", attributes: { nbf: 0 } }],
    [
      { tags: {}, contentType: "text/plain" },
      { value: "v", tags: {}, contentType: "text/plain" },
    ],
    [{ tags: undefined, contentType: null } as unknown as SetSecretOptions, { value: "v" }],
  ])("setSecret options %j give %j", (options, body) => expect(toSetParameters("v", options)).toEqual(body));

  it.each([
    [{}, {}],
    [{ tags: {} }, { tags: {} }],
    [{ enabled: true, expiresOn: new Date(2000) }, { attributes: { enabled: true, exp: 2 } }],
  ])("updateSecretProperties options %j give %j", (options, body) => expect(toUpdateParameters(options)).toEqual(body));
});

describe("response mappers", () => {
  const crud = loadRecording("01_crud_set_get_update_delete.json");
  const setBody = JSON.parse(crud[1]!.responseText);
  const deletedBody = JSON.parse(crud[7]!.responseText);

  it("maps a recorded SecretBundle", () => {
    expect(toKeyVaultSecret(setBody)).toEqual({
      name: "livekvtestsecret-namee8553665",
      value: "secret-value",
      properties: {
        vaultUrl: vault,
        name: "livekvtestsecret-namee8553665",
        version: "54a5883d2c8f4c379c19bd85e046e213",
        id: setBody.id,
        enabled: true,
        expiresOn: new Date(2527401600 * 1000),
        createdOn: new Date(1774470963 * 1000),
        updatedOn: new Date(1774470963 * 1000),
        recoveryLevel: "Recoverable+Purgeable",
        recoverableDays: 90,
      },
    });
  });

  it("maps a recorded DeletedSecretBundle with the deletion fields at both levels", () => {
    const deleted = toDeletedSecret(deletedBody);
    expect(deleted.recoveryId).toBe(`${vault}/deletedsecrets/livekvtestsecret-namee8553665`);
    expect(deleted.deletedOn).toEqual(new Date(1774470964 * 1000));
    expect(deleted.scheduledPurgeDate).toEqual(new Date(1782246964 * 1000));
    expect(deleted.properties).toMatchObject({
      recoveryId: deleted.recoveryId,
      deletedOn: deleted.deletedOn,
      scheduledPurgeDate: deleted.scheduledPurgeDate,
      tags: { foo: "updated tag" },
      contentType: "text/plain",
    });
  });

  it("maps certificate-backed fields and leaves the input untouched", () => {
    const wire = {
      id: `${vault}/secrets/cert/abc`,
      kid: `${vault}/keys/cert/abc`,
      managed: true,
      previousVersion: "old",
      attributes: { enabled: true },
    };
    const frozen = structuredClone(wire);
    const properties = toSecretProperties(wire);
    expect(properties).toMatchObject({ certificateKeyId: wire.kid, managed: true, previousVersion: "old" });
    expect(properties.keyId).toBeUndefined();
    expect(wire).toEqual(frozen);
  });

  it("gives base ids no version", () => {
    expect(toSecretProperties({ id: `${vault}/secrets/s` }).version).toBeUndefined();
  });
});
