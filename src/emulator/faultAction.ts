import type { Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import type { AuthSettings } from "./challenge.js";
import { caeChallengeHeader } from "./challenge.js";
import type { Exchange } from "./exchange.js";
import type { ActiveFault } from "./faults.js";
import { faultError } from "./faults.js";
import { kvErrors, KvError } from "./kvError.js";

function retryHeaders(f: ActiveFault): Record<string, string> {
  const h: Record<string, string> = {};
  const r = f.rule;
  if (r.retryAfter !== undefined) h["Retry-After"] = String(r.retryAfter);
  if (r.retryAfterDate !== undefined) h["Retry-After"] = new Date(r.retryAfterDate).toUTCString();
  if (r.retryAfterMs !== undefined) h["retry-after-ms"] = String(r.retryAfterMs);
  if (r.xMsRetryAfterMs !== undefined) h["x-ms-retry-after-ms"] = String(r.xMsRetryAfterMs);
  return h;
}

function defaultClaims(nowSec: number): string {
  return Buffer.from(JSON.stringify({ access_token: { nbf: { essential: true, value: String(nowSec) } } })).toString(
    "base64",
  );
}

/**
 * Carries out a fired fault. Resolves true when the fault answered (or dropped) the request, false
 * when the request should proceed (latency only). Wire-level only: the client sees what Azure could send.
 */
export async function applyFault(
  f: ActiveFault,
  ex: Exchange,
  auth: AuthSettings,
  stalled: Set<Socket>,
  nowSec: number,
): Promise<boolean> {
  const r = f.rule;
  if (r.latencyInMs !== undefined && r.latencyInMs > 0) await delay(r.latencyInMs);
  if (r.reset === true) {
    ex.record(0);
    ex.req.socket.destroy();
    return true;
  }
  if (r.stall === true) {
    ex.record(0);
    stalled.add(ex.req.socket);
    ex.req.socket.once("close", () => stalled.delete(ex.req.socket));
    return true;
  }
  if (r.resetMidResponse === true) {
    ex.record(200);
    ex.res.writeHead(200, ex.headers({ "Content-Type": "application/json; charset=utf-8", "Content-Length": "4096" }));
    ex.res.write('{"value":"', () => ex.req.socket.destroy());
    return true;
  }
  if (r.missingChallenge === true) {
    ex.fail(kvErrors.missingToken());
    return true;
  }
  if (r.caeChallenge !== undefined && r.caeChallenge !== false) {
    const claims = typeof r.caeChallenge === "string" ? r.caeChallenge : defaultClaims(nowSec);
    const error = new KvError(
      401,
      "Unauthorized",
      "AKV10001: The access token has been revoked or requires additional claims.",
    );
    ex.fail(error, { "WWW-Authenticate": caeChallengeHeader(auth, claims) });
    return true;
  }
  if (r.status !== undefined || r.emptyBody === true) {
    const status = r.status ?? 500;
    if (r.emptyBody === true) {
      ex.send(status, undefined, retryHeaders(f));
      return true;
    }
    const [code, message] = faultError(status);
    ex.fail(new KvError(status, r.code ?? code, r.message ?? message), retryHeaders(f));
    return true;
  }
  return false;
}
