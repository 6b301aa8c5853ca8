#!/usr/bin/env node
// Public-API reports (STYLE.md §7): API Extractor over the built declarations of each entry (`npm run build` first),
// one config per entry in .ci/api-extractor/, reports checked in under .ci/api/. Without arguments (`npm run
// api:check`) it fails and prints the diff when a report differs from the declarations; `--update` (`npm run
// api:update`) rewrites the reports instead. Only warnings and errors are printed, besides one line per entry.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CompilerState, Extractor, ExtractorConfig, ExtractorLogLevel } from "@microsoft/api-extractor";

const ENTRIES = ["keyvault-secrets", "emulator", "cache"];
const update = process.argv.includes("--update");
const root = fileURLToPath(new URL("..", import.meta.url));

let configs;
try {
  configs = ENTRIES.map((entry) =>
    ExtractorConfig.loadFileAndPrepare(fileURLToPath(new URL(`api-extractor/${entry}.json`, import.meta.url))),
  );
} catch (error) {
  // A missing `mainEntryPointFilePath` fails here, before any analysis.
  console.error(`api: ${error.message}\n(the reports are made from dist/: run \`npm run build\` first)`);
  process.exit(1);
}
const inputs = configs.map((c) => c.mainEntryPointFilePath);
// One TypeScript program for the three entries: they share declaration chunks and the config's compiler options.
// Its diagnostics then come with every entry; each is printed once (and counted in every entry's result).
const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: inputs });
const printed = new Set();

let failed = false;
for (const config of configs) {
  const input = relative(root, config.mainEntryPointFilePath);
  const report = relative(root, join(config.reportFolder, config.reportConfigs[0].fileName));
  let result;
  try {
    result = Extractor.invoke(config, {
      compilerState,
      localBuild: update,
      printApiReportDiff: !update,
      messageCallback(message) {
        // The banner-like notices ("Analysis will use the bundled TypeScript version …") and progress lines.
        if (message.logLevel === ExtractorLogLevel.Info || message.logLevel === ExtractorLogLevel.Verbose)
          message.handled = true;
        if (message.category === "Compiler") {
          const key = message.formatMessageWithLocation(root);
          if (printed.has(key)) message.handled = true;
          printed.add(key);
        }
      },
    });
  } catch (error) {
    // API Extractor throws on declarations it cannot analyse (after printing their compiler errors, if any).
    console.error(`api: API Extractor failed on ${input}: ${error.message}`);
    failed = true;
    continue;
  }
  if (update) {
    console.log(`api: ${report} ${result.apiReportChanged ? "updated" : "unchanged"} (${input})`);
    if (result.errorCount > 0) failed = true; // warnings print, and fail `api:check`
  } else if (result.succeeded) {
    console.log(`api: ${report} matches ${input}`);
  } else {
    failed = true;
    console.error(
      result.apiReportChanged
        ? `api: the public API of ${input} differs from ${report} (diff above). If the change is intended, run \`npm run api:update\` and commit the report.`
        : `api: ${result.errorCount} error(s) and ${result.warningCount} warning(s) while reporting on ${input} (above).`,
    );
  }
}
if (failed) process.exitCode = 1;
