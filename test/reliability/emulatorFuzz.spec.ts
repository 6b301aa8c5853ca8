import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { useEmulator } from "../utils/useEmulator.js";
import { rawExchange, request } from "./rawHttps.js";

/**
 * Random requests against the emulator over raw TLS: whatever the method, path, query, headers and body, it
 * answers (never a 5xx: a 500 `EmulatorError` means a handler bug) and keeps serving normal requests.
 * `FUZZ_RUNS=20000` runs a longer hunt.
 */
describe("emulator fuzz", () => {
  const ctx = useEmulator();

  const word = fc.oneof(
    fc.constantFrom(
      "secrets",
      "deletedsecrets",
      "versions",
      "backup",
      "restore",
      "recover",
      "_emulator",
      "",
      ".",
      "..",
      "%2e%2e",
      "%2F",
      "%",
      "%zz",
      "%C0%AF",
    ),
    fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.~%!$&'()*+,;=:@"), maxLength: 12 }),
    fc.string({ unit: "grapheme", maxLength: 6 }).map((s) => encodeURIComponent(s)),
  );
  const query = fc.array(
    fc.oneof(
      fc.constantFrom(
        "api-version=2025-07-01",
        "api-version=7.0",
        "api%2Dversion=7.6",
        "api-version=",
        "api-version=9.9",
      ),
      fc.integer({ min: -5, max: 40 }).map((n) => `maxresults=${n}`),
      fc.constantFrom(
        "maxresults=abc",
        "$skiptoken=%%%",
        "$skiptoken=eyJ9",
        "outContentType=application%2Fx-pem-file",
        "a=b",
      ),
    ),
    { maxLength: 4 },
  );
  const body = fc.option(
    fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          tags: fc.option(
            fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 20 }),
            { nil: undefined },
          ),
          contentType: fc.option(fc.oneof(fc.string(), fc.integer()), { nil: undefined }),
          attributes: fc.option(
            fc.record(
              { enabled: fc.anything(), nbf: fc.oneof(fc.integer(), fc.double(), fc.string()), exp: fc.anything() },
              { requiredKeys: [] },
            ),
            { nil: undefined },
          ),
        })
        .map((o) => JSON.stringify(o)),
      fc.string({ maxLength: 50 }),
    ),
    { nil: undefined },
  );
  const host = fc.constantFrom(
    "localhost",
    "default.localhost",
    "other.localhost",
    "127.0.0.1",
    "UPPER.localhost",
    "a..localhost",
    "-x.localhost",
  );

  it("answers 1,000 random requests without a 5xx and keeps serving", async () => {
    await ctx.client.setSecret("fuzz", "v");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "PUT", "PATCH", "POST", "DELETE", "HEAD", "OPTIONS"),
        fc.array(word, { minLength: 1, maxLength: 4 }),
        query,
        body,
        host,
        async (method, segments, params, text, h) => {
          const path = `/${segments.join("/")}${params.length > 0 ? `?${params.join("&")}` : ""}`;
          const answer = await rawExchange(ctx.emu, request(method, path, text, { host: h }));
          expect(answer.status, `${method} ${path} ${text ?? ""}`).toBeGreaterThanOrEqual(200);
          expect(answer.status, `${method} ${path} ${text ?? ""} → ${answer.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
    expect((await ctx.client.getSecret("fuzz")).value).toBe("v");
  });
});
