import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import type { AuthSettings } from "./challenge.js";
import { createClock } from "./clock.js";
import { DEFAULT_VAULT } from "./constants.js";
import { createControl } from "./control.js";
import { createControlHandler } from "./controlRoutes.js";
import { EmulatorCredential } from "./credential.js";
import { FaultRegistry } from "./faults.js";
import { createEmulatorHttpClient } from "./httpClient.js";
import { resolveOptions } from "./options.js";
import { generateKeys, loadKeys, openState } from "./persistence/dataDir.js";
import type { Journal } from "./persistence/journal.js";
import { RequestLog } from "./requestLog.js";
import { createEmulatorServer } from "./server.js";
import { Store } from "./store.js";
import { loadTls } from "./tls.js";
import type { Emulator, EmulatorOptions } from "./types.js";
import { shutdown } from "./shutdown.js";

function loopbackFor(host: string): string {
  if (host === "0.0.0.0" || host === "localhost") return "127.0.0.1";
  if (host === "::") return "::1";
  return host;
}

/**
 * Starts a local HTTPS Key Vault (secrets only) in this process. Rejects with `TypeError`/`RangeError`
 * for bad options and with the listen error (for example `EADDRINUSE`) unchanged.
 * @param options - see `EmulatorOptions`; every field is optional
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const opts = resolveOptions(options);
  const clock = createClock();
  const keys = opts.dataDir === undefined ? generateKeys() : await loadKeys(opts.dataDir);
  const store = new Store(clock, opts.vaults, opts.autoCreateVaults);
  let journal: Journal | undefined;
  if (opts.dataDir !== undefined) {
    journal = await openState(opts.dataDir, store, () => store.applyBaseVaults());
    store.attach(journal);
  }
  const sans = [`${DEFAULT_VAULT}.localhost`, ...opts.vaults.map((v) => `${v.name}.localhost`), ...opts.extraSans];
  if (!["127.0.0.1", "0.0.0.0", "::", "::1", "localhost"].includes(opts.host)) sans.push(opts.host);
  const tls = await loadTls(opts.dataDir, sans);
  const auth: AuthSettings = {
    resource: opts.authResource,
    authority: opts.authority,
    tenantId: opts.tenantId,
    strict: opts.strictAuth,
    tokenKey: keys.tokenKey,
  };
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const shortPages = { enabled: opts.shortPages };
  let port = 0;
  const vaultUrl = (name: string): string =>
    name === DEFAULT_VAULT ? `https://localhost:${port}` : `https://${name}.localhost:${port}`;
  const control = createControl({ store, clock, faults, log, vaultUrl, shortPages });
  const stalled = new Set<Socket>();
  const server = createEmulatorServer({
    store,
    clock,
    faults,
    log,
    auth,
    backupKey: keys.backupKey,
    tls,
    defaultHosts: new Set([opts.host.toLowerCase()]),
    shortPages: () => shortPages.enabled,
    control: createControlHandler(control, tls.caPem),
    stalled,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const httpClient = createEmulatorHttpClient(tls.caPem, loopbackFor(opts.host));
  const emulator: Emulator = {
    vaultUrl: vaultUrl(DEFAULT_VAULT),
    get vaults() {
      return Object.fromEntries(store.listVaults().map((v) => [v.name, vaultUrl(v.name)]));
    },
    ca: tls.caPem,
    ...(tls.caPath !== undefined && { caPath: tls.caPath }),
    credential: new EmulatorCredential({
      signingKey: keys.tokenKey,
      now: () => clock.now(),
      tenantId: opts.tenantId,
      authority: opts.authority,
    }),
    clientOptions: { tlsOptions: { ca: tls.caPem }, disableChallengeResourceVerification: true },
    httpClient,
    control,
    port,
    close: () => shutdown(server, stalled, httpClient, journal),
  };
  return emulator;
}
