import { resolve } from "node:path";
import { ensureCa } from "./tls.js";

/**
 * Returns the emulator CA of a data directory, creating it on first use, so clients can trust an
 * emulator that has not started yet (`kvs emulator ca`, NODE_EXTRA_CA_CERTS).
 * @param dataDir - the emulator's data directory
 * @returns the CA PEM and the absolute path of `ca.pem`
 */
export function loadEmulatorCa(dataDir: string): Promise<{ pem: string; path: string }> {
  if (typeof dataDir !== "string" || dataDir === "") throw new TypeError("dataDir must be a non-empty string.");
  return ensureCa(resolve(dataDir));
}
