import { backupSecret, restoreSecret } from "./handlers/backup.js";
import type { Handler } from "./handlers/context.js";
import { getDeletedSecret, purgeDeletedSecret, recoverDeletedSecret } from "./handlers/deletedSecrets.js";
import { getDeletedSecrets, getSecrets, getSecretVersions } from "./handlers/lists.js";
import { deleteSecret, getSecret, setSecret, updateSecret } from "./handlers/secrets.js";
import { kvErrors } from "./kvError.js";

/** A matched route: the handler, the raw name segment and the version (`""` = latest). */
export interface Route {
  readonly handler: Handler;
  readonly rawName: string;
  readonly version: string;
  /** Whether the handler reads a JSON body. */
  readonly body: boolean;
}

type MethodTable = Readonly<Record<string, readonly [Handler, boolean]>>;

// One table per path shape; each maps a method to [handler, reads body].
const SECRETS: MethodTable = { GET: [getSecrets, false] };
const RESTORE: MethodTable = { POST: [restoreSecret, true] };
const SECRET: MethodTable = {
  PUT: [setSecret, true],
  GET: [getSecret, false],
  PATCH: [updateSecret, true],
  DELETE: [deleteSecret, false],
};
const SECRET_VERSION: MethodTable = { GET: [getSecret, false], PATCH: [updateSecret, true] };
const VERSIONS: MethodTable = { GET: [getSecretVersions, false] };
const BACKUP: MethodTable = { POST: [backupSecret, false] };
const DELETED_LIST: MethodTable = { GET: [getDeletedSecrets, false] };
const DELETED: MethodTable = { GET: [getDeletedSecret, false], DELETE: [purgeDeletedSecret, false] };
const RECOVER: MethodTable = { POST: [recoverDeletedSecret, false] };

function pick(table: MethodTable, method: string, rawName: string, version: string): Route {
  const entry = table[method];
  if (entry === undefined) throw kvErrors.methodNotAllowed(method);
  return { handler: entry[0], body: entry[1], rawName, version };
}

function secretsTable(s: readonly string[], method: string): Route {
  const name = s[2] ?? "";
  if (s.length === 2 || (s.length === 3 && name === "")) return pick(SECRETS, method, "", "");
  if (s.length === 3 && name.toLowerCase() === "restore" && method === "POST") return pick(RESTORE, method, "", "");
  if (s.length === 3) return pick(SECRET, method, name, "");
  if (s.length === 4) {
    const tail = s[3] ?? "";
    if (tail === "") return pick(SECRET, method, name, "");
    if (tail.toLowerCase() === "versions") return pick(VERSIONS, method, name, "");
    if (tail.toLowerCase() === "backup") return pick(BACKUP, method, name, "");
    return pick(SECRET_VERSION, method, name, tail);
  }
  throw kvErrors.routeNotFound();
}

function deletedTable(s: readonly string[], method: string): Route {
  const name = s[2] ?? "";
  if (s.length === 2 || (s.length === 3 && name === "")) return pick(DELETED_LIST, method, "", "");
  if (s.length === 3 || (s.length === 4 && s[3] === "")) return pick(DELETED, method, name, "");
  if (s.length === 4 && (s[3] ?? "").toLowerCase() === "recover") return pick(RECOVER, method, name, "");
  throw kvErrors.routeNotFound();
}

/** Maps a method and URL path to a REST operation, or throws 404/405. No regular expressions. */
export function route(method: string, path: string): Route {
  const s = path.split("/");
  if (s[0] !== "" || s.length > 5) throw kvErrors.routeNotFound();
  const collection = (s[1] ?? "").toLowerCase();
  if (collection === "secrets") return secretsTable(s, method);
  if (collection === "deletedsecrets") return deletedTable(s, method);
  throw kvErrors.routeNotFound();
}
