/**
 * @summary Connects the samples to a vault: the one in KEYVAULT_URI with DefaultAzureCredential, or else
 * a local emulator started in this process (no Azure needed).
 */
import { SecretClient, type SecretClientOptions } from "keyvault-secrets";
import { startEmulator } from "keyvault-secrets/emulator";

export interface Connection {
  client: SecretClient;
  /** Where the client points, for the transcript. */
  description: string;
  /** Milliseconds between polls: real deletions take seconds, the emulator's windows are short. */
  intervalInMs: number;
  close(): Promise<void>;
}

export async function connect(options: SecretClientOptions = {}): Promise<Connection> {
  const vaultUrl = process.env.KEYVAULT_URI;
  if (vaultUrl) {
    const { DefaultAzureCredential } = await import("@azure/identity");
    return {
      client: new SecretClient(vaultUrl, new DefaultAzureCredential(), options),
      description: `${vaultUrl} (DefaultAzureCredential)`,
      intervalInMs: 2000,
      close: async () => {},
    };
  }
  const emulator = await startEmulator({
    vaults: [{ name: "default", deletionDelayInMs: 300, recoveryDelayInMs: 300, purgeDelayInMs: 300 }],
  });
  return {
    client: new SecretClient(emulator.vaultUrl, emulator.credential, { ...emulator.clientOptions, ...options }),
    description: `${emulator.vaultUrl} (embedded emulator; set KEYVAULT_URI to use a real vault)`,
    intervalInMs: 100,
    close: () => emulator.close(),
  };
}

/** A unique secret name, so runs against a real vault never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
