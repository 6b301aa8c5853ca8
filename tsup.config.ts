import { defineConfig } from "tsup";

// Library entries: ESM + CJS + d.ts. `dist/` is cleaned by the build script, not here,
// because more than one config writes there.
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    target: "node20",
    platform: "node",
    sourcemap: true,
    splitting: true,
    metafile: true,
    treeshake: true,
  },
]);
