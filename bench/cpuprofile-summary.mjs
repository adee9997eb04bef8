// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time and inclusive time per function.
//   node bench/cpuprofile-summary.mjs <file.cpuprofile> [selfRows=25] [inclusiveRows=40] [under]
// With `under` (a function name, e.g. `measured` in bench/profile.ts), only samples taken inside a call of that
// function count, so a profile of a long build followed by the measured loop reports just the loop.
import fs from "node:fs";

const [file, selfRows = "25", inclusiveRows = "40", under] = process.argv.slice(2);
if (file === undefined) {
  console.error("usage: node bench/cpuprofile-summary.mjs <file.cpuprofile> [selfRows] [inclusiveRows]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (id) => {
  const cf = byId.get(id).callFrame;
  return `${cf.functionName || "(anonymous)"} ${cf.url.replace(/^.*?\/(src|bench|node_modules)\//, "$1/")}`;
};

const timeOf = new Map();
let total = 0;
const inside = (id) => {
  if (under === undefined) return true;
  for (let cur = id; cur !== undefined; cur = parent.get(cur))
    if (byId.get(cur).callFrame.functionName === under) return true;
  return false;
};
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  if (!inside(id)) return;
  timeOf.set(id, (timeOf.get(id) ?? 0) + dt);
  total += dt;
});
const self = new Map();
const inclusive = new Map();
for (const [id, t] of timeOf) {
  self.set(label(id), (self.get(label(id)) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(cur);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + t);
  }
}
const show = (title, map, rows) => {
  console.log(`--- ${title}`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
    console.log(`${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`total ${(total / 1000).toFixed(0)} ms`);
show("self", self, selfRows);
show("inclusive", inclusive, inclusiveRows);
