/**
 * `npm run bench:heap`: where the heap per contact goes (#15's ≤ 700 B row). Builds the suite's world at each size
 * (BENCH_SIZES, default 100k), replays it, then drops one part of the state at a time and measures, after a full
 * GC, how much heap that part alone held: each index, the contact trie's own nodes and buckets, the contact records,
 * and the details (strings and arrays) the records carry. Parts that share objects (the contact records are reached
 * from the contact trie only; ids are shared by keys and records) are counted where dropping them frees the memory.
 * Needs `--expose-gc` (the script re-runs itself with it).
 */
import { spawnSync } from "node:child_process";
import * as E from "fp-ts/lib/Either.js";
import { emptyMap, fromEntries, values, type PersistentMap } from "../src/collections/persistent-map.js";
import type { Contact } from "../src/contacts/model.js";
import { replay, type State } from "../src/index.js";
import { makeWorld, worldEvents } from "./world.js";

if (typeof globalThis.gc !== "function") {
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=12000", ...process.execArgv, ...process.argv.slice(1)],
    { stdio: "inherit" },
  );
  process.exit(child.status ?? 1);
}

const gc = globalThis.gc as () => void;
const heapUsed = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const SIZES = (process.env.BENCH_SIZES ?? "100000").split(",").map(Number);
const INDEXES = [
  "contactsByAccount",
  "contactsByUser",
  "contactsByPoint",
  "shared",
  "files",
  "archive",
  "contactAssets",
] as const satisfies readonly (keyof State)[];

/**
 * Heap held by whatever `drop` makes unreachable: measured with the state alive, then with `drop`'s result alive.
 * The second measurement is taken after `replace` returns: the interpreter keeps a frame's temporaries (the old
 * state among them) alive until the frame ends.
 */
function heldBy(holder: { state: State | null }, drop: (s: State) => State): number {
  const before = heapUsed();
  replace(holder, drop);
  return before - heapUsed();
}
function replace(holder: { state: State | null }, drop: (s: State) => State): void {
  holder.state = drop(holder.state as State);
}

/** The contact records into `records`, in a frame of its own (see `heldBy`). */
function collect(records: Contact[], state: State): void {
  for (const c of values(state.contacts)) records.push(c);
}

/** The suite's state at `size` contacts; nothing else keeps a reference to it. */
function build(size: number): State {
  // As a service reads them: through JSON text, so every string is flat (built strings are rope-like cons strings).
  const events = worldEvents(makeWorld(size), 0.05);
  const replayed = replay(process.env.BENCH_BUILT === "1" ? events : JSON.parse(JSON.stringify(events)));
  if (E.isLeft(replayed)) throw new Error(replayed.left.message);
  return replayed.right;
}

for (const size of SIZES) {
  const holder: { state: State | null } = { state: build(size) };
  const rows: [string, number][] = [];
  const base = heapUsed();
  for (const key of INDEXES) rows.push([key, heldBy(holder, (s) => ({ ...s, [key]: emptyMap() }))]);
  // The contact records without their details, then the trie alone over records that stay alive elsewhere.
  const records: Contact[] = [];
  collect(records, holder.state as State);
  const detailsHeld = heldBy(holder, (s) => {
    const lean = fromEntries(records.map((c) => [c.id, { ...c, details: { name: "" } }] as const));
    records.length = 0;
    records.push(...values(lean));
    return { ...s, contacts: lean as PersistentMap<Contact> };
  });
  rows.push(["contact details (name, emails, phones: strings and arrays)", detailsHeld]);
  const trieHeld = heldBy(holder, (s) => ({ ...s, contacts: emptyMap<Contact>() }));
  rows.push(["contact trie (nodes, buckets, hashes; records kept)", trieHeld]);
  const recordsHeld = heldBy(holder, (s) => {
    records.length = 0;
    return s;
  });
  rows.push(["contact records without details (and their ids, grants)", recordsHeld]);
  holder.state = null;
  const rest = heapUsed();
  const total = base - rest;
  const listed = rows.reduce((n, [, b]) => n + b, 0);
  rows.push(["everything else (users, teams, plans, …)", total - listed]);
  console.log(`\n${size.toLocaleString("en")} contacts: ${(total / size).toFixed(0)} B per contact in all`);
  console.log("| part | B per contact | share |\n|---|---|---|");
  for (const [name, bytes] of rows)
    console.log(`| ${name} | ${(bytes / size).toFixed(0)} | ${((100 * bytes) / total).toFixed(1)}% |`);
}
