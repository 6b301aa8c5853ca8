#!/usr/bin/env node
// Prints one line per vitest JSON report and a closing total: "<leg>: N passed, N failed[, N skipped]".
import { readFileSync } from "node:fs";
import { basename } from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const leg = basename(file, ".json");
  const s = report.numPendingTests + report.numTodoTests;
  console.log(`${leg}: ${report.numPassedTests} passed, ${report.numFailedTests} failed${s ? `, ${s} skipped` : ""}`);
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
  skipped += s;
}
console.log(`total: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
