import { toSecretBundle } from "../bundles.js";
import { openBackup, sealBackup } from "../backupBlob.js";
import { secretFromDoc, secretToDoc } from "../document.js";
import { kvErrors } from "../kvError.js";
import { latestVersion } from "../records.js";
import { parseRestoreBody } from "../validation.js";
import type { HandlerContext, Reply } from "./context.js";

/** POST /secrets/{name}/backup: a sealed blob with every version. */
export function backupSecret(ctx: HandlerContext): Reply {
  const state = ctx.vault.state(ctx.name.toLowerCase(), ctx.nowMs);
  if (state.kind !== "active") throw kvErrors.secretNotFound(ctx.name);
  return { status: 200, body: { value: sealBackup(secretToDoc(state.secret), ctx.backupKey) } };
}

/** POST /secrets/restore: original ids and dates, no value; 409 when the name is in use in any state. */
export async function restoreSecret(ctx: HandlerContext): Promise<Reply> {
  const doc = openBackup(parseRestoreBody(ctx.body), ctx.backupKey);
  if (doc === undefined) throw kvErrors.corruptBackup();
  let secret;
  try {
    secret = secretFromDoc({ name: doc.name, versions: doc.versions }, ctx.nowSec);
  } catch {
    throw kvErrors.corruptBackup();
  }
  const key = secret.name.toLowerCase();
  const latest = latestVersion(secret);
  if (ctx.vault.state(key, ctx.nowMs).kind !== "none") {
    throw kvErrors.restoreConflict(`${ctx.ex.origin}/secrets/${secret.name}/${latest.version}`);
  }
  ctx.vault.active.set(key, secret);
  await ctx.store.commitSecret(ctx.vault, key);
  return { status: 200, body: toSecretBundle(ctx.ex, secret, latest, ctx.vault.config, false) };
}
