/**
 * `npm run bench:import`: the two starts of issue #15 that a service waits on, measured side by side per size.
 *
 * - **Import of 100k rows with deduplication**: the suite's `importCommand` (LIF-1: 10% match a contact already
 *   there, 1% repeat an earlier row, a third carry a phone number) run once as one command, then the same rows as
 *   consecutive commands of `BENCH_CHUNK` rows (default 2,000) continuing one import (`firstRow`, D-183); both must
 *   end with the same contacts and matches. Each is timed in wall and CPU time; for the chunks, the slowest one is
 *   what blocks a server's event loop.
 * - **Replay of a log shaped like `execute`'s**: the office (users, teams) from the world's head events, then each
 *   contact added by an `addContact` command of its primary and each grant by its own `grantAccess` command, all run
 *   through `execute`; the events are kept as JSON text rows, as a store returns them, and `replay` reads them with
 *   `JSON.parse` per row (decoding and SEC-8 checks included). The state it rebuilds must equal the executed one.
 *
 * Environment: `BENCH_SIZES=10000,100000,1000000` (default 10k and 100k; 1M needs
 * `node --max-old-space-size=12000 --import tsx bench/import-replay.ts`), `BENCH_CHUNK=2000`, `BENCH_REPEAT=3` (runs of
 * each timed case; the median is reported), `BENCH_SKIP=import` or `replay`. Writes `bench/results-import-replay.json`.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { execute, replay, type Command, type Event, type State } from "../src/index.js";
import { importCommand } from "./suite.js";
import { mulberry32 } from "./prng.js";
import { contactId, makeWorld, worldEvents, type TeamInfo, type World } from "./world.js";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 2000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const SKIP = process.env.BENCH_SKIP ?? "";
const GRANT_LEVELS = ["view", "shared", "full"] as const;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[s.length >> 1] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** Wall and CPU (user + system) milliseconds of one call. */
function timed<T>(body: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = body();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

function must<T>(r: E.Either<{ message: string }, T>, what: string): T {
  if (E.isLeft(r)) throw new Error(`${what}: ${r.left.message}`);
  return r.right;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`check failed: ${what}`);
}

/** The office of the world, built from its head events (everything before the first contact). */
function officeOf(w: World): { state: State; head: Event[] } {
  const head = worldEvents(w, 0).filter((e) => e.type !== "ContactAdded");
  return { state: must(replay(head), "the office"), head };
}

interface ImportFigures {
  wholeWallMs: number;
  wholeCpuMs: number;
  chunkedWallMs: number;
  chunkedCpuMs: number;
  chunks: number;
  slowestChunkMs: number;
  chunkP99Ms: number;
  slowestChunkCpuMs: number;
  medianChunkCpuMs: number;
}

function measureImport(base: State, w: World): ImportFigures {
  const imp = importCommand(w, mulberry32(0x1e9));
  const command = imp.command as Extract<Command, { type: "importContacts" }>;
  const wholes: { wallMs: number; cpuMs: number }[] = [];
  let whole: { state: State; events: readonly Event[] } | null = null;
  for (let r = 0; r < REPEAT; r++) {
    const t = timed(() => must(execute(base, command), "import"));
    wholes.push(t);
    whole = t.value;
  }
  const done = whole as { state: State; events: readonly Event[] };
  console.log(`  one command: ${median(wholes.map((x) => x.wallMs)).toFixed(0)} ms wall`);
  const summary = done.events.find((e) => e.type === "ContactsImported");
  check(
    summary?.type === "ContactsImported" && summary.created === imp.created && summary.matched === imp.matched,
    `import creates ${imp.created} and matches ${imp.matched}`,
  );
  const runs: {
    wallMs: number;
    cpuMs: number;
    slowest: number;
    p99: number;
    slowestCpu: number;
    medianCpu: number;
    chunks: number;
  }[] = [];
  let chunkedState = base;
  let matchedRows: string[] = [];
  for (let r = 0; r < (SKIP.includes("chunks") ? 0 : REPEAT); r++) {
    let state = base;
    const perChunk: number[] = [];
    const perChunkCpu: number[] = [];
    const matches: string[] = [];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let first = 0; first < command.rows.length; first += CHUNK) {
      const chunk: Command = { ...command, rows: command.rows.slice(first, first + CHUNK), firstRow: first };
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      const x = must(execute(state, chunk), `chunk at row ${first}`);
      const dc = process.cpuUsage(c1);
      perChunk.push(performance.now() - t1);
      perChunkCpu.push((dc.user + dc.system) / 1000);
      state = x.state;
      for (const e of x.events) if (e.type === "ContactMatched") matches.push(`${e.row}:${e.contactId}:${e.matchedOn}`);
    }
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const sorted = [...perChunk].sort((a, b) => a - b);
    runs.push({
      wallMs,
      cpuMs: (c.user + c.system) / 1000,
      slowest: sorted[sorted.length - 1] ?? 0,
      p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      slowestCpu: Math.max(...perChunkCpu),
      medianCpu: median(perChunkCpu),
      chunks: perChunk.length,
    });
    chunkedState = state;
    matchedRows = matches;
  }
  // One import or its chunks: the same contacts and the same matches (D-183).
  const wholeMatches = done.events.flatMap((e) =>
    e.type === "ContactMatched" ? [`${e.row}:${e.contactId}:${e.matchedOn}`] : [],
  );
  if (runs.length > 0) {
    check(wholeMatches.join() === matchedRows.join(), "the chunks match the rows the whole import matches");
    check(chunkedState.contacts.size === done.state.contacts.size, "the chunks create the contacts the import creates");
  }
  return {
    wholeWallMs: median(wholes.map((x) => x.wallMs)),
    wholeCpuMs: median(wholes.map((x) => x.cpuMs)),
    chunkedWallMs: median(runs.map((x) => x.wallMs)),
    chunkedCpuMs: median(runs.map((x) => x.cpuMs)),
    chunks: runs[0]?.chunks ?? 0,
    slowestChunkMs: median(runs.map((x) => x.slowest)),
    chunkP99Ms: median(runs.map((x) => x.p99)),
    slowestChunkCpuMs: median(runs.map((x) => x.slowestCpu)),
    medianChunkCpuMs: median(runs.map((x) => x.medianCpu)),
  };
}

/** The log a service keeps: every contact and every grant by its own command, through `execute`, as JSON rows. */
function executeShapedLog(
  w: World,
  office: { state: State; head: Event[] },
  run1: typeof execute = execute,
): { rows: string[]; state: State } {
  const rows = office.head.map((e) => JSON.stringify(e));
  let state = office.state;
  const run = (command: Command): void => {
    const x = must(run1(state, command), command.type);
    state = x.state;
    for (const e of x.events) rows.push(JSON.stringify(e));
  };
  const t0 = Date.UTC(2024, 0, 2);
  for (let i = 0; i < w.size; i++) {
    const id = contactId(i);
    const at = new Date(t0 + i * 1000).toISOString();
    const p = w.users[w.primary[i] as number] as string;
    const ti = w.contactTeam[i] as number;
    const team = ti >= 0 ? (w.teams[ti] as TeamInfo) : undefined;
    const account =
      team === undefined ? { kind: "personal" as const, userId: p } : { kind: "team" as const, teamId: team.id };
    const details =
      i % 3 === 0
        ? { name: `Contact ${i}`, emails: [`${id}@example.com`], phones: [`+61 4${String(i).padStart(8, "0")}`] }
        : { name: `Contact ${i}`, emails: [`${id}@example.com`] };
    run({ type: "addContact", actor: p, at, account, contactId: id, channel: "manual", details });
    const by = team === undefined ? p : team.rainmakerId;
    const home = team === undefined ? (w.teamOfUser[w.primary[i] as number] as number) : ti;
    for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++) {
      // The layout's co-marketing shares (about 2% of team contacts) are not grants a team member gives; left out.
      if (w.teamOfUser[w.grantUser[k] as number] !== home) continue;
      run({
        type: "grantAccess",
        actor: by,
        at,
        account,
        contactId: id,
        userId: w.users[w.grantUser[k] as number] as string,
        level: GRANT_LEVELS[w.grantLevel[k] as number] as (typeof GRANT_LEVELS)[number],
      });
    }
  }
  return { rows, state };
}

/** The same log's rows, built with the given copy of the library (for side-by-side comparisons). */
export function executeShapedRows(w: World, lib: { execute: typeof execute; replay: typeof replay }): string[] {
  const head = worldEvents(w, 0).filter((e) => e.type !== "ContactAdded");
  const office = { state: must(lib.replay(head), "the office"), head };
  return executeShapedLog(w, office, lib.execute).rows;
}

function* parsed(rows: readonly string[]): Generator<unknown> {
  for (const row of rows) yield JSON.parse(row);
}

interface ReplayFigures {
  events: number;
  buildS: number;
  wallUsPerEvent: number;
  cpuUsPerEvent: number;
  parseUsPerEvent: number;
  byType: Record<string, number>;
}

function measureReplay(w: World, office: { state: State; head: Event[] }): ReplayFigures {
  const t = timed(() => executeShapedLog(w, office));
  const { rows, state: executed } = t.value;
  const byType: Record<string, number> = {};
  for (const row of rows) {
    const type = row.slice(9, row.indexOf('"', 9));
    byType[type] = (byType[type] ?? 0) + 1;
  }
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const x = timed(() => must(replay(parsed(rows)), "replay of the log"));
    check(x.value.contacts.size === executed.contacts.size, "the replay rebuilds every contact");
    check(x.value.version === executed.version, "the replay ends at the executed version");
    walls.push(x.wallMs);
    cpus.push(x.cpuMs);
  }
  const parse = timed(() => {
    let n = 0;
    for (const _ of parsed(rows)) n++;
    return n;
  });
  return {
    events: rows.length,
    buildS: t.wallMs / 1000,
    wallUsPerEvent: (median(walls) * 1000) / rows.length,
    cpuUsPerEvent: (median(cpus) * 1000) / rows.length,
    parseUsPerEvent: (parse.wallMs * 1000) / rows.length,
    byType,
  };
}

function yardstick(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + i) | 0;
  if (x === 42) console.log("");
  return performance.now() - t0;
}

export async function main(): Promise<void> {
  const results: Record<string, unknown>[] = [];
  const yard = yardstick();
  console.log(`yardstick (10^8-step loop): ${yard.toFixed(0)} ms; chunk ${CHUNK} rows; ${REPEAT} runs per case`);
  for (const size of SIZES) {
    const w = makeWorld(size, 0x5eed);
    const office = officeOf(w);
    const out: Record<string, unknown> = { size };
    if (!SKIP.includes("import")) {
      const base = must(replay(worldEvents(w, 0.05)), "the office with its contacts");
      const f = measureImport(base, w);
      out.import = f;
      console.log(
        `[${size}] import 100k rows, one command: ${f.wholeWallMs.toFixed(0)} ms wall, ${f.wholeCpuMs.toFixed(0)} ms CPU; ` +
          `${f.chunks} chunks of ${CHUNK}: ${f.chunkedWallMs.toFixed(0)} ms wall, ${f.chunkedCpuMs.toFixed(0)} ms CPU, ` +
          `slowest chunk ${f.slowestChunkMs.toFixed(1)} ms wall (p99 ${f.chunkP99Ms.toFixed(1)} ms), ` +
          `${f.slowestChunkCpuMs.toFixed(1)} ms CPU (median chunk ${f.medianChunkCpuMs.toFixed(1)} ms CPU)`,
      );
    }
    if (!SKIP.includes("replay")) {
      const f = measureReplay(w, office);
      out.replay = f;
      console.log(
        `[${size}] replay of ${f.events.toLocaleString("en")} execute-shaped JSON rows: ${f.wallUsPerEvent.toFixed(2)} µs/event wall, ` +
          `${f.cpuUsPerEvent.toFixed(2)} µs/event CPU (JSON.parse alone ${f.parseUsPerEvent.toFixed(2)} µs); ` +
          `log built by execute in ${f.buildS.toFixed(1)} s; ${JSON.stringify(f.byType)}`,
      );
    }
    results.push(out);
  }
  const out = process.env.BENCH_OUT ?? "results-import-replay.json";
  const path = out.startsWith("/") ? out : fileURLToPath(new URL(`./${out}`, import.meta.url));
  const record = {
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    yardstickMs: Math.round(yard),
    chunkRows: CHUNK,
    repeat: REPEAT,
    date: new Date().toISOString(),
    results,
  };
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`wrote ${path}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
