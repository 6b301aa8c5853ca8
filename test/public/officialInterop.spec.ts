import { SecretClient as OfficialSecretClient } from "@azure/keyvault-secrets";
import { describe, expect, it } from "vitest";
import { useEmulator } from "../utils/useEmulator.js";

describe("interoperability with @azure/keyvault-secrets 4.12", () => {
  const ctx = useEmulator();

  it("resumes a delete poller from the official package's toString(), and the other way round", async () => {
    const official = new OfficialSecretClient(ctx.emu.vaultUrl, ctx.emu.credential, {
      ...ctx.emu.clientOptions,
      retryOptions: { maxRetries: 0 },
    });
    await ctx.client.setSecret("shared-a", "v");
    await ctx.client.setSecret("shared-b", "v");
    ctx.emu.control.clock.freeze();
    try {
      const theirs = await official.beginDeleteSecret("shared-a", { intervalInMs: 5 });
      const ours = await ctx.client.beginDeleteSecret("shared-b", { intervalInMs: 5 });
      ctx.emu.control.clock.advance(3);

      const resumedByUs = await ctx.client.beginDeleteSecret("shared-a", {
        resumeFrom: theirs.toString(),
        intervalInMs: 5,
      });
      const deletedA = await resumedByUs.pollUntilDone();
      expect(deletedA.recoveryId).toMatch(/\/deletedsecrets\/shared-a$/);
      expect(deletedA.deletedOn).toBeInstanceOf(Date);

      const resumedByThem = await official.beginDeleteSecret("shared-b", {
        resumeFrom: ours.toString(),
        intervalInMs: 5,
      });
      const deletedB = await resumedByThem.pollUntilDone();
      expect(deletedB.recoveryId).toMatch(/\/deletedsecrets\/shared-b$/);
    } finally {
      ctx.emu.control.clock.unfreeze();
    }
  });

  it("reads what the official client wrote, byte for byte", async () => {
    const official = new OfficialSecretClient(ctx.emu.vaultUrl, ctx.emu.credential, ctx.emu.clientOptions);
    const value = "multi\nline ✓ \u0000 value";
    const written = await official.setSecret("from-official", value, {
      tags: { by: "official" },
      contentType: "text/plain",
    });
    const read = await ctx.client.getSecret("from-official");
    expect(read.value).toBe(value);
    expect(read.properties.version).toBe(written.properties.version);
    expect(read.properties.tags).toEqual({ by: "official" });
  });
});
