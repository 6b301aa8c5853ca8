import type { BenchReport } from "./run.js";

/** One goal of the performance issue, checked against a report. */
export interface TargetCheck {
  goal: string;
  ratio: number | undefined;
  limit: string;
  met: boolean | undefined;
}

function ratio(report: BenchReport, scenario: string, metric: string, a: string, b: string): number | undefined {
  const medians = report.scenarios.find((s) => s.id === scenario)?.medians;
  const x = medians?.[a]?.[metric];
  const y = medians?.[b]?.[metric];
  return x === undefined || y === undefined ? undefined : x / y;
}

/** The goals, each as `ours ÷ reference` of a median (the emulator goal as emulator ÷ minimal server). */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const at = (goal: string, value: number | undefined, op: "≥" | "≤", limit: number): TargetCheck => ({
    goal,
    ratio: value,
    limit: `${op} ${limit}`,
    met: value === undefined ? undefined : op === "≥" ? value >= limit : value <= limit,
  });
  const size = report.installedSize;
  return [
    at(
      "getSecret ops/s at concurrency 16, ours ÷ official",
      ratio(report, "get16", "opsPerSec", "ours", "official"),
      "≥",
      1.5,
    ),
    at(
      "client CPU per getSecret at concurrency 16, ours ÷ official",
      ratio(report, "get16", "cpuUsPerOp", "ours", "official"),
      "≤",
      0.6,
    ),
    at(
      "getSecret ops/s at concurrency 16, ours ÷ raw floor",
      ratio(report, "get16", "opsPerSec", "ours", "raw"),
      "≥",
      0.85,
    ),
    at("cold start, ours ÷ official", ratio(report, "cold", "coldStartMs", "ours", "official"), "≤", 0.6),
    at(
      "list 1,000 by page, ours ÷ official",
      ratio(report, "listPages", "listingsPerSec", "ours", "official"),
      "≥",
      1.5,
    ),
    at(
      "list 1,000 by item, ours ÷ official",
      ratio(report, "listItems", "listingsPerSec", "ours", "official"),
      "≥",
      1.5,
    ),
    at("installed size, ours ÷ official", size && size.ours.bytes / size.official.bytes, "≤", 0.8),
    at(
      "emulator getSecret ops/s ÷ minimal node:https server",
      ratio(report, "server", "opsPerSec", "emulator", "minimal"),
      "≥",
      0.7,
    ),
  ];
}
