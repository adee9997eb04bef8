import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessAt,
  accessList,
  accessTimeline,
  contactIds,
  execute,
  initialState,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { SETUP } from "../../src/testing/index.js";
import { ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS, type Scene } from "../golden/scenes.js";

/**
 * History answers must equal what the full state said at the time. Each scene is run with one minute between
 * commands; after every command the full state's access list of every contact is kept, and `accessAt` and
 * `accessTimeline`, which replay only part of the log, must give the same answers.
 */
const minute = (i: number): string => new Date(Date.UTC(2026, 2, 2, 12, 0) + i * 60_000).toISOString();

interface Run {
  readonly log: Event[];
  /** After command i (time minute(i)): every contact's access levels in the full state. */
  readonly states: State[];
  readonly configuration: Scene["configuration"];
}

function play(scene: Scene): Run {
  let state = initialState(scene.configuration);
  const log: Event[] = [];
  const states: State[] = [];
  const commands = [...SETUP, ...scene.commands].map((c, i) => ({ ...c, at: minute(i) }) as unknown as Command);
  for (const command of commands) {
    const r = execute(state, command);
    if (E.isRight(r)) {
      state = r.right.state;
      log.push(...r.right.events);
    }
    states.push(state);
  }
  return { log, states, configuration: scene.configuration };
}

/** Every moment by default; the mutation profile checks every HISTORY_STRIDE-th one (and the last) to stay quick. */
const STRIDE = Number(process.env.HISTORY_STRIDE ?? 1);

// Played inside each test, not when the file loads, so that what a test covers is measured per test.
const RUNS = [ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS].map(
  (scene) => [scene.name.split(":")[0] as string, () => play(scene)] as const,
);

describe("access history equals the state at the time", () => {
  for (const [name, played] of RUNS) {
    it(`${name}: accessAt at each command's time, and between commands, is that moment's access list (REA-2)`, () => {
      const run = played();
      const everyContact = new Set(run.states.flatMap((s) => contactIds(s)));
      expect(everyContact.size).toBeGreaterThanOrEqual(3);
      run.states.forEach((state, i) => {
        if (i % STRIDE !== 0 && i !== run.states.length - 1) return;
        for (const contactId of everyContact) {
          const expected = accessList(state, contactId);
          expect(accessAt(run.log, contactId, minute(i), run.configuration)).toEqual(expected);
          // Thirty seconds later nothing has happened yet.
          expect(
            accessAt(run.log, contactId, new Date(Date.parse(minute(i)) + 30_000).toISOString(), run.configuration),
          ).toEqual(expected);
        }
      });
    });

    it(`${name}: accessTimeline lists exactly the changes between consecutive states, at the event that made them`, () => {
      const run = played();
      const everyContact = new Set(run.states.flatMap((s) => contactIds(s)));
      const levelsIn = (state: State, contactId: string): Map<string, string> => {
        const list = accessList(state, contactId);
        return new Map(E.isRight(list) ? list.right.map((e) => [e.userId, e.level] as const) : []);
      };
      for (const contactId of everyContact) {
        const read = accessTimeline(run.log, contactId, run.configuration);
        if (E.isLeft(read)) throw new Error(read.left.message);
        const timeline = read.right;
        // Rebuild the changes from the full states, command by command.
        const expected: { at: string; changes: { userId: string; from: string | null; to: string | null }[] }[] = [];
        let before = new Map<string, string>();
        run.states.forEach((state, i) => {
          const after = levelsIn(state, contactId);
          const changes = [...new Set([...before.keys(), ...after.keys()])]
            .sort()
            .map((userId) => ({ userId, from: before.get(userId) ?? null, to: after.get(userId) ?? null }))
            .filter((c) => c.from !== c.to);
          if (changes.length > 0) expected.push({ at: minute(i), changes });
          before = after;
        });
        // One command may emit several events; the timeline has one entry per event, so merge per command time.
        const merged = new Map<string, Map<string, { from: string | null; to: string | null }>>();
        for (const entry of timeline) {
          expect(run.log[entry.index]?.type).toBe(entry.event);
          expect(run.log[entry.index]?.at).toBe(entry.at);
          expect(entry.changes.map((c) => c.userId)).toEqual([...entry.changes.map((c) => c.userId)].sort());
          const m = merged.get(entry.at) ?? new Map();
          for (const c of entry.changes) m.set(c.userId, { from: m.get(c.userId)?.from ?? c.from, to: c.to });
          merged.set(entry.at, m);
        }
        const net = [...merged]
          .map(([at, m]) => ({
            at,
            changes: [...m]
              .filter(([, c]) => c.from !== c.to)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([userId, c]) => ({ userId, ...c })),
          }))
          .filter((e) => e.changes.length > 0);
        expect(net).toEqual(expected);
      }
    });
  }

  it("refuses a moment that is not a date-time", () => {
    const run = (RUNS[0] as (typeof RUNS)[number])[1]();
    const r = accessAt(run.log, "c1", "last Tuesday");
    expect(E.isLeft(r) && r.left).toMatchObject({ code: "invalid_input", message: "last Tuesday is not a date-time" });
  });
});
