/**
 * `npm run bench:scaling [offices] [contacts]`: many offices in one process (default 50 × 20,000 contacts), the
 * figures behind docs/scaling.md. Each office is the benchmark's synthetic office (bench/world.ts, a different
 * seed each), built from its event log as a service would restart it. It measures
 *
 * - the heap the offices hold, per contact (after a full GC, the logs dropped);
 * - the start of one office: from its stored snapshot (`JSON.parse` + `fromSnapshot`) and from its stored log
 *   (`JSON.parse` of each row + `replay`), medians over `SAMPLES` offices;
 * - commands per second on one core: `execute` on a random office (grantAccess, addContact, archiveContact by
 *   the contact's team rainmaker), each result kept as that office's state, median over rounds — by the wall clock
 *   and per CPU-second the process used (the second is steadier on a shared machine; GC included in both).
 *
 * Every rebuilt state is checked to equal the live one, and the bench fails if more than 1% of its commands are
 * refused, so the figures are of work that was done. Needs `--expose-gc`; the script runs itself again with it (as bench/run.ts does).
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import * as E from "fp-ts/lib/Either.js";
import {
  archiveOf,
  execute,
  fromSnapshot,
  getContact,
  replay,
  toSnapshot,
  type Command,
  type GrantLevel,
  type State,
} from "../src/index.js";
import { mulberry32, type Rng } from "./prng.js";
import { contactId, makeWorld, worldEvents, type TeamInfo, type World } from "./world.js";

if (typeof globalThis.gc !== "function") {
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=12288", ...process.execArgv, ...process.argv.slice(1)],
    { stdio: "inherit" },
  );
  if (child.error !== undefined) throw child.error;
  process.exit(child.status ?? 1);
}

const OFFICES = Number(process.argv[2] ?? 50);
const CONTACTS = Number(process.argv[3] ?? 20_000);
/** Offices whose restart is timed (each both ways). */
const SAMPLES = Math.min(OFFICES, 7);
const ROUNDS = 9;
const COMMANDS_PER_ROUND = 2_000;

const gc = (): void => {
  const collect = globalThis.gc as () => void;
  collect();
  collect();
};
const heapUsed = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (t: number): string => `${t.toFixed(0)} ms`;

function must<T>(r: E.Either<{ message: string }, T>, what: string): T {
  if (E.isLeft(r)) throw new Error(`${what}: ${r.left.message}`);
  return r.right;
}

console.log(
  `${OFFICES} offices × ${CONTACTS.toLocaleString("en")} contacts; node ${process.version}, ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

// ---- build: each office from its log, as stored rows (JSON text) ----
const heapBefore = heapUsed();
const worlds: World[] = [];
const states: State[] = [];
const eventCounts: number[] = [];
const replayMs: number[] = [];
const snapshotMs: number[] = [];
const replayCpuMs: number[] = [];
const snapshotCpuMs: number[] = [];
/** CPU time this process used since `from` (a `process.cpuUsage()`), in ms: steadier than the wall on a shared machine. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
const snapshotBytes: number[] = [];
const logBytes: number[] = [];
let built = performance.now();
for (let k = 0; k < OFFICES; k++) {
  const world = makeWorld(CONTACTS, 0x5eed + k);
  const rows = worldEvents(world).map((e) => JSON.stringify(e));
  eventCounts.push(rows.length);
  if (k < SAMPLES) logBytes.push(rows.reduce((n, r) => n + r.length, 0));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const state = must(replay(rows.map((r) => JSON.parse(r) as unknown)), `office ${k}: replay`);
  const t1 = performance.now();
  const c1 = cpuMs(c0);
  if (k < SAMPLES) {
    replayMs.push(t1 - t0);
    replayCpuMs.push(c1);
    // The snapshot a service would have stored, then the restart from it.
    const text = JSON.stringify(toSnapshot(state));
    snapshotBytes.push(text.length);
    const c2 = process.cpuUsage();
    const t2 = performance.now();
    const restored = must(fromSnapshot(JSON.parse(text) as unknown), `office ${k}: fromSnapshot`);
    snapshotMs.push(performance.now() - t2);
    snapshotCpuMs.push(cpuMs(c2));
    if (JSON.stringify(toSnapshot(restored)) !== text)
      throw new Error(`office ${k}: the snapshot restores another state`);
  }
  worlds.push(world);
  states.push(state);
}
built = performance.now() - built;
const heapAfter = heapUsed();
const contacts = OFFICES * CONTACTS;
const perContact = (heapAfter - heapBefore) / contacts;
console.log(
  `built in ${(built / 1000).toFixed(0)} s; events per office ${median(eventCounts).toLocaleString("en")} (median)`,
);
console.log(
  `heap: ${mb(heapAfter - heapBefore)} for ${contacts.toLocaleString("en")} contacts = ${perContact.toFixed(0)} B per contact (${mb((heapAfter - heapBefore) / OFFICES)} per office)`,
);
console.log(
  `stored per office (median of ${SAMPLES}): log ${mb(median(logBytes))} as JSON, snapshot ${mb(median(snapshotBytes))}`,
);
console.log(
  `start one office (median of ${SAMPLES}): from snapshot ${ms(median(snapshotMs))} (${ms(median(snapshotCpuMs))} CPU), from the log ${ms(median(replayMs))} (${ms(median(replayCpuMs))} CPU)`,
);

// ---- commands on random offices ----
const AT = "2026-03-02T09:00:00Z";
const LEVELS: readonly GrantLevel[] = ["view", "shared", "full"];
const teamRef = (t: TeamInfo) => ({ kind: "team", teamId: t.id }) as const;
let added = 0;

/** A command the office accepts in its current state, by the rainmaker of a random team contact. */
function command(rng: Rng, world: World, state: State): Command {
  for (;;) {
    const i = rng.int(world.size);
    const ti = world.contactTeam[i] as number;
    if (ti < 0) continue;
    const team = world.teams[ti] as TeamInfo;
    const id = contactId(i);
    const roll = rng.next();
    if (roll < 0.2) {
      const n = added++;
      return {
        type: "addContact",
        actor: team.rainmakerId,
        at: AT,
        account: teamRef(team),
        contactId: `n${n}`,
        channel: "manual",
        details: { name: `New ${n}`, emails: [`n${n}@example.com`] },
      };
    }
    if (archiveOf(state, id) !== undefined) continue;
    if (roll < 0.3)
      return {
        type: "archiveContact",
        actor: team.rainmakerId,
        at: AT,
        account: teamRef(team),
        contactId: id,
        channel: "manual",
        reason: "notInterested",
      };
    const contact = getContact(state, id);
    const members = team.members.filter((m) => m.userId !== contact?.primary && m.userId !== team.rainmakerId);
    if (contact === undefined || members.length === 0) continue;
    const userId = rng.pick(members).userId;
    const held = contact.grants.find((g) => g.userId === userId)?.level;
    const level = rng.pick(LEVELS.filter((l) => l !== held));
    return {
      type: "grantAccess",
      actor: team.rainmakerId,
      at: AT,
      account: teamRef(team),
      contactId: id,
      userId,
      level,
    };
  }
}

const rng = mulberry32(16);
const perSecond: number[] = [];
const perCpuSecond: number[] = [];
let refused = 0;
for (let round = 0; round < ROUNDS; round++) {
  // The round's commands are drawn first, against the offices as they stand, so only `execute` is timed. Two
  // commands of a round on one contact may make the second a no-op that the rules refuse (counted, not timed apart).
  const batch = Array.from({ length: COMMANDS_PER_ROUND }, () => {
    const k = rng.int(OFFICES);
    return { k, command: command(rng, worlds[k] as World, states[k] as State) };
  });
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (const { k, command: c } of batch) {
    const r = execute(states[k] as State, c);
    if (E.isRight(r)) states[k] = r.right.state;
    else refused++;
  }
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  perSecond.push(COMMANDS_PER_ROUND / (wall / 1000));
  perCpuSecond.push(COMMANDS_PER_ROUND / ((used.user + used.system) / 1e6));
}
if (refused > COMMANDS_PER_ROUND * ROUNDS * 0.01)
  throw new Error(`${refused} commands refused: the bench's commands are not what it means to measure`);
console.log(
  `commands per second, random offices (median of ${ROUNDS} rounds × ${COMMANDS_PER_ROUND}; ${refused} refused): ${median(perSecond).toFixed(0)} by the wall clock (rounds ${Math.min(...perSecond).toFixed(0)}–${Math.max(...perSecond).toFixed(0)}), ${median(perCpuSecond).toFixed(0)} per CPU-second of the process`,
);
console.log(
  `load after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
