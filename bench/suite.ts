/**
 * The benchmark suite: builds the synthetic office at each size by replaying its events, asserts every
 * scenario's answer against the layout's oracle (a wrong answer throws, and `run.ts` exits non-zero), measures
 * with tinybench, and writes `bench/results.json`.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { freeze, produce } from "immer";
import { Bench, type Task } from "tinybench";
import {
  accessList,
  archiveOf,
  can,
  contactIds,
  decodeEvent,
  execute,
  explain,
  filterPermitted,
  fromSnapshot,
  getContact,
  replay,
  toSnapshot,
  visibleContacts,
  visiblePage,
  visibilityFilter,
  type Action,
  type Command,
  type Contact,
  type Event,
  type GrantLevel,
  type State,
  type VisibilityFilter,
} from "../src/index.js";
import { casbinPeer, caslPeer, floorPeer, type Peer } from "./peers.js";
import { mulberry32, type Rng } from "./prng.js";
import {
  accessListSize,
  agentVisibleCount,
  contactId,
  levelOf,
  makeWorld,
  VISIBLE_TARGET,
  worldEvents,
  type TeamInfo,
  type World,
} from "./world.js";

const SEED = 0x5eed;
const AT = "2026-03-02T09:00:00Z";
const SIZES = (process.env.BENCH_SIZES ?? "10000,100000,1000000")
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isFinite(n) && n > 0);
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 250);
/**
 * `BENCH_CASES=visibilityFilter,filterPermitted`: time only the cases whose name contains one of these words (the
 * build and the assertions run alike); absent: every case.
 */
const CASES =
  process.env.BENCH_CASES?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "") ?? null;
const wanted = (name: string): boolean => CASES === null || CASES.some((c) => name.includes(c));
/**
 * Share of contacts whose grants are replayed as separate `AccessGranted` events; the rest carry theirs in
 * `ContactAdded`. All-events (1) replays ~4M events at 1M contacts, which takes minutes (see docs/performance.md).
 */
const LATER_GRANTS = Number(process.env.BENCH_LATER_GRANTS ?? 0.05);

/** Pool sizes and batches: sub-microsecond queries are timed in batches, each sample the mean per call. */
const CAN_BATCH = 1024;
const CAN_CHUNKS = 8;
const PAIR_POOL = CAN_BATCH * CAN_CHUNKS;
const EXPLAIN_BATCH = 64;
const ACCESS_POOL = 4096;
const ACCESS_BATCH = 64;
const COMMAND_POOL = 512;

/** A summary of one case, in microseconds per call. */
export interface Figure {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export interface SizeResult {
  readonly contacts: number;
  readonly users: number;
  readonly teams: number;
  readonly grants: number;
  readonly events: number;
  readonly replayMs: number;
  readonly heapBytesPerContact: number;
  readonly heapUsedBytes: number;
  /** Extra heap while the state before one command stays alive beside the state after it. */
  readonly retainedPerVersionBytes: number;
  readonly partnerships: number;
  /** Length of the snapshot's JSON text. */
  readonly snapshotBytes: number;
  /** How long each peer took to build from the layout, and how big its policy is. */
  readonly peers: Record<string, { buildMs: number; size: string }>;
  readonly cases: Record<string, Figure>;
  /** immer over one plain record ÷ grantAccess through execute, medians. */
  readonly immerOverExecute: number;
}

const gc = (): void => {
  const collect = globalThis.gc;
  if (typeof collect !== "function") throw new Error("run with --expose-gc (bench/run.ts does this for you)");
  collect();
  collect();
};

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`assertion failed: ${what}`);
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

function figureOf(task: Task): Figure {
  const r = task.result;
  if (r.state !== "completed")
    throw new Error(`task ${task.name} did not complete: ${r.state === "errored" ? r.error.message : r.state}`);
  const samples = r.latency.samples;
  if (samples === undefined || samples.length === 0) throw new Error(`task ${task.name} kept no samples`);
  const us = (ms: number): number => ms * 1000;
  return {
    median: us(quantile(samples, 0.5)),
    p25: us(quantile(samples, 0.25)),
    p75: us(quantile(samples, 0.75)),
    min: us(samples[0] ?? 0),
    max: us(samples[samples.length - 1] ?? 0),
    samples: samples.length,
  };
}

/** A task body that runs `batch` calls and reports the mean per call as its sample. */
function batched(
  batch: number,
  body: (iteration: number) => void,
): () => { overriddenDuration: number; overriddenIterationCost: number } {
  let iteration = 0;
  return () => {
    const t0 = performance.now();
    body(iteration++);
    const ms = performance.now() - t0;
    return { overriddenDuration: ms / batch, overriddenIterationCost: ms };
  };
}

/** casbin checks every policy line per request, so it is measured up to this size (BENCH_CASBIN_MAX). */
const CASBIN_MAX = Number(process.env.BENCH_CASBIN_MAX ?? 1_000_000);

/** The `can` case's batches, asked of a peer, each batch's count of allowed answers checked. */
function peerBatch(
  peer: Peer,
  pu: readonly string[],
  pa: readonly Action[],
  pc: readonly string[],
  expectTrues: readonly number[],
) {
  return batched(CAN_BATCH, (it) => {
    const chunk = it % CAN_CHUNKS;
    const base = chunk * CAN_BATCH;
    let trues = 0;
    for (let j = base; j < base + CAN_BATCH; j++)
      if (peer.can(pu[j] as string, pa[j] as "view" | "edit", pc[j] as string)) trues++;
    if (trues !== expectTrues[chunk])
      throw new Error(`${peer.name}: ${trues} allowed in chunk ${chunk}, expected ${expectTrues[chunk]}`);
  });
}

const teamRef = (t: TeamInfo) => ({ kind: "team", teamId: t.id }) as const;
const LEVELS: readonly GrantLevel[] = ["view", "shared", "full"];

function grantOf(w: World, i: number, u: number): GrantLevel | null {
  for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++)
    if (w.grantUser[k] === u) return LEVELS[w.grantLevel[k] as number] as GrantLevel;
  return null;
}

/** A random team-account contact index. */
function teamContact(w: World, rng: Rng): number {
  for (;;) {
    const i = rng.int(w.size);
    if ((w.contactTeam[i] as number) >= 0) return i;
  }
}

interface GrantCase {
  readonly command: Command;
  readonly contactId: string;
  readonly userId: string;
  readonly level: GrantLevel;
}

/** grantAccess by the team's rainmaker to a member who is not the primary, at a level they do not hold. */
function grantCommands(w: World, rng: Rng): GrantCase[] {
  const out: GrantCase[] = [];
  while (out.length < COMMAND_POOL) {
    const i = teamContact(w, rng);
    const team = w.teams[w.contactTeam[i] as number] as TeamInfo;
    const candidates = team.members
      .map((m) => w.userIndex.get(m.userId) as number)
      .filter((u) => u !== w.primary[i] && w.users[u] !== team.rainmakerId);
    if (candidates.length === 0) continue;
    const u = rng.pick(candidates);
    const held = grantOf(w, i, u);
    const level = rng.pick(LEVELS.filter((l) => l !== held));
    const userId = w.users[u] as string;
    const id = contactId(i);
    out.push({
      command: {
        type: "grantAccess",
        actor: team.rainmakerId,
        at: AT,
        account: teamRef(team),
        contactId: id,
        userId,
        level,
      },
      contactId: id,
      userId,
      level,
    });
  }
  return out;
}

interface PrimaryCase {
  readonly command: Command;
  readonly contactId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * changePrimary as a reassignment (REA-1): the current primary hands the contact to another member (ASG-4; the
 * rainmaker's level alone does not allow it without the staff permission `editContactOwnership`).
 */
function primaryCommands(w: World, rng: Rng): PrimaryCase[] {
  const out: PrimaryCase[] = [];
  while (out.length < COMMAND_POOL) {
    const i = teamContact(w, rng);
    const team = w.teams[w.contactTeam[i] as number] as TeamInfo;
    const candidates = team.members
      .map((m) => m.userId)
      .filter((u) => u !== w.users[w.primary[i] as number] && u !== team.rainmakerId);
    if (candidates.length === 0) continue;
    const to = rng.pick(candidates);
    const id = contactId(i);
    out.push({
      command: {
        type: "changePrimary",
        actor: w.users[w.primary[i] as number] as string,
        at: AT,
        account: teamRef(team),
        contactId: id,
        userId: to,
      },
      contactId: id,
      from: w.users[w.primary[i] as number] as string,
      to,
    });
  }
  return out;
}

interface ShareCase {
  readonly command: Command;
  readonly contactId: string;
  readonly userId: string;
}

/**
 * shareContact by the team's rainmaker (SHR-3: inside a team the team's leader shares) with a standard member who
 * is not the primary and holds at most a `view` grant, so the share raises them to `shared` (SHR-1).
 */
function shareCommands(w: World, rng: Rng): ShareCase[] {
  const out: ShareCase[] = [];
  while (out.length < COMMAND_POOL) {
    const i = teamContact(w, rng);
    const team = w.teams[w.contactTeam[i] as number] as TeamInfo;
    const candidates = team.members
      .filter((m) => m.level === "standard")
      .map((m) => w.userIndex.get(m.userId) as number)
      .filter((u) => u !== w.primary[i] && (grantOf(w, i, u) === null || grantOf(w, i, u) === "view"));
    if (candidates.length === 0) continue;
    const userId = w.users[rng.pick(candidates)] as string;
    const id = contactId(i);
    out.push({
      command: { type: "shareContact", actor: team.rainmakerId, at: AT, account: teamRef(team), contactId: id, userId },
      contactId: id,
      userId,
    });
  }
  return out;
}

/** archiveContact by the team's rainmaker, who holds the staff card's archive permission (LIF-2). */
function archiveCommands(w: World, rng: Rng): { command: Command; contactId: string }[] {
  const out: { command: Command; contactId: string }[] = [];
  while (out.length < COMMAND_POOL) {
    const i = teamContact(w, rng);
    const team = w.teams[w.contactTeam[i] as number] as TeamInfo;
    const id = contactId(i);
    out.push({
      command: {
        type: "archiveContact",
        actor: team.rainmakerId,
        at: AT,
        account: teamRef(team),
        contactId: id,
        channel: "manual",
        reason: "notInterested",
      },
      contactId: id,
    });
  }
  return out;
}

/** Rows per import, and how many of them repeat an existing contact's email or an earlier row's. */
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const IMPORT_EXISTING = Math.round(IMPORT_ROWS * 0.1);
const IMPORT_REPEATS = Math.round(IMPORT_ROWS * 0.01);

/**
 * An import of IMPORT_ROWS rows into the measured agent's team by its rainmaker (LIF-1): 10% carry the email of a
 * contact already in that team (matched, not created), 1% repeat an earlier row of the batch (matched to the row's
 * new contact), the rest are new; a third of the rows carry a phone number, normalised to E.164.
 */
export function importCommand(w: World, rng: Rng): { command: Command; created: number; matched: number } {
  const team = w.teams[w.agentTeam] as TeamInfo;
  const existing: number[] = [];
  for (let i = 0; i < w.size && existing.length < IMPORT_EXISTING * 4; i++)
    if (w.contactTeam[i] === w.agentTeam) existing.push(i);
  const fresh = IMPORT_ROWS - IMPORT_EXISTING - IMPORT_REPEATS;
  const rows: { contactId: string; details: { name: string; emails: string[]; phones?: string[] } }[] = [];
  for (let k = 0; k < fresh; k++) {
    const details =
      k % 3 === 0
        ? {
            name: `Imported ${k}`,
            emails: [`imported${k}@example.net`],
            phones: [`+1 312 ${200 + Math.floor(k / 10_000)} ${String(k % 10_000).padStart(4, "0")}`],
          }
        : { name: `Imported ${k}`, emails: [`imported${k}@example.net`] };
    rows.push({ contactId: `i${k}`, details });
  }
  for (let k = 0; k < IMPORT_EXISTING; k++) {
    const i = existing[k % existing.length] as number;
    rows.push({
      contactId: `i${fresh + k}`,
      details: { name: `Contact ${i}`, emails: [`${contactId(i)}@example.com`] },
    });
  }
  for (let k = 0; k < IMPORT_REPEATS; k++) {
    const j = rng.int(fresh);
    rows.push({
      contactId: `i${fresh + IMPORT_EXISTING + k}`,
      details: { name: `Imported ${j}`, emails: [`imported${j}@example.net`] },
    });
  }
  const matched = IMPORT_EXISTING + IMPORT_REPEATS;
  return {
    command: { type: "importContacts", actor: team.rainmakerId, at: AT, account: teamRef(team), rows },
    created: IMPORT_ROWS - matched,
    matched,
  };
}

/** One timed call, in microseconds. */
function once(body: () => void): number {
  const t0 = performance.now();
  body();
  return (performance.now() - t0) * 1000;
}

/** A figure from a handful of single timings (slow cases that tinybench would run too few times to matter). */
function figureOfTimes(times: number[]): Figure {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    samples: sorted.length,
  };
}

function nextState(state: State, command: Command): State {
  const r = execute(state, command);
  if (E.isLeft(r)) throw new Error(`${command.type} refused: ${r.left.code} (${r.left.rule}) ${r.left.message}`);
  return r.right.state;
}

/** Builds the office of `size` contacts, asserts it, measures it. */
async function runSize(size: number): Promise<SizeResult> {
  const log = (msg: string): void => console.log(`[${size.toLocaleString("en")}] ${msg}`);
  const heapBefore = heapUsed();
  const world = makeWorld(size, SEED);
  let events: Event[] | null = worldEvents(world, LATER_GRANTS);
  const eventCount = events.length;
  // Every generated event must decode: a sample from the head (accounts) and across the log.
  const rng = mulberry32(SEED + size);
  for (let k = 0; k < 2000; k++) {
    const e = events[k < 1000 ? k : rng.int(eventCount)] as Event;
    const d = decodeEvent(e);
    if (E.isLeft(d)) throw new Error(`generated event ${e.type} does not decode: ${d.left.message}`);
  }
  const t0 = performance.now();
  const replayed = replay(events);
  const replayMs = performance.now() - t0;
  if (E.isLeft(replayed)) throw new Error(`the generated log does not replay: ${replayed.left.message}`);
  const state = replayed.right;
  events = null;
  log(`replay of ${eventCount.toLocaleString("en")} events: ${(replayMs / 1000).toFixed(1)} s`);
  check(state.contacts.size === size, `state holds ${size} contacts (has ${state.contacts.size})`);
  check(state.users.size === world.users.length, `state holds ${world.users.length} users`);
  check(state.teams.size === world.teams.length, `state holds ${world.teams.length} teams`);

  const heapAfter = heapUsed();
  const heapBytesPerContact = (heapAfter - heapBefore) / size;
  log(`heap: ${(heapAfter / 2 ** 20).toFixed(0)} MiB used, ${heapBytesPerContact.toFixed(0)} B per contact`);

  // ---- pools and their expected answers, from the layout's oracle ----
  const pu: string[] = [];
  const pc: string[] = [];
  const pa: Action[] = [];
  const expectAllowed: boolean[] = [];
  for (let j = 0; j < PAIR_POOL; j++) {
    const i = rng.int(size);
    let u: number;
    if (j % 2 === 0) u = rng.int(world.users.length);
    else {
      const ti = world.contactTeam[i] as number;
      const team =
        ti >= 0
          ? (world.teams[ti] as TeamInfo)
          : (world.teams[world.teamOfUser[world.contactUser[i] as number] as number] as TeamInfo);
      const r = rng.int(3);
      u =
        r === 0
          ? (world.primary[i] as number)
          : r === 1
            ? (world.userIndex.get(rng.pick(team.members).userId) as number)
            : (world.grantUser[world.grantStart[i] as number] as number);
    }
    const action: Action = rng.next() < 0.5 ? "view" : "edit";
    const level = levelOf(world, u, i);
    pu.push(world.users[u] as string);
    pc.push(contactId(i));
    pa.push(action);
    expectAllowed.push(action === "view" ? level !== null : level === "full");
  }
  const expectTrues: number[] = [];
  for (let k = 0; k < CAN_CHUNKS; k++)
    expectTrues.push(expectAllowed.slice(k * CAN_BATCH, (k + 1) * CAN_BATCH).filter(Boolean).length);
  const allowedShare = expectAllowed.filter(Boolean).length / PAIR_POOL;
  // Known pairs: the primary edits; a standard member of another team, with no grant, cannot view a team contact.
  {
    const i = teamContact(world, rng);
    check(
      can(state, world.users[world.primary[i] as number] as string, "edit", contactId(i)),
      "can: the primary may edit",
    );
    const outsider = world.users.findIndex(
      (_, u) => u > 0 && world.teamOfUser[u] !== world.contactTeam[i] && levelOf(world, u, i) === null,
    );
    check(
      outsider > 0 && !can(state, world.users[outsider] as string, "view", contactId(i)),
      "can: an outsider may not view",
    );
    for (let j = 0; j < PAIR_POOL; j++)
      check(
        can(state, pu[j] as string, pa[j] as Action, pc[j] as string) === expectAllowed[j],
        `can(${pu[j]}, ${pa[j]}, ${pc[j]}) = ${expectAllowed[j]}`,
      );
  }

  const accessIds: string[] = [];
  const accessExpect: number[] = [];
  for (let j = 0; j < ACCESS_POOL; j++) {
    const i = rng.int(size);
    accessIds.push(contactId(i));
    accessExpect.push(accessListSize(world, i));
  }
  for (let j = 0; j < ACCESS_POOL; j++) {
    const r = accessList(state, accessIds[j] as string);
    check(
      E.isRight(r) && r.right.length === accessExpect[j],
      `accessList(${accessIds[j]}) names ${accessExpect[j]} users`,
    );
  }

  check(agentVisibleCount(world) === VISIBLE_TARGET, `the layout gives ${world.agent} ${VISIBLE_TARGET} contacts`);
  {
    const visible = visibleContacts(state, world.agent);
    check(
      visible.length === VISIBLE_TARGET,
      `visibleContacts(${world.agent}) has ${VISIBLE_TARGET} ids (has ${visible.length})`,
    );
    const agentIndex = world.userIndex.get(world.agent) as number;
    check(new Set(visible).size === VISIBLE_TARGET, "visibleContacts ids are distinct");
    check(
      visible.every((id) => levelOf(world, agentIndex, Number(id.slice(1))) !== null),
      "visibleContacts names only contacts the agent may view",
    );
  }

  const grants = grantCommands(world, rng);
  for (const g of grants) {
    const before = getContact(state, g.contactId);
    const after = getContact(nextState(state, g.command), g.contactId);
    check(
      after?.grants.some((x) => x.userId === g.userId && x.level === g.level) === true,
      `grantAccess gives ${g.userId} ${g.level} on ${g.contactId}`,
    );
    check(
      getContact(state, g.contactId) === before &&
        before?.grants.some((x) => x.userId === g.userId && x.level === g.level) === false,
      "the base state is unchanged",
    );
  }
  const primaries = primaryCommands(world, rng);
  for (const p of primaries) {
    const after = getContact(nextState(state, p.command), p.contactId);
    if (after === undefined) throw new Error(`changePrimary lost ${p.contactId}`);
    check(after.primary === p.to, `changePrimary makes ${p.to} primary of ${p.contactId}`);
    check(
      after.grants.every((x) => x.userId !== p.to),
      "the new primary holds no grant besides",
    );
    const keeps = after.grants.some((x) => x.userId === p.from && x.level === "full");
    check(
      keeps === !state.configuration.revokeOnReassign,
      `REA-1: the previous primary ${state.configuration.revokeOnReassign ? "loses" : "keeps"} access`,
    );
    check(getContact(state, p.contactId)?.primary === p.from, "the base state is unchanged");
  }

  const shares = shareCommands(world, rng);
  for (const sh of shares) {
    const after = getContact(nextState(state, sh.command), sh.contactId);
    check(
      after?.grants.some((x) => x.userId === sh.userId && x.level === "shared") === true,
      `shareContact gives ${sh.userId} shared on ${sh.contactId} (SHR-1)`,
    );
    check(!can(state, sh.userId, "viewDetails", sh.contactId), "the base state is unchanged");
  }
  const archives = archiveCommands(world, rng);
  for (const a of archives) {
    const after = nextState(state, a.command);
    check(
      archiveOf(after, a.contactId)?.reason === "notInterested" && archiveOf(state, a.contactId) === undefined,
      `archiveContact archives ${a.contactId} (LIF-2)`,
    );
  }

  // ---- memory retained by keeping the previous state alive ----
  // Each command's successor shares all but the copied paths with the base; keeping both alive costs those
  // paths. One successor is within the heap's noise (tens of KB), so the figure is the mean over the pool.
  let retainedPerVersionBytes: number;
  {
    const h0 = heapUsed();
    let kept: State[] | null = grants.map((g) => nextState(state, g.command));
    const h1 = heapUsed();
    retainedPerVersionBytes = (h1 - h0) / kept.length;
    check(
      kept.every((s) => s.contacts.size === size),
      "successor states kept",
    );
    kept = null;
  }
  log(
    `extra heap per retained version (one grantAccess, mean of ${COMMAND_POOL}): ${retainedPerVersionBytes.toFixed(0)} B`,
  );

  // ---- timed cases ----
  const bench = new Bench({
    name: `${size} contacts`,
    time: TIME_MS,
    warmupTime: 100,
    iterations: 32,
    retainSamples: true,
    throws: true,
  });
  const add = (name: string, fn: () => unknown): void => void (wanted(name) && bench.add(name, fn as () => void));
  // The library goes through the same harness as the peers: a closure per check, each batch's answers counted.
  const library: Peer = {
    name: "crm-access",
    buildMs: replayMs,
    size: `${size} contacts`,
    can: (u, a, c) => can(state, u, a, c),
  };
  add("can", peerBatch(library, pu, pa, pc, expectTrues));
  add(
    "explain",
    batched(EXPLAIN_BATCH, (it) => {
      const base = (it * EXPLAIN_BATCH) % PAIR_POOL;
      for (let j = base; j < base + EXPLAIN_BATCH; j++) {
        if (explain(state, pu[j] as string, pa[j] as Action, pc[j] as string).allowed !== expectAllowed[j])
          throw new Error(`explain(${pu[j]}, ${pa[j]}, ${pc[j]}) is wrong`);
      }
    }),
  );
  add(
    "accessList",
    batched(ACCESS_BATCH, (it) => {
      const base = (it * ACCESS_BATCH) % ACCESS_POOL;
      for (let j = base; j < base + ACCESS_BATCH; j++) {
        const r = accessList(state, accessIds[j] as string);
        if (r._tag !== "Right" || r.right.length !== accessExpect[j])
          throw new Error(`accessList(${accessIds[j]}) is wrong`);
      }
    }),
  );
  // A paged listing for the user who sees the most (the office admin: every team contact): the first page, and a
  // page resumed from a cursor in the middle of the listing. Both should cost the page, not the visible set.
  const firstPage = visiblePage(state, world.admin, { limit: PAGE });
  if (E.isLeft(firstPage) || firstPage.right.contactIds.length !== PAGE || firstPage.right.next === null)
    throw new Error("visiblePage gives the admin no full first page");
  let cursor: string | null = firstPage.right.next;
  for (let k = 0; k < 20 && cursor !== null; k++) {
    const r = visiblePage(state, world.admin, { limit: PAGE, after: cursor });
    if (E.isLeft(r)) throw new Error(r.left.message);
    cursor = r.right.next;
  }
  if (cursor === null) throw new Error("the admin's listing ended within 21 pages");
  const middle = cursor;
  add(`visiblePage (first ${PAGE}, admin)`, () => {
    const r = visiblePage(state, world.admin, { limit: PAGE });
    if (E.isLeft(r) || r.right.contactIds.length !== PAGE) throw new Error("visiblePage returned a short first page");
  });
  add(`visiblePage (${PAGE} after a cursor, admin)`, () => {
    const r = visiblePage(state, world.admin, { limit: PAGE, after: middle });
    if (E.isLeft(r) || r.right.contactIds.length !== PAGE) throw new Error("visiblePage returned a short page");
  });
  add("visibleContacts (1k results)", () => {
    const v = visibleContacts(state, world.agent);
    if (v.length !== VISIBLE_TARGET) throw new Error(`visibleContacts returned ${v.length}`);
  });
  let gi = 0;
  add("execute grantAccess", () => {
    const r = execute(state, (grants[gi++ % COMMAND_POOL] as GrantCase).command);
    if (r._tag !== "Right") throw new Error(`grantAccess refused: ${r.left.message}`);
  });
  let pi = 0;
  add("execute changePrimary", () => {
    const r = execute(state, (primaries[pi++ % COMMAND_POOL] as PrimaryCase).command);
    if (r._tag !== "Right") throw new Error(`changePrimary refused: ${r.left.message}`);
  });
  let si = 0;
  add("execute shareContact", () => {
    const r = execute(state, (shares[si++ % COMMAND_POOL] as ShareCase).command);
    if (r._tag !== "Right") throw new Error(`shareContact refused: ${r.left.message}`);
  });
  let ai = 0;
  add("execute archiveContact", () => {
    const r = execute(state, (archives[ai++ % COMMAND_POOL] as { command: Command }).command);
    if (r._tag !== "Right") throw new Error(`archiveContact refused: ${r.left.message}`);
  });
  // ---- visibility as a filter (the consumer's side): a team lead and the measured agent ----
  // The oracle: the filter, applied to every contact's row (its account key), keeps exactly what the layout lets
  // the user view. The lead is the rainmaker of the agent's team: the team account whole, and their personal one.
  const lead = (world.teams[world.agentTeam] as TeamInfo).rainmakerId;
  const accountKeyOf = (i: number): string =>
    (world.contactTeam[i] as number) >= 0
      ? `team:${(world.teams[world.contactTeam[i] as number] as TeamInfo).id}`
      : `personal:${world.users[world.contactUser[i] as number] as string}`;
  const filters: Record<string, VisibilityFilter> = {};
  for (const who of [lead, world.agent]) {
    const r = visibilityFilter(state, who);
    if (E.isLeft(r)) throw new Error(`visibilityFilter(${who}) refused: ${r.left.message}`);
    const f = r.right;
    filters[who] = f;
    const accounts = new Set(f.accounts);
    const except = new Set(f.except);
    const ids = new Set(f.contacts);
    const u = world.userIndex.get(who) as number;
    let kept = 0;
    for (let i = 0; i < size; i++) {
      const id = contactId(i);
      const inFilter = (accounts.has(accountKeyOf(i)) && !except.has(id)) || ids.has(id);
      if (inFilter !== (levelOf(world, u, i) !== null))
        throw new Error(`visibilityFilter(${who}) ${inFilter ? "keeps" : "drops"} ${id}`);
      if (inFilter) kept++;
    }
    log(
      `visibilityFilter(${who}): ${f.accounts.length} accounts, ${f.except.length} excepted, ${f.contacts.length} ids held one by one; keeps ${kept.toLocaleString("en")} contacts`,
    );
  }
  check(
    filters[world.agent]?.contacts.length === VISIBLE_TARGET - 100,
    `the agent holds ${VISIBLE_TARGET - 100} team contacts one by one`,
  );
  add("visibilityFilter (team lead)", () => {
    const r = visibilityFilter(state, lead);
    if (E.isLeft(r) || r.right.accounts.length !== (filters[lead] as VisibilityFilter).accounts.length)
      throw new Error("visibilityFilter changed its answer");
  });
  add("visibilityFilter (agent)", () => {
    const r = visibilityFilter(state, world.agent);
    if (E.isLeft(r) || r.right.contacts.length !== VISIBLE_TARGET - 100)
      throw new Error("visibilityFilter changed its answer");
  });
  const leadVisible = visibleContacts(state, lead).length;
  add("visibleContacts (team lead, every id)", () => {
    if (visibleContacts(state, lead).length !== leadVisible) throw new Error("visibleContacts changed its answer");
  });
  // ---- the batch check against as many single checks: search hits for the agent, half of them visible ----
  for (const n of [100, 1000]) {
    const agentIndex = world.userIndex.get(world.agent) as number;
    const visible = visibleContacts(state, world.agent);
    const hits: string[] = [];
    for (let k = 0; k < n; k++)
      hits.push(k % 2 === 0 ? (visible[rng.int(visible.length)] as string) : contactId(rng.int(size)));
    const distinct = [...new Set(hits)];
    const allowed = distinct.filter((id) => levelOf(world, agentIndex, Number(id.slice(1))) !== null).length;
    check(
      filterPermitted(state, world.agent, "view", hits).length === allowed,
      `filterPermitted keeps the ${allowed} visible of ${n} hits`,
    );
    const label = n.toLocaleString("en");
    add(`filterPermitted (${label} ids)`, () => {
      if (filterPermitted(state, world.agent, "view", hits).length !== allowed)
        throw new Error("filterPermitted changed its answer");
    });
    const allowedCalls = hits.filter((id) => levelOf(world, agentIndex, Number(id.slice(1))) !== null).length;
    add(`can × ${label} (the same ids)`, () => {
      let yes = 0;
      for (const id of hits) if (can(state, world.agent, "view", id)) yes++;
      if (yes !== allowedCalls) throw new Error("can changed its answer");
    });
  }
  await bench.run();
  const cases: Record<string, Figure> = {};
  for (const task of bench.tasks) cases[task.name] = figureOf(task);

  // ---- snapshot write and read: toSnapshot → JSON text, and back through JSON.parse and fromSnapshot ----
  let snapshotBytes = 0;
  if (wanted("snapshot")) {
    const runs = size >= 500_000 ? 1 : 3;
    const writes: number[] = [];
    const reads: number[] = [];
    for (let k = 0; k < runs; k++) {
      let text = "";
      writes.push(
        once(() => {
          text = JSON.stringify(toSnapshot(state));
        }),
      );
      snapshotBytes = text.length;
      let read: State | null = null;
      reads.push(
        once(() => {
          const r = fromSnapshot(JSON.parse(text));
          if (E.isLeft(r)) throw new Error(`fromSnapshot refused its own snapshot: ${r.left.message}`);
          read = r.right;
        }),
      );
      const back = read as State | null;
      check(back !== null && back.contacts.size === size, "the snapshot read back holds every contact");
      if (back !== null)
        for (let j = 0; j < 256; j++)
          check(
            can(back, pu[j] as string, pa[j] as Action, pc[j] as string) === expectAllowed[j],
            "the snapshot read back answers can alike",
          );
    }
    cases["snapshot write (toSnapshot + JSON.stringify)"] = figureOfTimes(writes);
    cases["snapshot read (JSON.parse + fromSnapshot)"] = figureOfTimes(reads);
    log(`snapshot: ${(snapshotBytes / 2 ** 20).toFixed(0)} MiB of JSON`);
  }

  // ---- import of IMPORT_ROWS rows with deduplication (LIF-1), one command ----
  if (wanted(IMPORT_CASE)) {
    const imp = importCommand(world, rng);
    let result: { state: State; events: readonly Event[] } | null = null;
    const us = once(() => {
      const r = execute(state, imp.command);
      if (E.isLeft(r)) throw new Error(`import refused: ${r.left.message}`);
      result = r.right;
    });
    const done = result as { state: State; events: readonly Event[] } | null;
    const summary = done?.events.find((e) => e.type === "ContactsImported");
    check(
      summary?.type === "ContactsImported" &&
        summary.created === imp.created &&
        summary.matched === imp.matched &&
        summary.refused === 0,
      `import creates ${imp.created} and matches ${imp.matched} rows`,
    );
    check(done?.state.contacts.size === size + imp.created, "the imported contacts are in the state");
    cases[`import of ${IMPORT_ROWS / 1000}k rows (one command)`] = figureOfTimes([us]);
    log(
      `import of ${IMPORT_ROWS.toLocaleString("en")} rows: ${(us / 1e6).toFixed(1)} s (${Math.round(IMPORT_ROWS / (us / 1e6)).toLocaleString("en")} rows/s)`,
    );
  }

  // ---- the naive baseline: immer over ONE plain record holding every contact ----
  if (wanted("immer produce over one Record")) {
    const record: Record<string, Contact> = {};
    for (const id of contactIds(state)) record[id] = getContact(state, id) as Contact;
    const base = freeze(record);
    const change = (g: GrantCase) =>
      produce(base, (d) => {
        const c = d[g.contactId];
        if (c === undefined) throw new Error(`no ${g.contactId}`);
        c.grants = [...c.grants.filter((x) => x.userId !== g.userId), { userId: g.userId, level: g.level }].sort(
          (a, b) => (a.userId < b.userId ? -1 : 1),
        );
      });
    const probe = grants[0] as GrantCase;
    const changed = change(probe);
    check(
      changed !== base &&
        changed[probe.contactId]?.grants.some((x) => x.userId === probe.userId && x.level === probe.level) === true,
      "immer baseline applies the grant",
    );
    check(base[probe.contactId] === getContact(state, probe.contactId), "immer baseline leaves the base unchanged");
    const slow = size >= 500_000;
    const baseline = new Bench({
      name: "baseline",
      time: slow ? 0 : TIME_MS,
      warmupTime: slow ? 0 : 50,
      warmupIterations: slow ? 1 : 4,
      iterations: slow ? 5 : 16,
      retainSamples: true,
      throws: true,
    });
    let bi = 0;
    baseline.add("immer produce over one Record", () => {
      const g = grants[bi++ % COMMAND_POOL] as GrantCase;
      const next = change(g);
      if (next[g.contactId]?.grants.some((x) => x.userId === g.userId) !== true)
        throw new Error("immer baseline lost the grant");
    });
    await baseline.run();
    for (const task of baseline.tasks) cases[task.name] = figureOf(task);
  }
  // ---- peers answering the same `can` pairs with the same policy (bench/peers.ts) ----
  const peers: Record<string, { buildMs: number; size: string }> = {};
  if (wanted("floor can")) {
    // The mutable-Map floor (bench/peers.ts): measured in its own bench right after the library's cases.
    const floor = floorPeer(world);
    for (let j = 0; j < PAIR_POOL; j++)
      check(
        floor.can(pu[j] as string, pa[j] as "view" | "edit", pc[j] as string) === expectAllowed[j],
        `floor can(${pu[j]}, ${pa[j]}, ${pc[j]}) = ${expectAllowed[j]}`,
      );
    peers[floor.name] = { buildMs: floor.buildMs, size: floor.size };
    const floorBench = new Bench({
      name: "floor",
      time: TIME_MS,
      warmupTime: 100,
      iterations: 32,
      retainSamples: true,
      throws: true,
    });
    floorBench.add("floor can", peerBatch(floor, pu, pa, pc, expectTrues));
    await floorBench.run();
    for (const task of floorBench.tasks) cases[task.name] = figureOf(task);
  }
  if (wanted("CASL can")) {
    const casl = caslPeer(world);
    for (let j = 0; j < PAIR_POOL; j++)
      check(
        casl.can(pu[j] as string, pa[j] as "view" | "edit", pc[j] as string) === expectAllowed[j],
        `CASL can(${pu[j]}, ${pa[j]}, ${pc[j]}) = ${expectAllowed[j]}`,
      );
    peers[casl.name] = { buildMs: casl.buildMs, size: casl.size };
    const peerBench = new Bench({
      name: "peers",
      time: TIME_MS,
      warmupTime: 100,
      iterations: 32,
      retainSamples: true,
      throws: true,
    });
    peerBench.add("CASL can", peerBatch(casl, pu, pa, pc, expectTrues));
    await peerBench.run();
    for (const task of peerBench.tasks) cases[task.name] = figureOf(task);
  }
  if (size <= CASBIN_MAX && wanted("casbin can")) {
    const casbin: Peer = await casbinPeer(world);
    peers[casbin.name] = { buildMs: casbin.buildMs, size: casbin.size };
    const calls = size <= 10_000 ? 16 : size <= 100_000 ? 6 : 3;
    const times: number[] = [];
    for (let j = 0; j < calls; j++) {
      let answer = false;
      times.push(
        once(() => {
          answer = casbin.can(pu[j] as string, pa[j] as "view" | "edit", pc[j] as string);
        }),
      );
      check(answer === expectAllowed[j], `casbin enforce(${pu[j]}, ${pc[j]}, ${pa[j]}) = ${expectAllowed[j]}`);
    }
    cases["casbin can"] = figureOfTimes(times);
    log(
      `casbin: ${casbin.size}, built in ${(casbin.buildMs / 1000).toFixed(1)} s; ${fmtUs((cases["casbin can"] as Figure).median)} per check`,
    );
  }
  const immerOverExecute =
    (cases["immer produce over one Record"]?.median ?? Number.NaN) /
    (cases["execute grantAccess"]?.median ?? Number.NaN);
  log(
    `measured; ${(allowedShare * 100).toFixed(0)}% of can pairs allowed; immer/execute = ${immerOverExecute.toFixed(1)}x`,
  );

  return {
    contacts: size,
    users: world.users.length,
    partnerships: world.partnerships.length,
    snapshotBytes,
    peers,
    teams: world.teams.length,
    grants: world.grantUser.length,
    events: eventCount,
    replayMs,
    heapBytesPerContact,
    heapUsedBytes: heapAfter,
    retainedPerVersionBytes,
    cases,
    immerOverExecute,
  };
}

// ---------------------------------------------------------------- reporting

/** The page length of the paged-listing cases. */
const PAGE = 50;
const IMPORT_CASE = `import of ${IMPORT_ROWS / 1000}k rows (one command)`;
const CASE_ORDER = [
  "can",
  "floor can",
  "CASL can",
  "casbin can",
  "explain",
  "accessList",
  "visibleContacts (1k results)",
  "visibleContacts (team lead, every id)",
  "visibilityFilter (team lead)",
  "visibilityFilter (agent)",
  "filterPermitted (100 ids)",
  "can × 100 (the same ids)",
  "filterPermitted (1,000 ids)",
  "can × 1,000 (the same ids)",
  `visiblePage (first ${PAGE}, admin)`,
  `visiblePage (${PAGE} after a cursor, admin)`,
  "execute grantAccess",
  "execute changePrimary",
  "execute shareContact",
  "execute archiveContact",
  "immer produce over one Record",
  IMPORT_CASE,
  "snapshot write (toSnapshot + JSON.stringify)",
  "snapshot read (JSON.parse + fromSnapshot)",
];

/** `a`'s median over `b`'s, when both were measured. */
function ratioOf(r: SizeResult, a: string, b: string): number | undefined {
  const x = r.cases[a];
  const y = r.cases[b];
  return x === undefined || y === undefined ? undefined : x.median / y.median;
}
const times = (x: number | undefined): string =>
  x === undefined ? "–" : x >= 100 ? `${Math.round(x).toLocaleString("en")}×` : `${x.toFixed(2)}×`;

function fmtUs(us: number): string {
  if (us >= 1_000_000) return `${(us / 1_000_000).toFixed(2)} s`;
  if (us >= 10_000) return `${(us / 1000).toFixed(0)} ms`;
  if (us >= 1000) return `${(us / 1000).toFixed(1)} ms`;
  if (us >= 100) return `${us.toFixed(0)} µs`;
  if (us >= 10) return `${us.toFixed(1)} µs`;
  return `${us.toFixed(2)} µs`;
}

const sizeLabel = (n: number): string =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);

interface Target {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export function table(results: readonly SizeResult[], ratios: Record<string, number>): string {
  const head = `| case (median, p25–p75 per call) | ${results.map((r) => sizeLabel(r.contacts)).join(" | ")} |`;
  const rule = `|---|${results.map(() => "---|").join("")}`;
  const rows = CASE_ORDER.map((name) => {
    const cells = results.map((r) => {
      const f = r.cases[name];
      return f === undefined ? "–" : `${fmtUs(f.median)} (${fmtUs(f.p25)}–${fmtUs(f.p75)})`;
    });
    return `| ${name} | ${cells.join(" | ")} |`;
  });
  const extra = [
    `| can ÷ floor can (the mutable-Map floor) | ${results.map((r) => times(ratioOf(r, "can", "floor can"))).join(" | ")} |`,
    `| CASL can ÷ can | ${results.map((r) => times(ratioOf(r, "CASL can", "can"))).join(" | ")} |`,
    `| casbin can ÷ can | ${results.map((r) => times(ratioOf(r, "casbin can", "can"))).join(" | ")} |`,
    `| filterPermitted (100 ids) ÷ can × 100 | ${results.map((r) => times(ratioOf(r, "filterPermitted (100 ids)", "can × 100 (the same ids)"))).join(" | ")} |`,
    `| filterPermitted (1,000 ids) ÷ can × 1,000 | ${results.map((r) => times(ratioOf(r, "filterPermitted (1,000 ids)", "can × 1,000 (the same ids)"))).join(" | ")} |`,
    `| visibleContacts (team lead) ÷ visibilityFilter (team lead) | ${results.map((r) => times(ratioOf(r, "visibleContacts (team lead, every id)", "visibilityFilter (team lead)"))).join(" | ")} |`,
    `| immer baseline ÷ execute grantAccess | ${results.map((r) => `${Math.round(r.immerOverExecute).toLocaleString("en")}×`).join(" | ")} |`,
    `| snapshot JSON size | ${results.map((r) => `${(r.snapshotBytes / 2 ** 20).toFixed(0)} MiB`).join(" | ")} |`,
    `| replay of N events (build) | ${results.map((r) => `${(r.replayMs / 1000).toFixed(1)} s, N = ${r.events.toLocaleString("en")}`).join(" | ")} |`,
    `| heap per contact (after GC) | ${results.map((r) => `${r.heapBytesPerContact.toFixed(0)} B`).join(" | ")} |`,
    `| extra heap kept by the previous state (1 command) | ${results.map((r) => `${(r.retainedPerVersionBytes / 1024).toFixed(1)} KiB`).join(" | ")} |`,
  ];
  const ratioLines = Object.entries(ratios).map(
    ([name, r]) =>
      `| ${name}: median at 1M ÷ median at 10k | ${results.map((_, k) => (k === results.length - 1 ? `${r.toFixed(2)}` : "")).join(" | ")} |`,
  );
  return [head, rule, ...rows, ...extra, ...ratioLines].join("\n");
}

function targetsOf(results: readonly SizeResult[], ratios: Record<string, number>): Target[] {
  const largest = results[results.length - 1];
  const smallest = results[0];
  if (largest === undefined || smallest === undefined) return [];
  const at = sizeLabel(largest.contacts);
  const med = (name: string): number => (largest.cases[name] as Figure | undefined)?.median ?? Number.NaN;
  const targets: Target[] = [
    { name: `can median at ${at}`, target: "≤ 1 µs", measured: fmtUs(med("can")), met: med("can") <= 1 },
  ];
  // #15: within 1.5× of the mutable-Map floor measured in the same run, and ahead of CASL, at every size.
  for (const r of results) {
    const label = sizeLabel(r.contacts);
    const overFloor = ratioOf(r, "can", "floor can");
    if (overFloor !== undefined)
      targets.push({
        name: `can within 1.5× of the mutable-Map floor at ${label} (can ÷ floor)`,
        target: "≤ 1.5×",
        measured: times(overFloor),
        met: overFloor <= 1.5,
      });
    const casl = ratioOf(r, "CASL can", "can");
    if (casl !== undefined)
      targets.push({
        name: `can ahead of CASL at ${label} (CASL ÷ can)`,
        target: "≥ 1×",
        measured: times(casl),
        met: casl >= 1,
      });
  }
  const casbin = ratioOf(largest, "casbin can", "can");
  if (casbin !== undefined)
    targets.push({
      name: `can ÷ casbin at ${at} (casbin ÷ can)`,
      target: "≥ 10,000×",
      measured: times(casbin),
      met: casbin >= 10_000,
    });
  for (const name of [
    "execute grantAccess",
    "execute changePrimary",
    "execute shareContact",
    "execute archiveContact",
  ]) {
    targets.push({
      name: `${name} median at ${at}`,
      target: "≤ 20 µs",
      measured: fmtUs(med(name)),
      met: med(name) <= 20,
    });
  }
  for (const [name, r] of Object.entries(ratios))
    targets.push({ name: `${name} 1M ÷ 10k`, target: "≤ 2", measured: r.toFixed(2), met: r <= 2 });
  targets.push({
    name: `immer baseline ÷ execute grantAccess at ${at}`,
    target: "≥ 10,000×",
    measured: times(largest.immerOverExecute),
    met: largest.immerOverExecute >= 10_000,
  });
  targets.push({
    name: `${IMPORT_CASE} at ${at}`,
    target: "≤ 1 s",
    measured: fmtUs(med(IMPORT_CASE)),
    met: med(IMPORT_CASE) <= 1_000_000,
  });
  const million = results.find((r) => r.events >= 1_000_000);
  if (million !== undefined) {
    const perMillion = (million.replayMs / million.events) * 1e6;
    targets.push({
      name: "replay of 1M events",
      target: "≤ 3 s",
      measured: `${(perMillion / 1e3).toFixed(1)} s per 1M (${(million.replayMs / 1e3).toFixed(1)} s for ${million.events.toLocaleString("en")})`,
      met: perMillion <= 3_000,
    });
  }
  targets.push({
    name: `visibleContacts (1k results) median at ${at}`,
    target: "≤ 100 µs",
    measured: fmtUs(med("visibleContacts (1k results)")),
    met: med("visibleContacts (1k results)") <= 100,
  });
  const paged = `visiblePage (first ${PAGE}, admin)`;
  targets.push({
    name: `${paged} median at ${at}`,
    target: "≤ 100 µs",
    measured: fmtUs(med(paged)),
    met: med(paged) <= 100,
  });
  if (smallest !== largest) {
    const pageGrowth = med(paged) / (smallest.cases[paged]?.median ?? Number.NaN);
    targets.push({
      name: `${paged} independent of size (median ${at} ÷ ${sizeLabel(smallest.contacts)})`,
      target: "≤ 1.2",
      measured: pageGrowth.toFixed(2),
      met: pageGrowth <= 1.2,
    });
  }
  if (smallest !== largest) {
    const accessGrowth = med("accessList") / (smallest.cases.accessList?.median ?? Number.NaN);
    targets.push({
      name: `accessList independent of size (median ${at} ÷ ${sizeLabel(smallest.contacts)})`,
      target: "≤ 1.2",
      measured: accessGrowth.toFixed(2),
      met: accessGrowth <= 1.2,
    });
  }
  targets.push({
    name: `heap per contact at ${at}`,
    target: "≤ 700 B",
    measured: `${largest.heapBytesPerContact.toFixed(0)} B`,
    met: largest.heapBytesPerContact <= 700,
  });
  const extraShare = largest.retainedPerVersionBytes / largest.heapBytesPerContact / largest.contacts;
  targets.push({
    name: `previous state kept after one command at ${at}`,
    target: "≤ 0.1% extra",
    measured: `${(extraShare * 100).toFixed(5)}% (${(largest.retainedPerVersionBytes / 1024).toFixed(1)} KiB)`,
    met: extraShare <= 0.001,
  });
  return targets;
}

/** The code measured: the commit and any uncommitted changes under src/ when the run started. */
function provenance(): { commit: string; dirtySrc: string[] } {
  const git = (...args: string[]): string => {
    try {
      return execFileSync("git", args, { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  return {
    commit: git("rev-parse", "HEAD") || "unknown",
    dirtySrc: git("status", "--porcelain", "--", "src")
      .split("\n")
      .filter((l) => l !== ""),
  };
}

/** A machine-speed yardstick for comparing runs across machines: 10^8 iterations of a trivial integer loop. */
function yardstickMs(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 1e8; i++) s += i ^ (s >>> 3);
  const ms = performance.now() - t0;
  if (s === 0.5) console.log(s);
  return ms;
}

export async function main(): Promise<void> {
  console.log(
    `crm-access benchmarks — sizes ${SIZES.map(sizeLabel).join(", ")}, ${TIME_MS} ms per task, node ${process.version}`,
  );
  const code = provenance();
  console.log(
    `code: ${code.commit.slice(0, 12)}${code.dirtySrc.length > 0 ? ` + uncommitted src changes: ${code.dirtySrc.join(", ")}` : ""}`,
  );
  const yardstick = yardstickMs();
  const loadBefore = os.loadavg();
  console.log(`yardstick ${yardstick.toFixed(0)} ms; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`);
  const started = performance.now();
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    results.push(await runSize(size));
    gc();
  }
  const ratios: Record<string, number> = {};
  const growth: Record<string, number> = {};
  const small = results.find((r) => r.contacts === 10_000);
  const large = results.find((r) => r.contacts === 1_000_000);
  if (small !== undefined && large !== undefined) {
    for (const name of [
      "execute grantAccess",
      "execute changePrimary",
      "execute shareContact",
      "execute archiveContact",
    ]) {
      const a = large.cases[name];
      const b = small.cases[name];
      if (a !== undefined && b !== undefined) ratios[name] = a.median / b.median;
    }
    // Growth only, no target: the lead's filter reads their own index, which grows with the office.
    for (const name of [
      "visibilityFilter (team lead)",
      "visibilityFilter (agent)",
      "visibleContacts (team lead, every id)",
    ]) {
      const a = large.cases[name];
      const b = small.cases[name];
      if (a !== undefined && b !== undefined) growth[name] = a.median / b.median;
    }
  }
  const targets = targetsOf(results, ratios).filter((t) => !t.measured.includes("NaN")); // cases left out by BENCH_CASES
  const md = [
    table(results, ratios),
    ...Object.entries(growth).map(
      ([name, r]) =>
        `| ${name}: median at 1M ÷ median at 10k | ${results.map((_, k) => (k === results.length - 1 ? r.toFixed(2) : "")).join(" | ")} |`,
    ),
  ].join("\n");
  console.log(`\n${md}\n`);
  for (const t of targets) console.log(`${t.met ? "MET   " : "MISSED"}  ${t.name}: ${t.measured} (target ${t.target})`);
  const cpus = os.cpus();
  const out = {
    machine: {
      cpu: cpus[0]?.model ?? "unknown",
      cores: cpus.length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      arch: os.arch(),
    },
    code,
    yardstickMs: Math.round(yardstick),
    loadAverage: { before: loadBefore, after: os.loadavg() },
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
    config: {
      sizes: SIZES,
      timeMsPerTask: TIME_MS,
      seed: SEED,
      laterGrants: LATER_GRANTS,
      batches: { can: CAN_BATCH, explain: EXPLAIN_BATCH, accessList: ACCESS_BATCH },
      unit: "µs per call",
    },
    totalSeconds: Math.round((performance.now() - started) / 1000),
    sizes: results,
    ratios1Mover10k: ratios,
    growth1Mover10k: growth,
    targets,
    table: md,
  };
  const path = fileURLToPath(new URL(`./${process.env.BENCH_OUT ?? "results.json"}`, import.meta.url));
  writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${path} (${out.totalSeconds} s in all)`);
}
