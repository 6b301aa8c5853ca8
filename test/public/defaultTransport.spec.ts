import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDefaultHttpClient } from "@azure/core-rest-pipeline";
import { SecretClient, isRestError, type RestError, type SecretClientOptions } from "../../src/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

/**
 * The client as a user configures it without the emulator's helpers: only `tlsOptions` (or a proxy), so every request
 * goes through the client's default transport and its own keep-alive agents.
 */
describe("SecretClient on its default transport", () => {
  let emu: Emulator;
  let url: string;
  const options = (): SecretClientOptions => ({
    tlsOptions: { ca: emu.ca },
    // https://localhost is not a *.vault.azure.net host: the resource check is for real vaults.
    disableChallengeResourceVerification: true,
    retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  });

  beforeAll(async () => {
    emu = await startEmulator();
    url = `https://localhost:${emu.port}`;
  });
  afterAll(async () => {
    await emu.close();
  });

  it("runs a secret's whole life: set, get, page, delete, recover, back up, purge, restore", async () => {
    const client = new SecretClient(url, emu.credential, options());
    emu.control.setShortPages(true);
    try {
      for (let i = 0; i < 7; i++) await client.setSecret(`life-${i}`, `v${i}`, { tags: { i: String(i) } });
      expect((await client.getSecret("life-3")).value).toBe("v3");
      const listed: string[] = [];
      for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 2 })) {
        for (const item of page) listed.push(item.name);
      }
      expect(listed.filter((n) => n.startsWith("life-")).sort()).toEqual(
        Array.from({ length: 7 }, (_, i) => `life-${i}`),
      );
      const deleted = await (await client.beginDeleteSecret("life-1", { intervalInMs: 10 })).pollUntilDone();
      expect(deleted.name).toBe("life-1");
      await (await client.beginRecoverDeletedSecret("life-1", { intervalInMs: 10 })).pollUntilDone();
      const backup = await client.backupSecret("life-1");
      await (await client.beginDeleteSecret("life-1", { intervalInMs: 10 })).pollUntilDone();
      await client.purgeDeletedSecret("life-1");
      emu.control.clock.advance(5); // past the emulated purge delay
      await expect(client.getSecret("life-1")).rejects.toMatchObject({ statusCode: 404, code: "SecretNotFound" });
      await client.restoreSecretBackup(backup!);
      expect((await client.getSecret("life-1")).value).toBe("v1");
    } finally {
      emu.control.setShortPages(false);
    }
  });

  it("sends a client request id and retries a 503 on the same transport", async () => {
    const client = new SecretClient(url, emu.credential, options());
    await client.setSecret("flaky", "v");
    emu.control.clearRequests();
    emu.control.faults.add({ method: "GET", path: "^/secrets/flaky", status: 503, count: 2, afterAuth: true });
    expect((await client.getSecret("flaky")).value).toBe("v");
    const requests = emu.control.requests().filter((r) => r.path.startsWith("/secrets/flaky"));
    expect(requests.map((r) => r.status)).toEqual([503, 503, 200]);
    // One operation: every attempt carries the same client request id.
    const ids = new Set(requests.map((r) => r.clientRequestId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("tunnels through the proxy in proxyOptions and, like core's transport, ignores tlsOptions there", async () => {
    const tunnels: string[] = [];
    const proxy: Server = createServer();
    proxy.on("connect", (req, clientSocket: Socket, head: Buffer) => {
      tunnels.push(req.url!);
      const [, port] = req.url!.split(":");
      const upstream = connect(Number(port), "127.0.0.1", () => {
        clientSocket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(clientSocket).pipe(upstream);
      });
      upstream.on("error", () => clientSocket.destroy());
      clientSocket.on("error", () => upstream.destroy());
    });
    proxy.listen(0, "127.0.0.1");
    await once(proxy, "listening");
    try {
      const { port } = proxy.address() as AddressInfo;
      const proxied = {
        ...options(),
        proxyOptions: { host: "http://127.0.0.1", port },
        retryOptions: { maxRetries: 0 },
      };
      // Core's proxy policy gives the request a proxy agent, which does not take the client's tlsOptions (core logs a
      // warning); so the emulator's certificate is not trusted on this path, by either transport.
      const ours = await new SecretClient(url, emu.credential, proxied).getSecret("x").catch((e: unknown) => e);
      const core = await new SecretClient(url, emu.credential, { ...proxied, httpClient: createDefaultHttpClient() })
        .getSecret("x")
        .catch((e: unknown) => e);
      expect(isRestError(ours)).toBe(true);
      expect((ours as RestError).code).toBe((core as RestError).code);
      expect((ours as RestError).code).toMatch(/CERT|SIGNATURE|ISSUER/);
      expect(tunnels).toEqual([`localhost:${emu.port}`, `localhost:${emu.port}`]);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});
