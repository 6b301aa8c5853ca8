import { defineConfig } from "tsup";

// Library entries: ESM + CJS + d.ts. `dist/` is cleaned by the build script, not here,
// because more than one config writes there.
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      "emulator/index": "src/emulator/index.ts",
      "cache/index": "src/cache/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    target: "node20",
    platform: "node",
    sourcemap: true,
    splitting: true,
    metafile: true,
    treeshake: true,
    // The emulator's X.509 library is a devDependency: bundle it so installs stay small.
    noExternal: ["@peculiar/x509", "reflect-metadata"],
  },
  // The CLI: ESM only, no d.ts, no metafile (it would overwrite the library's metafile-esm.json).
  {
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    target: "node20",
    platform: "node",
    sourcemap: true,
    splitting: false,
    metafile: false,
    treeshake: true,
    noExternal: ["@peculiar/x509", "reflect-metadata"],
  },
]);
