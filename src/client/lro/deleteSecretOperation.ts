import type { SecretsContext } from "../http/sendOperation.js";
import type { DeletedSecret } from "../models.js";
import type { OperationOptions } from "../options.js";
import { deleteSecret, getDeletedSecret } from "../secretOperations.js";
import { completeWhenVisible, type SecretOperationStep } from "./secretOperationState.js";

/**
 * The delete state machine (SPEC §4.2): DELETE once, then `GET /deletedsecrets/{name}` until the
 * deleted secret is visible. 404 means still deleting; 403 means done (the caller may delete but not
 * read deleted secrets). A vault without soft delete answers without `recoveryId`: done at once.
 */
export function deleteSecretStep(
  context: SecretsContext,
  options: OperationOptions,
): SecretOperationStep<DeletedSecret> {
  return async (state, { abortSignal }) => {
    const requestOptions = abortSignal ? { ...options, abortSignal } : options;
    if (!state.isStarted) {
      state.result = await deleteSecret(context, state.name, requestOptions, "DeleteSecretPoller.deleteSecret");
      state.isStarted = true;
      if (!state.result.recoveryId) {
        state.isCompleted = true;
        return;
      }
    }
    await completeWhenVisible(state, () =>
      getDeletedSecret(context, state.name, requestOptions, "DeleteSecretPoller.getDeletedSecret"),
    );
  };
}
