import { createPipelineRequest } from "@azure/core-rest-pipeline";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type PeerCertificate } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { kv } from "./kvRequest.js";

function peerCertificate(emu: Emulator, servername: string | undefined): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: "127.0.0.1", port: emu.port, ca: emu.ca, ...(servername !== undefined && { servername }) },
      () => {
        resolve(socket.getPeerCertificate());
        socket.end();
      },
    );
    socket.on("error", reject);
  });
}

describe("TLS (SPEC §8.4)", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ extraSans: ["*.vault.azure.net"], vaults: [{ name: "configured" }] });
  });
  afterAll(async () => emu.close());

  it("exposes a CA certificate that is a CA and no private key", () => {
    const ca = new X509Certificate(emu.ca);
    expect(ca.ca).toBe(true);
    expect(JSON.stringify({ ...emu, control: undefined, httpClient: undefined })).not.toContain("PRIVATE KEY");
    expect(emu.caPath).toBeUndefined();
  });

  it("serves a leaf issued by the CA for localhost, *.localhost, 127.0.0.1, ::1, configured vaults and extraSans", async () => {
    const peer = await peerCertificate(emu, "localhost");
    for (const san of [
      "DNS:localhost",
      "DNS:*.localhost",
      "IP Address:127.0.0.1",
      "IP Address:0:0:0:0:0:0:0:1",
      "DNS:configured.localhost",
      "DNS:*.vault.azure.net",
    ]) {
      expect(peer.subjectaltname).toContain(san);
    }
    expect(new X509Certificate(peer.raw).checkIssued(new X509Certificate(emu.ca))).toBe(true);
  });

  it("serves an on-demand leaf for any {vault}.localhost name, which Node's hostname check accepts", async () => {
    const peer = await peerCertificate(emu, "adhoc-vault.localhost");
    expect(peer.subjectaltname).toContain("DNS:adhoc-vault.localhost");
    const res = await kv(emu, "GET", "/secrets", { host: `adhoc-vault.localhost:${emu.port}` });
    expect(res.status).toBe(200);
  });

  it("gives an httpClient that trusts the CA and resolves *.localhost to loopback", async () => {
    for (const url of [
      `${emu.vaultUrl}/secrets?api-version=2025-07-01`,
      `https://resolved.localhost:${emu.port}/secrets?api-version=2025-07-01`,
    ]) {
      const res = await emu.httpClient.sendRequest(createPipelineRequest({ url }));
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('resource="https://localhost"');
    }
  });

  it("persists the CA as ca.pem in the data directory and reuses it on restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kvs-tls-"));
    try {
      const first = await startEmulator({ dataDir: dir });
      await first.close();
      const second = await startEmulator({ dataDir: dir });
      await second.close();
      expect(first.caPath).toBe(join(dir, "ca.pem"));
      expect(await readFile(join(dir, "ca.pem"), "utf8")).toBe(first.ca);
      expect(second.ca).toBe(first.ca);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
