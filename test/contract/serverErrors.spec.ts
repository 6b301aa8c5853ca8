import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:https";
import { createClock } from "../../src/emulator/clock.js";
import { FaultRegistry } from "../../src/emulator/faults.js";
import { RequestLog } from "../../src/emulator/requestLog.js";
import { createEmulatorServer } from "../../src/emulator/server.js";
import type { Store } from "../../src/emulator/store.js";
import { loadTls, type TlsMaterial } from "../../src/emulator/tls.js";
import { toVaultConfig } from "../../src/emulator/vaultConfig.js";
import { kv } from "./kvRequest.js";

describe("a handler bug (STYLE §4)", () => {
  let server: Server;
  let tls: TlsMaterial;
  let port = 0;
  beforeAll(async () => {
    tls = await loadTls(undefined, []);
    // A store whose vault throws a plain Error: the bug a handler could hit.
    const buggyVault = {
      config: toVaultConfig({ name: "default" }),
      state: () => {
        throw new Error("boom");
      },
    };
    const store = { vault: () => buggyVault } as unknown as Store;
    server = createEmulatorServer({
      store,
      clock: createClock(),
      faults: new FaultRegistry(),
      log: new RequestLog(),
      auth: {
        resource: "https://localhost",
        authority: "https://login.microsoftonline.com",
        tenantId: "t",
        strict: false,
        tokenKey: Buffer.alloc(32),
      },
      backupKey: Buffer.alloc(32),
      tls,
      defaultHosts: new Set(),
      shortPages: () => false,
      control: async () => {},
      stalled: new Set(),
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it("answers 500 EmulatorError with the usual headers and keeps serving", async () => {
    const emu = { ca: tls.caPem, port };
    const res = await kv(emu, "GET", "/secrets/x/");
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe("EmulatorError");
    expect(res.headers["x-ms-request-id"]).toBeDefined();
    expect((await kv(emu, "GET", "/secrets/y/")).status).toBe(500);
    expect((await kv(emu, "GET", "/secrets", { token: null })).status).toBe(401);
  });
});
