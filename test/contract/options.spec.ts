import { describe, expect, it } from "vitest";
import { startEmulator, type EmulatorOptions } from "../../src/emulator/index.js";

describe("startEmulator options", () => {
  it.each<[string, EmulatorOptions, ErrorConstructor]>([
    ["a negative port", { port: -1 }, RangeError],
    ["a port over 65535", { port: 70000 }, RangeError],
    ["a string port", { port: "8443" as unknown as number }, TypeError],
    ["a non-array vaults", { vaults: {} as never }, TypeError],
    ["a vault twice", { vaults: [{ name: "a" }, { name: "A" }] }, RangeError],
    ["recoverableDays 100", { vaults: [{ name: "a", recoverableDays: 100 }] }, RangeError],
    ["an unknown recovery level", { vaults: [{ name: "a", recoveryLevel: "Forever" }] }, RangeError],
    ["an invalid vault name", { vaults: [{ name: "no_underscores" }] }, RangeError],
    ["a relative authResource", { authResource: "localhost" }, RangeError],
    ["a non-boolean strictAuth", { strictAuth: "yes" as unknown as boolean }, TypeError],
    ["non-string extraSans", { extraSans: [1 as unknown as string] }, TypeError],
    ["an empty host", { host: "" }, RangeError],
  ])("rejects %s", async (_label, options, type) => {
    await expect(startEmulator(options)).rejects.toThrow(type);
  });

  it("propagates EADDRINUSE unchanged", async () => {
    const first = await startEmulator();
    try {
      await expect(startEmulator({ port: first.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await first.close();
    }
  });

  it("closes idempotently", async () => {
    const emu = await startEmulator();
    await emu.close();
    await emu.close();
  });
});
