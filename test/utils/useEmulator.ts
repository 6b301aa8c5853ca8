import { Agent } from "node:https";
import { afterAll, beforeAll } from "vitest";
import { SecretClient, type SecretClientOptions } from "../../src/index.js";
import { loopbackLookup } from "../../src/emulator/httpClient.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";

/** What `useEmulator()` fills in before the tests of a file run. */
export interface EmulatorContext {
  emu: Emulator;
  /** A client on the default vault's `*.localhost` URL, so resource verification stays on. */
  client: SecretClient;
  /** Builds another client on the same vault. */
  newClient(options?: SecretClientOptions): SecretClient;
  /** What every client of this context gets: the transport, and no retries. */
  clientOptions: SecretClientOptions;
}

/**
 * How clients reach the emulator: `"emulator"` through the emulator's own `httpClient` (core's transport), or
 * `"default"` through the client's default transport, given only an `agent` that trusts the emulator CA and resolves
 * `*.localhost` to loopback, as a user of the client without the emulator's helpers would write it.
 */
export type EmulatorTransport = "emulator" | "default";

const loopback = loopbackLookup("127.0.0.1");

/**
 * Starts one emulator for the file (port 0) and closes it afterwards. The fields are filled in
 * `beforeAll`: don't destructure the result at describe time.
 */
export function useEmulator(options: EmulatorOptions = {}, transport: EmulatorTransport = "emulator"): EmulatorContext {
  const context = {} as EmulatorContext;
  let agent: Agent | undefined;
  beforeAll(async () => {
    const emu = await startEmulator(options);
    // Host-routed vault URL: `*.localhost` passes the leading-dot resource check, so verification stays on.
    const url = `https://default.localhost:${emu.port}`;
    context.emu = emu;
    if (transport === "default") agent = new Agent({ ca: emu.ca, keepAlive: true, lookup: loopback });
    context.clientOptions = {
      ...(agent ? { agent } : { httpClient: emu.httpClient }),
      retryOptions: { maxRetries: 0 },
    };
    context.newClient = (clientOptions = {}) =>
      new SecretClient(url, emu.credential, { ...context.clientOptions, ...clientOptions });
    context.client = context.newClient();
  });
  afterAll(async () => {
    agent?.destroy();
    await context.emu?.close();
  });
  return context;
}
