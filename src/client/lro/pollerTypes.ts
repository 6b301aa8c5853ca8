import type { AbortSignalLike } from "@azure/abort-controller";

/**
 * Poller types, declared locally and structurally identical to the `PollerLike` and
 * `PollOperationState` of `@azure/core-lro` 2.x, so the client does not depend on that package.
 */

/** The state of a long-running operation. */
export interface PollOperationState<TResult> {
  /** True once the operation has been started on the service. */
  isStarted?: boolean;
  /** True once the operation is done, successfully or not. */
  isCompleted?: boolean;
  /** True if the operation was cancelled. */
  isCancelled?: boolean;
  /** The error that stopped the operation. */
  error?: Error;
  /** The result so far. */
  result?: TResult;
}

/** Unsubscribes a progress listener. */
export type CancelOnProgress = () => void;

/** A poller for a long-running operation. */
export interface PollerLike<TState extends PollOperationState<TResult>, TResult> {
  /** Runs one polling step. */
  poll(options?: { abortSignal?: AbortSignalLike }): Promise<void>;
  /** Polls until the operation is done and returns its result. */
  pollUntilDone(pollOptions?: { abortSignal?: AbortSignalLike }): Promise<TResult>;
  /** Calls `callback` with a snapshot of the state after every poll. */
  onProgress(callback: (state: TState) => void): CancelOnProgress;
  /** True once the operation is done. */
  isDone(): boolean;
  /** Stops `pollUntilDone`; the poller can be resumed later. */
  stopPolling(): void;
  /** True when not polling. */
  isStopped(): boolean;
  /** Not supported by Key Vault secrets: always rejects. */
  cancelOperation(options?: { abortSignal?: AbortSignalLike }): Promise<void>;
  /** A copy of the current state. */
  getOperationState(): TState;
  /** The result so far. */
  getResult(): TResult | undefined;
  /** A token for `resumeFrom`. */
  toString(): string;
}
