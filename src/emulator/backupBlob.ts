import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretDocument } from "./document.js";

// Real blobs start with the length byte 0x29 (41) and this 41-character ASCII marker, then a JWE.
const MARKER = "AzureKeyVaultSecretBackupV1.microsoft.com";
const PREFIX = Buffer.concat([Buffer.from([MARKER.length]), Buffer.from(MARKER, "ascii")]);
const HEADER = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM", kid: "kvs-emulator-backup" })).toString(
  "base64url",
);

/**
 * Seals a secret (all versions) into a backup blob: the real prefix followed by a compact JWE
 * (`dir` + A256GCM) keyed per data directory, or per process without one.
 * @returns the blob as base64url without padding, as Key Vault returns it
 */
export function sealBackup(secret: SecretDocument, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(HEADER, "ascii"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secret), "utf8"), cipher.final()]);
  const jwe = [
    HEADER,
    "",
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
  return Buffer.concat([PREFIX, Buffer.from(jwe, "ascii")]).toString("base64url");
}

/** Decodes base64url or base64, with or without padding (SPEC §2.1). */
function decodeLenient(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text.replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_"), "base64url");
}

/** Opens a blob sealed by `sealBackup` with the same key, or returns undefined for anything else. */
export function openBackup(blob: string, key: Buffer): SecretDocument | undefined {
  const bytes = decodeLenient(blob);
  if (bytes === undefined || bytes.length <= PREFIX.length || !bytes.subarray(0, PREFIX.length).equals(PREFIX))
    return undefined;
  const parts = bytes.subarray(PREFIX.length).toString("ascii").split(".");
  if (parts.length !== 5 || parts[0] !== HEADER || parts[1] !== "") return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(parts[2] ?? "", "base64url"));
    decipher.setAAD(Buffer.from(HEADER, "ascii"));
    decipher.setAuthTag(Buffer.from(parts[4] ?? "", "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(parts[3] ?? "", "base64url")), decipher.final()]);
    const doc = JSON.parse(plain.toString("utf8")) as SecretDocument;
    return typeof doc?.name === "string" && Array.isArray(doc.versions) ? doc : undefined;
  } catch {
    return undefined;
  }
}
