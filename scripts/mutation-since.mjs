// The mutation score of `src/` after a change, from the full report of an earlier commit and runs over only the
// lines changed since (Stryker `mutate` ranges). A mutant of the earlier report counts when its line was not touched
// since; the changed lines count with the new runs' results, a mutant killed by any of them counting as killed.
//   node scripts/mutation-since.mjs <base commit> <base report.json> <new report.json> [<new report.json> …]
// Prints the score by folder and in all, counting timeouts as killed (Stryker's score) and as survivors.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

// `--write OUT.json` (first): also write the mutants counted, as one report of HEAD's src/, to serve as the base
// report of a later run (base = this HEAD).
const args = process.argv.slice(2);
const writeTo = args[0] === "--write" ? args[1] : undefined;
const [base, baseReport, ...newReports] = writeTo === undefined ? args : args.slice(2);
if (base === undefined || baseReport === undefined || newReports.length === 0) {
  console.error("usage: node scripts/mutation-since.mjs <base commit> <base report.json> <new report.json> …");
  process.exit(2);
}

/** file → old-side line ranges changed since `base` (a deleted or renamed file: every line). */
const diff = execFileSync("git", ["diff", "-U0", `${base}..HEAD`, "--", "src"], { encoding: "utf8" });
const touched = new Map();
let file = null;
for (const line of diff.split("\n")) {
  if (line.startsWith("--- ")) file = line.startsWith("--- a/") ? line.slice(6) : null;
  const m = /^@@ -(\d+)(?:,(\d+))? \+/.exec(line);
  if (m && file !== null) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    const ranges = touched.get(file) ?? [];
    // A pure insertion (count 0) after line `start` touches no old line, but a mutant spanning it changed context: count
    // the line itself as touched.
    ranges.push(count === 0 ? [start, start] : [start, start + count - 1]);
    touched.set(file, ranges);
  }
}
const isTouched = (f, lineNo) => (touched.get(f) ?? []).some(([a, b]) => lineNo >= a && lineNo <= b);

const tally = new Map();
const written = {};
const count = (f, status, mutant) => {
  if (writeTo !== undefined && mutant !== undefined)
    (written[f] ??= { mutants: [] }).mutants.push({ ...mutant, status });
  const folder = f.replace(/^src\//, "").includes("/")
    ? `${f.replace(/^src\//, "").split("/")[0]}/`
    : f.replace(/^src\//, "");
  const t = tally.get(folder) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  if (status === "Killed") t.killed++;
  else if (status === "Timeout") t.timeout++;
  else if (status === "Survived") t.survived++;
  else if (status === "NoCoverage") t.noCoverage++;
  else return; // Ignored, CompileError, RuntimeError: not scored
  tally.set(folder, t);
};

const kept = JSON.parse(readFileSync(baseReport, "utf8"));
for (const [f, { mutants }] of Object.entries(kept.files)) {
  if (!f.startsWith("src/") || f.startsWith("src/testing/") || f === "src/index.ts") continue;
  for (const mutant of mutants) if (!isTouched(f, mutant.location.start.line)) count(f, mutant.status, mutant);
}
// A mutant of the changed lines may be in several runs (a full-suite run with per-test coverage, a focused run with
// coverage off over fewer test files): it is killed if any run killed it.
const RANK = { Killed: 4, Timeout: 3, Survived: 2, NoCoverage: 1 };
const changed = new Map();
for (const path of newReports) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  for (const [f, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      const key = `${f}:${mutant.location.start.line}:${mutant.location.start.column}:${mutant.mutatorName}:${mutant.replacement}`;
      const before = changed.get(key);
      if (before === undefined || (RANK[mutant.status] ?? 0) > (RANK[before.status] ?? 0))
        changed.set(key, { file: f, status: mutant.status, mutant });
    }
  }
}
for (const { file: f, status, mutant } of changed.values()) count(f, status, mutant);

const pct = (n, d) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(2)}%`);
let all = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
console.log("| folder | score | killed + timed out / scored |");
console.log("|---|---|---|");
for (const [folder, t] of [...tally].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const scored = t.killed + t.timeout + t.survived + t.noCoverage;
  console.log(
    `| \`${folder}\` | ${pct(t.killed + t.timeout, scored)} | ${(t.killed + t.timeout).toLocaleString("en-US")} / ${scored.toLocaleString("en-US")} |`,
  );
  all = {
    killed: all.killed + t.killed,
    timeout: all.timeout + t.timeout,
    survived: all.survived + t.survived,
    noCoverage: all.noCoverage + t.noCoverage,
  };
}
const scored = all.killed + all.timeout + all.survived + all.noCoverage;
console.log(
  `\nall of src/: ${pct(all.killed + all.timeout, scored)} (${all.killed + all.timeout} of ${scored}; ${all.timeout} timed out, ${all.survived} survived, ${all.noCoverage} no coverage); timeouts as survivors: ${pct(all.killed, scored)}`,
);
if (writeTo !== undefined)
  writeFileSync(
    writeTo,
    JSON.stringify({ schemaVersion: "2", thresholds: { high: 95, low: 90, break: 90 }, files: written }),
  );
