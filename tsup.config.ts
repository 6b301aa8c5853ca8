import { resolve } from "node:path";
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
  // The emulator: ESM + CJS + d.ts, minified. No metafile: it would overwrite the client's. Its X.509 library is not
  // in these two files: both load the one `emulator/x509.cjs` built below, lazily (tls.ts), so the package ships a
  // single copy. Without splitting, all emulator code sits in `dist/emulator/`, next to the file that path names.
  {
    ...common,
    entry: { "emulator/index": "src/emulator/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    splitting: false,
    minify: true,
    metafile: false,
    // esbuild keeps `import()` in CJS output by default; as a `require`, the CJS build also works where `import()` of
    // a file is unavailable (Jest's default CommonJS runtime, for one).
    esbuildOptions(options, { format }) {
      if (format === "cjs") options.supported = { ...options.supported, "dynamic-import": false };
    },
    esbuildPlugins: [
      {
        name: "x509-from-dist",
        setup(build) {
          const x509 = resolve("src/emulator/x509/index.js");
          build.onResolve({ filter: /\/x509\/index\.js$/ }, (args) =>
            resolve(args.resolveDir, args.path) === x509 ? { path: "./x509.cjs", external: true } : undefined,
          );
        },
      },
    ],
  },
  // The X.509 library the emulator bundles (src/emulator/x509): one minified CJS file, which the emulator's ESM build
  // imports and its CJS build requires. Its libraries are devDependencies bundled here, so installing the package adds
  // no dependency and little weight for users who never start an emulator. No d.ts: tls.ts takes its types from source.
  {
    ...common,
    entry: { "emulator/x509": "src/emulator/x509/index.ts" },
    format: ["cjs"],
    dts: false,
    sourcemap: false,
    splitting: false,
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
