/**
 * `npm run bench:snapshot`: writing and reading snapshots in both formats, at 10k, 100k and 1M contacts, side by
 * side in one run. For each size a child process (`--expose-gc`, 12 GB heap) builds the office of `bench/world.ts`
 * by replay, then times, alternating the two formats:
 *   - write: `toSnapshot` (version 1) or `toCompactSnapshot` (version 2), then `JSON.stringify`; and the bytes;
 *   - cold start: `JSON.parse` then `fromSnapshot`, checked: the state read back holds every contact, answers 512
 *     `can` pairs as the state it came from, and writes the same version 2 snapshot again.
 * Wall time and CPU time (user + system of the process) are both kept: the machine is shared, and CPU time is the
 * steadier of the two when others load it. Medians over the runs (7 at 10k, 5 at 100k, 3 at 1M, where version 1,
 * which takes a minute a run, is timed once).
 *
 * Peak memory of a restore: for each format a fresh child reads the snapshot text from a file, runs a full GC and
 * notes its resident set (RSS) and heap; it then restores (parse + `fromSnapshot`), notes the heap in use at once,
 * runs a full GC and notes the heap the state keeps. The peak is the process's high-water RSS
 * (`process.resourceUsage().maxRSS`) above the RSS before the restore: everything the restore made, heap and
 * off-heap (typed arrays) alike, and an upper bound of the peak heap. The ratio divides it by the heap the state keeps.
 *
 * Environment: `BENCH_SIZES=10000,100000` limits the sizes. Writes `bench/results-snapshot.json`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { ACTIONS, can, fromSnapshot, replay, type State, toCompactSnapshot, toSnapshot } from "../src/index.js";
import { mulberry32 } from "./prng.js";
import { contactId, makeWorld, worldEvents } from "./world.js";

const HEAP_MB = 12_000;
const FORMATS = ["v1", "v2"] as const;
type Format = (typeof FORMATS)[number];

interface Timing {
  readonly wallMs: number[];
  readonly cpuMs: number[];
}
interface Measured {
  readonly size: number;
  readonly yardstickMs: number;
  readonly write: Record<Format, Timing>;
  readonly read: Record<Format, Timing>;
  readonly bytes: Record<Format, number>;
}
interface Peak {
  readonly restoreMs: number;
  readonly stateHeap: number;
  readonly heapRightAfter: number;
  readonly peakRss: number;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function timed(body: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  body();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function yardstickMs(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 1e8; i++) s += i ^ (s >>> 3);
  const ms = performance.now() - t0;
  if (s === 0.5) console.log(s);
  return ms;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function fail(message: string): never {
  throw new Error(`BENCH CHECK FAILED: ${message}`);
}

/** The child that builds one size and times both formats. */
function measure(size: number, dir: string): Measured {
  const world = makeWorld(size);
  const replayed = replay(worldEvents(world, 0.05));
  if (E.isLeft(replayed)) fail(replayed.left.message);
  const state = replayed.right;
  gc();
  const rng = mulberry32(7);
  const pairs = Array.from({ length: 512 }, () => ({
    user: world.users[Math.floor(rng.next() * world.users.length)] as string,
    action: ACTIONS[Math.floor(rng.next() * ACTIONS.length)] as (typeof ACTIONS)[number],
    contact: contactId(Math.floor(rng.next() * size)),
  }));
  const expected = pairs.map((p) => can(state, p.user, p.action, p.contact));
  const reference = JSON.stringify(toCompactSnapshot(state));
  const runs = size >= 500_000 ? 3 : size >= 50_000 ? 5 : 7;
  const write: Record<Format, Timing> = { v1: { wallMs: [], cpuMs: [] }, v2: { wallMs: [], cpuMs: [] } };
  const read: Record<Format, Timing> = { v1: { wallMs: [], cpuMs: [] }, v2: { wallMs: [], cpuMs: [] } };
  const bytes: Record<Format, number> = { v1: 0, v2: 0 };
  for (let k = 0; k < runs; k++) {
    const order = k % 2 === 0 ? FORMATS : [...FORMATS].reverse();
    // Version 1 at 1M takes a minute a run on a busy machine: it is timed once there (its figure is known, D-177).
    for (const format of order.filter((f) => f === "v2" || k === 0 || size < 500_000)) {
      let text = "";
      gc();
      const w = timed(() => {
        text = JSON.stringify(format === "v1" ? toSnapshot(state) : toCompactSnapshot(state));
      });
      write[format].wallMs.push(w.wall);
      write[format].cpuMs.push(w.cpu);
      bytes[format] = Buffer.byteLength(text);
      if (k === 0) writeFileSync(join(dir, `${format}.json`), text);
      let back: State | null = null;
      gc();
      const r = timed(() => {
        const result = fromSnapshot(JSON.parse(text));
        if (E.isLeft(result)) fail(`fromSnapshot refused its own ${format} snapshot: ${result.left.message}`);
        back = result.right;
      });
      read[format].wallMs.push(r.wall);
      read[format].cpuMs.push(r.cpu);
      text = "";
      const got = back as State | null;
      if (got === null || got.contacts.size !== size) fail(`the ${format} snapshot read back lacks contacts`);
      pairs.forEach((p, j) => {
        if (can(got, p.user, p.action, p.contact) !== expected[j])
          fail(`the ${format} state read back answers can otherwise`);
      });
      if (k === 0 && JSON.stringify(toCompactSnapshot(got)) !== reference)
        fail(`the ${format} state read back writes another snapshot`);
      back = null;
    }
  }
  return { size, yardstickMs: yardstickMs(), write, read, bytes };
}

/** The child that restores one snapshot file and reports its memory. */
function peak(file: string): Peak {
  let text: string = readFileSync(file, "utf8");
  gc();
  gc();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  let state: State | null = null;
  const t0 = performance.now();
  const result = fromSnapshot(JSON.parse(text));
  const restoreMs = performance.now() - t0;
  const heapRightAfter = process.memoryUsage().heapUsed - heap0;
  if (E.isLeft(result)) fail(result.left.message);
  state = result.right;
  const peakRss = process.resourceUsage().maxRSS * 1024 - rss0;
  gc();
  gc();
  const stateHeap = process.memoryUsage().heapUsed - heap0;
  if (state.contacts.size === 0) fail("nothing restored");
  text = "";
  return { restoreMs, stateHeap, heapRightAfter, peakRss };
}

function child<T>(args: string[]): T {
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", `--max-old-space-size=${HEAP_MB}`, ...process.execArgv, process.argv[1] as string, ...args],
    { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 },
  );
  if (run.status !== 0) throw new Error(`child ${args.join(" ")} failed with status ${run.status}`);
  const lines = run.stdout.toString().trim().split("\n");
  return JSON.parse(lines[lines.length - 1] as string) as T;
}

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x >= 100 ? 0 : 1)} ms`);
const mb = (x: number): string => `${(x / 1e6).toFixed(1)} MB`;

function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
  const results: { measured: Measured; peaks: Record<Format, Peak> }[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "crm-snapshot-"));
    try {
      console.error(`${size.toLocaleString("en")} contacts: building and timing…`);
      const measured = child<Measured>(["measure", String(size), dir]);
      const peaks = {} as Record<Format, Peak>;
      for (const format of FORMATS) {
        console.error(`${size.toLocaleString("en")} contacts: peak memory of a ${format} restore…`);
        peaks[format] = child<Peak>(["peak", join(dir, `${format}.json`)]);
      }
      results.push({ measured, peaks });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const head = `| case (median; CPU time in brackets) | ${results.map((r) => `${r.measured.size.toLocaleString("en")}`).join(" | ")} |`;
  const rows = [head, `|---|${results.map(() => "---|").join("")}`];
  const cell = (t: Timing): string => `${ms(median(t.wallMs))} (${ms(median(t.cpuMs))})`;
  for (const format of FORMATS) {
    const name = format === "v1" ? "version 1 (JSON rows)" : "version 2 (columns)";
    rows.push(`| write, ${name} | ${results.map((r) => cell(r.measured.write[format])).join(" | ")} |`);
    rows.push(`| snapshot size, ${name} | ${results.map((r) => mb(r.measured.bytes[format])).join(" | ")} |`);
    rows.push(
      `| cold start (parse + fromSnapshot), ${name} | ${results.map((r) => cell(r.measured.read[format])).join(" | ")} |`,
    );
    rows.push(
      `| heap the restored state keeps, ${name} | ${results.map((r) => mb(r.peaks[format].stateHeap)).join(" | ")} |`,
    );
    rows.push(
      `| peak RSS above the start of the restore, ${name} | ${results.map((r) => `${mb(r.peaks[format].peakRss)} (${(r.peaks[format].peakRss / r.peaks[format].stateHeap).toFixed(2)}×)`).join(" | ")} |`,
    );
  }
  rows.push(`| yardstick (10⁸-step loop) | ${results.map((r) => ms(r.measured.yardstickMs)).join(" | ")} |`);
  console.log(rows.join("\n"));
  writeFileSync(
    new URL("./results-snapshot.json", import.meta.url),
    `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`,
  );
}

const [mode, a, b] = process.argv.slice(2);
if (mode === "measure") console.log(JSON.stringify(measure(Number(a), b as string)));
else if (mode === "peak") console.log(JSON.stringify(peak(a as string)));
else main();
