import { readJsonBody } from "./body.js";
import type { Exchange } from "./exchange.js";
import { KvError, kvErrors } from "./kvError.js";
import type { EmulatorDocument } from "./document.js";
import type { FaultRule } from "./faultRule.js";
import type { EmulatorControl } from "./types.js";

type Action = (control: EmulatorControl, body: unknown, arg: string) => unknown;

interface ClockBody {
  freeze?: boolean;
  unfreeze?: boolean;
  advance?: number;
  offset?: number;
}

function clockAction(control: EmulatorControl, body: unknown): unknown {
  const b = (body ?? {}) as ClockBody;
  if (b.offset !== undefined) control.clock.offset(b.offset);
  if (b.freeze === true) control.clock.freeze();
  if (b.unfreeze === true) control.clock.unfreeze();
  if (b.advance !== undefined) control.clock.advance(b.advance);
  return { now: control.clock.now().toISOString() };
}

// "METHOD /path" → action; `{name}` stands for the last segment of /vaults/{name}.
const ROUTES: Readonly<Record<string, Action>> = {
  "GET /requests": (c) => c.requests(),
  "DELETE /requests": (c) => void c.clearRequests(),
  "GET /clock": (c) => ({ now: c.clock.now().toISOString() }),
  "POST /clock": clockAction,
  "POST /faults": (c, body) => void c.faults.add(body as FaultRule),
  "DELETE /faults": (c) => void c.faults.clear(),
  "GET /vaults": (c) => c.listVaults(),
  "PUT /vaults/{name}": (c, body, name) => c.createVault(name, (body ?? {}) as object),
  "DELETE /vaults/{name}": async (c, _b, name) => ({ deleted: await c.deleteVault(name) }),
  "POST /seed": (c, body) => c.seed(body as EmulatorDocument),
  "POST /import": (c, body) => c.import(body as EmulatorDocument),
  "GET /export": (c) => c.export(),
  "POST /reset": (c) => c.reset(),
  "POST /paging": (c, body) =>
    void c.setShortPages((body as { shortPages?: unknown } | undefined)?.shortPages as boolean),
};

/**
 * Serves the control API at `/_emulator/*` (no auth): the same operations as `control`, JSON in and out,
 * plus `GET /_emulator/ca.pem`. Option errors answer 400.
 */
export function createControlHandler(control: EmulatorControl, caPem: string): (ex: Exchange) => Promise<void> {
  return async (ex) => {
    const sub = ex.path.slice("/_emulator".length);
    if (sub === "/ca.pem" && ex.method === "GET") {
      ex.record(200);
      ex.res
        .writeHead(
          200,
          ex.headers({ "Content-Type": "application/x-pem-file", "Content-Length": String(Buffer.byteLength(caPem)) }),
        )
        .end(caPem);
      return;
    }
    const vaultMatch = /^\/vaults\/([^/]+)$/.exec(sub);
    const key = `${ex.method} ${vaultMatch ? "/vaults/{name}" : sub}`;
    const action = ROUTES[key];
    if (action === undefined) throw kvErrors.routeNotFound();
    const body = ex.method === "GET" || ex.method === "DELETE" ? undefined : await readJsonBody(ex.req);
    try {
      const result = await action(control, body, decodeURIComponent(vaultMatch?.[1] ?? ""));
      ex.send(200, result ?? { ok: true });
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) {
        throw new KvError(400, "BadParameter", error.message);
      }
      throw error;
    }
  };
}
