import { createHttpHeaders, createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import type { KeyVaultSecret } from "../../../src/index.js";
import type { SecretCacheClient } from "../../../src/cache/index.js";

/** A clock the test moves by hand, in milliseconds. */
export class ManualClock {
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Builds a KeyVaultSecret the way the client's mapper would. */
export function makeSecret(
  name: string,
  value: string,
  version: string,
  extra: Partial<KeyVaultSecret["properties"]> = {},
): KeyVaultSecret {
  const vaultUrl = "https://myvault.vault.azure.net";
  return {
    name,
    value,
    properties: {
      vaultUrl,
      name,
      version,
      id: `${vaultUrl}/secrets/${name}/${version}`,
      enabled: true,
      createdOn: new Date(0),
      updatedOn: new Date(0),
      tags: { team: "a" },
      ...extra,
    },
  };
}

/** A RestError as sendOperation builds it, with response headers such as `retry-after`. */
export function restError(
  statusCode: number,
  options: { code?: string; innerCode?: string; headers?: Record<string, string> } = {},
): RestError {
  const body = {
    error: {
      code: options.code ?? "Error",
      message: `status ${statusCode}`,
      ...(options.innerCode ? { innererror: { code: options.innerCode } } : {}),
    },
  };
  const request = createPipelineRequest({ url: "https://myvault.vault.azure.net/secrets/x" });
  const response = {
    request,
    status: statusCode,
    headers: createHttpHeaders(options.headers ?? {}),
    bodyAsText: JSON.stringify(body),
  };
  const error = new RestError(body.error.message, { statusCode, code: body.error.code, request, response });
  error.details = body;
  return error;
}

type Answer = (name: string, version: string | undefined) => KeyVaultSecret | Promise<KeyVaultSecret>;

/**
 * A structural SecretClient over an in-memory map. `fail(...)` queues errors for the next reads; `hold()` parks reads
 * until released, so a test can look at the cache while a request is in flight.
 */
export class FakeVault implements SecretCacheClient {
  readonly calls: Array<{ name: string; version: string | undefined }> = [];
  readonly #values = new Map<string, KeyVaultSecret>();
  readonly #queued: Array<unknown> = [];
  #gate: Promise<void> | undefined;
  #release: (() => void) | undefined;
  #versions = 0;
  inFlight = 0;
  maxInFlight = 0;
  answer: Answer | undefined;

  put(name: string, value: string, extra: Partial<KeyVaultSecret["properties"]> = {}): KeyVaultSecret {
    const secret = makeSecret(name, value, `v${++this.#versions}`, extra);
    this.#values.set(name.toLowerCase(), secret);
    this.#values.set(`${name.toLowerCase()}/${secret.properties.version}`, secret);
    return secret;
  }

  remove(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  fail(...errors: unknown[]): void {
    this.#queued.push(...errors);
  }

  hold(): () => void {
    this.#gate = new Promise((resolve) => (this.#release = resolve));
    return () => {
      this.#gate = undefined;
      this.#release?.();
    };
  }

  readsOf(name: string): number {
    return this.calls.filter((call) => call.name.toLowerCase() === name.toLowerCase()).length;
  }

  getSecret = async (name: string, options: { version?: string } = {}): Promise<KeyVaultSecret> => {
    this.calls.push({ name, version: options.version });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.#gate;
      await Promise.resolve();
      if (this.#queued.length > 0) throw this.#queued.shift();
      if (this.answer) return await this.answer(name, options.version);
      const key = options.version ? `${name.toLowerCase()}/${options.version}` : name.toLowerCase();
      const secret = this.#values.get(key);
      if (secret === undefined) throw restError(404, { code: "SecretNotFound" });
      return structuredClone(secret);
    } finally {
      this.inFlight -= 1;
    }
  };

  setSecret = async (name: string, value: string, options: { enabled?: boolean } = {}): Promise<KeyVaultSecret> => {
    return structuredClone(this.put(name, value, options.enabled === undefined ? {} : { enabled: options.enabled }));
  };
}
