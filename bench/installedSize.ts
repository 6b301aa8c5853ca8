import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What one install weighs. */
export interface InstallSize {
  bytes: number;
  files: number;
  packages: number;
}

export interface InstalledSizes {
  ours: InstallSize;
  official: InstallSize;
  /** Our package's `dependencies`, as installed from the tarball. */
  ourDependencies: string[];
}

function walk(dir: string, acc: { bytes: number; files: number; packages: number }): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, acc);
    else {
      acc.bytes += lstatSync(path).size;
      acc.files++;
      if (entry.name === "package.json" && /node_modules[/\\](@[^/\\]+[/\\])?[^/\\]+$/.test(dir)) acc.packages++;
    }
  }
}

function install(dir: string, spec: string): InstallSize {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-size", version: "1.0.0", private: true }));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(
    npm,
    ["install", "--omit=dev", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", spec],
    {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const acc = { bytes: 0, files: 0, packages: 0 };
  walk(join(dir, "node_modules"), acc);
  return acc;
}

/**
 * `npm pack`s this package, installs the tarball and `@azure/keyvault-secrets@<officialVersion>` into two temp folders
 * with production dependencies only, and sums the bytes under each `node_modules`.
 *
 * @param root - this package's folder (built)
 */
export function measureInstalledSizes(root: string, officialVersion: string): InstalledSizes {
  const tmp = mkdtempSync(join(tmpdir(), "kvs-bench-size-"));
  try {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const out = execFileSync(npm, ["pack", "--json", "--pack-destination", tmp, "--loglevel=error"], {
      cwd: root,
      encoding: "utf8",
    });
    const [{ filename }] = JSON.parse(out) as [{ filename: string }];
    const ours = install(join(tmp, "ours"), join(tmp, filename));
    const official = install(join(tmp, "official"), `@azure/keyvault-secrets@${officialVersion}`);
    const installed = JSON.parse(
      readFileSync(join(tmp, "ours", "node_modules", "keyvault-secrets", "package.json"), "utf8"),
    ) as {
      dependencies?: Record<string, string>;
    };
    return { ours, official, ourDependencies: Object.keys(installed.dependencies ?? {}) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
