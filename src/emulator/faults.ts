import type { FaultRule, FaultsControl } from "./faultRule.js";

/** A validated rule with its compiled path and remaining count. */
export interface ActiveFault {
  readonly rule: Readonly<FaultRule>;
  readonly method: string | undefined;
  readonly path: RegExp | undefined;
  readonly vault: string | undefined;
  remaining: number;
}

const DEFAULT_MESSAGES: Readonly<Record<number, readonly [string, string]>> = {
  408: ["RequestTimeout", "The request timed out."],
  429: [
    "Throttled",
    "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached",
  ],
  500: ["InternalServerError", "An internal server error occurred."],
  502: ["BadGateway", "Bad gateway."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable."],
  504: ["GatewayTimeout", "The gateway timed out."],
};

/** The default error code and message for a fault status. */
export function faultError(status: number): readonly [string, string] {
  return DEFAULT_MESSAGES[status] ?? ["EmulatorFault", `Injected fault with status ${status}.`];
}

function nonNegative(
  rule: FaultRule,
  key: "count" | "latencyInMs" | "retryAfter" | "retryAfterMs" | "xMsRetryAfterMs",
): void {
  const v = rule[key];
  if (v === undefined) return;
  if (typeof v !== "number") throw new TypeError(`fault.${key} must be a number.`);
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`fault.${key} must be a finite number >= 0.`);
}

function validate(rule: FaultRule): ActiveFault {
  if (typeof rule !== "object" || rule === null) throw new TypeError("A fault rule must be an object.");
  for (const key of ["count", "latencyInMs", "retryAfter", "retryAfterMs", "xMsRetryAfterMs"] as const)
    nonNegative(rule, key);
  if (
    rule.probability !== undefined &&
    (typeof rule.probability !== "number" || !(rule.probability >= 0 && rule.probability <= 1))
  ) {
    throw new RangeError("fault.probability must be a number in 0..1.");
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) {
    throw new RangeError("fault.status must be an HTTP status code.");
  }
  if (rule.path !== undefined && typeof rule.path !== "string" && !(rule.path instanceof RegExp))
    throw new TypeError("fault.path must be a RegExp or a string.");
  if (rule.retryAfterDate !== undefined && Number.isNaN(new Date(rule.retryAfterDate).getTime()))
    throw new RangeError("fault.retryAfterDate must be a valid date.");
  const path = rule.path === undefined ? undefined : typeof rule.path === "string" ? new RegExp(rule.path) : rule.path;
  return {
    rule: { ...rule },
    method: rule.method?.toUpperCase(),
    path,
    vault: rule.vault?.toLowerCase(),
    remaining: rule.count ?? Number.POSITIVE_INFINITY,
  };
}

/** The fault rules, matched in insertion order. */
export class FaultRegistry implements FaultsControl {
  #rules: ActiveFault[] = [];

  add(rule: FaultRule): void {
    const active = validate(rule);
    if (active.remaining > 0) this.#rules.push(active);
  }

  clear(): void {
    this.#rules = [];
  }

  /** The first rule that fires for this request in this phase, consuming one of its count. */
  take(method: string, path: string, vault: string, afterAuth: boolean): ActiveFault | undefined {
    if (this.#rules.length === 0) return undefined;
    for (const f of this.#rules) {
      if ((f.rule.afterAuth ?? false) !== afterAuth) continue;
      if (f.method !== undefined && f.method !== method) continue;
      if (f.vault !== undefined && f.vault !== vault) continue;
      if (f.path !== undefined) {
        f.path.lastIndex = 0;
        if (!f.path.test(path)) continue;
      }
      if (f.rule.probability !== undefined && Math.random() >= f.rule.probability) continue;
      f.remaining -= 1;
      if (f.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== f);
      return f;
    }
    return undefined;
  }
}
