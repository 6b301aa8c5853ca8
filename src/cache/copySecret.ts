import type { KeyVaultSecret, SecretProperties } from "../index.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A deep copy of a secret: new `properties`, `tags` and `Date`s, so nothing a caller does to its result can reach
 * the cached entry (or another caller's result).
 * @internal
 */
export function copySecret(secret: KeyVaultSecret): KeyVaultSecret {
  const source = secret.properties;
  const properties: Mutable<SecretProperties> = { ...source };
  if (source.tags !== undefined) properties.tags = { ...source.tags };
  if (source.notBefore !== undefined) properties.notBefore = new Date(source.notBefore.getTime());
  if (source.expiresOn !== undefined) properties.expiresOn = new Date(source.expiresOn.getTime());
  if (source.createdOn !== undefined) properties.createdOn = new Date(source.createdOn.getTime());
  if (source.updatedOn !== undefined) properties.updatedOn = new Date(source.updatedOn.getTime());
  return { ...secret, properties };
}
