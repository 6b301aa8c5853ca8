import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kv } from "./kvRequest.js";

interface Running {
  child: ChildProcess;
  port: number;
  ca: string;
}

/** Starts `kvs emulator start` in a child process (TypeScript through tsx) and waits for its JSON banner. */
async function startChild(dataDir: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "emulator", "start", "--port", "0", "--data-dir", dataDir, "--json"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
  });
  const banner = JSON.parse(line) as { port: number; caPath: string };
  return { child, port: banner.port, ca: await readFile(banner.caPath, "utf8") };
}

function killHard(r: Running): Promise<void> {
  return new Promise((resolve) => {
    r.child.once("exit", () => resolve());
    r.child.kill("SIGKILL");
  });
}

describe("persistence (SPEC §8.1, a data directory survives kill -9)", () => {
  let dir: string;
  let running: Running | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kvs-persist-"));
  });
  afterAll(async () => {
    if (running !== undefined && running.child.exitCode === null) await killHard(running);
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps every acknowledged write after SIGKILL and restart", async () => {
    running = await startChild(dir);
    const first = running;
    const v1 = await kv(first, "PUT", "/secrets/db", { body: { value: "one", tags: { a: "1" } } });
    const v2 = await kv(first, "PUT", "/secrets/db", { body: { value: "two" } });
    await kv(first, "PATCH", `/secrets/db/${v1.json.id.split("/").pop()}`, { body: { contentType: "text/plain" } });
    await kv(first, "PUT", "/secrets/doomed", { body: { value: "x" } });
    const deleted = await kv(first, "DELETE", "/secrets/doomed");
    await kv(first, "PUT", "/secrets/other", { host: `team.localhost:${first.port}`, body: { value: "team" } });
    const blob = (await kv(first, "POST", "/secrets/db/backup")).json.value as string;
    // Concurrent writes share one fsync: all must survive too.
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => kv(first, "PUT", `/secrets/burst${i}`, { body: { value: `b${i}` } })),
    );
    expect(burst.every((r) => r.status === 200)).toBe(true);
    await killHard(first);

    running = await startChild(dir);
    const second = running;
    expect(second.ca).toBe(first.ca);
    const latest = await kv(second, "GET", "/secrets/db/");
    expect(latest.json.id.split("/").pop()).toBe(v2.json.id.split("/").pop());
    expect(latest.json.value).toBe("two");
    const old = await kv(second, "GET", `/secrets/db/${v1.json.id.split("/").pop()}`);
    expect(old.json).toMatchObject({ value: "one", contentType: "text/plain", tags: { a: "1" } });
    expect((await kv(second, "GET", "/secrets/doomed/")).status).toBe(404);
    await kv(second, "POST", "/_emulator/clock?", { token: null, body: { advance: 3 } }); // past the deletion window
    const stillDeleted = await kv(second, "GET", "/deletedsecrets/doomed");
    expect(stillDeleted.json.deletedDate).toBe(deleted.json.deletedDate);
    expect((await kv(second, "GET", "/secrets/other/", { host: `team.localhost:${second.port}` })).json.value).toBe(
      "team",
    );
    for (let i = 0; i < 20; i++) expect((await kv(second, "GET", `/secrets/burst${i}/`)).json.value).toBe(`b${i}`);
    // The backup key lives in the data directory: a blob from before the crash still opens.
    await kv(second, "DELETE", "/secrets/db");
    await kv(second, "POST", "/_emulator/clock?", { token: null, body: { advance: 5 } });
    expect((await kv(second, "DELETE", "/deletedsecrets/db")).status).toBe(204);
    await kv(second, "POST", "/_emulator/clock?", { token: null, body: { advance: 5 } });
    expect((await kv(second, "POST", "/secrets/restore", { body: { value: blob } })).status).toBe(200);
    await killHard(second);
    running = undefined;
  });
});
