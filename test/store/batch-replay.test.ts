import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  initialState,
  replay,
  replayAsync,
  replayEvent,
  toSnapshot,
  type ReplayError,
  type State,
} from "../../src/index.js";
import { forEach, keys, type PersistentMap, type PersistentSet } from "../../src/collections/persistent-map.js";
import { AT, run, TEAM, TEAM_OFFICE_COMMANDS } from "../support/office.js";
import { arbitraryRun, RUNS, stored } from "./support.js";

/**
 * `replay` and `replayAsync` index the contact events of a run together (D-185). Checked here against the plainest
 * reading of the contract, `replayEvent` one row at a time: the same state, the same indexes, and the same refusal
 * at the same position for a log that was tampered with (SEC-8).
 */

type Outcome = { ok: true; state: State } | { ok: false; position: number; code: string; message: string };

function oneByOne(rows: readonly unknown[]): Outcome {
  let state = initialState();
  for (let position = 0; position < rows.length; position++) {
    const next = replayEvent(state, rows[position]);
    if (E.isLeft(next)) return { ok: false, position, code: next.left.code, message: next.left.message };
    state = next.right;
  }
  return { ok: true, state };
}

/** A replay's outcome; a refusal by the row's cause, as `replayEvent` names it. */
function outcomeOf(r: E.Either<ReplayError, State>): Outcome {
  if (E.isRight(r)) return { ok: true, state: r.right };
  const cause = r.left.cause;
  return { ok: false, position: r.left.position, code: cause.code, message: cause.message };
}

const indexContents = (index: PersistentMap<PersistentSet>): [string, string[]][] => {
  const out: [string, string[]][] = [];
  forEach(index, (members, key) => void out.push([key, keys(members).sort()]));
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

function expectSame(batch: Outcome, single: Outcome): void {
  if (!single.ok || !batch.ok) {
    expect(batch.ok).toBe(single.ok);
    if (!single.ok && !batch.ok) {
      expect([batch.position, batch.code]).toEqual([single.position, single.code]);
      expect(batch.message).toContain(single.message);
    }
    return;
  }
  expect(batch.state.version).toBe(single.state.version);
  expect(toSnapshot(batch.state)).toEqual(toSnapshot(single.state));
  expect(indexContents(batch.state.contactsByUser)).toEqual(indexContents(single.state.contactsByUser));
  expect(indexContents(batch.state.contactsByAccount)).toEqual(indexContents(single.state.contactsByAccount));
  expect(indexContents(batch.state.contactsByPoint)).toEqual(indexContents(single.state.contactsByPoint));
}

/** A log as written, or tampered with: one row dropped, repeated, or moved one place on. */
const arbitraryLog = arbitraryRun(40).chain((run) =>
  fc
    .tuple(fc.constantFrom("asWritten", "drop", "repeat", "swap"), fc.nat({ max: Math.max(0, run.log.length - 2) }))
    .map(([how, i]) => {
      const log = stored(run.log);
      if (how === "drop") log.splice(i, 1);
      if (how === "repeat") log.splice(i, 0, log[i]);
      if (how === "swap" && i + 1 < log.length) [log[i], log[i + 1]] = [log[i + 1], log[i]];
      return log;
    }),
);

describe("replay indexes runs of contact events together (SEC-8, D-185)", () => {
  it("replay rebuilds the state and indexes that replaying one event at a time does, and refuses the same row (SEC-8)", async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryLog, async (rows) => {
        const single = oneByOne(rows);
        expectSame(outcomeOf(replay(rows)), single);
        expectSame(outcomeOf(await replayAsync(rows)), single);
        if (!single.ok) refused++;
      }),
      { numRuns: RUNS },
    );
    // Tampering refuses a row in a fair share of the logs (a dropped or moved row often still applies).
    if (RUNS >= 30) expect(refused).toBeGreaterThan(RUNS / 10);
  });

  it("a member holding a grant the same run of events gave cannot be removed from the team by a stored event (ACC-10)", () => {
    // The grant and the contact come in one run of contact events, indexed together; the removal that follows must
    // still find the grant in amy's index, so the row is refused at its own position.
    const office = run(initialState(), ...TEAM_OFFICE_COMMANDS);
    const granted = run(
      office.state,
      {
        type: "addContact",
        actor: "rain",
        account: TEAM,
        contactId: "c1",
        channel: "manual",
        details: { name: "Ann" },
      },
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "amy", level: "view" },
    );
    const removal = { type: "TeamMemberRemoved", at: AT, by: "rain", teamId: "t1", userId: "amy" };
    const rows = stored([...office.events, ...granted.events, removal]);
    const r = replay(rows);
    expect(E.isLeft(r) && [r.left.position, r.left.code]).toEqual([rows.length - 1, "invalid_event"]);
    expect(E.isLeft(r) && r.left.message).toContain("holds a grant on contact c1");
    // Without the grant, the same removal applies.
    expect(E.isRight(replay(stored([...office.events, ...granted.events.slice(0, 1), removal])))).toBe(true);
  });
});
