import { toDeletedBundle, toSecretBundle } from "../bundles.js";
import { kvErrors } from "../kvError.js";
import type { VersionRecord } from "../records.js";
import { addVersion, latestVersion, newSecretRecord, newVersionId } from "../records.js";
import { isSoftDelete } from "../vaultConfig.js";
import { parseSetBody, parseUpdateBody } from "../validation.js";
import type { RequestAttributes } from "../wireTypes.js";
import type { HandlerContext, Reply } from "./context.js";

function applyAttributes(v: VersionRecord, a: RequestAttributes | undefined): void {
  if (a === undefined) return;
  if (a.enabled !== undefined) v.enabled = a.enabled;
  if (a.nbf === null) delete v.nbf;
  else if (a.nbf !== undefined) v.nbf = a.nbf;
  if (a.exp === null) delete v.exp;
  else if (a.exp !== undefined) v.exp = a.exp;
}

/** PUT /secrets/{name}: a new version, with its value in the response. */
export async function setSecret(ctx: HandlerContext): Promise<Reply> {
  const params = parseSetBody(ctx.body);
  const key = ctx.name.toLowerCase();
  const state = ctx.vault.state(key, ctx.nowMs);
  if (state.kind === "recovering") throw kvErrors.beingRecovered(ctx.name);
  if (state.kind === "deleted") throw kvErrors.deletedButRecoverable(state.deleted.secret.name);
  if (state.kind === "deleting" || state.kind === "purging") throw kvErrors.beingDeletedNoReuse(ctx.name);
  const v: VersionRecord = {
    version: newVersionId(),
    value: params.value,
    enabled: true,
    created: ctx.nowSec,
    updated: ctx.nowSec,
  };
  if (params.contentType !== undefined) v.contentType = params.contentType;
  if (params.tags !== undefined) v.tags = params.tags;
  applyAttributes(v, params.attributes);
  let secret;
  if (state.kind === "active") {
    secret = state.secret;
    addVersion(secret, v);
  } else {
    secret = newSecretRecord(ctx.name, [v]);
    ctx.vault.active.set(key, secret);
  }
  await ctx.store.commitVersion(ctx.vault, secret, v);
  return { status: 200, body: toSecretBundle(ctx.ex, secret, v, ctx.vault.config, true) };
}

/** Finds the addressed version of an active secret, or throws 404. */
function findVersion(ctx: HandlerContext) {
  const state = ctx.vault.state(ctx.name.toLowerCase(), ctx.nowMs);
  if (state.kind !== "active")
    throw kvErrors.secretNotFound(ctx.version === "" ? ctx.name : `${ctx.name}/${ctx.version}`);
  const v = ctx.version === "" ? latestVersion(state.secret) : state.secret.byVersion.get(ctx.version.toLowerCase());
  if (v === undefined) throw kvErrors.secretNotFound(`${ctx.name}/${ctx.version}`);
  return { secret: state.secret, v };
}

/** GET /secrets/{name}[/{version}]: the value; 403 when that version is disabled. */
export function getSecret(ctx: HandlerContext): Reply {
  const { secret, v } = findVersion(ctx);
  if (!v.enabled) throw kvErrors.disabled();
  const out = ctx.query.get("outContentType");
  if (out !== null && out !== v.contentType) {
    throw kvErrors.badParameter(
      v.contentType === "application/x-pkcs12"
        ? "The emulator does not convert PFX secrets to PEM."
        : "outContentType can only be used with certificate-backed (PFX) secrets.",
    );
  }
  return { status: 200, body: toSecretBundle(ctx.ex, secret, v, ctx.vault.config, true) };
}

/** PATCH /secrets/{name}[/{version}]: changes only the supplied fields; no value in the response. */
export async function updateSecret(ctx: HandlerContext): Promise<Reply> {
  const params = parseUpdateBody(ctx.body);
  const { secret, v } = findVersion(ctx);
  if (params.contentType !== undefined) v.contentType = params.contentType;
  if (params.tags !== undefined) v.tags = params.tags;
  applyAttributes(v, params.attributes);
  v.updated = ctx.nowSec;
  await ctx.store.commitVersion(ctx.vault, secret, v);
  return { status: 200, body: toSecretBundle(ctx.ex, secret, v, ctx.vault.config, false) };
}

/** DELETE /secrets/{name}: all versions; soft unless the vault is `Purgeable`. */
export async function deleteSecret(ctx: HandlerContext): Promise<Reply> {
  const key = ctx.name.toLowerCase();
  const state = ctx.vault.state(key, ctx.nowMs);
  if (state.kind !== "active") throw kvErrors.secretNotFound(ctx.name);
  const config = ctx.vault.config;
  ctx.vault.active.delete(key);
  if (!isSoftDelete(config)) {
    await ctx.store.commitSecret(ctx.vault, key);
    return { status: 200, body: toDeletedBundle(ctx.ex, state.secret, config, undefined) };
  }
  const deleted = {
    secret: state.secret,
    deletedDate: ctx.nowSec,
    scheduledPurgeDate: ctx.nowSec + config.recoverableDays * 86400,
    visibleAtMs: ctx.nowMs + config.deletionDelayInMs,
  };
  ctx.vault.deleted.set(key, deleted);
  await ctx.store.commitSecret(ctx.vault, key);
  return { status: 200, body: toDeletedBundle(ctx.ex, state.secret, config, deleted) };
}
