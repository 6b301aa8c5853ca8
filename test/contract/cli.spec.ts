import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { kv } from "./kvRequest.js";

function capture(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), ...(signal !== undefined && { signal }) } };
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
    const done = run(["emulator", "start", "--port", "0", "--data-dir", dir, "--vault", "team:Recoverable:7", "--json"], c.io);
    while (c.out.length === 0) await new Promise((r) => setImmediate(r));
    const banner = JSON.parse(c.out[0]!) as { vaultUrl: string; vaults: Record<string, string>; caPath: string; port: number };
    expect(banner.caPath).toBe(join(dir, "ca.pem"));
    expect(banner.vaults.team).toBe(`https://team.localhost:${banner.port}`);
    const res = await kv({ ca: pem, port: banner.port }, "PUT", "/secrets/s", { host: `team.localhost:${banner.port}`, body: { value: "v" } });
    expect(res.json.attributes).toMatchObject({ recoveryLevel: "Recoverable", recoverableDays: 7 });
    stop.abort();
    expect(await done).toBe(0);
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
