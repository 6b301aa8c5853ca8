import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../../src/emulator/index.js";
import { isRestError, SecretClient } from "../../src/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeCredential } from "../utils/fakeCredential.js";

/**
 * kill -9 durability (SPEC §8.3 data directory): an emulator in a child process (`kvs emulator start`) is killed
 * with SIGKILL in the middle of a write storm. Restarted on the same data directory, it still has every write,
 * update and delete it acknowledged, and it starts cleanly from a journal whose last line may be torn.
 */
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

interface Running {
  child: ChildProcess;
  client: SecretClient;
}

/** Starts `kvs emulator start --json` in a child process and returns a client for its default vault. */
async function startChild(dataDir: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "emulator", "start", "--port", "0", "--data-dir", dataDir, "--json"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`emulator exited early (${code})`))),
  );
  const banner = new Promise<{ vaultUrl: string; caPath: string }>((resolve) => {
    createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).once("line", (line) =>
      resolve(JSON.parse(line)),
    );
  });
  const { vaultUrl } = await Promise.race([banner, exited]);
  const ca = await readFile(join(dataDir, "ca.pem"), "utf8");
  const client = new SecretClient(vaultUrl, new FakeCredential(), {
    tlsOptions: { ca },
    disableChallengeResourceVerification: true, // bare localhost can never pass the leading-dot check (SPEC §8.5)
    retryOptions: { maxRetries: 0 },
  });
  return { child, client };
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("kill -9 persistence", () => {
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "kvs-kill9-"));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged write, update and delete across SIGKILL during a write storm", async () => {
    const first = await startChild(dataDir);
    children.push(first.child);

    await first.client.setSecret("updated", "before");
    const updated = await first.client.updateSecretProperties("updated", "", {
      tags: { stage: "after" },
      enabled: false,
    });
    await first.client.setSecret("deleted", "gone");
    await first.client.beginDeleteSecret("deleted");

    // Writers keep writing until the emulator dies under them; only acknowledged writes count.
    const acked: Array<{ name: string; version: string; value: string }> = [];
    let stop = false;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const name = i % 3 === 0 ? "storm-shared" : `storm-${w}-${i}`;
        const value = `value-${w}-${i}-${"x".repeat(i % 7 === 0 ? 20_000 : 10)}`;
        try {
          const secret = await first.client.setSecret(name, value);
          acked.push({ name, version: secret.properties.version ?? "", value });
        } catch (error) {
          if (!stop) throw error;
          return;
        }
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    await expect.poll(() => acked.length, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(300);
    stop = true;
    await kill9(first.child);
    await Promise.all(writers);
    const ackedAtKill = acked.length;

    const second = await startChild(dataDir);
    children.push(second.child);
    try {
      for (const { name, version, value } of acked) {
        const secret = await second.client.getSecret(name, { version });
        expect(secret.value, `${name}/${version}`).toBe(value);
      }
      const shared: string[] = [];
      for await (const p of second.client.listPropertiesOfSecretVersions("storm-shared")) shared.push(p.version ?? "");
      expect(shared).toEqual(
        expect.arrayContaining(acked.filter((a) => a.name === "storm-shared").map((a) => a.version)),
      );

      const props = await second.client
        .getSecret("updated", { version: updated.version ?? "" })
        .catch((e: unknown) => e);
      expect(isRestError(props) && props.statusCode).toBe(403); // disabled by the acknowledged update
      const listed = [];
      for await (const p of second.client.listPropertiesOfSecrets()) if (p.name === "updated") listed.push(p);
      expect(listed[0]).toMatchObject({ enabled: false, tags: { stage: "after" } });
      // Deleted for good: not readable, and the name is taken by the deleted secret (the window may still run).
      expect(await second.client.getSecret("deleted").catch((e: unknown) => e)).toMatchObject({ statusCode: 404 });
      expect(await second.client.setSecret("deleted", "again").catch((e: unknown) => e)).toMatchObject({
        statusCode: 409,
      });

      // Still a working vault: it takes new writes after the crash.
      expect((await second.client.setSecret("after-restart", "ok")).value).toBe("ok");
    } finally {
      await kill9(second.child);
    }
    expect(acked.length).toBe(ackedAtKill);
  });

  it("replays a journal over the state it was already compacted into without duplicating anything", async () => {
    // A crash image is what an fsynced journal leaves: copy the data directory while the emulator runs.
    const dir = await mkdtemp(join(tmpdir(), "kvs-compact-"));
    const crashImage = await mkdtemp(join(tmpdir(), "kvs-image-"));
    try {
      const a = await startEmulator({ dataDir: dir });
      const clientA = new SecretClient(a.vaultUrl, a.credential, {
        ...a.clientOptions,
        retryOptions: { maxRetries: 0 },
      });
      for (const i of [1, 2, 3]) await clientA.setSecret("multi", `v${i}`);
      await clientA.updateSecretProperties("multi", "", { tags: { t: "1" } });
      await clientA.setSecret("doomed", "x");
      await clientA.beginDeleteSecret("doomed");
      const before = a.control.export();
      await cp(dir, crashImage, { recursive: true });
      await a.close();

      // Start on the image: it compacts journal into state.json and truncates the journal...
      await rm(dir, { recursive: true, force: true });
      await cp(crashImage, dir, { recursive: true });
      const b = await startEmulator({ dataDir: dir });
      await b.close();
      // ...and a crash between those two steps leaves the new state.json with the old journal, torn tail included.
      const journal = await readFile(join(crashImage, "journal.ndjson"), "utf8");
      expect(journal.split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(6);
      await writeFile(join(dir, "journal.ndjson"), `${journal}{"op":"version","vau`);

      const c = await startEmulator({ dataDir: dir });
      try {
        expect(c.control.export()).toEqual(before);
      } finally {
        await c.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(crashImage, { recursive: true, force: true });
    }
  });
});
