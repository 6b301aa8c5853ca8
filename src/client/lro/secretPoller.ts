import { AbortError, type AbortSignalLike } from "@azure/abort-controller";
import type { CancelOnProgress, PollerLike, PollOperationState } from "./pollerTypes.js";
import { serializeState, type SecretOperationState, type SecretOperationStep } from "./secretOperationState.js";

/** Thrown by `pollUntilDone()` when `stopPolling()` is called while it waits. */
export class PollerStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PollerStoppedError";
  }
}

/** What a poller is made of. */
export interface SecretPollerConfig<TResult> {
  state: SecretOperationState<TResult>;
  step: SecretOperationStep<TResult>;
  intervalInMs: number;
  cancelMessage: string;
}

/**
 * A poller over one small state machine (`step`). Waiting lives here and nowhere else: poll at once,
 * then wait `intervalInMs` between polls, never after the completing one. The abort signal of a call
 * applies to that call only; it is never stored.
 */
export class SecretPoller<TResult> implements PollerLike<PollOperationState<TResult>, TResult> {
  readonly #state: SecretOperationState<TResult>;
  readonly #step: SecretOperationStep<TResult>;
  readonly #intervalInMs: number;
  readonly #cancelMessage: string;
  readonly #listeners = new Set<(state: PollOperationState<TResult>) => void>();
  #inFlight: Promise<void> | undefined;
  #stopped = true;
  #stop: AbortController | undefined;

  constructor(config: SecretPollerConfig<TResult>) {
    this.#state = config.state;
    this.#step = config.step;
    this.#intervalInMs = config.intervalInMs;
    this.#cancelMessage = config.cancelMessage;
  }

  poll(options: { abortSignal?: AbortSignalLike } = {}): Promise<void> {
    if (this.isDone()) return Promise.resolve();
    // Concurrent callers share one in-flight step, so no request is ever made twice.
    this.#inFlight ??= this.#runStep(options).finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async pollUntilDone(options: { abortSignal?: AbortSignalLike } = {}): Promise<TResult> {
    this.#stopped = false;
    const stop = (this.#stop = new AbortController());
    try {
      while (!this.isDone()) {
        await this.poll(options);
        if (this.isDone()) break;
        if (stop.signal.aborted) throw new PollerStoppedError("This poller is already stopped");
        await wait(this.#intervalInMs, options.abortSignal, stop.signal);
        if (stop.signal.aborted) throw new PollerStoppedError("This poller is already stopped");
      }
    } finally {
      if (this.#stop === stop) this.#stopped = true;
    }
    if (this.#state.error) throw this.#state.error;
    return this.#state.result as TResult;
  }

  onProgress(callback: (state: PollOperationState<TResult>) => void): CancelOnProgress {
    this.#listeners.add(callback);
    return () => void this.#listeners.delete(callback);
  }

  isDone(): boolean {
    return this.#state.isCompleted === true;
  }

  stopPolling(): void {
    this.#stopped = true;
    this.#stop?.abort();
  }

  isStopped(): boolean {
    return this.#stopped;
  }

  cancelOperation(): Promise<void> {
    return Promise.reject(new Error(this.#cancelMessage));
  }

  getOperationState(): SecretOperationState<TResult> {
    return { ...this.#state };
  }

  getResult(): TResult | undefined {
    return this.#state.result;
  }

  toString(): string {
    return serializeState(this.#state);
  }

  async #runStep(options: { abortSignal?: AbortSignalLike }): Promise<void> {
    try {
      await this.#step(this.#state, options);
    } finally {
      const snapshot = this.getOperationState();
      for (const listener of this.#listeners) listener(snapshot);
    }
  }
}

/** Waits `ms`, rejecting with AbortError when `abortSignal` fires; `stopSignal` ends the wait early. */
function wait(ms: number, abortSignal: AbortSignalLike | undefined, stopSignal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (abortSignal?.aborted) return reject(new AbortError("The operation was aborted."));
    if (stopSignal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      abortSignal?.removeEventListener("abort", onAbort);
      stopSignal.removeEventListener("abort", onStop);
    };
    const onAbort = (): void => {
      done();
      reject(new AbortError("The operation was aborted."));
    };
    const onStop = (): void => {
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    abortSignal?.addEventListener("abort", onAbort);
    stopSignal.addEventListener("abort", onStop);
  });
}
