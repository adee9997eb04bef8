/**
 * `npm run bench:history [contacts]`: the cost of `accessAt` and `accessTimeline` over the suite's event log
 * (about 1.15 events per contact; default 1M contacts). Both decode every event they read and check and apply
 * only the office-wide events and the asked contact's own; each answer is checked against `accessList` on the
 * fully replayed state.
 */
import * as E from "fp-ts/lib/Either.js";
import { accessAt, accessList, accessTimeline, replay } from "../src/index.js";
import { mulberry32 } from "./prng.js";
import { contactId, makeWorld, worldEvents } from "./world.js";

const size = Number(process.argv[2] ?? 1_000_000);
const world = makeWorld(size);
const events = worldEvents(world, 0.05);
const last = events[events.length - 1]?.at ?? "";
console.log(`${events.length.toLocaleString("en")} events for ${size.toLocaleString("en")} contacts`);
const t0 = performance.now();
const replayed = replay(events);
if (E.isLeft(replayed)) throw new Error(replayed.left.message);
const full = replayed.right;
console.log(`full replay (the oracle): ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const rng = mulberry32(5);
const ids = Array.from({ length: 7 }, () => contactId(rng.int(size)));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const atMs: number[] = [];
const timelineMs: number[] = [];
for (const id of ids) {
  const expected = accessList(full, id);
  let t = performance.now();
  const got = accessAt(events, id, last);
  atMs.push(performance.now() - t);
  if (E.isLeft(got) || E.isLeft(expected) || JSON.stringify(got.right) !== JSON.stringify(expected.right))
    throw new Error(`accessAt(${id}) differs from the replayed state`);
  t = performance.now();
  const timeline = accessTimeline(events, id);
  timelineMs.push(performance.now() - t);
  if (E.isLeft(timeline) || timeline.right.length === 0) throw new Error(`accessTimeline(${id}) is empty or refused`);
}
console.log(`accessAt at the end of the log: median ${median(atMs).toFixed(0)} ms (${ids.length} contacts)`);
console.log(`accessTimeline: median ${median(timelineMs).toFixed(0)} ms`);
