import { toDeletedBundle, toSecretBundle } from "../bundles.js";
import { kvErrors } from "../kvError.js";
import { latestVersion } from "../records.js";
import { isPurgeAllowed, isSoftDelete } from "../vaultConfig.js";
import type { HandlerContext, Reply } from "./context.js";

function requireSoftDelete(ctx: HandlerContext): void {
  if (!isSoftDelete(ctx.vault.config)) throw kvErrors.softDeleteDisabled();
}

/** GET /deletedsecrets/{name}: 404 during the deletion window. */
export function getDeletedSecret(ctx: HandlerContext): Reply {
  requireSoftDelete(ctx);
  const state = ctx.vault.state(ctx.name.toLowerCase(), ctx.nowMs);
  if (state.kind !== "deleted") throw kvErrors.deletedSecretNotFound(ctx.name);
  return { status: 200, body: toDeletedBundle(ctx.ex, state.deleted.secret, ctx.vault.config, state.deleted) };
}

/** DELETE /deletedsecrets/{name}: 204; 403 under purge protection; 409 during the deletion window. */
export async function purgeDeletedSecret(ctx: HandlerContext): Promise<Reply> {
  requireSoftDelete(ctx);
  const key = ctx.name.toLowerCase();
  const state = ctx.vault.state(key, ctx.nowMs);
  if (state.kind === "deleting") throw kvErrors.beingDeleted();
  if (state.kind !== "deleted") throw kvErrors.deletedSecretNotFound(ctx.name);
  if (!isPurgeAllowed(ctx.vault.config)) throw kvErrors.purgeProtected(ctx.vault.config.name);
  if (ctx.vault.config.purgeDelayInMs > 0) state.deleted.purgingUntilMs = ctx.nowMs + ctx.vault.config.purgeDelayInMs;
  else ctx.vault.deleted.delete(key);
  await ctx.store.commitSecret(ctx.vault, key);
  return { status: 204 };
}

/** POST /deletedsecrets/{name}/recover: the latest version without value; visible after the recovery window. */
export async function recoverDeletedSecret(ctx: HandlerContext): Promise<Reply> {
  requireSoftDelete(ctx);
  const key = ctx.name.toLowerCase();
  const state = ctx.vault.state(key, ctx.nowMs);
  if (state.kind === "deleting") throw kvErrors.beingDeleted();
  if (state.kind !== "deleted") throw kvErrors.deletedSecretNotFound(ctx.name);
  const secret = state.deleted.secret;
  ctx.vault.deleted.delete(key);
  if (ctx.vault.config.recoveryDelayInMs > 0) secret.recoveringUntilMs = ctx.nowMs + ctx.vault.config.recoveryDelayInMs;
  ctx.vault.active.set(key, secret);
  await ctx.store.commitSecret(ctx.vault, key);
  return { status: 200, body: toSecretBundle(ctx.ex, secret, latestVersion(secret), ctx.vault.config, false) };
}
