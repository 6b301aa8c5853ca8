import { AbortError, type AbortSignalLike } from "@azure/abort-controller";

/**
 * Settles like `promise`, or rejects with `AbortError` as soon as `signal` fires. The underlying work goes on:
 * this is how one caller stops waiting for a request shared with others without cancelling it for them.
 * @internal
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new AbortError("The operation was aborted."));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortError("The operation was aborted."));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Throws `AbortError` if `signal` has already fired, before any work starts. @internal */
export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new AbortError("The operation was aborted.");
}
