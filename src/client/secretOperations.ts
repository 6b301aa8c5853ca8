import { stringToUint8Array, uint8ArrayToString } from "@azure/core-util";
import { secretPath } from "./http/secretPath.js";
import { sendBundle, sendOperation, type SecretsContext } from "./http/sendOperation.js";
import type { DeletedSecret, KeyVaultSecret, SecretProperties } from "./models.js";
import type { GetSecretOptions, OperationOptions, SetSecretOptions, UpdateSecretPropertiesOptions } from "./options.js";
import { tracingClient } from "./tracing.js";
import {
  toDeletedSecret,
  toKeyVaultSecret,
  toSecretProperties,
  toSetParameters,
  toUpdateParameters,
} from "./wire/mappers.js";
import type { BackupSecretResult } from "./wire/types.js";

/**
 * The single-request operations: reshape options → one `sendOperation` → one pure mapper, inside a
 * tracing span. `SecretClient` and the pollers share them; the span name says who is calling.
 * Arguments are validated by the caller.
 */

export function setSecret(
  context: SecretsContext,
  name: string,
  value: string,
  options: SetSecretOptions,
): Promise<KeyVaultSecret> {
  return tracingClient.withSpan("SecretClient.setSecret", options, async (opts) => {
    const body = toSetParameters(value, opts);
    const path = secretPath`/secrets/${name}`;
    return sendBundle(context, { method: "PUT", path, body, expectedStatus: 200 }, opts, toKeyVaultSecret);
  });
}

export function getSecret(
  context: SecretsContext,
  name: string,
  options: GetSecretOptions,
  spanName = "SecretClient.getSecret",
): Promise<KeyVaultSecret> {
  return tracingClient.withSpan(spanName, options, async (opts) => {
    // An empty version segment means "latest", as both official SDKs send it.
    const path = secretPath`/secrets/${name}/${opts.version ?? ""}`;
    const query = opts.outContentType ? `outContentType=${encodeURIComponent(opts.outContentType)}` : undefined;
    const request = { method: "GET", path, query, expectedStatus: 200 } as const;
    return sendBundle(context, request, opts, toKeyVaultSecret);
  });
}

export function updateSecretProperties(
  context: SecretsContext,
  name: string,
  version: string,
  options: UpdateSecretPropertiesOptions,
): Promise<SecretProperties> {
  return tracingClient.withSpan("SecretClient.updateSecretProperties", options, async (opts) => {
    const body = toUpdateParameters(opts);
    const path = secretPath`/secrets/${name}/${version}`;
    const request = { method: "PATCH", path, body, expectedStatus: 200 } as const;
    return sendBundle(context, request, opts, toSecretProperties);
  });
}

export function deleteSecret(
  context: SecretsContext,
  name: string,
  options: OperationOptions,
  spanName: string,
): Promise<DeletedSecret> {
  return tracingClient.withSpan(spanName, options, async (opts) => {
    const request = {
      method: "DELETE",
      path: secretPath`/secrets/${name}`,
      expectedStatus: 200,
    } as const;
    return sendBundle(context, request, opts, toDeletedSecret);
  });
}

export function getDeletedSecret(
  context: SecretsContext,
  name: string,
  options: OperationOptions,
  spanName = "SecretClient.getDeletedSecret",
): Promise<DeletedSecret> {
  return tracingClient.withSpan(spanName, options, async (opts) => {
    const request = {
      method: "GET",
      path: secretPath`/deletedsecrets/${name}`,
      expectedStatus: 200,
    } as const;
    return sendBundle(context, request, opts, toDeletedSecret);
  });
}

export function purgeDeletedSecret(context: SecretsContext, name: string, options: OperationOptions): Promise<void> {
  return tracingClient.withSpan("SecretClient.purgeDeletedSecret", options, async (opts) => {
    await sendOperation(
      context,
      { method: "DELETE", path: secretPath`/deletedsecrets/${name}`, expectedStatus: 204 },
      opts,
    );
  });
}

export function recoverDeletedSecret(
  context: SecretsContext,
  name: string,
  options: OperationOptions,
  spanName: string,
): Promise<SecretProperties> {
  return tracingClient.withSpan(spanName, options, async (opts) => {
    const path = secretPath`/deletedsecrets/${name}/recover`;
    const request = { method: "POST", path, expectedStatus: 200 } as const;
    return sendBundle(context, request, opts, toSecretProperties);
  });
}

export function backupSecret(
  context: SecretsContext,
  name: string,
  options: OperationOptions,
): Promise<Uint8Array | undefined> {
  return tracingClient.withSpan("SecretClient.backupSecret", options, async (opts) => {
    const path = secretPath`/secrets/${name}/backup`;
    const result = (await sendOperation(context, { method: "POST", path, expectedStatus: 200 }, opts)) as
      BackupSecretResult | undefined;
    // base64url on the wire; the decoder also accepts padding and the standard alphabet (SPEC §2.1).
    return typeof result?.value === "string" ? stringToUint8Array(result.value, "base64url") : undefined;
  });
}

export function restoreSecretBackup(
  context: SecretsContext,
  backup: Uint8Array,
  options: OperationOptions,
): Promise<SecretProperties> {
  return tracingClient.withSpan("SecretClient.restoreSecretBackup", options, async (opts) => {
    const body = { value: uint8ArrayToString(backup, "base64url") };
    const request = { method: "POST", path: "/secrets/restore", body, expectedStatus: 200 } as const;
    return sendBundle(context, request, opts, toSecretProperties);
  });
}
