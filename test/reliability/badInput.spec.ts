import { isRestError, SecretClient } from "../../src/index.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "../utils/useEmulator.js";
import { FAST_RETRY, rejectionOf, routes, TapHttpClient } from "./helpers.js";

/**
 * Hostile names, versions, values, dates and options (SPEC §1.8, §7 items 11–12): each is either refused
 * before any request with a TypeError/RangeError, or sent percent-encoded inside its own path segment and
 * answered by the emulator with a Key Vault error. The emulator's request log proves where each request went.
 */

type Call = (client: SecretClient, name: string) => Promise<unknown>;

/** Every method that takes a secret name, with the one request it sends first (`{n}` = the encoded name). */
const byName: Array<[string, Call, string]> = [
  ["setSecret", (c, n) => c.setSecret(n, "v"), "PUT /secrets/{n}"],
  ["getSecret", (c, n) => c.getSecret(n), "GET /secrets/{n}/"],
  ["updateSecretProperties", (c, n) => c.updateSecretProperties(n, "", { enabled: true }), "PATCH /secrets/{n}/"],
  ["beginDeleteSecret", (c, n) => c.beginDeleteSecret(n), "DELETE /secrets/{n}"],
  ["getDeletedSecret", (c, n) => c.getDeletedSecret(n), "GET /deletedsecrets/{n}"],
  ["purgeDeletedSecret", (c, n) => c.purgeDeletedSecret(n), "DELETE /deletedsecrets/{n}"],
  ["beginRecoverDeletedSecret", (c, n) => c.beginRecoverDeletedSecret(n), "GET /secrets/{n}/"],
  ["backupSecret", (c, n) => c.backupSecret(n), "POST /secrets/{n}/backup"],
  ["listPropertiesOfSecretVersions", (c, n) => c.listPropertiesOfSecretVersions(n).next(), "GET /secrets/{n}/versions"],
];

/** Names the client must encode into one segment, with the encoding written out by hand. */
const encodedNames: Array<[string, string]> = [
  ["a/b", "a%2Fb"],
  ["../secrets", "..%2Fsecrets"],
  ["a?api-version=7.0", "a%3Fapi-version%3D7.0"],
  ["a#frag", "a%23frag"],
  ["%", "%25"],
  ["%2e%2e", "%252e%252e"],
  ["a%2Fb", "a%252Fb"],
  ["a b", "a%20b"],
  [" ", "%20"],
  ["sécret", "s%C3%A9cret"],
  ["🔑", "%F0%9F%94%91"],
  ["a.b", "a.b"],
  ["...", "..."],
  ["a\\b", "a%5Cb"],
  ["a\u0000b", "a%00b"],
  ["a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201"],
  ["it's(*)!", "it%27s%28%2A%29%21"],
  ["x".repeat(128), "x".repeat(128)],
];

describe("bad input", () => {
  const ctx = useEmulator();
  let client: SecretClient;

  beforeAll(async () => {
    client = ctx.newClient(FAST_RETRY);
    await client.setSecret("existing", "v");
  });
  afterEach(() => ctx.emu.control.clearRequests());

  describe.each(byName)("%s", (_method, call, route) => {
    it.each(encodedNames)("keeps %j inside its path segment and gets a Key Vault 400", async (name, encoded) => {
      ctx.emu.control.clearRequests();

      const error = await rejectionOf(call(client, name));

      expect(isRestError(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 400, code: "BadParameter" });
      expect(routes(ctx.emu)).toEqual([route.replace("{n}", encoded)]);
    });

    it.each([
      ["an empty name", "", RangeError],
      ["'.'", ".", RangeError],
      ["'..'", "..", RangeError],
      ["a lone surrogate", "a\uD800", RangeError],
      ["a number", 42, TypeError],
      ["null", null, TypeError],
      ["undefined", undefined, TypeError],
      ["an object", { toString: () => "x" }, TypeError],
    ])("refuses %s before any request", async (_label, name, type) => {
      ctx.emu.control.clearRequests();

      const error = await rejectionOf(call(client, name as string));

      expect(error).toBeInstanceOf(type);
      expect(ctx.emu.control.requests()).toEqual([]);
    });
  });

  it("answers an over-long name with a 4xx RestError and sends nothing anywhere else", async () => {
    const error = await rejectionOf(client.getSecret("x".repeat(20_000)));

    expect(isRestError(error)).toBe(true);
    expect((error as { statusCode?: number }).statusCode).toBeGreaterThanOrEqual(400);
    expect((error as { statusCode?: number }).statusCode).toBeLessThan(500);
    expect(routes(ctx.emu).filter((r) => !r.startsWith("GET /secrets/xxxx"))).toEqual([]);
  });

  it("returns a listing iterator for any name and reports a bad one on the first next()", async () => {
    for (const name of ["", "..", "a\uD800", 42]) {
      const iterator = client.listPropertiesOfSecretVersions(name as string);
      expect(await rejectionOf(iterator.next())).toBeInstanceOf(name === 42 ? TypeError : RangeError);
    }
    expect(ctx.emu.control.requests()).toEqual([]);
  });

  describe("versions", () => {
    const versions: Array<[string, string]> = [
      ["a/b", "a%2Fb"],
      ["../..", "..%2F.."],
      ["?x=1", "%3Fx%3D1"],
      ["#", "%23"],
      ["%2e%2e", "%252e%252e"],
      [" ", "%20"],
      ["é", "%C3%A9"],
      ["0".repeat(33), "0".repeat(33)],
    ];

    it.each(versions)("keeps version %j inside its segment on get and update", async (version, encoded) => {
      const get = await rejectionOf(client.getSecret("existing", { version }));
      const update = await rejectionOf(client.updateSecretProperties("existing", version, { enabled: true }));

      for (const error of [get, update]) {
        expect(isRestError(error)).toBe(true);
        expect(error).toMatchObject({ statusCode: 404, code: "SecretNotFound" });
      }
      expect(routes(ctx.emu)).toEqual([`GET /secrets/existing/${encoded}`, `PATCH /secrets/existing/${encoded}`]);
    });

    it.each([
      [".", RangeError],
      ["..", RangeError],
      ["\uDC00", RangeError],
      [7, TypeError],
    ])("refuses version %j before any request", async (version, type) => {
      expect(await rejectionOf(client.getSecret("existing", { version: version as string }))).toBeInstanceOf(type);
      expect(await rejectionOf(client.updateSecretProperties("existing", version as string))).toBeInstanceOf(type);
      expect(ctx.emu.control.requests()).toEqual([]);
    });

    it("treats an empty version as the latest one", async () => {
      await client.getSecret("existing", { version: "" });
      await client.updateSecretProperties("existing", "");
      expect(routes(ctx.emu)).toEqual(["GET /secrets/existing/", "PATCH /secrets/existing/"]);
    });
  });

  describe("values, dates and options", () => {
    it.each([
      ["a number", 42],
      ["null", null],
      ["undefined", undefined],
      ["an object", { value: "v" }],
      ["bytes", new Uint8Array([1, 2])],
    ])("refuses %s as a secret value before any request", async (_label, value) => {
      expect(await rejectionOf(client.setSecret("existing", value as unknown as string))).toBeInstanceOf(TypeError);
      expect(ctx.emu.control.requests()).toEqual([]);
    });

    it.each([
      ["NaN", new Date(Number.NaN)],
      ["an unparseable date", new Date("not a date")],
      ["a string", "2040-01-01"],
      ["a number", 2208988800],
    ])("refuses %s as a date before any request", async (_label, date) => {
      const bad = date as Date;
      const errors = [
        await rejectionOf(client.setSecret("existing", "v", { expiresOn: bad })),
        await rejectionOf(client.setSecret("existing", "v", { notBefore: bad })),
        await rejectionOf(client.updateSecretProperties("existing", "", { expiresOn: bad })),
        await rejectionOf(client.updateSecretProperties("existing", "", { notBefore: bad })),
      ];
      for (const error of errors) expect(error).toBeInstanceOf(RangeError);
      expect(ctx.emu.control.requests()).toEqual([]);
    });

    it.each([0, 26, 1.5, Number.NaN, "5"])(
      "refuses maxPageSize %j on the first next(), before any request",
      async (size) => {
        const pages = client.listPropertiesOfSecrets().byPage({ maxPageSize: size as number });
        expect(await rejectionOf(pages.next())).toBeInstanceOf(RangeError);
        expect(ctx.emu.control.requests()).toEqual([]);
      },
    );

    it("stores hostile but valid values byte for byte", async () => {
      const values = [
        "",
        "\u0000",
        '"},{"value":"x',
        "\\u0041",
        "🔑 sécret\r\n",
        "%2e%2e/",
        "<script>",
        "a".repeat(25 * 1024),
      ];
      for (const value of values) {
        await client.setSecret("hostile-value", value);
        expect((await client.getSecret("hostile-value")).value).toBe(value);
      }
    });

    it.each([
      ["a value over 25 KB", () => client.setSecret("existing", "a".repeat(25 * 1024 + 1)), 400, "BadParameter"],
      ["a 2 MB value", () => client.setSecret("existing", "a".repeat(2_000_000)), 413, "RequestEntityTooLarge"],
      [
        "a non-string tag",
        () => client.setSecret("existing", "v", { tags: { t: 1 as unknown as string } }),
        400,
        "BadParameter",
      ],
      [
        "16 tags",
        () =>
          client.setSecret("existing", "v", {
            tags: Object.fromEntries([...Array(16).keys()].map((i) => [`t${i}`, "v"])),
          }),
        400,
        "BadParameter",
      ],
      [
        "a content type over 255 characters",
        () => client.setSecret("existing", "v", { contentType: "c".repeat(256) }),
        400,
        "BadParameter",
      ],
      [
        "a non-boolean enabled",
        () => client.setSecret("existing", "v", { enabled: "yes" as unknown as boolean }),
        400,
        "BadParameter",
      ],
    ])("lets the service refuse %s with a Key Vault error", async (_label, call, statusCode, code) => {
      const error = await rejectionOf(call());

      expect(isRestError(error)).toBe(true);
      expect(error).toMatchObject({ statusCode, code });
      expect(routes(ctx.emu)).toEqual(["PUT /secrets/existing"]);
    });

    it("encodes outContentType as one query value", async () => {
      const tap = new TapHttpClient(ctx.emu.httpClient);
      const c = ctx.newClient({ httpClient: tap });
      const hostile = "application/x-pem-file&api-version=7.0&maxresults=1#x";

      const error = await rejectionOf(c.getSecret("existing", { outContentType: hostile }));

      expect(error).toMatchObject({ statusCode: 400 });
      const url = new URL(tap.sent.at(-1)?.url ?? "");
      expect([...url.searchParams]).toEqual([
        ["api-version", "2025-07-01"],
        ["outContentType", hostile],
      ]);
      expect(url.hash).toBe("");
    });

    it("ignores skipUrlEncoding: names are always encoded", async () => {
      const error = await rejectionOf(client.getSecret("a/b", { requestOptions: { skipUrlEncoding: true } }));

      expect(error).toMatchObject({ statusCode: 400 });
      expect(routes(ctx.emu)).toEqual(["GET /secrets/a%2Fb/"]);
    });
  });

  describe("vault URLs", () => {
    it.each(["", "   ", "not a url", "https://"])("refuses %j at construction", (url) => {
      expect(() => new SecretClient(url, ctx.emu.credential)).toThrow(TypeError);
    });

    it("drops credentials, query and fragment of the vault URL from every request", async () => {
      const tap = new TapHttpClient(ctx.emu.httpClient);
      const c = new SecretClient(
        `https://user:pw@default.localhost:${ctx.emu.port}/?api-version=7.0#x`,
        ctx.emu.credential,
        {
          httpClient: tap,
        },
      );

      expect((await c.getSecret("existing")).value).toBe("v");

      for (const { url } of tap.sent) {
        const parsed = new URL(url);
        expect([parsed.username, parsed.password, parsed.hash]).toEqual(["", "", ""]);
        expect(parsed.origin).toBe(`https://default.localhost:${ctx.emu.port}`);
        expect([...parsed.searchParams]).toEqual([["api-version", "2025-07-01"]]);
      }
    });
  });
});
