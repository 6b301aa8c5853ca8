import { afterAll, beforeAll } from "vitest";
import { SecretClient, type SecretClientOptions } from "../../src/index.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";

/** What `useEmulator()` fills in before the tests of a file run. */
export interface EmulatorContext {
  emu: Emulator;
  /** A client on the default vault's `*.localhost` URL, so resource verification stays on. */
  client: SecretClient;
  /** Builds another client on the same vault. */
  newClient(options?: SecretClientOptions): SecretClient;
}

/**
 * Starts one emulator for the file (port 0) and closes it afterwards. The fields are filled in
 * `beforeAll`: don't destructure the result at describe time.
 */
export function useEmulator(options: EmulatorOptions = {}): EmulatorContext {
  const context = {} as EmulatorContext;
  beforeAll(async () => {
    const emu = await startEmulator(options);
    // Host-routed vault URL: `*.localhost` passes the leading-dot resource check, so verification stays on.
    const url = `https://default.localhost:${emu.port}`;
    context.emu = emu;
    context.newClient = (clientOptions = {}) =>
      new SecretClient(url, emu.credential, {
        httpClient: emu.httpClient,
        retryOptions: { maxRetries: 0 },
        ...clientOptions,
      });
    context.client = context.newClient();
  });
  afterAll(async () => {
    await context.emu?.close();
  });
  return context;
}
