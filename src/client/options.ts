import type { AbortSignalLike } from "@azure/abort-controller";
import type {
  HttpClient,
  LogPolicyOptions,
  PipelineOptions,
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
  RawHttpHeaders,
  RawHttpHeadersInput,
  RequestBodyType,
  TransferProgressEvent,
} from "@azure/core-rest-pipeline";
import type { OperationTracingOptions } from "@azure/core-tracing";
import type { ContentType } from "./models.js";

/** The service versions the client can talk to. */
export type SecretServiceVersion = "7.0" | "7.1" | "7.2" | "7.3" | "7.4" | "7.5" | "7.6" | "2025-07-01" | "2026-04-01";

/** A policy added to the client's pipeline, and where. */
export interface AdditionalPolicyConfig {
  /** The policy. */
  policy: PipelinePolicy;
  /** `perCall` policies run once per operation; `perRetry` policies run on every attempt. */
  position: "perCall" | "perRetry";
}

/** Options for keep-alive behaviour of connections (accepted for compatibility; no effect). */
export interface KeepAliveOptions {
  /** Whether connections are kept alive. */
  enable?: boolean;
}

/** Options for redirect handling (accepted for compatibility; Key Vault does not redirect and redirects are never followed). */
export interface RedirectOptions {
  /** Whether redirects are followed. */
  handleRedirects?: boolean;
  /** The maximum number of redirects. */
  maxRetries?: number;
}

/** Options for {@link SecretClient}. */
export interface SecretClientOptions extends PipelineOptions {
  /**
   * The Key Vault REST API version to use. Any other value throws `RangeError` at construction.
   * @defaultValue "2025-07-01"
   */
  serviceVersion?: SecretServiceVersion;
  /**
   * Skips the check that the challenge resource's domain matches the vault's host.
   * HTTPS and origin pinning still apply.
   * @defaultValue false
   */
  disableChallengeResourceVerification?: boolean;
  /** A custom transport. */
  httpClient?: HttpClient;
  /** Accepted for compatibility. Bearer tokens are never sent over http, whatever this says. */
  allowInsecureConnection?: boolean;
  /** Policies added to the pipeline. */
  additionalPolicies?: AdditionalPolicyConfig[];
  /** Accepted for compatibility; has no effect. */
  keepAliveOptions?: KeepAliveOptions;
  /** Accepted for compatibility; redirects are never followed. */
  redirectOptions?: RedirectOptions;
  /** Logging options, merged with the client's own allow-lists of headers and query parameters. */
  loggingOptions?: LogPolicyOptions;
}

/** The raw HTTP response given to an `onResponse` callback. */
export interface FullOperationResponse extends PipelineResponse {
  /** The response headers as a plain object. */
  rawHeaders?: RawHttpHeaders;
  /** The parsed response body. */
  parsedBody?: RequestBodyType;
  /** The request that produced this response. */
  request: PipelineRequest;
}

/** Called with the raw response of every request an operation makes. */
export type RawResponseCallback = (
  rawResponse: FullOperationResponse,
  error?: unknown,
  __legacyError?: unknown,
) => void;

/** Per-request options. */
export interface OperationRequestOptions {
  /** Extra request headers. */
  headers?: RawHttpHeadersInput;
  /** Per-attempt timeout in milliseconds; expiry surfaces as `AbortError`. */
  timeout?: number;
  /** Upload progress callback. */
  onUploadProgress?: (progress: TransferProgressEvent) => void;
  /** Download progress callback. */
  onDownloadProgress?: (progress: TransferProgressEvent) => void;
  /** Accepted for compatibility; bearer tokens are never sent over http. */
  allowInsecureConnection?: boolean;
  /** Accepted and ignored: names are always encoded. */
  skipUrlEncoding?: boolean;
}

/** Options every operation accepts. */
export interface OperationOptions {
  /** Cancels the operation. */
  abortSignal?: AbortSignalLike;
  /** Per-request options. */
  requestOptions?: OperationRequestOptions;
  /** Tracing options. */
  tracingOptions?: OperationTracingOptions;
  /** Called with each raw response. */
  onResponse?: RawResponseCallback;
}

/** Options for `setSecret`. */
export interface SetSecretOptions extends OperationOptions {
  /** Application-specific metadata. */
  tags?: { [propertyName: string]: string };
  /** The content type of the value. */
  contentType?: string;
  /** Whether the secret is enabled. */
  enabled?: boolean;
  /** Not valid before this time. */
  readonly notBefore?: Date;
  /** Expires at this time. */
  readonly expiresOn?: Date;
}

/** Options for `updateSecretProperties`. Tags replace the whole map; `tags: {}` clears them. */
export interface UpdateSecretPropertiesOptions extends OperationOptions {
  /** The content type of the value. */
  contentType?: string;
  /** Whether the secret is enabled. */
  enabled?: boolean;
  /** Not valid before this time. */
  readonly notBefore?: Date;
  /** Expires at this time. */
  readonly expiresOn?: Date;
  /** Application-specific metadata. */
  tags?: { [propertyName: string]: string };
}

/** Options for `getSecret`. */
export interface GetSecretOptions extends OperationOptions {
  /** The version to get; latest when absent or empty. */
  version?: string;
  /** Converts a certificate-backed secret to this content type (service version 2025-07-01 and later). */
  outContentType?: ContentType;
}

/** Options of the `begin*` methods. */
export interface SecretPollerOptions extends OperationOptions {
  /**
   * The wait between two polls, in milliseconds.
   * @defaultValue 2000
   */
  intervalInMs?: number;
  /** A poller state from `poller.toString()` to resume from. */
  resumeFrom?: string;
}

/** Options for `beginDeleteSecret`. */
export interface BeginDeleteSecretOptions extends SecretPollerOptions {}
/** Options for `beginRecoverDeletedSecret`. */
export interface BeginRecoverDeletedSecretOptions extends SecretPollerOptions {}
/** Options for `getDeletedSecret`. */
export interface GetDeletedSecretOptions extends OperationOptions {}
/** Options for `purgeDeletedSecret`. */
export interface PurgeDeletedSecretOptions extends OperationOptions {}
/** Options for `backupSecret`. */
export interface BackupSecretOptions extends OperationOptions {}
/** Options for `restoreSecretBackup`. */
export interface RestoreSecretBackupOptions extends OperationOptions {}
/** Options for `listPropertiesOfSecrets`. */
export interface ListPropertiesOfSecretsOptions extends OperationOptions {}
/** Options for `listPropertiesOfSecretVersions`. */
export interface ListPropertiesOfSecretVersionsOptions extends OperationOptions {}
/** Options for `listDeletedSecrets`. */
export interface ListDeletedSecretsOptions extends OperationOptions {}
