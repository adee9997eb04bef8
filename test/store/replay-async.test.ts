import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  execute,
  fromSnapshot,
  initialState,
  replay,
  replayAsync,
  toSnapshot,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { arbitraryRun, cursor, RUNS, stored } from "./support.js";

/**
 * SEC-8 through an asynchronous cursor: `replayAsync` reads rows as a paged database query gives them, decodes and
 * checks each as `replay` does, and names the position of the first bad row — as an error value, never an exception.
 */

const at = "2026-03-02T09:00:00Z";
const office = { kind: "office" } as const;

/** A long log: an office, a user, and `n` contacts added one by one (more rows than one batch of the fold). */
function longLog(n: number): { log: Event[]; state: State } {
  const commands: Command[] = [
    {
      type: "openOffice",
      actor: "ada",
      at,
      account: office,
      officeId: "o1",
      officeName: "Harbour Realty",
      adminName: "Ada",
    },
    { type: "registerUser", actor: "ada", at, account: office, userId: "sam", name: "Sam" } as Command,
  ];
  for (let i = 0; i < n; i++) {
    commands.push({
      type: "addContact",
      actor: "sam",
      at,
      account: { kind: "personal", userId: "sam" },
      contactId: `c${i}`,
      channel: "manual",
      details: { name: `Contact ${i}` },
    } as Command);
  }
  let state = initialState();
  const log: Event[] = [];
  for (const command of commands) {
    const r = execute(state, command);
    if (E.isLeft(r)) throw new Error(r.left.message);
    state = r.right.state;
    log.push(...r.right.events);
  }
  return { log, state };
}

describe("replayAsync (SEC-8)", () => {
  it("rebuilds the state replay rebuilds, over random logs, from the empty state and from a snapshot", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryRun(), fc.nat(), async ({ configuration, log }, cut) => {
        const rows = stored(log);
        const sync = replay(rows, initialState(configuration));
        const async = await replayAsync(cursor(rows), initialState(configuration));
        expect(E.isRight(sync) && E.isRight(async)).toBe(true);
        if (E.isLeft(sync) || E.isLeft(async)) return;
        expect(toSnapshot(async.right)).toEqual(toSnapshot(sync.right));
        expect(async.right.version).toBe(log.length);
        const middle = log.length === 0 ? 0 : cut % log.length;
        const head = replay(rows.slice(0, middle), initialState(configuration));
        if (E.isLeft(head)) throw new Error(head.left.message);
        const from = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(head.right))));
        if (E.isLeft(from)) throw new Error(from.left.message);
        const tail = await replayAsync(cursor(rows.slice(middle)), from.right);
        expect(E.isRight(tail) && toSnapshot(tail.right)).toEqual(toSnapshot(sync.right));
      }),
      { numRuns: RUNS },
    );
  });

  it("names the position of the first bad row as replay does: a row that is not an event, or one that does not apply", async () => {
    const malformed = (row: unknown): unknown => ({ ...(row as object), type: 42 });
    const misplaced = (row: unknown): unknown => row; // the row again: it created something that now exists
    await fc.assert(
      fc.asyncProperty(arbitraryRun(), fc.nat(), fc.boolean(), async ({ configuration, log }, pick, shape) => {
        const rows = stored(log);
        const position = pick % rows.length;
        const bad = shape ? malformed(rows[position]) : misplaced(rows[0]);
        const damaged = [...rows.slice(0, position + 1), bad, ...rows.slice(position + 1)];
        const read = cursor(damaged);
        const async = await replayAsync(read, initialState(configuration));
        const sync = replay(damaged, initialState(configuration));
        expect(async).toEqual(sync);
        expect(async).toMatchObject({ left: { code: "invalid_event", rule: "SEC-8", position: position + 1 } });
        expect(read.closed()).toBe(true);
        if (shape) expect(async).toMatchObject({ left: { cause: { code: "invalid_input", path: ["type"] } } });
        else expect(async).toMatchObject({ left: { cause: { code: "office_already_open" } } });
      }),
      { numRuns: RUNS },
    );
  });

  it("reads a long log through, and names a bad row in any page of it, the first page's included", async () => {
    const { log, state } = longLog(600);
    const rows = stored(log);
    const whole = await replayAsync(cursor(rows));
    expect(E.isRight(whole) && whole.right.version).toBe(rows.length);
    expect(E.isRight(whole) && toSnapshot(whole.right)).toEqual(toSnapshot(state));
    for (const position of [3, 255, 256, 257, 511, 512, 601]) {
      const damaged = [...rows.slice(0, position), { type: "Nope" }, ...rows.slice(position)];
      const read = cursor(damaged);
      const r = await replayAsync(read);
      expect(r).toMatchObject({
        left: { code: "invalid_event", position, message: expect.stringContaining(`event ${position} (Nope)`) },
      });
      expect(read.closed()).toBe(true);
      expect(read.read()).toBeLessThanOrEqual(position + 256); // it stops reading within a page of the bad row
    }
  });

  it("never throws on bad data: a value that is not rows is an error at position 0", async () => {
    for (const value of [null, undefined, 42, "rows", { type: "OfficeOpened" }, () => []]) {
      await expect(replayAsync(value as never)).resolves.toMatchObject({
        left: {
          code: "invalid_event",
          position: 0,
          cause: { code: "invalid_input", rule: "input", message: "the rows are not an iterable" },
        },
      });
    }
    await expect(replayAsync(cursor([null]))).resolves.toMatchObject({
      left: { code: "invalid_event", position: 0, cause: { code: "invalid_input" } },
    });
  });

  it("reads a synchronous list as well, and an empty cursor gives back the state it started from", async () => {
    const { log } = longLog(2);
    const r = await replayAsync(stored(log));
    expect(E.isRight(r) && r.right.version).toBe(log.length);
    const from = initialState();
    const none = await replayAsync(cursor([]), from);
    expect(E.isRight(none) && none.right).toBe(from);
  });

  it("a cursor that fails is the caller's: the promise rejects with its error", async () => {
    async function* failing(): AsyncGenerator<unknown> {
      yield* stored(longLog(1).log);
      throw new Error("connection reset");
    }
    await expect(replayAsync(failing())).rejects.toThrow("connection reset");
  });
});
