import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeClaims, getChallengeInfo } from "../../../src/client/policies/challengeInfo.js";
import { parseChallenges, parseWWWAuthenticate } from "../../../src/client/policies/parseWWWAuthenticate.js";

function info(header: string): ReturnType<typeof getChallengeInfo> {
  const parsed = parseWWWAuthenticate(header);
  if (!parsed) throw new Error("expected a Bearer challenge");
  return getChallengeInfo(parsed);
}

describe("parseWWWAuthenticate", () => {
  it("parses the challenge Key Vault sends", () => {
    const parsed = parseWWWAuthenticate(
      'Bearer authorization="https://login.microsoftonline.com/tid", resource="https://vault.azure.net"',
    );
    expect(parsed?.scheme).toBe("Bearer");
    expect({ ...parsed?.params }).toEqual({
      authorization: "https://login.microsoftonline.com/tid",
      resource: "https://vault.azure.net",
    });
  });

  it("matches the Bearer scheme case-insensitively", () => {
    expect(parseWWWAuthenticate('bEaReR resource="r"')?.params["resource"]).toBe("r");
  });

  it("returns undefined when no challenge is Bearer", () => {
    expect(parseWWWAuthenticate('Basic realm="x"')).toBeUndefined();
    expect(parseWWWAuthenticate("")).toBeUndefined();
    expect(parseWWWAuthenticate("Negotiate")).toBeUndefined();
  });

  it("keeps a quoted value whole: authorization=\"not a url\" gives 'not a url' (SPEC §7 item 8)", () => {
    expect(parseWWWAuthenticate('Bearer authorization="not a url"')?.params["authorization"]).toBe("not a url");
  });

  it("keeps spaces, commas and escaped characters inside quoted values", () => {
    const parsed = parseWWWAuthenticate('Bearer a="x, y=z", b="say \\"hi\\" \\\\ ok", c=tok');
    expect({ ...parsed?.params }).toEqual({ a: "x, y=z", b: 'say "hi" \\ ok', c: "tok" });
  });

  it("lower-cases parameter names and tolerates whitespace around '=' and ','", () => {
    const parsed = parseWWWAuthenticate('Bearer   TenantId = "t1" ,Resource="r"  ,,  Scope=s');
    expect({ ...parsed?.params }).toEqual({ tenantid: "t1", resource: "r", scope: "s" });
  });

  it("reads unquoted URL values up to the next comma", () => {
    const parsed = parseWWWAuthenticate(
      "Bearer authorization=https://login.example/tid, resource=https://vault.azure.net",
    );
    expect(parsed?.params["authorization"]).toBe("https://login.example/tid");
    expect(parsed?.params["resource"]).toBe("https://vault.azure.net");
  });

  it("keeps the first value when a parameter repeats", () => {
    expect(parseWWWAuthenticate('Bearer resource="a", RESOURCE="b"')?.params["resource"]).toBe("a");
  });

  it("picks the Bearer challenge among several in one header", () => {
    const header = 'Basic realm="r1", Bearer resource="https://vault.azure.net", PoP nonce="n"';
    expect(parseChallenges(header).map((c) => c.scheme)).toEqual(["Basic", "Bearer", "PoP"]);
    expect({ ...parseWWWAuthenticate(header)?.params }).toEqual({ resource: "https://vault.azure.net" });
  });

  it("skips a token68 credential before the next challenge", () => {
    const challenges = parseChallenges("Basic dXNlcjpwYXNz==, Bearer resource=r");
    expect(challenges.map((c) => c.scheme)).toEqual(["Basic", "Bearer"]);
  });

  it("lets an unterminated quoted value run to the end of the header", () => {
    expect(parseWWWAuthenticate('Bearer resource="https://vault.azure.net')?.params["resource"]).toBe(
      "https://vault.azure.net",
    );
  });

  it("does not let a parameter named __proto__ reach the object prototype", () => {
    const parsed = parseWWWAuthenticate('Bearer __proto__="x", constructor="y"');
    expect(parsed?.params["__proto__"]).toBe("x");
    expect(Object.getPrototypeOf(parsed?.params)).toBeNull();
  });

  it("round-trips any set of token and quoted parameters", () => {
    const tchar = fc.constantFrom(..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const token = fc.string({ unit: tchar, minLength: 1, maxLength: 12 });
    const value = fc.oneof(
      token.map((v) => ({ raw: v, wire: v })),
      fc.string({ maxLength: 24 }).map((v) => ({ raw: v, wire: `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` })),
    );
    const param = fc.record({ name: token, value, gap: fc.constantFrom("", " ", "\t") });
    const params = fc.uniqueArray(param, { selector: (p) => p.name.toLowerCase(), maxLength: 8 });
    const scheme = fc.constantFrom("Bearer", "bearer", "BEARER", "BeArEr");
    fc.assert(
      fc.property(scheme, params, fc.constantFrom(",", ", ", " ,", " , "), (s, ps, comma) => {
        const header = `${s} ${ps.map((p) => `${p.name}${p.gap}=${p.gap}${p.value.wire}`).join(comma)}`;
        const expected = Object.fromEntries(ps.map((p) => [p.name.toLowerCase(), p.value.raw]));
        const parsed = parseWWWAuthenticate(header);
        expect(parsed?.scheme).toBe(s);
        expect({ ...parsed?.params }).toEqual(expected);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe("getChallengeInfo", () => {
  it("derives tenant and scope from the Key Vault challenge", () => {
    expect(
      info('Bearer authorization="https://login.microsoftonline.com/tid/", resource="https://vault.azure.net"'),
    ).toEqual({
      authority: "https://login.microsoftonline.com/tid/",
      tenantId: "tid",
      scope: "https://vault.azure.net/.default",
    });
  });

  it("accepts authorization_uri alone (SPEC §7 item 8)", () => {
    expect(info('Bearer authorization_uri="https://login.microsoftonline.com/tid", resource="r"').tenantId).toBe("tid");
  });

  it("accepts authorization_url for compatibility", () => {
    expect(info('Bearer authorization_url="https://login.example/t2", resource="r"').tenantId).toBe("t2");
  });

  it("takes the first non-empty path segment as tenant: ADFS gives 'adfs' (SPEC §3.8 E)", () => {
    expect(info('Bearer authorization="https://adfs.contoso.com/adfs/x", resource="r"').tenantId).toBe("adfs");
    expect(info('Bearer authorization="https://login.example//t3/oauth2/authorize", resource="r"').tenantId).toBe("t3");
  });

  it("leaves the tenant undefined when the authority has no path", () => {
    expect(info('Bearer authorization="https://login.example", resource="r"').tenantId).toBeUndefined();
  });

  it("prefers an explicit tenantId over the authority's", () => {
    expect(info('Bearer authorization="https://login.example/t1", TENANTID="t9", resource="r"').tenantId).toBe("t9");
  });

  it("throws the exact error for an authority that is not a URL", () => {
    expect(() => info('Bearer authorization="not a url", resource="https://vault.azure.net"')).toThrow(
      new Error("The challenge authorization URI 'not a url' is invalid."),
    );
  });

  it("removes one trailing slash from resource and appends /.default", () => {
    expect(info('Bearer resource="https://vault.azure.net/"').scope).toBe("https://vault.azure.net/.default");
    expect(info('Bearer resource="https://vault.azure.net//"').scope).toBe("https://vault.azure.net//.default");
  });

  it("prefers resource over scope, and uses scope as given otherwise", () => {
    expect(info('Bearer scope="https://other/.default", resource="https://vault.azure.net"').scope).toBe(
      "https://vault.azure.net/.default",
    );
    expect(info('Bearer scope="https://vault.azure.net/custom"').scope).toBe("https://vault.azure.net/custom");
  });

  it("ignores unknown parameters such as realm", () => {
    expect(info('Bearer realm="", foo=bar, resource="https://vault.azure.net"')).toEqual({
      scope: "https://vault.azure.net/.default",
    });
  });

  it("returns error and claims of a CAE challenge", () => {
    const cae = info(
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="e30="',
    );
    expect(cae).toMatchObject({ tenantId: "common", error: "insufficient_claims", claims: "e30=" });
    expect(cae.scope).toBeUndefined();
  });
});

describe("decodeClaims", () => {
  const json = '{"access_token":{"nbf":{"essential":true,"value":"1726077595"}}}';

  it("decodes padded base64", () => {
    expect(decodeClaims(btoa(json))).toBe(json);
    expect(
      decodeClaims("eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwidmFsdWUiOiIxNzI2MDc3NTk1In19fQ=="),
    ).toBe(json);
  });

  it("decodes unpadded base64url, including - and _", () => {
    const text = '{"x":"ÿ>?~"}';
    const bytes = new TextEncoder().encode(text);
    const url = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(url).toMatch(/[-_]/);
    expect(decodeClaims(url)).toBe(text);
  });

  it("returns undefined for values that are not base64 or not UTF-8", () => {
    expect(decodeClaims("not base64!")).toBeUndefined();
    expect(decodeClaims("")).toBeUndefined();
    expect(decodeClaims("a")).toBeUndefined();
    expect(decodeClaims(btoa("\xff\xfe"))).toBeUndefined();
  });
});
