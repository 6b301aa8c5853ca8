import type { AbortSignalLike } from "@azure/abort-controller";
import { SecretClient } from "../../src/index.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "../utils/useEmulator.js";
import { attempts, FAST_RETRY, rejectionOf } from "./helpers.js";

/**
 * Abort (SPEC §6.3, §4.1, §5): the caller's signal ends an in-flight request, a retry backoff, a poller's
 * wait and a listing between pages, always as AbortError and never followed by another request.
 */
describe.each(["emulator", "default"] as const)("abort, %s transport", (transport) => {
  const ctx = useEmulator({}, transport);
  let client: SecretClient;

  beforeAll(async () => {
    client = ctx.newClient(FAST_RETRY);
    await client.setSecret("abort-target", "v");
  });
  afterEach(() => {
    ctx.emu.control.faults.clear();
    ctx.emu.control.clock.unfreeze();
  });

  /** Resolves once the emulator has logged `count` requests for `method path` (a stalled one logs at once). */
  async function seen(method: string, path: string, count = 1): Promise<void> {
    await expect.poll(() => attempts(ctx.emu, method, path)).toBeGreaterThanOrEqual(count);
  }

  it("sends nothing when the signal is already aborted", async () => {
    ctx.emu.control.clearRequests();
    const error = await rejectionOf(client.getSecret("abort-target", { abortSignal: AbortSignal.abort() }));

    expect(error).toMatchObject({ name: "AbortError" });
    expect(ctx.emu.control.requests()).toEqual([]);
  });

  it("cancels a stalled read in flight and does not retry it", async () => {
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/abort-target/$", stall: true });
    const controller = new AbortController();
    const before = attempts(ctx.emu, "GET", "/secrets/abort-target/");

    const pending = rejectionOf(client.getSecret("abort-target", { abortSignal: controller.signal }));
    await seen("GET", "/secrets/abort-target/", before + 1);
    controller.abort();

    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(attempts(ctx.emu, "GET", "/secrets/abort-target/")).toBe(before + 1);
  });

  it("cancels a stalled write in flight without sending it again", async () => {
    ctx.emu.control.faults.add({ method: "PUT", path: "^/secrets/abort-write$", stall: true });
    const controller = new AbortController();

    const pending = rejectionOf(client.setSecret("abort-write", "v", { abortSignal: controller.signal }));
    await seen("PUT", "/secrets/abort-write");
    controller.abort();

    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(attempts(ctx.emu, "PUT", "/secrets/abort-write")).toBe(1);
  });

  it("interrupts the retry backoff a throttled request is waiting out", async () => {
    // A one-minute Retry-After: only the abort can end this test in time.
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/abort-target/$", status: 429, retryAfterMs: 60_000 });
    const controller = new AbortController();
    const before = attempts(ctx.emu, "GET", "/secrets/abort-target/");

    const pending = rejectionOf(client.getSecret("abort-target", { abortSignal: controller.signal }));
    await seen("GET", "/secrets/abort-target/", before + 1);
    controller.abort();

    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(attempts(ctx.emu, "GET", "/secrets/abort-target/")).toBe(before + 1);
  });

  it("interrupts a poller's wait between polls, and the poller can resume afterwards", async () => {
    await client.setSecret("abort-poll", "v");
    ctx.emu.control.clock.freeze(); // the deletion window only ends when the test moves the clock
    const poller = await client.beginDeleteSecret("abort-poll", { intervalInMs: 60_000 });
    expect(poller.isDone()).toBe(false);
    const controller = new AbortController();

    const pending = rejectionOf(poller.pollUntilDone({ abortSignal: controller.signal }));
    await seen("GET", "/deletedsecrets/abort-poll", 2); // begin's poll, then pollUntilDone's immediate poll
    controller.abort();

    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(attempts(ctx.emu, "GET", "/deletedsecrets/abort-poll")).toBe(2);
    expect(poller.isDone()).toBe(false);

    ctx.emu.control.clock.advance(3);
    await poller.poll();
    expect(poller.isDone()).toBe(true);
    expect(attempts(ctx.emu, "DELETE", "/secrets/abort-poll")).toBe(1);
  });

  it("cancels an in-flight poll request", async () => {
    await client.setSecret("abort-poll-request", "v");
    const poller = await client.beginDeleteSecret("abort-poll-request", { intervalInMs: 0 });
    ctx.emu.control.faults.add({ method: "GET", path: "^/deletedsecrets/abort-poll-request$", stall: true });
    const controller = new AbortController();
    const before = attempts(ctx.emu, "GET", "/deletedsecrets/abort-poll-request");

    const pending = rejectionOf(poller.poll({ abortSignal: controller.signal }));
    await seen("GET", "/deletedsecrets/abort-poll-request", before + 1);
    controller.abort();

    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(attempts(ctx.emu, "GET", "/deletedsecrets/abort-poll-request")).toBe(before + 1);
  });

  describe("listing", () => {
    beforeAll(async () => {
      for (const i of [1, 2, 3]) await client.setSecret("abort-list", `v${i}`);
    });

    it("stops between pages without requesting the next one", async () => {
      const controller = new AbortController();
      const before = attempts(ctx.emu, "GET", "/secrets/abort-list/versions");
      const pages = client
        .listPropertiesOfSecretVersions("abort-list", { abortSignal: controller.signal })
        .byPage({ maxPageSize: 1 });

      const first = await pages.next();
      expect(first.value).toHaveLength(1);
      controller.abort();

      expect(await rejectionOf(pages.next())).toMatchObject({ name: "AbortError" });
      expect(attempts(ctx.emu, "GET", "/secrets/abort-list/versions")).toBe(before + 1);
    });

    it("applies the per-try timeout to later pages too (SPEC §7 item 6)", async () => {
      const pages = client
        .listPropertiesOfSecretVersions("abort-list", { requestOptions: { timeout: 50 } })
        .byPage({ maxPageSize: 1 });
      await pages.next();
      ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/abort-list/versions$", stall: true });

      expect(await rejectionOf(pages.next())).toMatchObject({ name: "AbortError" });
    });

    it("cancels an in-flight page request", async () => {
      const controller = new AbortController();
      const pages = client
        .listPropertiesOfSecretVersions("abort-list", { abortSignal: controller.signal })
        .byPage({ maxPageSize: 1 });
      await pages.next();
      ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/abort-list/versions$", stall: true });
      const before = attempts(ctx.emu, "GET", "/secrets/abort-list/versions");

      const pending = rejectionOf(pages.next());
      await seen("GET", "/secrets/abort-list/versions", before + 1);
      controller.abort();

      expect(await pending).toMatchObject({ name: "AbortError" });
      expect(attempts(ctx.emu, "GET", "/secrets/abort-list/versions")).toBe(before + 1);
    });
  });

  it("applies requestOptions.timeout to each attempt, not to the whole call", async () => {
    // Three attempts of ~60 ms each: longer than the timeout together, shorter than it one by one.
    ctx.emu.control.faults.add({
      method: "GET",
      path: "^/secrets/abort-target/$",
      latencyInMs: 60,
      status: 503,
      count: 2,
    });
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/abort-target/$", latencyInMs: 60, count: 1 });
    const before = attempts(ctx.emu, "GET", "/secrets/abort-target/");

    const started = performance.now();
    const secret = await client.getSecret("abort-target", { requestOptions: { timeout: 150 } });

    expect(secret.value).toBe("v");
    expect(performance.now() - started).toBeGreaterThan(150);
    expect(attempts(ctx.emu, "GET", "/secrets/abort-target/")).toBe(before + 3);
  });

  it.each([
    ["honours the signal", true],
    ["ignores the signal", false],
  ])("cancels token acquisition by a credential that %s", async (_label, honours) => {
    let asked = 0;
    const credential = {
      getToken: (_scopes: string | string[], options?: { abortSignal?: AbortSignalLike }) => {
        asked++;
        return new Promise<never>((_, reject) => {
          if (honours)
            options?.abortSignal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        });
      },
    };
    const cold = new SecretClient(`https://default.localhost:${ctx.emu.port}`, credential, {
      ...ctx.clientOptions,
      ...FAST_RETRY,
    });
    const controller = new AbortController();

    const name = `abort-token-${honours ? "honoured" : "ignored"}`;
    const pending = rejectionOf(cold.setSecret(name, "never-sent", { abortSignal: controller.signal }));
    await expect.poll(() => asked).toBe(1);
    controller.abort();

    expect(await pending).toMatchObject({ name: "AbortError" });
    const log = ctx.emu.control.requests().filter((r) => r.path === `/secrets/${name}`);
    expect(log.map((r) => r.authorized)).toEqual([false]); // the body-less discovery only
  });

  it("cancels a cold client's challenge handshake", async () => {
    const cold = new SecretClient(`https://default.localhost:${ctx.emu.port}`, ctx.emu.credential, {
      ...ctx.clientOptions,
      ...FAST_RETRY,
    });
    ctx.emu.control.faults.add({ method: "GET", path: "^/secrets/abort-cold/$", stall: true });
    const controller = new AbortController();

    const pending = rejectionOf(cold.getSecret("abort-cold", { abortSignal: controller.signal }));
    await seen("GET", "/secrets/abort-cold/");
    controller.abort();

    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(attempts(ctx.emu, "GET", "/secrets/abort-cold/")).toBe(1);
  });
});
