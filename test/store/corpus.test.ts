import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  decodeEvent,
  EVENT_TYPES,
  fromSnapshot,
  initialState,
  replay,
  replayAsync,
  toSnapshot,
  type Snapshot,
  type State,
} from "../../src/index.js";
import { asVersion1, STREAMS, TYPES_0_1_0 } from "./corpus.js";

/**
 * The frozen corpus of 0.1.0: five offices' streams and the snapshots 0.1.0 wrote at their ends, made by 0.1.0's own
 * code from its golden scenes (test/store/corpus/generate-0.1.0.mjs). They never change; the library must keep
 * reading them (SEC-8 for the rows, SEC-7 for the snapshots).
 */

function must<T>(r: E.Either<{ message: string }, T>): T {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

/** A file with nothing on it is the same as no file ("absent while empty"); 0.1.0 kept some such records. */
const emptyFile = (f: Snapshot["files"][number]): boolean =>
  f.tasks.length + f.notes.length + f.loans.length + f.groups.length + f.activities.length === 0;
const normal = (snapshot: Snapshot): unknown => ({
  ...snapshot,
  files: snapshot.files.filter((f) => !emptyFile(f)),
  textRoutes: undefined,
});

/**
 * What 0.2.0 derives from events 0.1.0 already wrote, and 0.1.0's state did not keep (D-109): the partner a contact
 * is assigned to (`assignedTo`), the task a SmartPlan step puts on the contact's file, the steps an enrolment has run,
 * and where replies to a SmartPlan text go. Taken out of a replayed state's snapshot, what is left is what 0.1.0 kept.
 */
function without02Derivations(snapshot: Snapshot): unknown {
  return normal({
    ...snapshot,
    contacts: snapshot.contacts.map(({ assignedTo: _, ...contact }) => contact),
    files: snapshot.files.map((file) => ({ ...file, tasks: file.tasks.filter((task) => task.source === undefined) })),
    enrolments: snapshot.enrolments.map(({ stepsRun: _, ...enrolment }) => enrolment),
  });
}

describe("the 0.1.0 corpus (SEC-8, SEC-7)", () => {
  it("holds every event type 0.1.0 had, and every one of them is still a type of this version", () => {
    const held = new Set(STREAMS.flatMap((s) => s.rows.map((row) => row.type)));
    expect([...held].sort()).toEqual([...TYPES_0_1_0].sort());
    expect(TYPES_0_1_0.length).toBe(49);
    for (const type of TYPES_0_1_0) expect(EVENT_TYPES).toContain(type);
  });

  for (const stream of STREAMS) {
    describe(stream.name, () => {
      const rows = asVersion1(stream.rows);
      const replayed = (): State => must(replay(rows, initialState(stream.configuration)));

      it("every row decodes as schema version 1 and as it was stored", () => {
        for (const row of rows) {
          const decoded = must(decodeEvent(row));
          const { schemaVersion: _, ...event } = row;
          expect(decoded).toEqual(event);
        }
      });

      it("the rows replay, the version counting them", () => {
        expect(replayed().version).toBe(rows.length);
      });

      it("0.1.0's snapshot reads, at version 0 or at the version the store recorded beside it", () => {
        expect(must(fromSnapshot(stream.snapshot)).version).toBe(0);
        expect(must(fromSnapshot(stream.snapshot, { version: rows.length })).version).toBe(rows.length);
      });

      it("the rows replay to the state of 0.1.0's snapshot, plus only what 0.2.0 derives from the same events (D-109)", () => {
        const fromRows = toSnapshot(replayed());
        const fromOldSnapshot = toSnapshot(must(fromSnapshot(stream.snapshot, { version: rows.length })));
        expect(without02Derivations(fromRows)).toEqual(without02Derivations(fromOldSnapshot));
        expect(without02Derivations(fromOldSnapshot)).toEqual(normal(fromOldSnapshot)); // 0.1.0 kept none of them
      });

      it("replayAsync reads the rows to the same state", async () => {
        const r = await replayAsync(rows, initialState(stream.configuration));
        expect(E.isRight(r) && toSnapshot(r.right)).toEqual(toSnapshot(replayed()));
      });
    });
  }

  it("what 0.2.0 derives is there: assignments to partners, plan tasks on files, reply routes", () => {
    const byName = (name: string): Snapshot => {
      const stream = STREAMS.find((s) => s.name === name);
      if (stream === undefined) throw new Error(name);
      return toSnapshot(must(replay(asVersion1(stream.rows), initialState(stream.configuration))));
    };
    expect(byName("sharing").contacts.filter((c) => c.assignedTo !== undefined).length).toBeGreaterThan(0);
    const plans = byName("smartplans");
    expect(plans.files.flatMap((f) => f.tasks).filter((t) => t.source !== undefined).length).toBeGreaterThan(0);
    expect(plans.textRoutes?.length).toBeGreaterThan(0);
  });

  it("0.1.0 ran a SmartPlan step again for one enrolment; its rows of version 1 replay so, a row of today's version may not (SEC-6, D-107)", () => {
    const stream = STREAMS.find((s) => s.name === "smartplans");
    if (stream === undefined) throw new Error("smartplans");
    const ran = (row: Record<string, unknown>): string | null =>
      ["EmailSent", "TextSent", "TaskCreated", "StepFailed"].includes(row.type as string)
        ? `${String(row.planId)} ${String(row.contactId)} ${String(row.stepId)}`
        : null;
    const again = stream.rows.findIndex(
      (row, i) => ran(row) !== null && stream.rows.slice(0, i).some((earlier) => ran(earlier) === ran(row)),
    );
    expect(again).toBeGreaterThan(0);
    // Read as rows of today's version (a store that did not record the version), the repeat is refused at its position.
    expect(replay(stream.rows, initialState(stream.configuration))).toMatchObject({
      left: { code: "invalid_event", position: again, cause: { code: "step_already_run", rule: "SEC-8" } },
    });
    // Read as the version-1 rows they are, it replays, and the step is recorded as run once.
    const state = must(replay(asVersion1(stream.rows.slice(0, again + 1)), initialState(stream.configuration)));
    const row = stream.rows[again] as { planId: string; contactId: string; stepId: string };
    const enrolment = toSnapshot(state).enrolments.find(
      (e) => e.planId === row.planId && e.contactId === row.contactId,
    );
    expect(enrolment?.stepsRun?.filter((s) => s === row.stepId)).toEqual([row.stepId]);
    expect(E.isRight(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(state)))))).toBe(true);
  });
});
