import { createHttpHeaders, type HttpClient } from "@azure/core-rest-pipeline";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseKeyVaultSecretIdentifier, SecretClient } from "../../src/index.js";
import { secretPath } from "../../src/client/http/secretPath.js";
import { fromUnixSeconds, toUnixSeconds } from "../../src/client/wire/dates.js";
import { toKeyVaultSecret, toWireAttributes } from "../../src/client/wire/mappers.js";
import { FakeCredential } from "../utils/fakeCredential.js";
import {
  bundle,
  CHALLENGE,
  ScriptedHttpClient,
  type ScriptedRequest,
  type ScriptedResponse,
} from "../utils/scriptedHttpClient.js";

/**
 * Property tests (≥ 10,000 cases each) for the pure pieces an attacker or a broken service can feed: the
 * identifier parser, unix-seconds dates, request paths and the paging helper. The WWW-Authenticate parser
 * and the scope checks have theirs in test/internal/policies.
 */
const RUNS = { numRuns: 10_000 };

/** Any well-formed string: every code point, no lone surrogate (those are refused before I/O). */
const anyString = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !/\p{Cs}/u.test(s));
const hex32 = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 });
const kvName = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"),
  minLength: 1,
  maxLength: 127,
});
// A label starting with a letter: an all-digit host would be read as an IPv4 address ("3" → "0.0.0.3").
const label = fc
  .tuple(
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), maxLength: 11 }),
  )
  .map(([first, rest]) => `${first}${rest.replace(/-+$/, "")}`);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });

describe("parseKeyVaultSecretIdentifier (properties)", () => {
  it("recovers vault URL, name and version from any well-formed id", () => {
    fc.assert(
      fc.property(
        host,
        port,
        fc.constantFrom("secrets", "deletedsecrets"),
        kvName,
        fc.option(hex32, { nil: undefined }),
        fc.boolean(),
        (h, p, collection, name, version, slash) => {
          const origin = `https://${h}${p === undefined || p === 443 ? "" : `:${p}`}`;
          const id = `${origin}${p === 443 ? ":443" : ""}/${collection}/${name}${version ? `/${version}` : slash ? "/" : ""}`;

          const parsed = parseKeyVaultSecretIdentifier(id);

          expect(parsed).toEqual({ sourceId: id, vaultUrl: origin, name, ...(version ? { version } : {}) });
        },
      ),
      RUNS,
    );
  });

  it("either parses any string into a usable id or throws the documented Error", () => {
    const candidate = fc.oneof(
      anyString,
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.webUrl(), fc.array(anyString, { maxLength: 4 })).map(([u, segments]) => `${u}/${segments.join("/")}`),
    );
    fc.assert(
      fc.property(candidate, (id) => {
        let parsed;
        try {
          parsed = parseKeyVaultSecretIdentifier(id);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message.startsWith(`Invalid secrets identifier: ${id}. `)).toBe(true);
          return;
        }
        const url = new URL(id);
        expect(parsed.sourceId).toBe(id);
        expect(parsed.vaultUrl).toBe(`${url.protocol}//${url.host}`);
        expect(parsed.name).not.toBe("");
        expect(parsed.name).not.toContain("/");
        expect(parsed.version ?? "x").not.toBe("");
        expect(parsed.version ?? "").not.toContain("/");
        // Parsing what it returned, rebuilt as an id, is stable.
        const rebuilt = `${parsed.vaultUrl}/secrets/${parsed.name}${parsed.version ? `/${parsed.version}` : ""}`;
        expect(parseKeyVaultSecretIdentifier(rebuilt)).toMatchObject({ vaultUrl: parsed.vaultUrl, name: parsed.name });
      }),
      RUNS,
    );
  });
});

describe("unix-seconds dates (properties)", () => {
  const seconds = fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 });

  it("maps any integer of seconds to a Date and back unchanged, 0 and negatives included", () => {
    fc.assert(
      fc.property(seconds, (s) => {
        const date = fromUnixSeconds(s);
        expect(date).toBeInstanceOf(Date);
        expect(toUnixSeconds(date as Date, "expiresOn")).toBe(s);
      }),
      RUNS,
    );
  });

  it("serialises any valid Date to its floored second, past 2038 and before 1970", () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        const s = toUnixSeconds(date, "notBefore");
        expect(Number.isSafeInteger(s)).toBe(true);
        expect(s * 1000).toBeLessThanOrEqual(date.getTime());
        expect(date.getTime() - s * 1000).toBeLessThan(1000);
      }),
      RUNS,
    );
  });

  it("round-trips notBefore and expiresOn through the request body and a returned bundle", () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.date({ noInvalidDate: true }), (notBefore, expiresOn) => {
        const attributes = toWireAttributes({ notBefore, expiresOn });
        const wire = JSON.parse(JSON.stringify({ ...bundle("s"), attributes })) as ReturnType<typeof bundle>;

        const { properties } = toKeyVaultSecret(wire);

        expect(properties.notBefore?.getTime()).toBe(Math.floor(notBefore.getTime() / 1000) * 1000);
        expect(properties.expiresOn?.getTime()).toBe(Math.floor(expiresOn.getTime() / 1000) * 1000);
      }),
      RUNS,
    );
  });

  it("refuses every invalid date or non-Date with RangeError", () => {
    const invalid = fc.oneof(
      fc.constant(new Date(Number.NaN)),
      anyString.map((s) => new Date(`x${s}`)),
      anyString,
      fc.double(),
      fc.object(),
      fc.constantFrom(null, undefined, true),
    );
    fc.assert(
      fc.property(invalid, (value) => {
        expect(() => toUnixSeconds(value as Date, "expiresOn")).toThrow(RangeError);
      }),
      RUNS,
    );
  });

  it("reads only numbers as dates", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.constantFrom(null, undefined, true, false), fc.object()), (value) => {
        expect(fromUnixSeconds(value as unknown as number)).toBeUndefined();
      }),
      RUNS,
    );
  });
});

describe("request paths (properties)", () => {
  const SEGMENT = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/;
  const pathName = anyString.filter((s) => s !== "" && s !== "." && s !== "..");

  it("keeps any name and version inside their own segments, decodable back to themselves", () => {
    fc.assert(
      fc.property(pathName, pathName, (name, version) => {
        const url = new URL(
          `https://v.vault.azure.net${secretPath`/secrets/${name}/${version}`}?api-version=2025-07-01`,
        );

        const segments = url.pathname.split("/");
        expect(segments).toHaveLength(4);
        expect(segments.slice(0, 2)).toEqual(["", "secrets"]);
        expect(segments[2]).toMatch(SEGMENT);
        expect(segments[3]).toMatch(SEGMENT);
        expect(decodeURIComponent(segments[2] ?? "")).toBe(name);
        expect(decodeURIComponent(segments[3] ?? "")).toBe(version);
        expect(url.origin).toBe("https://v.vault.azure.net");
        expect(url.search).toBe("?api-version=2025-07-01");
        expect(url.hash).toBe("");
      }),
      RUNS,
    );
  });

  it("sends every name the client accepts to exactly its own path, and refuses the rest before sending", async () => {
    const sent: ScriptedRequest[] = [];
    const vault = new ScriptedHttpClient((request) => {
      sent.push(request);
      return { status: 200, body: bundle("s") };
    });
    const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential(), { httpClient: vault });
    await client.getSecret("warm-up");

    await fc.assert(
      fc.asyncProperty(fc.oneof(anyString, fc.constantFrom("", ".", "..")), async (name) => {
        sent.length = 0;
        const before = vault.requests.length;
        try {
          await client.getSecret(name);
        } catch (error) {
          expect(["", ".", ".."]).toContain(name);
          expect(error).toBeInstanceOf(RangeError);
          expect(vault.requests.length).toBe(before);
          return;
        }
        expect(sent).toHaveLength(1);
        const { url } = sent[0] as ScriptedRequest;
        expect(url.origin).toBe("https://myvault.vault.azure.net");
        expect(url.pathname).toMatch(/^\/secrets\/[^/]+\/$/);
        expect(decodeURIComponent(url.pathname.split("/")[2] ?? "")).toBe(name);
        expect([...url.searchParams]).toEqual([["api-version", "2025-07-01"]]);
      }),
      RUNS,
    );
  });
});

describe("paging helper (properties)", () => {
  const VAULT = "https://myvault.vault.azure.net";
  /** An opaque skiptoken, already URL-encoded as the service sends it. */
  const skiptoken = fc
    .string({ unit: fc.constantFrom(..."abcXYZ019-_.~%2F+="), minLength: 1, maxLength: 16 })
    .map((s) => encodeURIComponent(s));
  const layout = fc.record({
    pages: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
    tokens: fc.uniqueArray(skiptoken, { minLength: 5, maxLength: 5 }),
    lastLink: fc.constantFrom<null | undefined | "">(null, undefined, ""),
    linkApiVersion: fc.constantFrom("", "api-version=7.0&", "api%2Dversion=7.0&", "api-version=2025-07-01&"),
  });

  /** A scripted vault serving `pages` of items named `p{page}i{index}`, linked by nextLinks. */
  function scriptedVault(l: {
    pages: number[];
    tokens: string[];
    lastLink: null | undefined | "";
    linkApiVersion: string;
  }) {
    const link = (i: number): string =>
      `${VAULT}:443/secrets?${l.linkApiVersion}$skiptoken=${l.tokens[i]}&maxresults=4`;
    const body = (page: number): unknown => {
      const value = Array.from({ length: l.pages[page] ?? 0 }, (_, i) => bundle(`p${page}i${i}`));
      const last = page === l.pages.length - 1;
      if (!last) return { value, nextLink: link(page) };
      return l.lastLink === undefined ? { value } : { value, nextLink: l.lastLink };
    };
    return {
      link,
      expected: l.pages.flatMap((n, page) => Array.from({ length: n }, (_, i) => `p${page}i${i}`)),
      handler: (request: ScriptedRequest): ScriptedResponse => {
        const token = /[?&]\$skiptoken=([^&]*)/.exec(request.url.search)?.[1]; // raw, as the service sent it
        const page = token === undefined ? 0 : l.tokens.indexOf(token) + 1;
        // An unknown token must fail the run, not loop back to page 0.
        return token !== undefined && page === 0 ? { status: 400 } : { status: 200, body: body(page) };
      },
    };
  }

  it("yields every item once per page, exposes each nextLink as its continuationToken and resumes from any of them", async () => {
    let current: ReturnType<typeof scriptedVault> | undefined;
    const seen: URL[] = [];
    // A lean scripted vault (no recording of bodies and headers): this property sends ~40,000 requests.
    const httpClient: HttpClient = {
      async sendRequest(request) {
        const url = new URL(request.url);
        if (!request.headers.has("authorization")) {
          return {
            request,
            status: 401,
            headers: createHttpHeaders({ "www-authenticate": CHALLENGE }),
            bodyAsText: "",
          };
        }
        seen.push(url);
        const answer = current?.handler({ url } as ScriptedRequest) ?? { status: 500 };
        return {
          request,
          status: answer.status,
          headers: createHttpHeaders(),
          bodyAsText: JSON.stringify(answer.body ?? ""),
        };
      },
    };
    const client = new SecretClient(VAULT, new FakeCredential(), { httpClient });

    await fc.assert(
      fc.asyncProperty(layout, fc.nat(), async (l, pick) => {
        current = scriptedVault(l);
        seen.length = 0;

        const pages: Array<{ names: string[]; token: string | undefined }> = [];
        for await (const page of client.listPropertiesOfSecrets().byPage()) {
          pages.push({
            names: page.map((p) => p.name),
            token: (page as { continuationToken?: string }).continuationToken,
          });
        }

        expect(pages.flatMap((p) => p.names)).toEqual(current.expected);
        expect(pages.map((p) => p.names.length)).toEqual(l.pages);
        pages.forEach((p, i) => expect(p.token).toBe(i < l.pages.length - 1 ? current?.link(i) : undefined));
        expect(seen).toHaveLength(l.pages.length);
        seen.forEach((url, i) => {
          expect(url.origin).toBe(VAULT);
          expect(url.searchParams.getAll("api-version")).toEqual(["2025-07-01"]);
          expect(url.search).not.toContain("api%2Dversion");
          if (i > 0) expect(url.search).toContain(`$skiptoken=${l.tokens[i - 1]}&maxresults=4`);
        });

        const from = pick % pages.length;
        const token = pages[from]?.token;
        if (token === undefined) return;
        const resumed: string[] = [];
        for await (const page of client.listPropertiesOfSecrets().byPage({ continuationToken: token })) {
          resumed.push(...page.map((p) => p.name));
        }
        expect(resumed).toEqual(pages.slice(from + 1).flatMap((p) => p.names));
      }),
      RUNS,
    );
  });
});

describe("responses a broken or hostile service may send (properties)", () => {
  let answer = { status: 200, body: "" };
  const httpClient: HttpClient = {
    async sendRequest(request) {
      if (!request.headers.has("authorization")) {
        return { request, status: 401, headers: createHttpHeaders({ "www-authenticate": CHALLENGE }), bodyAsText: "" };
      }
      return { request, status: answer.status, headers: createHttpHeaders(), bodyAsText: answer.body };
    },
  };
  const client = new SecretClient("https://myvault.vault.azure.net", new FakeCredential(), {
    httpClient,
    retryOptions: { maxRetries: 0 },
  });
  const operations: Array<() => Promise<unknown>> = [
    () => client.getSecret("s"),
    () => client.setSecret("s", "v"),
    () => client.updateSecretProperties("s", ""),
    () => client.getDeletedSecret("s"),
    () => client.purgeDeletedSecret("s"),
    () => client.backupSecret("s"),
    () => client.restoreSecretBackup(new Uint8Array([1])),
    async () => (await client.beginDeleteSecret("s", { intervalInMs: 0 })).pollUntilDone(),
    async () => {
      for await (const item of client.listPropertiesOfSecrets()) void item;
    },
    async () => {
      for await (const item of client.listDeletedSecrets()) void item;
    },
  ];
  const id = fc.oneof(
    fc.constant("https://myvault.vault.azure.net/secrets/s/0123456789abcdef0123456789abcdef"),
    fc.constant("https://myvault.vault.azure.net/deletedsecrets/s"),
    fc.string(),
    fc.integer(),
    fc.constant(null),
  );
  const attributes = fc.oneof(
    fc.anything(),
    fc.record(
      { enabled: fc.anything(), nbf: fc.anything(), exp: fc.anything(), created: fc.anything() },
      { requiredKeys: [] },
    ),
  );
  const wireBundle = fc.record(
    {
      id,
      value: fc.anything(),
      attributes,
      tags: fc.anything(),
      contentType: fc.anything(),
      recoveryId: fc.anything(),
      deletedDate: fc.anything(),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    wireBundle.map((b) => JSON.stringify(b)),
    fc
      .record(
        {
          value: fc.oneof(fc.array(fc.oneof(wireBundle, fc.anything()), { maxLength: 3 }), fc.anything()),
          nextLink: fc.anything(),
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
    fc.record({ error: fc.anything() }).map((b) => JSON.stringify(b)),
    fc.json(),
    fc.string(),
  );

  it("ends every operation in a result or a RestError/Error, never a TypeError", async () => {
    await client.getSecret("warm-up").catch(() => undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom(200, 204, 302, 400, 404, 409, 500),
        body,
        async (run, status, text) => {
          answer = { status, body: text };
          try {
            await run();
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).name, (error as Error).message).toMatch(/^(RestError|Error)$/);
            if ((error as Error).name === "Error") {
              expect((error as Error).message).toMatch(/^(Invalid secrets identifier: |The nextLink origin )/);
            }
          }
        },
      ),
      RUNS,
    );
  });
});
