import { DEFAULT_POLL_INTERVAL_IN_MS } from "../constants.js";
import type { OperationOptions, SecretPollerOptions } from "../options.js";
import { assertIntervalInMs } from "../validation.js";
import { deserializeState, type SecretOperationState, type SecretOperationStep } from "./secretOperationState.js";
import { SecretPoller } from "./secretPoller.js";

/** What a `begin*` method hands over. */
export interface BeginSettings<TResult> {
  name: string;
  options: SecretPollerOptions;
  /** Builds the state machine from the options that every poll request carries. */
  createStep: (requestOptions: OperationOptions) => SecretOperationStep<TResult>;
  cancelMessage: string;
}

/**
 * Creates a poller (fresh, or resumed from `options.resumeFrom`) and awaits its first poll, so that
 * errors of the initial request reject `begin*` itself. A completed resumed state makes no request;
 * a started one resumes with the polling GET only. The begin-time abort signal applies to that first
 * poll only.
 */
export async function beginSecretOperation<TResult>(settings: BeginSettings<TResult>): Promise<SecretPoller<TResult>> {
  const { intervalInMs, resumeFrom, abortSignal, ...requestOptions } = settings.options;
  assertIntervalInMs(intervalInMs);
  const state: SecretOperationState<TResult> =
    resumeFrom !== undefined ? deserializeState<TResult>(resumeFrom, settings.name) : { name: settings.name };
  const poller = new SecretPoller<TResult>({
    state,
    step: settings.createStep(requestOptions),
    intervalInMs: intervalInMs ?? DEFAULT_POLL_INTERVAL_IN_MS,
    cancelMessage: settings.cancelMessage,
  });
  await poller.poll(abortSignal ? { abortSignal } : {});
  return poller;
}
