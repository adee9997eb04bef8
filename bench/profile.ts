/**
 * A CPU-profile harness for benchmark cases, outside tinybench so the profile holds nothing but the cases:
 *
 *   node --max-old-space-size=16384 --cpu-prof --cpu-prof-dir=/tmp/crm-prof --import tsx bench/profile.ts can,visibleContacts [contacts] [seconds]
 *   node bench/cpuprofile-summary.mjs <largest file in /tmp/crm-prof> 25 40 measured_can
 *
 * Cases (comma-separated, each run for `seconds`): can, explain, accessList, visibleContacts, grantAccess,
 * changePrimary, import (one import of the suite's 100k rows per call); or `replay` alone to profile the build. The state has the suite's layout, with every contact's
 * grants folded into its `ContactAdded` so it builds faster (`replay` uses one `AccessGranted` per grant).
 */
import * as E from "fp-ts/lib/Either.js";
import { accessList, can, execute, explain, replay, visibleContacts, type Command, type State } from "../src/index.js";
import { mulberry32 } from "./prng.js";
import { importCommand } from "./suite.js";
import { contactId, makeWorld, worldEvents, type TeamInfo, type World } from "./world.js";

function grantOf(w: World, i: number, u: number): string | null {
  for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++)
    if (w.grantUser[k] === u) return ["view", "shared", "full"][w.grantLevel[k] as number] ?? null;
  return null;
}

const which = process.argv[2] ?? "can";
const size = Number(process.argv[3] ?? 100_000);
const seconds = Number(process.argv[4] ?? 5);
const world = makeWorld(size);
/** In a function of its own, so that nothing keeps the event log alive once the state is built. */
function build(): State {
  const replayed = replay(worldEvents(world, which === "replay" ? 1 : 0));
  if (E.isLeft(replayed)) throw new Error(replayed.left.message);
  return replayed.right;
}
const t0 = performance.now();
const state = build();
console.log(
  `built ${size} contacts in ${((performance.now() - t0) / 1000).toFixed(1)} s; profiling ${which} for ${seconds} s`,
);
if (which === "replay") process.exit(0);

const rng = mulberry32(7);
const users = Array.from({ length: 4096 }, () => rng.pick(world.users));
const ids = Array.from({ length: 4096 }, () => contactId(rng.int(size)));
const commands: Command[] = [];
while (commands.length < 1024) {
  const i = rng.int(size);
  const ti = world.contactTeam[i] as number;
  if (ti < 0) continue;
  const team = world.teams[ti] as TeamInfo;
  const primary = world.users[world.primary[i] as number] as string;
  const other = rng.pick(team.members.filter((m) => m.userId !== primary && m.userId !== team.rainmakerId)).userId;
  const account = { kind: "team", teamId: team.id } as const;
  commands.push(
    commands.length % 2 === 1
      ? {
          type: "changePrimary",
          actor: primary,
          at: "2026-03-02T09:00:00Z",
          account,
          contactId: contactId(i),
          userId: other,
        }
      : {
          type: "grantAccess",
          actor: team.rainmakerId,
          at: "2026-03-02T09:00:00Z",
          account,
          contactId: contactId(i),
          userId: other,
          level: grantOf(world, i, world.userIndex.get(other) as number) === "view" ? "full" : "view",
        },
  );
}

/** Runs `body` for the time budget; returns the calls made. */
function loop(body: (n: number) => void): number {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) for (let k = 0; k < 256; k++) body(n++);
  return n;
}

let sink = 0;
const grantCommands = commands.filter((c) => c.type === "grantAccess");
const primaryCommands = commands.filter((c) => c.type === "changePrimary");
/** One named function per case, so `cpuprofile-summary.mjs <file> 25 40 measured_<case>` reports just that case. */
const cases: Record<string, () => number> = {
  can: function measured_can() {
    return loop((n) => void (can(state, users[n & 4095] as string, "view", ids[n & 4095] as string) && sink++));
  },
  explain: function measured_explain() {
    return loop(
      (n) => void (explain(state, users[n & 4095] as string, "edit", ids[n & 4095] as string).allowed && sink++),
    );
  },
  accessList: function measured_accessList() {
    return loop((n) => void (sink += E.isRight(accessList(state, ids[n & 4095] as string)) ? 1 : 0));
  },
  visibleContacts: function measured_visibleContacts() {
    return loop(() => void (sink += visibleContacts(state, world.agent).length));
  },
  grantAccess: function measured_grantAccess() {
    return loop((n) => void (E.isRight(execute(state, grantCommands[n % grantCommands.length] as Command)) && sink++));
  },
  changePrimary: function measured_changePrimary() {
    return loop(
      (n) => void (E.isRight(execute(state, primaryCommands[n % primaryCommands.length] as Command)) && sink++),
    );
  },
  import: function measured_import() {
    const { command } = importCommand(world, mulberry32(11));
    let n = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) n += E.isRight(execute(state, command)) ? 1 : 0;
    sink += n;
    return n;
  },
};
for (const name of which.split(",")) {
  const run = cases[name];
  if (run === undefined) throw new Error(`unknown case ${name}; one of ${Object.keys(cases).join(", ")}`);
  const calls = run();
  console.log(
    `${name}: ${calls} calls, ${(((seconds * 1000) / calls) * 1000).toFixed(2)} µs per call (incl. loop), sink ${sink}`,
  );
}
