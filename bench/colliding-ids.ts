/**
 * `npm run bench:collisions`: SEC-9 measured. One office, the same commands and queries, run side by side on two
 * sets of contact ids of equal length: ordinary ids, and ids chosen so that every one has the same 30-bit hash the
 * contact store routes by (test/support/colliding-ids.ts). Prints each operation's median for both and their
 * ratio, checks that both offices answer alike, and writes `bench/results-collisions.json`.
 *
 * Environment: `BENCH_COLLIDING=20000` sets how many contacts are imported (default 20,000).
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import {
  can,
  execute,
  fromSnapshot,
  replay,
  toSnapshot,
  visibleContacts,
  visiblePage,
  type Command,
  type Event,
  type State,
} from "../src/index.js";
import { AT, TEAM, TEAM_OFFICE_COMMANDS, run } from "../test/support/office.js";
import { collidingIds, fnv30 } from "../test/support/colliding-ids.js";
import { mulberry32 } from "./prng.js";

const N = Number(process.env.BENCH_COLLIDING ?? 20_000);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** `count` ordinary ids as long as the colliding ones, from a fixed seed. */
function ordinaryIds(count: number, length: number): string[] {
  const rng = mulberry32(0x1d5);
  const ids = new Set<string>();
  while (ids.size < count) {
    let id = "c-";
    while (id.length < length) id += ALPHABET[rng.int(64)];
    ids.add(id);
  }
  return [...ids];
}

function must<T>(r: E.Either<{ message: string }, T>): T {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[s.length >> 1] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

interface Office {
  readonly ids: readonly string[];
  readonly extra: readonly string[];
  readonly log: Event[];
  state: State;
}

const importOf = (ids: readonly string[]): Command => ({
  type: "importContacts",
  actor: "rain",
  at: AT,
  account: TEAM,
  rows: ids.map((contactId, i) => ({
    contactId,
    details: { name: `Contact ${i}`, emails: [`contact${i}@example.net`] },
  })),
});

function build(ids: readonly string[], extra: readonly string[]): Office {
  const imported = must(execute(BASE.state, importOf(ids)));
  return { ids, extra, log: [...BASE_EVENTS, ...imported.events], state: imported.state };
}

const BASE = run(initial(), ...TEAM_OFFICE_COMMANDS);
const BASE_EVENTS = BASE.events;
function initial(): State {
  return must(replay([]));
}

/** Microseconds per call of `fn` over `calls` calls, one sample. */
function sample(fn: (i: number) => unknown, calls: number): number {
  let sink = 0;
  const t = performance.now();
  for (let i = 0; i < calls; i++) if (fn(i) !== undefined) sink++;
  const us = ((performance.now() - t) * 1000) / calls;
  if (sink < 0) throw new Error("unreachable");
  return us;
}

type Operation = {
  readonly name: string;
  readonly calls: number;
  readonly samples: number;
  readonly run: (o: Office, i: number) => unknown;
};

const OPERATIONS: Operation[] = [
  {
    name: `import of ${N.toLocaleString("en")} rows (one command)`,
    calls: 1,
    samples: 5,
    run: (o) => must(execute(BASE.state, importOf(o.ids))),
  },
  {
    name: "add one contact",
    calls: 200,
    samples: 9,
    run: (o, i) =>
      must(
        execute(o.state, {
          type: "addContact",
          actor: "amy",
          at: AT,
          account: TEAM,
          contactId: o.extra[i % o.extra.length] as string,
          channel: "manual",
          details: { name: "New" },
        }),
      ),
  },
  {
    name: "grant access",
    calls: 200,
    samples: 9,
    run: (o, i) =>
      must(
        execute(o.state, {
          type: "grantAccess",
          actor: "rain",
          at: AT,
          account: TEAM,
          contactId: o.ids[(i * 7919) % o.ids.length] as string,
          userId: "bob",
          level: "full",
        }),
      ),
  },
  {
    name: "can (view, agent)",
    calls: 20_000,
    samples: 9,
    run: (o, i) => can(o.state, "amy", "view", o.ids[(i * 7919) % o.ids.length] as string),
  },
  { name: "visiblePage of 50", calls: 200, samples: 9, run: (o) => must(visiblePage(o.state, "rain", { limit: 50 })) },
  { name: "visibleContacts (rainmaker)", calls: 3, samples: 5, run: (o) => visibleContacts(o.state, "rain") },
  {
    name: "toSnapshot + fromSnapshot",
    calls: 1,
    samples: 5,
    run: (o) => must(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(o.state))))),
  },
  { name: "replay of the log", calls: 1, samples: 5, run: (o) => must(replay(o.log)) },
];

export function main(): void {
  const colliding = collidingIds(N + 200);
  const length = (colliding[0] as string).length;
  const ordinary = ordinaryIds(N + 200, length);
  if (new Set(colliding.map(fnv30)).size !== 1) throw new Error("the colliding ids do not collide");
  const offices = {
    ordinary: build(ordinary.slice(0, N), ordinary.slice(N)),
    colliding: build(colliding.slice(0, N), colliding.slice(N)),
  };
  // Both offices answer alike: the same visible count and the same verdicts for the same positions.
  const rows = Object.values(offices).map((o) => [
    visibleContacts(o.state, "rain").length,
    visibleContacts(o.state, "amy").length,
    o.ids.filter((id, i) => i % 97 === 0 && can(o.state, "amy", "view", id)).length,
  ]);
  if (JSON.stringify(rows[0]) !== JSON.stringify(rows[1]))
    throw new Error(`the offices answer differently: ${JSON.stringify(rows)}`);
  console.log(
    `${N.toLocaleString("en")} contacts, ids of ${length} characters, node ${process.version}, ${os.cpus().length} CPUs`,
  );
  const results: Record<string, { ordinaryUs: number; collidingUs: number; ratio: number }> = {};
  for (const op of OPERATIONS) {
    const times: Record<"ordinary" | "colliding", number[]> = { ordinary: [], colliding: [] };
    // Side by side: the two offices alternate, so load on the machine falls on both alike.
    for (let s = 0; s < op.samples; s++)
      for (const kind of s % 2 === 0 ? (["ordinary", "colliding"] as const) : (["colliding", "ordinary"] as const)) {
        const office = offices[kind];
        times[kind].push(sample((i) => op.run(office, i), op.calls));
      }
    const ordinaryUs = median(times.ordinary);
    const collidingUs = median(times.colliding);
    results[op.name] = { ordinaryUs, collidingUs, ratio: collidingUs / ordinaryUs };
    console.log(
      `${op.name.padEnd(40)} ordinary ${fmt(ordinaryUs).padStart(10)}  colliding ${fmt(collidingUs).padStart(10)}  ×${(collidingUs / ordinaryUs).toFixed(2)}`,
    );
  }
  const worst = Math.max(...Object.values(results).map((r) => r.ratio));
  console.log(`worst ratio ×${worst.toFixed(2)} (SEC-9 asks ≤ ×3)`);
  const out = fileURLToPath(new URL("./results-collisions.json", import.meta.url));
  writeFileSync(
    out,
    `${JSON.stringify({ contacts: N, idLength: length, node: process.version, cpus: os.cpus().length, results, worst }, null, 2)}\n`,
  );
}

function fmt(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : `${us.toFixed(2)} µs`;
}

main();
