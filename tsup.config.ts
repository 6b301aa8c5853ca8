import { defineConfig, type Options } from "tsup";

// `dist/` is cleaned by the build script, not here, because more than one config writes there.
const common: Options = { target: "node20", platform: "node", treeshake: true };

export default defineConfig([
  // The client and the cache: ESM + CJS + d.ts, readable (not minified), with the metafiles the entry-graph test reads.
  {
    ...common,
    entry: { index: "src/index.ts", "cache/index": "src/cache/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    splitting: true,
    metafile: true,
  },
  // The emulator: ESM + CJS + d.ts. Its X.509 library is a devDependency bundled here, minified, so that installing
  // the package adds no dependency and little weight for users who never start an emulator. No metafile: it would
  // overwrite the client's.
  {
    ...common,
    entry: { "emulator/index": "src/emulator/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    splitting: true,
    minify: true,
    metafile: false,
    noExternal: ["@peculiar/x509", "reflect-metadata"],
  },
  // The CLI: ESM only, no d.ts. It loads the emulator through the package's own `keyvault-secrets/emulator` export
  // instead of bundling a second copy.
  {
    ...common,
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: false,
    splitting: false,
    metafile: false,
    esbuildPlugins: [
      {
        name: "emulator-from-package",
        setup(build) {
          build.onResolve({ filter: /\/emulator\/index\.js$/ }, () => ({
            path: "keyvault-secrets/emulator",
            external: true,
          }));
        },
      },
    ],
  },
]);
