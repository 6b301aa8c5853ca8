import { AbortError } from "@azure/abort-controller";
import type { AccessToken, GetTokenOptions } from "@azure/core-auth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "../../../src/client/logger.js";
import { AccessTokenCache } from "../../../src/client/policies/tokenCache.js";
import { deferred } from "./fakes.js";

const SCOPE = "https://vault.azure.net/.default";
const HOUR = 3_600_000;

/** A manual clock and a credential whose tokens expire an hour after the clock's current time. */
function setup(tenantId: string | null = "tid") {
  let now = 1_000_000;
  let count = 0;
  const getToken = vi.fn(
    async (_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> => ({
      token: `token-${++count}`,
      expiresOnTimestamp: now + HOUR,
    }),
  );
  const cache = new AccessTokenCache({ getToken }, SCOPE, tenantId ?? undefined, () => now);
  return {
    cache,
    getToken,
    advance: (ms: number) => (now += ms),
    get now() {
      return now;
    },
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("AccessTokenCache", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("asks the credential with scope, tenant and enableCae, and passes signal, tracing and timeout", async () => {
    const { cache, getToken } = setup();
    const abortSignal = new AbortController().signal;
    const tracingOptions = {};
    await cache.getToken({ abortSignal, tracingOptions, timeoutInMs: 5000 });
    expect(getToken).toHaveBeenCalledWith([SCOPE], {
      abortSignal,
      tracingOptions,
      requestOptions: { timeout: 5000 },
      enableCae: true,
      tenantId: "tid",
    });
  });

  it("omits tenantId when the challenge named none", async () => {
    const { cache, getToken } = setup(null);
    await cache.getToken();
    expect(getToken.mock.calls[0]?.[1]).toEqual({ enableCae: true });
  });

  it("reuses the cached token until the refresh window", async () => {
    const t = setup();
    expect((await t.cache.getToken()).token).toBe("token-1");
    t.advance(HOUR - 120_001);
    expect((await t.cache.getToken()).token).toBe("token-1");
    expect(t.getToken).toHaveBeenCalledTimes(1);
  });

  it("refreshes in the background from 120 s before expiry and hands out the old token meanwhile", async () => {
    const t = setup();
    await t.cache.getToken();
    const refresh = deferred<AccessToken | null>();
    t.getToken.mockReturnValueOnce(refresh.promise);
    t.advance(HOUR - 120_000);
    expect((await t.cache.getToken()).token).toBe("token-1");
    expect((await t.cache.getToken()).token).toBe("token-1");
    expect(t.getToken).toHaveBeenCalledTimes(2); // one background refresh, not one per call
    refresh.resolve({ token: "refreshed", expiresOnTimestamp: t.now + HOUR });
    await flush();
    expect((await t.cache.getToken()).token).toBe("refreshed");
  });

  it("refreshes from the credential's refreshAfterTimestamp when that is earlier", async () => {
    const t = setup();
    t.getToken.mockResolvedValueOnce({
      token: "early",
      expiresOnTimestamp: t.now + HOUR,
      refreshAfterTimestamp: t.now + 60_000,
    });
    await t.cache.getToken();
    t.advance(60_000);
    expect((await t.cache.getToken()).token).toBe("early");
    expect(t.getToken).toHaveBeenCalledTimes(2);
  });

  it("logs a failed background refresh, waits 3 s before the next attempt, and leaves no unhandled rejection", async () => {
    const t = setup();
    const warnings = vi.spyOn(authLogger, "warning").mockImplementation(() => undefined);
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      await t.cache.getToken();
      t.getToken.mockRejectedValue(new Error("identity down"));
      t.advance(HOUR - 60_000);
      expect((await t.cache.getToken()).token).toBe("token-1");
      await flush();
      expect(warnings).toHaveBeenCalledWith(
        expect.stringContaining("Failed to refresh access token in the background."),
      );
      t.advance(2_999);
      await t.cache.getToken();
      expect(t.getToken).toHaveBeenCalledTimes(2);
      t.advance(1);
      await t.cache.getToken();
      expect(t.getToken).toHaveBeenCalledTimes(3);
      await flush();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("blocks for a new token within 1 s of expiry", async () => {
    const t = setup();
    await t.cache.getToken();
    t.advance(HOUR - 1_000);
    expect((await t.cache.getToken()).token).toBe("token-2");
  });

  it("shares one acquisition between concurrent callers", async () => {
    const t = setup();
    const tokens = await Promise.all([t.cache.getToken(), t.cache.getToken(), t.cache.getToken()]);
    expect(tokens.map((x) => x.token)).toEqual(["token-1", "token-1", "token-1"]);
    expect(t.getToken).toHaveBeenCalledTimes(1);
  });

  it("bypasses the cached token for claims, with one acquisition per claims value", async () => {
    const t = setup();
    await t.cache.getToken();
    const [a, b, c] = await Promise.all([
      t.cache.getToken({ claims: "{}" }),
      t.cache.getToken({ claims: "{}" }),
      t.cache.getToken({ claims: '{"x":1}' }),
    ]);
    expect([a.token, b.token, c.token]).toEqual(["token-2", "token-2", "token-3"]);
    expect(t.getToken.mock.calls.map((call) => call[1]?.claims)).toEqual([undefined, "{}", '{"x":1}']);
  });

  it("keeps the newest token when an older acquisition finishes last", async () => {
    const t = setup();
    const slow = deferred<AccessToken | null>();
    t.getToken.mockReturnValueOnce(slow.promise);
    const first = t.cache.getToken();
    expect((await t.cache.getToken({ claims: "{}" })).token).toBe("token-1");
    slow.resolve({ token: "stale", expiresOnTimestamp: t.now + HOUR });
    expect((await first).token).toBe("stale");
    expect((await t.cache.getToken()).token).toBe("token-1");
  });

  it("throws 'Failed to refresh access token.' when the credential returns null", async () => {
    const t = setup();
    t.getToken.mockResolvedValueOnce(null);
    await expect(t.cache.getToken()).rejects.toThrow(new Error("Failed to refresh access token."));
  });

  it("propagates the credential's error unchanged to every waiter, then tries again", async () => {
    const t = setup();
    const failure = new Error("AADSTS70011");
    t.getToken.mockRejectedValueOnce(failure);
    const results = await Promise.allSettled([t.cache.getToken(), t.cache.getToken()]);
    expect(results).toEqual([
      { status: "rejected", reason: failure },
      { status: "rejected", reason: failure },
    ]);
    expect((await t.cache.getToken()).token).toBe("token-1");
  });

  it("rejects an aborted waiter with AbortError while the other waiters still get a token", async () => {
    const t = setup();
    t.getToken.mockImplementationOnce(
      (_scopes, options) =>
        new Promise((_resolve, reject) => {
          options?.abortSignal?.addEventListener("abort", () => reject(new AbortError("credential aborted")));
        }),
    );
    const controller = new AbortController();
    const aborted = t.cache.getToken({ abortSignal: controller.signal });
    const patient = t.cache.getToken();
    controller.abort();
    await expect(aborted).rejects.toThrow(AbortError);
    expect((await patient).token).toBe("token-1");
    expect(t.getToken).toHaveBeenCalledTimes(2);
  });

  it("rejects at once for an already aborted signal", async () => {
    const t = setup();
    await expect(t.cache.getToken({ abortSignal: AbortSignal.abort() })).rejects.toThrow(AbortError);
  });
});
