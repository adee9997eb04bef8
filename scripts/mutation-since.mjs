// The mutation score of `src/` after a change, from the full report of an earlier commit and runs over only the
// lines changed since (Stryker `mutate` ranges). A mutant of the earlier report counts when its line was not touched
// since; the changed lines count with the new runs' results, a mutant killed by any of them counting as killed.
//   node scripts/mutation-since.mjs <base commit> <base report.json> <new report.json> [<new report.json> …]
// Prints the score by folder and in all, counting timeouts as killed (Stryker's score) and as survivors.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { compare } from "./token-diff.mjs";

// `--write OUT.json` (first): also write the mutants counted, as one report of HEAD's src/, to serve as the base
// report of a later run (base = this HEAD).
// `--ranges <base>`: print the Stryker `mutate` ranges of the lines changed since base, and stop.
const args = process.argv.slice(2);
const rangesOnly = args[0] === "--ranges";
const writeTo = args[0] === "--write" ? args[1] : undefined;
const [base, baseReport, ...newReports] = rangesOnly ? args.slice(1) : writeTo === undefined ? args : args.slice(2);
if (base === undefined || (!rangesOnly && (baseReport === undefined || newReports.length === 0))) {
  console.error("usage: node scripts/mutation-since.mjs <base commit> <base report.json> <new report.json> …");
  process.exit(2);
}

/**
 * Which lines changed since `base`, ignoring layout (scripts/token-diff.mjs): a line whose tokens all survive keeps
 * its mutants' results even when a formatter moved it. A file missing at HEAD (deleted or renamed): every line.
 */
const show = (rev, f) => {
  try {
    return execFileSync("git", ["show", `${rev}:${f}`], { encoding: "utf8", maxBuffer: 1 << 26 });
  } catch {
    return null;
  }
};
const comparisons = new Map();
const comparison = (f) => {
  if (!comparisons.has(f)) {
    const before = show(base, f);
    const after = show("HEAD", f);
    comparisons.set(f, before === null || after === null ? null : compare(before, after));
  }
  return comparisons.get(f);
};
const isTouched = (f, lineNo) => {
  const c = comparison(f);
  return c === null || c.oldTouched.has(lineNo);
};
/** Where a kept mutant's location is at HEAD. */
const relocate = (f, location) => {
  const c = comparison(f);
  const start = c?.moved(location.start.line, location.start.column);
  const endStart = c?.moved(location.end.line, Math.max(1, location.end.column - 1));
  if (!start) return location;
  return {
    start,
    end: endStart ? { line: endStart.line, column: endStart.column + 1 } : { ...start, column: start.column + 1 },
  };
};

if (rangesOnly) {
  // Stryker `mutate` entries for the lines added or changed since `base` (token-level), one per run of lines.
  const files = execFileSync("git", ["ls-files", "src"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".ts") && !f.startsWith("src/testing/") && f !== "src/index.ts");
  const out = [];
  for (const f of files) {
    const before = show(base, f);
    const after = show("HEAD", f);
    if (after === null) continue;
    const lines = before === null ? after.split("\n").map((_, i) => i + 1) : [...compare(before, after).newTouched];
    lines.sort((x, y) => x - y);
    for (let i = 0; i < lines.length; ) {
      let j = i;
      while (j + 1 < lines.length && lines[j + 1] <= lines[j] + 1) j++;
      out.push(`${f}:${lines[i]}-${lines[j]}`);
      i = j + 1;
    }
  }
  console.log(JSON.stringify(out, null, 2));
  process.exit(0);
}

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
  for (const mutant of mutants)
    if (!isTouched(f, mutant.location.start.line))
      count(f, mutant.status, { ...mutant, location: relocate(f, mutant.location) });
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
