import { isRestError } from "@azure/core-rest-pipeline";
import type { SecretsContext } from "../http/sendOperation.js";
import type { SecretProperties } from "../models.js";
import type { OperationOptions } from "../options.js";
import { getSecret, recoverDeletedSecret } from "../secretOperations.js";
import { completeWhenVisible, type SecretOperationStep } from "./secretOperationState.js";

const isNotFoundOrForbidden = (error: unknown): boolean =>
  isRestError(error) && (error.statusCode === 404 || error.statusCode === 403);

/**
 * The recover state machine (SPEC §4.3): a pre-check `GET /secrets/{name}/` (200: already active, done),
 * then `POST /deletedsecrets/{name}/recover`, then `GET /secrets/{name}/` until it answers. Only 403 and
 * 404 let the pre-check go on to the POST; every other failure is thrown (SPEC §7 item 13).
 */
export function recoverDeletedSecretStep(
  context: SecretsContext,
  options: OperationOptions,
): SecretOperationStep<SecretProperties> {
  return async (state, { abortSignal }) => {
    const requestOptions = abortSignal ? { ...options, abortSignal } : options;
    const getActive = async (): Promise<SecretProperties> =>
      (await getSecret(context, state.name, requestOptions, "RecoverDeletedSecretPoller.getSecret")).properties;
    if (!state.isStarted) {
      try {
        state.result = await getActive();
        state.isStarted = true;
        state.isCompleted = true;
        return;
      } catch (error) {
        if (!isNotFoundOrForbidden(error)) throw error;
      }
      const spanName = "RecoverDeletedSecretPoller.recoverDeletedSecret";
      state.result = await recoverDeletedSecret(context, state.name, requestOptions, spanName);
      state.isStarted = true;
    }
    await completeWhenVisible(state, getActive);
  };
}
