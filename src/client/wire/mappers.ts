import { parseKeyVaultSecretIdentifier } from "../identifier.js";
import type { DeletedSecret, KeyVaultSecret, SecretProperties } from "../models.js";
import type { SetSecretOptions, UpdateSecretPropertiesOptions } from "../options.js";
import { fromUnixSeconds, toUnixSeconds } from "./dates.js";
import type {
  DeletedSecretBundle,
  RequestAttributes,
  SecretBundle,
  SecretItem,
  SecretSetParameters,
  SecretUpdateParameters,
} from "./types.js";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Maps a bundle or list item to `SecretProperties`. Pure: the input is never changed. */
export function toSecretProperties(bundle: SecretBundle | SecretItem): SecretProperties {
  const { vaultUrl, name, version } = parseKeyVaultSecretIdentifier(bundle.id ?? "");
  const properties: Writable<SecretProperties> = { vaultUrl, name };
  if (version !== undefined) properties.version = version;
  if (bundle.id !== undefined) properties.id = bundle.id;
  if (bundle.contentType !== undefined && bundle.contentType !== null) properties.contentType = bundle.contentType;
  if (bundle.tags !== undefined && bundle.tags !== null) properties.tags = bundle.tags;
  if (bundle.managed !== undefined && bundle.managed !== null) properties.managed = bundle.managed;
  if ("kid" in bundle && typeof bundle.kid === "string") properties.certificateKeyId = bundle.kid;
  if ("previousVersion" in bundle && typeof bundle.previousVersion === "string") {
    properties.previousVersion = bundle.previousVersion;
  }
  const attributes = bundle.attributes;
  if (attributes) {
    if (typeof attributes.enabled === "boolean") properties.enabled = attributes.enabled;
    const notBefore = fromUnixSeconds(attributes.nbf);
    if (notBefore) properties.notBefore = notBefore;
    const expiresOn = fromUnixSeconds(attributes.exp);
    if (expiresOn) properties.expiresOn = expiresOn;
    const createdOn = fromUnixSeconds(attributes.created);
    if (createdOn) properties.createdOn = createdOn;
    const updatedOn = fromUnixSeconds(attributes.updated);
    if (updatedOn) properties.updatedOn = updatedOn;
    if (typeof attributes.recoveryLevel === "string") properties.recoveryLevel = attributes.recoveryLevel;
    if (typeof attributes.recoverableDays === "number") properties.recoverableDays = attributes.recoverableDays;
  }
  return properties;
}

/** Maps a bundle to a `KeyVaultSecret`. */
export function toKeyVaultSecret(bundle: SecretBundle): KeyVaultSecret {
  const properties = toSecretProperties(bundle);
  const secret: KeyVaultSecret = { name: properties.name, properties };
  if (typeof bundle.value === "string") secret.value = bundle.value;
  return secret;
}

/**
 * Maps a deleted bundle or item to a `DeletedSecret`. When the wire carries deletion fields they are set
 * at both levels, the `properties` copies being the deprecated ones kept for compatibility.
 */
export function toDeletedSecret(bundle: DeletedSecretBundle): DeletedSecret {
  const properties: DeletedSecret["properties"] = toSecretProperties(bundle);
  const deleted: DeletedSecret = { name: properties.name, properties };
  if (typeof bundle.value === "string") deleted.value = bundle.value;
  if (typeof bundle.recoveryId === "string") {
    deleted.recoveryId = properties.recoveryId = bundle.recoveryId;
  }
  const deletedOn = fromUnixSeconds(bundle.deletedDate);
  if (deletedOn) {
    deleted.deletedOn = deletedOn;
    properties.deletedOn = new Date(deletedOn);
  }
  const scheduledPurgeDate = fromUnixSeconds(bundle.scheduledPurgeDate);
  if (scheduledPurgeDate) {
    deleted.scheduledPurgeDate = scheduledPurgeDate;
    properties.scheduledPurgeDate = new Date(scheduledPurgeDate);
  }
  return deleted;
}

type AttributeOptions = Pick<SetSecretOptions, "enabled" | "notBefore" | "expiresOn">;

/** The request `attributes`, or undefined when no attribute is given (SPEC §1.3). */
export function toWireAttributes(options: AttributeOptions): RequestAttributes | undefined {
  const { enabled, notBefore, expiresOn } = options;
  if (enabled == null && notBefore == null && expiresOn == null) return undefined;
  const attributes: RequestAttributes = {};
  if (enabled != null) attributes.enabled = enabled;
  if (notBefore != null) attributes.nbf = toUnixSeconds(notBefore, "notBefore");
  if (expiresOn != null) attributes.exp = toUnixSeconds(expiresOn, "expiresOn");
  return attributes;
}

/** The PUT /secrets/{name} body. */
export function toSetParameters(value: string, options: SetSecretOptions): SecretSetParameters {
  const body: SecretSetParameters = { value };
  if (options.tags != null) body.tags = options.tags;
  if (options.contentType != null) body.contentType = options.contentType;
  const attributes = toWireAttributes(options);
  if (attributes) body.attributes = attributes;
  return body;
}

/** The PATCH /secrets/{name}/{version} body. `tags: {}` is sent as is: it clears the tags. */
export function toUpdateParameters(options: UpdateSecretPropertiesOptions): SecretUpdateParameters {
  const body: SecretUpdateParameters = {};
  if (options.contentType != null) body.contentType = options.contentType;
  const attributes = toWireAttributes(options);
  if (attributes) body.attributes = attributes;
  if (options.tags != null) body.tags = options.tags;
  return body;
}
