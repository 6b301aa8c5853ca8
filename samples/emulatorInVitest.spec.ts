/**
 * @summary Using the emulator in your own vitest suite: one emulator per file, the clock and faults
 * under test control, no sleeping and no Azure. Run with `npx vitest run samples/emulatorInVitest.spec.ts`.
 */
import { SecretClient } from "keyvault-secrets";
import { startEmulator, type Emulator } from "keyvault-secrets/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The code under test: reads a connection string, falling back to a default when it is missing. */
async function readConnectionString(client: SecretClient): Promise<string> {
  try {
    return (await client.getSecret("connection-string")).value ?? "";
  } catch {
    return "Server=localhost";
  }
}

describe("readConnectionString", () => {
  let emulator: Emulator;
  let client: SecretClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    client = new SecretClient(emulator.vaultUrl, emulator.credential, {
      ...emulator.clientOptions,
      retryOptions: { maxRetries: 0 },
    });
  });
  afterAll(() => emulator.close());

  it("returns the stored value", async () => {
    await client.setSecret("connection-string", "Server=db.internal");
    expect(await readConnectionString(client)).toBe("Server=db.internal");
  });

  it("falls back when the vault throttles", async () => {
    emulator.control.faults.add({ path: "^/secrets/connection-string", status: 429, count: 1 });
    expect(await readConnectionString(client)).toBe("Server=localhost");
  });

  it("still reads an expired secret (expiry is informational in Key Vault)", async () => {
    emulator.control.clock.freeze();
    await client.setSecret("connection-string", "Server=old", { expiresOn: new Date(Date.now() + 60_000) });
    emulator.control.clock.advance(3600);
    expect(await readConnectionString(client)).toBe("Server=old");
  });
});
