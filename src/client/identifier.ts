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
