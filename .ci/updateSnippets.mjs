#!/usr/bin/env node
// Copies the bodies of `// @snippet Name` … `// @snippet-end Name` blocks in test files into the
// ```ts snippet:Name fences of README.md and of TSDoc comments in src/, so every documented example is code
// that a test runs (or, for DefaultAzureCredential examples, compiles). `--check` fails when a fence is stale
// or names a snippet that does not exist.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const check = process.argv.includes("--check");
const files = (dir, ext) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath ?? e.path, e.name));

const snippets = new Map();
for (const file of [...files("test", ".ts"), ...files("samples", ".ts")]) {
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/^([ \t]*)\/\/ @snippet (\w+)\n([\s\S]*?)^[ \t]*\/\/ @snippet-end \2$/gm)) {
    const indent = m[1].length;
    const body = m[3]
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
      .join("\n");
    if (snippets.has(m[2])) throw new Error(`snippet ${m[2]} is defined twice`);
    snippets.set(m[2], body);
  }
}

const problems = [];
const used = new Set();
function fill(file, prefix) {
  const text = readFileSync(file, "utf8");
  const fence = new RegExp(`^(${prefix})\`\`\`ts snippet:(\\w+)\\n[\\s\\S]*?^\\1\`\`\`$`, "gm");
  const next = text.replace(fence, (whole, lead, name) => {
    const body = snippets.get(name);
    if (body === undefined) {
      problems.push(`${file}: no snippet named ${name}`);
      return whole;
    }
    used.add(name);
    const lines = body.split("\n").map((l) => (l ? lead + l : lead.trimEnd()));
    return `${lead}\`\`\`ts snippet:${name}\n${lines.join("\n")}\n${lead}\`\`\``;
  });
  if (next !== text) {
    if (check) problems.push(`${file}: snippets out of date (run node .ci/updateSnippets.mjs)`);
    else writeFileSync(file, next);
  }
}
fill("README.md", "");
for (const file of files("src", ".ts")) fill(file, "[ \\t]*\\* ");

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`${used.size} snippet(s) in place${check ? "" : " (updated)"}`);
