import type { AbortSignalLike } from "@azure/abort-controller";
import { isRestError } from "@azure/core-rest-pipeline";
import type { PollOperationState } from "./pollerTypes.js";

/** The state of a delete or recover operation: the secret's name plus the generic poll state. */
export interface SecretOperationState<TResult> extends PollOperationState<TResult> {
  /** The name of the secret. */
  name: string;
}

/** Advances a state by one step (one or two requests). Throws to reject the poll. */
export type SecretOperationStep<TResult> = (
  state: SecretOperationState<TResult>,
  options: { abortSignal?: AbortSignalLike },
) => Promise<void>;

const DATE_FIELDS = ["createdOn", "updatedOn", "notBefore", "expiresOn", "deletedOn", "scheduledPurgeDate"];

/** Serialises a state as `{"state":{...}}`, the token format official pollers read and write. */
export function serializeState<TResult>(state: SecretOperationState<TResult>): string {
  const { name, isStarted, isCompleted, result, error } = state;
  const stored: Record<string, unknown> = {
    name,
    isStarted: isStarted === true,
    isCompleted: isCompleted === true,
    result,
  };
  if (error) stored.error = { message: error.message };
  return JSON.stringify({ state: stored });
}

/**
 * Reads a `resumeFrom` token for the secret `name`. A token for another secret is refused (SPEC §7 item 9),
 * and the Date fields of the stored result are revived at both levels (SPEC §7 item 14).
 */
export function deserializeState<TResult>(token: string, name: string): SecretOperationState<TResult> {
  let state: Record<string, unknown> | undefined;
  try {
    state = (JSON.parse(token) as { state?: Record<string, unknown> } | null)?.state;
  } catch {
    state = undefined;
  }
  if (!state || typeof state.name !== "string") throw new Error("Invalid resumeFrom state.");
  if (state.name !== name) throw new Error(`The resumeFrom state belongs to secret '${state.name}', not '${name}'.`);
  const revived: SecretOperationState<TResult> = { name };
  if (state.isStarted === true) revived.isStarted = true;
  if (state.isCompleted === true) revived.isCompleted = true;
  if (state.result && typeof state.result === "object") revived.result = reviveDates(state.result) as TResult;
  const error = state.error as { message?: unknown } | undefined;
  if (error) revived.error = new Error(typeof error.message === "string" ? error.message : "Operation failed.");
  return revived;
}

function reviveDates(value: object): object {
  const copy: Record<string, unknown> = { ...value };
  for (const field of DATE_FIELDS) {
    if (typeof copy[field] === "string") copy[field] = new Date(copy[field]);
  }
  if (copy.properties && typeof copy.properties === "object") copy.properties = reviveDates(copy.properties);
  return copy;
}

/**
 * The check step both state machines share: `fetch` answering means done, with its result; 404 means
 * not yet; 403 means done (the caller lacks read permission), keeping the previous result. Any other
 * failure is recorded in the state, completes it, and is thrown.
 */
export async function completeWhenVisible<TResult>(
  state: SecretOperationState<TResult>,
  fetch: () => Promise<TResult>,
): Promise<void> {
  try {
    state.result = await fetch();
    state.isCompleted = true;
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) return;
    if (isRestError(error) && error.statusCode === 403) {
      state.isCompleted = true;
      return;
    }
    state.error = error as Error;
    state.isCompleted = true;
    throw error;
  }
}
