import { beforeAll } from "vitest";
import { SecretCache, type SecretCacheEvent, type SecretCacheOptions } from "../../../src/cache/index.js";
import type { EmulatorContext } from "../../utils/useEmulator.js";

/** Freezes the emulator clock for the file: the cache reads the same clock, so `advance()` moves both. */
export function freezeClock(ctx: EmulatorContext): void {
  beforeAll(() => ctx.emu.control.clock.freeze());
}

/** A cache over the emulator-backed client whose clock is the emulator's. */
export function newCache(
  ctx: EmulatorContext,
  options: SecretCacheOptions = {},
): { cache: SecretCache; events: SecretCacheEvent[] } {
  const events: SecretCacheEvent[] = [];
  const clock = { now: () => ctx.emu.control.clock.now().getTime() };
  const cache = new SecretCache(ctx.client, { clock, onEvent: (event) => events.push(event), ...options });
  return { cache, events };
}

/** Authorized reads of one secret (latest, or one version) that reached the vault. */
export function readsOf(ctx: EmulatorContext, name: string, version = ""): number {
  return ctx.emu.control
    .requests()
    .filter((r) => r.method === "GET" && r.authorized && r.path === `/secrets/${name}/${version}`).length;
}
