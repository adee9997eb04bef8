import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  decide,
  evolve,
  execute,
  fromSnapshot,
  initialState,
  replay,
  replayEvent,
  toSnapshot,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { arbitraryRun, RUNS, run, stored } from "./support.js";

/**
 * The stream version (D-105): `State.version` counts the events applied since the empty stream, `execute` says which
 * versions its events take, snapshots carry it. Checked over random runs of the test kit, and against a store written
 * here from docs/event-store.md alone — an array per office and the append rule, nothing of the library's code.
 */

const at = "2026-03-02T09:00:00Z";
const office = { kind: "office" } as const;
const open: Command = {
  type: "openOffice",
  actor: "ada",
  at,
  account: office,
  officeId: "o1",
  officeName: "Harbour Realty",
  adminName: "Ada",
};
const register = (userId: string): Command =>
  ({ type: "registerUser", actor: "ada", at, account: office, userId, name: userId }) as Command;

function must<T>(r: E.Either<unknown, T>): T {
  if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
  return r.right;
}

describe("the stream version (D-105)", () => {
  it("the empty stream is version 0, and an office opened on it is version 1", () => {
    expect(initialState().version).toBe(0);
    const r = must(execute(initialState(), open));
    expect([r.expectedVersion, r.version, r.state.version, r.events.length]).toEqual([0, 1, 1, 1]);
  });

  it("every executed command's events take consecutive versions from the version it was decided at", () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ steps, log, state }) => {
        let version = 0;
        for (const step of steps) {
          expect(step.expectedVersion).toBe(version);
          expect(step.before.version).toBe(version);
          version += step.events.length;
          expect(step.version).toBe(version);
          expect(step.after.version).toBe(version);
        }
        expect(state.version).toBe(log.length);
      }),
      { numRuns: RUNS },
    );
  });

  it("a refused command leaves the state and its version; deciding alone changes nothing", () => {
    const opened = must(execute(initialState(), open));
    expect(execute(opened.state, open)).toMatchObject({ left: { code: "office_already_open" } });
    expect(opened.state.version).toBe(1);
    expect(must(decide(opened.state, register("sam"))).length).toBe(1);
    expect(opened.state.version).toBe(1);
  });

  it("replay of a log gives the log's length as the version, and the live state's", () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ configuration, log, state }) => {
        const replayed = must(replay(stored(log), initialState(configuration)));
        expect(replayed.version).toBe(log.length);
        expect(replayed.version).toBe(state.version);
      }),
      { numRuns: RUNS },
    );
  });

  it("a snapshot keeps the version, and snapshot + tail replays to the version of the whole log", () => {
    fc.assert(
      fc.property(arbitraryRun(), fc.nat(), ({ steps, log, state }, cut) => {
        const at = steps.length === 0 ? 0 : cut % steps.length;
        const middle = steps[at]?.after ?? state;
        const read = must(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(middle)))));
        expect(read.version).toBe(middle.version);
        expect(toSnapshot(read).streamVersion).toBe(middle.version);
        const restarted = must(replay(stored(log.slice(middle.version)), read));
        expect(restarted.version).toBe(log.length);
        expect(toSnapshot(restarted)).toEqual(toSnapshot(state));
      }),
      { numRuns: RUNS },
    );
  });

  it("evolve and replayEvent add 1 for an event they apply, and nothing for one that does not apply (SEC-8)", () => {
    const opened = must(execute(initialState(), open));
    const event = opened.events[0] as Event;
    const once = evolve(initialState(), event);
    expect(once.version).toBe(1);
    expect(evolve(once, event)).toBe(once); // a second OfficeOpened does not apply
    expect(must(replayEvent(initialState(), JSON.parse(JSON.stringify(event)))).version).toBe(1);
    expect(E.isLeft(replayEvent(once, event))).toBe(true);
    const registered = must(execute(once, register("sam")));
    expect(evolve(once, registered.events[0] as Event).version).toBe(2);
    expect(must(replayEvent(once, registered.events[0])).version).toBe(2);
  });

  it("replay from a state continues its version; a refused log reports a position and changes nothing (SEC-8)", () => {
    const a = must(execute(initialState(), open));
    const b = must(execute(a.state, register("sam")));
    const c = must(execute(b.state, register("kim")));
    expect(must(replay([...b.events, ...c.events], a.state)).version).toBe(3);
    expect(must(replay([], b.state))).toBe(b.state);
    const refused = replay([...b.events, ...b.events], a.state);
    expect(refused).toMatchObject({ left: { code: "invalid_event", position: 1 } });
    expect(a.state.version).toBe(1);
  });
});

describe("snapshots and their version (D-105, SEC-7)", () => {
  const { state } = run(initialState().configuration, []);
  const written = JSON.parse(JSON.stringify(toSnapshot(state))) as Record<string, unknown>;
  const { streamVersion, ...older } = written;

  it("a snapshot records the version it was taken at", () => {
    expect(streamVersion).toBe(state.version);
    expect(state.version).toBeGreaterThan(0);
  });

  it("a snapshot without a version (as 0.1.0 wrote) reads as version 0, or at the version its caller gives", () => {
    expect(must(fromSnapshot(older)).version).toBe(0);
    expect(must(fromSnapshot(older, { version: 12 })).version).toBe(12);
    expect(must(fromSnapshot(older, { version: 0 })).version).toBe(0);
    expect(toSnapshot(must(fromSnapshot(older, { version: 12 })))).toEqual({ ...written, streamVersion: 12 });
  });

  it("the caller's version must agree with the snapshot's own", () => {
    expect(must(fromSnapshot(written, { version: state.version })).version).toBe(state.version);
    const refused = fromSnapshot(written, { version: state.version + 1 });
    expect(refused).toMatchObject({ left: { code: "invalid_input", path: ["streamVersion"] } });
    expect(E.isLeft(refused) && refused.left.message).toBe(
      `snapshot.streamVersion: taken at version ${state.version}, not at the version given, ${state.version + 1}`,
    );
  });

  it("a version that is not a whole number from 0 is refused, in the snapshot or from the caller", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(fromSnapshot(older, { version: bad })).toMatchObject({
        left: { code: "invalid_input", path: ["streamVersion"] },
      });
      expect(fromSnapshot({ ...older, streamVersion: bad })).toMatchObject({
        left: { code: "invalid_input", path: ["streamVersion"] },
      });
    }
    expect(fromSnapshot({ ...older, streamVersion: "3" })).toMatchObject({
      left: { code: "invalid_input", path: ["streamVersion"] },
    });
    expect(fromSnapshot(older, { version: "3" } as never)).toMatchObject({
      left: {
        path: ["streamVersion"],
        message: "snapshot.streamVersion: the version given must be a whole number from 0, not string",
      },
    });
    for (const options of [null, 7, "x"]) expect(must(fromSnapshot(older, options as never)).version).toBe(0);
    expect(
      E.isLeft(fromSnapshot(older, { version: -1 })) &&
        (fromSnapshot(older, { version: -1 }) as E.Left<{ message: string }>).left.message,
    ).toBe("snapshot.streamVersion: the version given must be a whole number from 0, not -1");
    expect(must(fromSnapshot(older, { version: 2 ** 53 - 1 })).version).toBe(2 ** 53 - 1);
  });
});

/**
 * A store written from docs/event-store.md: one array of rows per office, appended only where the writer's expected
 * version is the stream's length; a writer that finds otherwise reloads and decides again.
 */
class MemoryStore {
  private readonly rows: unknown[] = [];
  append(expectedVersion: number, events: readonly Event[]): "appended" | "conflict" {
    if (this.rows.length !== expectedVersion) return "conflict";
    this.rows.push(...stored(events));
    return "appended";
  }
  load(): State {
    return must(replay(this.rows));
  }
  get length(): number {
    return this.rows.length;
  }
}

describe("optimistic concurrency with the expected version (D-105)", () => {
  it("of two writers who decided at the same version, the second append is a conflict; it reloads, decides again and appends", () => {
    const store = new MemoryStore();
    expect(store.append(0, must(execute(initialState(), open)).events)).toBe("appended");
    const seenByA = store.load();
    const seenByB = store.load();
    const a = must(execute(seenByA, register("sam")));
    const b = must(execute(seenByB, register("sam")));
    expect(store.append(a.expectedVersion, a.events)).toBe("appended");
    expect(store.append(b.expectedVersion, b.events)).toBe("conflict");
    expect(store.length).toBe(2);
    // B reloads and decides again: sam exists now, so B's command is refused instead of registering sam twice.
    const again = execute(store.load(), register("sam"));
    expect(again).toMatchObject({ left: { code: "user_exists" } });
    const other = must(execute(store.load(), register("kim")));
    expect(other.expectedVersion).toBe(2);
    expect(store.append(other.expectedVersion, other.events)).toBe("appended");
    expect(store.load().version).toBe(3);
  });

  it("over random runs, a writer whose state is behind the stream by any number of events meets a conflict", () => {
    fc.assert(
      fc.property(arbitraryRun(), fc.nat(), ({ steps, log }, pick) => {
        const moving = steps.filter((s) => s.events.length > 0);
        if (moving.length < 2) return;
        const late = moving[pick % (moving.length - 1)] as (typeof moving)[number];
        // The store holds the whole log; a writer still at `late.before` re-sends what it decided there.
        const store = new MemoryStore();
        expect(store.append(0, log)).toBe("appended");
        expect(late.expectedVersion).toBeLessThan(log.length);
        expect(store.append(late.expectedVersion, late.events)).toBe("conflict");
        expect(store.length).toBe(log.length);
      }),
      { numRuns: RUNS },
    );
  });
});
