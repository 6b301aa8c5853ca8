import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type HttpMethods,
  type Pipeline,
  type PipelineRequest,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import type { FullOperationResponse, OperationOptions } from "../options.js";
import type { KeyVaultErrorBody } from "../wire/types.js";

/** What every operation needs from its client. */
export interface SecretsContext {
  readonly pipeline: Pipeline;
  readonly httpClient: HttpClient;
  /** The vault URL with any trailing `/` removed; request paths are appended to it. */
  readonly baseUrl: string;
  /** `api-version=<serviceVersion>`, the first query parameter of every request built here. */
  readonly apiVersionQuery: string;
}

/** One REST call. */
export interface OperationRequest {
  method: HttpMethods;
  /** An encoded path from `secretPath`, or an absolute URL (a nextLink). */
  path: string;
  /** Extra encoded query parameters, without the leading separator (`maxresults=5`). */
  query?: string | undefined;
  body?: unknown;
  /** The one status that means success. */
  expectedStatus: 200 | 204;
}

/**
 * Sends one operation through the pipeline and returns its parsed JSON body. The only code that builds a
 * `PipelineRequest` or reads a status code: any other status becomes a `RestError` (SPEC §1.9).
 */
export async function sendOperation(
  context: SecretsContext,
  operation: OperationRequest,
  options: OperationOptions,
): Promise<unknown> {
  return (await send(context, operation, options)).body;
}

/**
 * Sends an operation whose success body is a secret bundle and maps it with `map`. A body without an `id`, or
 * with one the mapper cannot parse, is a protocol violation: a `RestError` with the response attached (SPEC §1.5).
 */
export function sendBundle<TBundle extends { id?: string }, TResult>(
  context: SecretsContext,
  operation: OperationRequest,
  options: OperationOptions,
  map: (bundle: TBundle) => TResult,
): Promise<TResult> {
  return sendAndRead(context, operation, options, (body) => {
    if (typeof (body as { id?: unknown } | undefined)?.id !== "string")
      throw new Error("Response is missing the secret id");
    try {
      return map(body as TBundle);
    } catch (error) {
      // Mappers are total over well-formed bundles: only the id's parse can fail.
      throw new Error(`Response has an invalid secret id. ${(error as Error).message}`, { cause: error });
    }
  });
}

/**
 * Sends an operation and returns what `read` makes of its success body. `read` judges the body: whatever it throws
 * becomes a `RestError` with the same message, the status and the response attached (SPEC §1.9), so a malformed body
 * is never a bare `Error` or `TypeError`.
 */
export async function sendAndRead<TResult>(
  context: SecretsContext,
  operation: OperationRequest,
  options: OperationOptions,
  read: (body: unknown) => TResult,
): Promise<TResult> {
  const { body, response } = await send(context, operation, options);
  try {
    return read(body);
  } catch (error) {
    throw new RestError((error as Error).message, { statusCode: response.status, request: response.request, response });
  }
}

async function send(
  context: SecretsContext,
  operation: OperationRequest,
  options: OperationOptions,
): Promise<{ body: unknown; response: PipelineResponse }> {
  const request = buildRequest(context, operation, options);
  const response = await context.pipeline.sendRequest(context.httpClient, request);
  const body = parseBody(response.bodyAsText);
  if (options.onResponse) {
    const raw: FullOperationResponse = { ...response, rawHeaders: response.headers.toJSON(), request };
    if (body !== undefined) raw.parsedBody = body as NonNullable<FullOperationResponse["parsedBody"]>;
    options.onResponse(raw);
  }
  if (response.status !== operation.expectedStatus) throw toRestError(response, body);
  return { body, response };
}

function buildRequest(
  context: SecretsContext,
  operation: OperationRequest,
  options: OperationOptions,
): PipelineRequest {
  const { requestOptions, abortSignal, tracingOptions } = options;
  // An absolute URL is a nextLink: the api-version policy sets its api-version.
  const base = operation.path.startsWith("https:")
    ? operation.path
    : `${context.baseUrl}${operation.path}?${context.apiVersionQuery}`;
  const url = operation.query ? `${base}${base.includes("?") ? "&" : "?"}${operation.query}` : base;
  const headers = createHttpHeaders(requestOptions?.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  const request = createPipelineRequest({ url, method: operation.method, headers });
  if (operation.body !== undefined) {
    // Exactly application/json: Key Vault rejected a charset parameter (Azure/azure-sdk-for-js#31843).
    headers.set("content-type", "application/json");
    request.body = JSON.stringify(operation.body);
  }
  if (abortSignal) request.abortSignal = abortSignal;
  if (tracingOptions) request.tracingOptions = tracingOptions;
  if (requestOptions?.timeout !== undefined) request.timeout = requestOptions.timeout;
  if (requestOptions?.onUploadProgress) request.onUploadProgress = requestOptions.onUploadProgress;
  if (requestOptions?.onDownloadProgress) request.onDownloadProgress = requestOptions.onDownloadProgress;
  return request;
}

function parseBody(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toRestError(response: PipelineResponse, body: unknown): RestError {
  const envelope = isErrorEnvelope(body) ? body.error : undefined;
  const message =
    typeof envelope?.message === "string" ? envelope.message : `Unexpected status code: ${response.status}`;
  const error = new RestError(message, {
    ...(typeof envelope?.code === "string" ? { code: envelope.code } : {}),
    statusCode: response.status,
    request: response.request,
    response,
  });
  if (envelope) error.details = body;
  return error;
}

function isErrorEnvelope(body: unknown): body is KeyVaultErrorBody {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  return typeof error === "object" && error !== null;
}
