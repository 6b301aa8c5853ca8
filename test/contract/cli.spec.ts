import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { kv } from "./kvRequest.js";

function capture(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      ...(signal !== undefined && { signal }),
    },
  };
}

describe("kvs emulator verbs (SPEC §10)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kvs-cli-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("prints help with exit code 0", async () => {
    const c = capture();
    expect(await run(["--help"], c.io)).toBe(0);
    expect(c.out.join("")).toContain("kvs emulator start");
  });

  it("returns 2 for an unknown command or flag", async () => {
    expect(await run(["emulator", "fly"], capture().io)).toBe(2);
    const c = capture();
    expect(await run(["emulator", "start", "--bogus"], c.io)).toBe(2);
    expect(JSON.parse(c.err.join(""))).toMatchObject({ code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
  });

  it("writes the data directory's CA with `ca --out`, and start serves with that CA", async () => {
    const out = join(dir, "ca-copy.pem");
    expect(await run(["emulator", "ca", "--data-dir", dir, "--out", out], capture().io)).toBe(0);
    const pem = await readFile(out, "utf8");
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);

    const stop = new AbortController();
    const c = capture(stop.signal);
    const done = run(
      ["emulator", "start", "--port", "0", "--data-dir", dir, "--vault", "team:Recoverable:7", "--json"],
      c.io,
    );
    while (c.out.length === 0) await new Promise((r) => setImmediate(r));
    const banner = JSON.parse(c.out[0]!) as {
      vaultUrl: string;
      vaults: Record<string, string>;
      caPath: string;
      port: number;
    };
    expect(banner.caPath).toBe(join(dir, "ca.pem"));
    expect(banner.vaults.team).toBe(`https://team.localhost:${banner.port}`);
    const res = await kv({ ca: pem, port: banner.port }, "PUT", "/secrets/s", {
      host: `team.localhost:${banner.port}`,
      body: { value: "v" },
    });
    expect(res.json.attributes).toMatchObject({ recoveryLevel: "Recoverable", recoverableDays: 7 });
    stop.abort();
    expect(await done).toBe(0);
  });

  it("drives a running emulator: clock, fault, seed, export, import, reset", async () => {
    const stop = new AbortController();
    const c = capture(stop.signal);
    const done = run(["emulator", "start", "--port", "0", "--data-dir", dir, "--json"], c.io);
    while (c.out.length === 0) await new Promise((r) => setImmediate(r));
    const { port } = JSON.parse(c.out[0]!) as { port: number };
    const ca = await readFile(join(dir, "ca.pem"), "utf8");
    const target = ["--url", `https://localhost:${port}`, "--data-dir", dir];
    try {
      const clock = capture();
      expect(await run(["emulator", "clock", "--freeze", "--offset", "86400", ...target], clock.io)).toBe(0);
      expect(Math.abs(Date.parse(clock.out.join("").trim()) - (Date.now() + 86_400_000))).toBeLessThan(5000);

      expect(
        await run(
          ["emulator", "fault", "--status", "503", "--count", "1", "--path", "^/secrets/x", ...target],
          capture().io,
        ),
      ).toBe(0);
      expect((await kv({ ca, port }, "GET", "/secrets/x/")).status).toBe(503);

      const seedFile = join(dir, "seed.json");
      await writeFile(
        seedFile,
        JSON.stringify({
          vaults: [
            { name: "default", secrets: [{ name: "seeded", versions: [{ value: "v", created: "{{now-60}}" }] }] },
          ],
        }),
      );
      expect(await run(["emulator", "seed", "--file", seedFile, ...target], capture().io)).toBe(0);
      expect((await kv({ ca, port }, "GET", "/secrets/seeded/")).json.value).toBe("v");

      const exportFile = join(dir, "export.json");
      expect(await run(["emulator", "export", "--file", exportFile, ...target], capture().io)).toBe(0);
      expect(await readFile(exportFile, "utf8")).toContain('"seeded"');
      expect(await run(["emulator", "reset", ...target], capture().io)).toBe(0);
      expect((await kv({ ca, port }, "GET", "/secrets/seeded/")).status).toBe(404);
      expect(await run(["emulator", "import", "--file", exportFile, ...target], capture().io)).toBe(0);
      expect((await kv({ ca, port }, "GET", "/secrets/seeded/")).status).toBe(200);

      const bad = capture();
      expect(await run(["emulator", "fault", "--status", "42", ...target], bad.io)).toBe(1);
      expect(bad.err.join("")).toContain("fault.status");
    } finally {
      stop.abort();
      expect(await done).toBe(0);
    }
  });

  it("prints the vault URL, the CA path and how to point clients at it", async () => {
    const stop = new AbortController();
    stop.abort();
    const c = capture(stop.signal);
    expect(await run(["emulator", "start", "--port", "0", "--data-dir", dir], c.io)).toBe(0);
    const text = c.out.join("");
    expect(text).toMatch(/vault URL: +https:\/\/localhost:\d+/);
    expect(text).toContain(`NODE_EXTRA_CA_CERTS=${join(dir, "ca.pem")}`);
    expect(text).toContain("tlsOptions: { ca:");
    expect(text).toContain("disableChallengeResourceVerification: true");
  });
});
