import { toDeletedItem, toSecretItem, toVersionItem } from "../bundles.js";
import { kvErrors } from "../kvError.js";
import { cutPage, parsePageRequest } from "../paging.js";
import type { SecretRecord, VersionRecord } from "../records.js";
import { versionsById } from "../records.js";
import { isSoftDelete } from "../vaultConfig.js";
import type { HandlerContext, Reply } from "./context.js";

const NO_VERSIONS = { keys: [], items: [] };

/** GET /secrets: base ids with the latest version's attributes, sorted by name. */
export function getSecrets(ctx: HandlerContext): Reply {
  const page = parsePageRequest(ctx.query, ctx.apiVersion);
  const source = ctx.vault.activeSource(ctx.nowMs);
  const config = ctx.vault.config;
  return {
    status: 200,
    body: cutPage(ctx.ex, source, (s) => toSecretItem(ctx.ex, s, config), page, ctx.shortPages),
  };
}

/** GET /secrets/{name}/versions: versioned ids sorted by version id; unknown names give an empty list. */
export function getSecretVersions(ctx: HandlerContext): Reply {
  const page = parsePageRequest(ctx.query, ctx.apiVersion);
  const state = ctx.vault.state(ctx.name.toLowerCase(), ctx.nowMs);
  const secret = state.kind === "active" ? state.secret : undefined;
  const { keys, items } = secret === undefined ? NO_VERSIONS : versionsById(secret);
  const config = ctx.vault.config;
  const map = (v: VersionRecord) => toVersionItem(ctx.ex, secret as SecretRecord, v, config);
  const source = { keys, itemAt: (index: number) => items[index] };
  return { status: 200, body: cutPage(ctx.ex, source, map, page, ctx.shortPages) };
}

/** GET /deletedsecrets: visible deleted secrets with their deletion fields. */
export function getDeletedSecrets(ctx: HandlerContext): Reply {
  if (!isSoftDelete(ctx.vault.config)) throw kvErrors.softDeleteDisabled();
  const page = parsePageRequest(ctx.query, ctx.apiVersion);
  const source = ctx.vault.deletedSource(ctx.nowMs);
  const config = ctx.vault.config;
  return {
    status: 200,
    body: cutPage(ctx.ex, source, (d) => toDeletedItem(ctx.ex, d, config), page, ctx.shortPages),
  };
}
