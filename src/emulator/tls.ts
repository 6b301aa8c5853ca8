import type { webcrypto } from "node:crypto";
import { createSecureContext, type SecureContext } from "node:tls";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./persistence/atomicFile.js";
import type * as X509Module from "./x509/index.js";

/** The TLS material the server needs. Private keys never leave memory except `ca-key.pem` in a data directory. */
export interface TlsMaterial {
  readonly caPem: string;
  readonly caPath: string | undefined;
  readonly cert: string;
  readonly key: string;
  /** Issues (and caches) a leaf for a `{vault}.localhost` name that the default leaf does not list. */
  readonly sniCallback: (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void;
}

type X509 = typeof X509Module;
const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

/** Loads the bundled X.509 library on first use: `dist/emulator/x509.cjs` once built (see `tsup.config.ts`). */
function loadX509(): Promise<X509> {
  return import("./x509/index.js");
}

interface Ca {
  readonly cert: InstanceType<X509["X509Certificate"]>;
  readonly keys: webcrypto.CryptoKeyPair;
  readonly pem: string;
}

async function createCa(x509: X509): Promise<{ ca: Ca; keyPem: string }> {
  const keys = await crypto.subtle.generateKey(ALG, true, ["sign", "verify"]);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomUUID().replaceAll("-", "").slice(0, 16),
    name: "CN=keyvault-secrets emulator local CA, O=keyvault-secrets",
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = x509.PemConverter.encode(await crypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY");
  return { ca: { cert, keys, pem: cert.toString("pem") }, keyPem };
}

async function loadCa(x509: X509, dataDir: string | undefined): Promise<Ca> {
  if (dataDir !== undefined) {
    try {
      const pem = await readFile(join(dataDir, "ca.pem"), "utf8");
      const keyPem = await readFile(join(dataDir, "ca-key.pem"), "utf8");
      const cert = new x509.X509Certificate(pem);
      const privateKey = await crypto.subtle.importKey("pkcs8", x509.PemConverter.decodeFirst(keyPem), ALG, true, [
        "sign",
      ]);
      return { cert, keys: { privateKey, publicKey: await cert.publicKey.export(ALG, ["verify"]) }, pem };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  const { ca, keyPem } = await createCa(x509);
  if (dataDir !== undefined) {
    await writeFileAtomic(join(dataDir, "ca-key.pem"), keyPem, 0o600);
    await writeFileAtomic(join(dataDir, "ca.pem"), ca.pem, 0o644);
  }
  return ca;
}

function sanFor(name: string): { type: "ip" | "dns"; value: string } {
  return /^[\d.]+$/.test(name) || name.includes(":") ? { type: "ip", value: name } : { type: "dns", value: name };
}

async function issueLeaf(x509: X509, ca: Ca, names: readonly string[]): Promise<{ cert: string; key: string }> {
  const keys = await crypto.subtle.generateKey(ALG, true, ["sign", "verify"]);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: crypto.randomUUID().replaceAll("-", "").slice(0, 16),
    subject: `CN=${names[0] ?? "localhost"}`,
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 397 * DAY_MS),
    signingKey: ca.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...new Set(names)].map(sanFor)),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  const key = x509.PemConverter.encode(await crypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY");
  return { cert: `${cert.toString("pem")}\n`, key };
}

/**
 * Loads the CA PEM from a data directory, creating and persisting the CA when missing.
 * @returns the PEM and the path of `ca.pem`
 */
export async function ensureCa(dataDir: string): Promise<{ pem: string; path: string }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const ca = await loadCa(await loadX509(), dataDir);
  return { pem: ca.pem, path: join(dataDir, "ca.pem") };
}

/**
 * Loads or creates the CA (persisted as `ca.pem`/`ca-key.pem` in the data directory) and issues a leaf for
 * localhost, *.localhost, 127.0.0.1, ::1 and `names`. Node refuses two-label wildcards such as
 * `*.localhost`, so other `{vault}.localhost` names get their own leaf through SNI.
 */
export async function loadTls(dataDir: string | undefined, names: readonly string[]): Promise<TlsMaterial> {
  const x509 = await loadX509();
  const ca = await loadCa(x509, dataDir);
  const known = ["localhost", "*.localhost", "127.0.0.1", "::1", ...names];
  const leaf = await issueLeaf(x509, ca, known);
  const knownSet = new Set(known.map((n) => n.toLowerCase()));
  const contexts = new Map<string, Promise<SecureContext>>();
  const sniCallback: TlsMaterial["sniCallback"] = (servername, cb) => {
    const host = servername.toLowerCase();
    if (knownSet.has(host) || !/^[a-z0-9-]{1,63}\.localhost$/.test(host)) return cb(null, undefined);
    let ctx = contexts.get(host);
    if (ctx === undefined) {
      if (contexts.size > 1024) contexts.clear();
      ctx = issueLeaf(x509, ca, [host, "localhost"]).then((l) => createSecureContext({ ...l }));
      contexts.set(host, ctx);
    }
    ctx.then(
      (c) => cb(null, c),
      (e: Error) => cb(e),
    );
  };
  return { caPem: ca.pem, caPath: dataDir === undefined ? undefined : join(dataDir, "ca.pem"), ...leaf, sniCallback };
}
