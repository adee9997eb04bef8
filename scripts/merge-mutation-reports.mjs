// Merges StrykerJS JSON reports of runs over disjoint parts of src/ (each `--mutate`d on its own files, with its
// own incremental file) into one report: the score over all of src/, and an incremental file the next full
// `npm run mutate` can reuse. Tests are matched by file and name; each report's test ids are renumbered.
//
//   node scripts/merge-mutation-reports.mjs OUT.json IN1.json[@stryker-1.config.json] IN2.json[@...] ...
//
// A report written by a run with an incremental file also carries the results it reused for files it did not
// mutate; name the run's config after `@` to keep only the files of its `mutate` list (globs are not read: list
// the files).
// Prints the merged score with killed (+ timed out), survived and no-coverage counts, by folder.
import { readFileSync, writeFileSync } from "node:fs";

const [out, ...inputs] = process.argv.slice(2);
if (out === undefined || inputs.length === 0) {
  console.error("usage: node scripts/merge-mutation-reports.mjs OUT.json IN1.json IN2.json ...");
  process.exit(2);
}

const merged = { schemaVersion: "2", thresholds: { high: 95, low: 90, break: 90 }, files: {}, testFiles: {} };
const idOf = new Map(); // "file\u0000name" → merged id
const testIn = new Map(); // merged test file → Map(name → test)
const newId = (file, test) => {
  const key = `${file}\u0000${test.name}`;
  let id = idOf.get(key);
  if (id === undefined) {
    id = String(idOf.size);
    idOf.set(key, id);
    if (!testIn.has(file)) testIn.set(file, new Map());
    testIn.get(file).set(test.name, { ...test, id });
  }
  return id;
};

for (const spec of inputs) {
  const [input, config] = spec.split("@");
  const report = JSON.parse(readFileSync(input, "utf8"));
  if (config !== undefined) {
    const mutated = new Set(JSON.parse(readFileSync(config, "utf8")).mutate);
    report.files = Object.fromEntries(Object.entries(report.files).filter(([file]) => mutated.has(file)));
  }
  const remap = new Map();
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {}))
    for (const test of tests) remap.set(test.id, newId(file, test));
  const ids = (list) => (list === undefined ? undefined : list.map((id) => remap.get(id) ?? id));
  for (const [file, entry] of Object.entries(report.files)) {
    if (merged.files[file] !== undefined) {
      console.error(`${file} is in more than one report: the parts must be disjoint`);
      process.exit(2);
    }
    merged.files[file] = {
      ...entry,
      mutants: entry.mutants.map((m) => ({ ...m, killedBy: ids(m.killedBy), coveredBy: ids(m.coveredBy) })),
    };
  }
  for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
    if (merged.testFiles[file] === undefined) merged.testFiles[file] = { ...entry, tests: [] };
  }
}
for (const [file, tests] of testIn) merged.testFiles[file].tests = [...tests.values()];
writeFileSync(out, JSON.stringify(merged));

const count = (mutants) => {
  const c = { killed: 0, survived: 0, noCoverage: 0 };
  for (const m of mutants) {
    if (m.status === "Killed" || m.status === "Timeout") c.killed++;
    else if (m.status === "Survived") c.survived++;
    else if (m.status === "NoCoverage") c.noCoverage++;
  }
  return c;
};
const score = (c) => ((100 * c.killed) / (c.killed + c.survived + c.noCoverage)).toFixed(2);
const folders = new Map();
for (const [file, { mutants }] of Object.entries(merged.files)) {
  const folder = file.split("/").length > 2 ? `${file.split("/").slice(0, 2).join("/")}/` : file;
  folders.set(folder, [...(folders.get(folder) ?? []), ...mutants]);
}
const all = count(Object.values(merged.files).flatMap((f) => f.mutants));
console.log(
  `all of src/: ${score(all)}% — ${all.killed} killed or timed out, ${all.survived} survived, ${all.noCoverage} not covered, ${Object.keys(merged.files).length} files`,
);
for (const [folder, mutants] of [...folders].sort()) {
  const c = count(mutants);
  console.log(`  ${folder} ${score(c)}% (${c.killed}/${c.killed + c.survived + c.noCoverage})`);
}
