import { AbortError, type AbortSignalLike } from "@azure/abort-controller";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import { getErrorMessage } from "@azure/core-util";
import { authLogger } from "../logger.js";

/** From this long before expiry, a token is refreshed in the background. */
export const REFRESH_WINDOW_IN_MS = 120_000;
/** Within this long of expiry, a token is no longer handed out: callers wait for a new one. */
export const BLOCKING_WINDOW_IN_MS = 1_000;
/** The pause between two background refresh attempts. */
export const BACKGROUND_RETRY_INTERVAL_IN_MS = 3_000;

/** Per-call options of {@link AccessTokenCache.getToken}. */
export interface AcquireTokenOptions {
  /** Cancels this caller's wait, and the credential call when this caller starts it. */
  abortSignal?: AbortSignalLike | undefined;
  /** Passed to the credential. */
  tracingOptions?: GetTokenOptions["tracingOptions"];
  /** Passed to the credential as `requestOptions.timeout`; 0 or absent means none. */
  timeoutInMs?: number | undefined;
  /** CAE claims (decoded JSON): bypasses the cached token. */
  claims?: string | undefined;
  /** Bypasses the cached token, e.g. after the service rejected it. */
  forceRefresh?: boolean | undefined;
}

interface Flight {
  promise: Promise<AccessToken>;
  signal: AbortSignalLike | undefined;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AbortError("The operation was aborted."));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortError("The operation was aborted."));
    signal.addEventListener("abort", onAbort);
    const settle = (): void => signal.removeEventListener("abort", onAbort);
    promise.then(
      (value) => (settle(), resolve(value)),
      (error: unknown) => (settle(), reject(error)),
    );
  });
}

/**
 * The token cycler of one `(scope, tenantId)` pair (SPEC §3.5): a cached token, one acquisition in flight per claims
 * value, background refresh from {@link REFRESH_WINDOW_IN_MS} before expiry and blocking refresh within
 * {@link BLOCKING_WINDOW_IN_MS} of it. Time comes from an injected `now` so tests need no fake timers.
 */
export class AccessTokenCache {
  readonly #credential: TokenCredential;
  readonly #now: () => number;
  #token: AccessToken | undefined;
  #tokenSeq = -1;
  #nextSeq = 0;
  readonly #flights = new Map<string, Flight>(); // key: claims, "" for none
  #lastBackgroundAttempt = Number.NEGATIVE_INFINITY;

  /**
   * @param credential - the credential to ask for tokens
   * @param scope - the single scope requested
   * @param tenantId - the tenant to request the token for, if the challenge named one
   * @param now - the clock, in milliseconds since the epoch
   */
  constructor(
    credential: TokenCredential,
    readonly scope: string,
    readonly tenantId: string | undefined,
    now: () => number = Date.now,
  ) {
    this.#credential = credential;
    this.#now = now;
  }

  /**
   * Returns a usable token: the cached one, or the result of the acquisition in flight, or a new acquisition.
   * Throws `Error("Failed to refresh access token.")` when the credential returns `null`; credential errors propagate
   * unchanged.
   *
   * @param options - abort signal, tracing, timeout, claims and force-refresh
   */
  async getToken(options: AcquireTokenOptions = {}): Promise<AccessToken> {
    const token = this.cachedToken(options);
    if (token) return token;
    const key = options.claims ?? "";
    for (;;) {
      const flight = this.#flights.get(key) ?? this.#start(key, options);
      try {
        return await raceAbort(flight.promise, options.abortSignal);
      } catch (error) {
        // Another caller's abort cancelled the shared acquisition: this caller still wants a token.
        const othersAbort = flight.signal?.aborted && flight.signal !== options.abortSignal;
        if (othersAbort && !options.abortSignal?.aborted) continue;
        throw error;
      }
    }
  }

  /**
   * The cached token when {@link AccessTokenCache.getToken} would return it without waiting (no claims, no forced
   * refresh, outside the blocking window), starting the background refresh it would start; otherwise undefined.
   *
   * @param options - the claims and force-refresh of the call
   */
  cachedToken(options: Pick<AcquireTokenOptions, "claims" | "forceRefresh"> = {}): AccessToken | undefined {
    const token = this.#token;
    if (!token || options.claims !== undefined || options.forceRefresh) return undefined;
    const now = this.#now();
    if (now >= token.expiresOnTimestamp - BLOCKING_WINDOW_IN_MS) return undefined;
    const refreshAt = Math.min(
      token.refreshAfterTimestamp ?? Infinity,
      token.expiresOnTimestamp - REFRESH_WINDOW_IN_MS,
    );
    if (now >= refreshAt) this.#refreshInBackground(now);
    return token;
  }

  #start(key: string, options: AcquireTokenOptions): Flight {
    const seq = this.#nextSeq++;
    const promise = this.#acquire(seq, options);
    const flight: Flight = { promise, signal: options.abortSignal };
    const clear = (): void => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    };
    promise.then(clear, clear);
    this.#flights.set(key, flight);
    return flight;
  }

  async #acquire(seq: number, options: AcquireTokenOptions): Promise<AccessToken> {
    const getTokenOptions: GetTokenOptions = { enableCae: true };
    if (options.abortSignal) getTokenOptions.abortSignal = options.abortSignal;
    if (options.tracingOptions) getTokenOptions.tracingOptions = options.tracingOptions;
    if (options.timeoutInMs) getTokenOptions.requestOptions = { timeout: options.timeoutInMs };
    if (this.tenantId !== undefined) getTokenOptions.tenantId = this.tenantId;
    if (options.claims !== undefined) getTokenOptions.claims = options.claims;
    const token = await this.#credential.getToken([this.scope], getTokenOptions);
    if (!token) throw new Error("Failed to refresh access token.");
    // A slower, older acquisition must not replace a token obtained after it (e.g. with CAE claims).
    if (seq > this.#tokenSeq) {
      this.#token = token;
      this.#tokenSeq = seq;
    }
    authLogger.info(`token acquired for scope ${this.scope}, tenant ${this.tenantId ?? "(none)"}`);
    return token;
  }

  #refreshInBackground(now: number): void {
    if (this.#flights.has("") || now - this.#lastBackgroundAttempt < BACKGROUND_RETRY_INTERVAL_IN_MS) return;
    this.#lastBackgroundAttempt = now;
    this.#start("", {}).promise.catch((error: unknown) => {
      authLogger.warning(`Failed to refresh access token in the background. ${getErrorMessage(error)}`);
    });
  }
}
