import { toDeletedItem, toSecretItem, toVersionItem } from "../bundles.js";
import { kvErrors } from "../kvError.js";
import { cutPage, parsePageRequest } from "../paging.js";
import type { DeletedRecord, SecretRecord, VersionRecord } from "../records.js";
import { isSoftDelete } from "../vaultConfig.js";
import type { HandlerContext, Reply } from "./context.js";

const byName = (s: SecretRecord): string => s.name.toLowerCase();

/** GET /secrets: base ids with the latest version's attributes, sorted by name. */
export function getSecrets(ctx: HandlerContext): Reply {
  const page = parsePageRequest(ctx.query, ctx.apiVersion);
  const items = ctx.vault.listActive(ctx.nowMs);
  const config = ctx.vault.config;
  return {
    status: 200,
    body: cutPage(ctx.ex, items, byName, (s) => toSecretItem(ctx.ex, s, config), page, ctx.shortPages),
  };
}

/** GET /secrets/{name}/versions: versioned ids sorted by version id; unknown names give an empty list. */
export function getSecretVersions(ctx: HandlerContext): Reply {
  const page = parsePageRequest(ctx.query, ctx.apiVersion);
  const state = ctx.vault.state(ctx.name.toLowerCase(), ctx.nowMs);
  const secret = state.kind === "active" ? state.secret : undefined;
  const versions: VersionRecord[] =
    secret === undefined ? [] : [...secret.versions].sort((a, b) => (a.version < b.version ? -1 : 1));
  const config = ctx.vault.config;
  const map = (v: VersionRecord) => toVersionItem(ctx.ex, secret as SecretRecord, v, config);
  return { status: 200, body: cutPage(ctx.ex, versions, (v) => v.version, map, page, ctx.shortPages) };
}

/** GET /deletedsecrets: visible deleted secrets with their deletion fields. */
export function getDeletedSecrets(ctx: HandlerContext): Reply {
  if (!isSoftDelete(ctx.vault.config)) throw kvErrors.softDeleteDisabled();
  const page = parsePageRequest(ctx.query, ctx.apiVersion);
  const items = ctx.vault.listDeleted(ctx.nowMs);
  const config = ctx.vault.config;
  const key = (d: DeletedRecord) => byName(d.secret);
  return {
    status: 200,
    body: cutPage(ctx.ex, items, key, (d) => toDeletedItem(ctx.ex, d, config), page, ctx.shortPages),
  };
}
