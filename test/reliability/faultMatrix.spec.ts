import { isRestError, SecretClient } from "../../src/index.js";
import type { FaultRule } from "../../src/emulator/index.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "../utils/useEmulator.js";
import { attempts, FAST_RETRY, rejectionOf } from "./helpers.js";

/**
 * The fault matrix of SPEC §6.2 against the emulator: every operation type (read, write, list, delete poll,
 * recover) meets every transient fault, once briefly (it recovers) and once for good (it gives up after
 * maxRetries + 1 attempts with the typed error), and never repeats a write more often than the retry policy says.
 */

interface Operation {
  kind: "read" | "write" | "list" | "poll" | "recover";
  /** The request the fault targets. */
  method: string;
  path: (name: string) => string;
  /** State the operation needs, created without faults. */
  prepare: (client: SecretClient, name: string) => Promise<void>;
  run: (client: SecretClient, name: string) => Promise<unknown>;
}

const operations: Operation[] = [
  {
    kind: "read",
    method: "GET",
    path: (n) => `/secrets/${n}/`,
    prepare: async (client, n) => void (await client.setSecret(n, "v")),
    run: (client, n) => client.getSecret(n),
  },
  {
    kind: "write",
    method: "PUT",
    path: (n) => `/secrets/${n}`,
    prepare: async () => undefined,
    run: (client, n) => client.setSecret(n, "v"),
  },
  {
    kind: "list",
    method: "GET",
    path: (n) => `/secrets/${n}/versions`,
    prepare: async (client, n) => void (await client.setSecret(n, "v")),
    run: async (client, n) => {
      const pages = [];
      for await (const page of client.listPropertiesOfSecretVersions(n).byPage({ maxPageSize: 1 })) pages.push(page);
      return pages;
    },
  },
  {
    kind: "poll",
    method: "GET",
    path: (n) => `/deletedsecrets/${n}`,
    prepare: async (client, n) => void (await client.setSecret(n, "v")),
    run: async (client, n) => (await client.beginDeleteSecret(n, { intervalInMs: 0 })).pollUntilDone(),
  },
  {
    kind: "recover",
    method: "POST",
    path: (n) => `/deletedsecrets/${n}/recover`,
    prepare: async (client, n) => {
      await client.setSecret(n, "v");
      await (await client.beginDeleteSecret(n, { intervalInMs: 0 })).pollUntilDone();
    },
    run: async (client, n) => (await client.beginRecoverDeletedSecret(n, { intervalInMs: 0 })).pollUntilDone(),
  },
];

interface Fault {
  label: string;
  rule: FaultRule;
  /** What the caller sees once retries are exhausted. */
  final: { statusCode?: number; code: string };
}

const retried: Fault[] = [
  {
    label: "429 with Retry-After in seconds",
    rule: { status: 429, retryAfter: 0 },
    final: { statusCode: 429, code: "Throttled" },
  },
  {
    label: "429 with Retry-After as an HTTP-date",
    rule: { status: 429, retryAfterDate: new Date(Date.now() - 60_000) },
    final: { statusCode: 429, code: "Throttled" },
  },
  {
    label: "429 with retry-after-ms",
    rule: { status: 429, retryAfterMs: 1 },
    final: { statusCode: 429, code: "Throttled" },
  },
  {
    label: "429 with x-ms-retry-after-ms",
    rule: { status: 429, xMsRetryAfterMs: 1 },
    final: { statusCode: 429, code: "Throttled" },
  },
  { label: "429 without a retry header", rule: { status: 429 }, final: { statusCode: 429, code: "Throttled" } },
  { label: "408", rule: { status: 408 }, final: { statusCode: 408, code: "RequestTimeout" } },
  { label: "500", rule: { status: 500 }, final: { statusCode: 500, code: "InternalServerError" } },
  { label: "502", rule: { status: 502 }, final: { statusCode: 502, code: "BadGateway" } },
  { label: "503", rule: { status: 503 }, final: { statusCode: 503, code: "ServiceUnavailable" } },
  {
    label: "503 with retry-after-ms",
    rule: { status: 503, retryAfterMs: 1 },
    final: { statusCode: 503, code: "ServiceUnavailable" },
  },
  { label: "504", rule: { status: 504 }, final: { statusCode: 504, code: "GatewayTimeout" } },
  { label: "a connection reset before the response", rule: { reset: true }, final: { code: "ECONNRESET" } },
];

const notRetried = [400, 403, 404, 409, 501, 505];

describe.each(["emulator", "default"] as const)("fault matrix (SPEC §6.2), %s transport", (transport) => {
  const ctx = useEmulator({ vaults: [{ name: "fast", deletionDelayInMs: 0, recoveryDelayInMs: 0 }] }, transport);
  let client: SecretClient;
  let counter = 0;
  const uniqueName = (kind: string): string => `fm-${kind}-${++counter}`;

  beforeAll(async () => {
    client = new SecretClient(ctx.emu.vaults.fast ?? "", ctx.emu.credential, {
      ...ctx.clientOptions,
      ...FAST_RETRY,
    });
    await client.setSecret("warm-up", "v"); // the challenge handshake happens here, not under a fault
  });
  afterEach(() => ctx.emu.control.faults.clear());

  /** How many versions the vault holds for `name` (active or soft-deleted). */
  function versionCount(name: string): number {
    const vault = ctx.emu.control.export().vaults.find((v) => v.name === "fast");
    const secret = [...(vault?.secrets ?? []), ...(vault?.deletedSecrets ?? [])].find((s) => s.name === name);
    return secret?.versions.length ?? 0;
  }

  function addFault(op: Operation, name: string, rule: FaultRule): void {
    ctx.emu.control.faults.add({ ...rule, method: op.method, path: new RegExp(`^${op.path(name)}$`) });
  }

  describe.each(operations)("$kind", (op) => {
    it.each(retried)("recovers from two $label faults on the third attempt", async ({ rule }) => {
      const name = uniqueName(op.kind);
      await op.prepare(client, name);
      addFault(op, name, { ...rule, count: 2 });

      await op.run(client, name);

      expect(attempts(ctx.emu, op.method, op.path(name))).toBe(3);
      if (op.kind === "write") expect(versionCount(name)).toBe(1);
      if (op.kind === "poll") expect(attempts(ctx.emu, "DELETE", `/secrets/${name}`)).toBe(1);
      if (op.kind === "recover") expect(versionCount(name)).toBe(1);
    });

    it.each(retried)("gives up on a lasting $label after maxRetries + 1 attempts", async ({ rule, final }) => {
      const name = uniqueName(op.kind);
      await op.prepare(client, name);
      addFault(op, name, rule);

      const error = await rejectionOf(op.run(client, name));

      expect(isRestError(error)).toBe(true);
      expect(error).toMatchObject(final);
      expect(attempts(ctx.emu, op.method, op.path(name))).toBe(4);
      if (op.kind === "write") expect(versionCount(name)).toBe(0);
      if (op.kind === "poll") expect(attempts(ctx.emu, "DELETE", `/secrets/${name}`)).toBe(1);
    });

    // While polling a delete, 404 means "not yet" and 403 means "done" (SPEC §4.2): the poll rows below cover them.
    const statuses = op.kind === "poll" ? notRetried.filter((s) => s !== 403 && s !== 404) : notRetried;
    it.each(statuses)("does not retry a %i", async (status) => {
      const name = uniqueName(op.kind);
      await op.prepare(client, name);
      addFault(op, name, { status });

      const error = await rejectionOf(op.run(client, name));

      expect(isRestError(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: status });
      expect(attempts(ctx.emu, op.method, op.path(name))).toBe(1);
    });

    // The response status arrived, so the service acted: a replay could repeat a write. The body read fails
    // with PARSE_ERROR, which no strategy retries, for reads and writes alike.
    it("surfaces a reset in the middle of the response body after one attempt", async () => {
      const name = uniqueName(op.kind);
      await op.prepare(client, name);
      addFault(op, name, { resetMidResponse: true });

      const error = await rejectionOf(op.run(client, name));

      expect(isRestError(error)).toBe(true);
      expect(error).toMatchObject({ code: "PARSE_ERROR" });
      expect(attempts(ctx.emu, op.method, op.path(name))).toBe(1);
    });

    it("ends a stalled response at the per-try timeout with AbortError, without retrying", async () => {
      const name = uniqueName(op.kind);
      await op.prepare(client, name);
      addFault(op, name, { stall: true });
      const options = { requestOptions: { timeout: 50 } };
      const run = {
        read: () => client.getSecret(name, options),
        write: () => client.setSecret(name, "v", options),
        list: async () => {
          for await (const page of client.listPropertiesOfSecretVersions(name, options).byPage()) void page;
        },
        poll: async () => (await client.beginDeleteSecret(name, { ...options, intervalInMs: 0 })).pollUntilDone(),
        recover: async () =>
          (await client.beginRecoverDeletedSecret(name, { ...options, intervalInMs: 0 })).pollUntilDone(),
      }[op.kind];

      const error = await rejectionOf(run());

      expect(error).toMatchObject({ name: "AbortError" });
      expect(attempts(ctx.emu, op.method, op.path(name))).toBe(1);
      if (op.kind === "write") expect(versionCount(name)).toBe(0);
    });
  });

  it("treats a 403 on the delete poll as done and a 404 as still deleting, one request per poll", async () => {
    const name = uniqueName("poll");
    await client.setSecret(name, "v");
    ctx.emu.control.faults.add({ method: "GET", path: `^/deletedsecrets/${name}$`, status: 404, count: 2 });
    ctx.emu.control.faults.add({ method: "GET", path: `^/deletedsecrets/${name}$`, status: 403, count: 1 });

    const deleted = await (await client.beginDeleteSecret(name, { intervalInMs: 0 })).pollUntilDone();

    expect(deleted.name).toBe(name);
    expect(attempts(ctx.emu, "GET", `/deletedsecrets/${name}`)).toBe(3);
    expect(attempts(ctx.emu, "DELETE", `/secrets/${name}`)).toBe(1);
  });

  it("retries a throttled challenge handshake without a token, then sends the request once with one", async () => {
    const cold = new SecretClient(ctx.emu.vaults.fast ?? "", ctx.emu.credential, {
      ...ctx.clientOptions,
      ...FAST_RETRY,
    });
    const name = uniqueName("read");
    await client.setSecret(name, "v");
    ctx.emu.control.faults.add({ method: "GET", path: `^/secrets/${name}/$`, status: 429, count: 2 });

    expect((await cold.getSecret(name)).value).toBe("v");

    const log = ctx.emu.control.requests().filter((r) => r.path === `/secrets/${name}/`);
    expect(log.map((r) => `${r.status} ${r.authorized}`)).toEqual(["429 false", "429 false", "401 false", "200 true"]);
  });

  // Each form asks for more than the ~5 ms exponential cap, so only an honoured header explains the wait.
  it.concurrent.each([
    ["Retry-After in seconds", (): FaultRule => ({ retryAfter: 1 }), 950],
    // Whole seconds on the wire: 2.5 s ahead is at least 1.5 s once truncated.
    ["Retry-After as an HTTP-date", (): FaultRule => ({ retryAfterDate: new Date(Date.now() + 2500) }), 900],
    ["retry-after-ms", (): FaultRule => ({ retryAfterMs: 300 }), 290],
    ["x-ms-retry-after-ms", (): FaultRule => ({ xMsRetryAfterMs: 300 }), 290],
  ] as const)("waits out %s instead of the exponential delay", async (_label, header, atLeastMs) => {
    const name = uniqueName("read");
    await client.setSecret(name, "v");
    ctx.emu.control.faults.add({ method: "GET", path: `^/secrets/${name}/$`, status: 429, count: 1, ...header() });

    const started = performance.now();
    await client.getSecret(name);

    expect(performance.now() - started).toBeGreaterThanOrEqual(atLeastMs);
    expect(attempts(ctx.emu, "GET", `/secrets/${name}/`)).toBe(2);
  });

  it("lands a timed-out slow write at most once: a per-try timeout is never retried", async () => {
    const name = uniqueName("write");
    ctx.emu.control.faults.add({ method: "PUT", path: `^/secrets/${name}$`, latencyInMs: 150 });

    const error = await rejectionOf(client.setSecret(name, "v", { requestOptions: { timeout: 30 } }));
    expect(error).toMatchObject({ name: "AbortError" });

    // The request reached the emulator before the client gave up; the emulator still answers it (and logs it).
    await expect.poll(() => attempts(ctx.emu, "PUT", `/secrets/${name}`), { timeout: 5000 }).toBe(1);
    expect(versionCount(name)).toBeLessThanOrEqual(1);
  });
});
