/** The parts of a Key Vault secret identifier. */
export interface KeyVaultSecretIdentifier {
  /** The identifier as given. */
  sourceId: string;
  /** The vault URL (`https://host[:port]`). */
  vaultUrl: string;
  /** The version, when the identifier has one. */
  version?: string;
  /** The secret name. */
  name: string;
}

/**
 * Parses a secret identifier such as `https://myvault.vault.azure.net/secrets/name/version`
 * (or a `deletedsecrets` recovery id) into its parts.
 *
 * Throws `Error` when the id is not a URL or does not have `collection/name[/version]` segments.
 *
 * @param id - The secret identifier.
 */
export function parseKeyVaultSecretIdentifier(id: string): KeyVaultSecretIdentifier {
  const simple = parseSimpleIdentifier(id);
  if (simple) return simple;
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    throw new Error(`Invalid secrets identifier: ${id}. Not a valid URI`);
  }
  const segments = url.pathname.split("/");
  // A trailing empty segment (".../secrets/name/") means "no version".
  if (segments.length === 4 && segments[3] === "") segments.pop();
  const name = segments[2];
  if ((segments.length !== 3 && segments.length !== 4) || !segments[1] || !name) {
    throw new Error(`Invalid secrets identifier: ${id}. Bad number of segments: ${segments.length}`);
  }
  const version = segments[3];
  const parsed: KeyVaultSecretIdentifier = {
    sourceId: id,
    vaultUrl: `${url.protocol}//${url.host}`,
    name,
  };
  if (version) parsed.version = version;
  return parsed;
}

/**
 * `https://host[:port]/collection/name[/version]` where the WHATWG URL parser would change nothing: a lower-case DNS
 * host whose labels start with a letter (no IPv4, no punycode), a port other than 443, and segments of letters,
 * digits and dashes (no dot segments, no percent-encoding, no query or fragment).
 */
const SIMPLE_ID =
  /^https:\/\/([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*(?::([1-9][0-9]{0,4}))?)\/([A-Za-z0-9-]+)\/([A-Za-z0-9-]+)(?:\/([A-Za-z0-9-]*))?$/;

/** The parse of an identifier that `new URL` would leave as it is, without building a URL; undefined otherwise. */
function parseSimpleIdentifier(id: string): KeyVaultSecretIdentifier | undefined {
  const match = SIMPLE_ID.exec(id);
  if (!match) return undefined;
  const [, host = "", port, , name = "", version] = match;
  if (host.includes("xn--") || port === "443" || Number(port ?? 0) > 65_535) return undefined;
  const parsed: KeyVaultSecretIdentifier = { sourceId: id, vaultUrl: `https://${host}`, name };
  if (version) parsed.version = version;
  return parsed;
}
