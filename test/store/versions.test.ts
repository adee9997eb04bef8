import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  decodeEvent,
  EVENT_SCHEMA_VERSIONS,
  EVENT_TYPES,
  evolve,
  initialState,
  replay,
  replayEvent,
  type Event,
} from "../../src/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_CHANGES, schemaVersionOf, upcastRow, type SchemaChange } from "../../src/replay/versions.js";
import { STREAMS } from "./corpus.js";
import { arbitraryRun, RUNS, stored } from "./support.js";

/**
 * Versioned events (D-106 … D-108): a stored row may say which schema version it was written at and carry the
 * store's `meta` envelope; `decodeEvent` brings it to the current version; any other unknown field is refused by name.
 * Stored rows are untrusted (SEC-8).
 */

/** Written by hand from the changes since 0.1.0: the step events' run-once rule (SEC-6) is the one change of meaning. */
const VERSION_2 = ["EmailSent", "TextSent", "TaskCreated", "StepFailed", "StepDeferred"];

/** One row of each event type the corpus and a random run hold. */
const ROWS: readonly Record<string, unknown>[] = (() => {
  const byType = new Map<string, Record<string, unknown>>();
  for (const row of STREAMS.flatMap((s) => s.rows))
    if (!byType.has(row.type as string)) byType.set(row.type as string, row);
  return [...byType.values()];
})();

describe("event schema versions (D-106)", () => {
  it("every event type has a version: 2 for the step events whose run-once rule came after 0.1.0, 1 for every other", () => {
    expect(Object.keys(EVENT_SCHEMA_VERSIONS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES)
      expect([type, EVENT_SCHEMA_VERSIONS[type]]).toEqual([type, VERSION_2.includes(type) ? 2 : 1]);
    expect(Object.isFrozen(EVENT_SCHEMA_VERSIONS)).toBe(true);
  });

  it("docs/event-store.md names each change of the table: its release, the version it made, every type it changed", () => {
    const doc = readFileSync(join(import.meta.dirname, "../../docs/event-store.md"), "utf8");
    const entries = Object.entries(SCHEMA_CHANGES);
    expect(entries.map(([type]) => type).sort()).toEqual([...VERSION_2].sort());
    for (const [type, list] of entries) {
      (list ?? []).forEach((change, i) => {
        const line = doc
          .split("\n\n")
          .find((paragraph) => paragraph.startsWith(`Changed in ${change.release} (version ${i + 2}):`));
        expect(line, `${type}: Changed in ${change.release} (version ${i + 2})`).toContain(`\`${type}\``);
      });
    }
  });

  it("a row of any released version, or without one, decodes to the event it holds, without the store's fields", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    for (const row of ROWS) {
      const type = row.type as Event["type"];
      for (let version = 1; version <= EVENT_SCHEMA_VERSIONS[type]; version++) {
        expect(decodeEvent({ ...row, schemaVersion: version })).toEqual(E.right(row));
        expect(
          decodeEvent({
            ...row,
            schemaVersion: version,
            meta: { position: 3, storedAt: "2026-03-02T09:00:01Z", correlation: { id: "r-1", parts: [1, null, true] } },
          }),
        ).toEqual(E.right(row));
      }
      expect(decodeEvent({ ...row, meta: {} })).toEqual(E.right(row));
    }
  });

  it("over random logs, rows with their version and meta replay as the bare events do (SEC-8)", () => {
    fc.assert(
      fc.property(arbitraryRun(), ({ configuration, log }) => {
        const rows = stored(log).map((event, position) => ({
          ...(event as object),
          schemaVersion: EVENT_SCHEMA_VERSIONS[(event as Event).type],
          meta: { position: position + 1 },
        }));
        const state = initialState(configuration);
        expect(replay(rows, state)).toEqual(replay(log, state));
      }),
      { numRuns: RUNS },
    );
  });

  it("a version that was never released, or is not a whole number, is refused by name (SEC-8)", () => {
    const row = ROWS.find((r) => r.type === "EmailSent") as Record<string, unknown>;
    const cases: [unknown, string][] = [
      [0, "0"],
      [3, "3"],
      [1.5, "1.5"],
      ["2", '"2"'],
      [null, "object"],
      [true, "boolean"],
      ["2".repeat(40), `"${"2".repeat(20)}"`],
    ];
    for (const [version, said] of cases) {
      expect(decodeEvent({ ...row, schemaVersion: version })).toEqual(
        E.left({
          code: "invalid_input",
          rule: "input",
          message: `event.schemaVersion: EmailSent rows are of version 1 to 2, not ${said}`,
          path: ["schemaVersion"],
        }),
      );
    }
    const one = ROWS.find((r) => r.type === "UserDeactivated") as Record<string, unknown>;
    expect(decodeEvent({ ...one, schemaVersion: 2 })).toMatchObject({
      left: { message: "event.schemaVersion: UserDeactivated rows are of version 1 to 1, not 2" },
    });
    expect(replay([{ ...row, schemaVersion: 9 }])).toMatchObject({
      left: { code: "invalid_event", position: 0, cause: { path: ["schemaVersion"] } },
    });
  });

  it("meta must be a JSON object; anything else is refused by name, and evolve never reads it (D-108)", () => {
    const row = ROWS[0] as Record<string, unknown>;
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    for (const meta of [
      null,
      undefined,
      [],
      "m",
      7,
      { nested: undefined },
      { f: () => 1 },
      { n: Number.NaN },
      { n: Number.POSITIVE_INFINITY },
      new Date(0),
      { at: new Date(0) },
      { list: [1, undefined] },
      { deep },
      { s: Symbol("s") },
      { b: 1n },
    ]) {
      expect(decodeEvent({ ...row, meta })).toEqual(
        E.left({
          code: "invalid_input",
          rule: "input",
          message: "event.meta: the store's envelope must be a JSON object",
          path: ["meta"],
        }),
      );
    }
    expect(decodeEvent({ ...row, meta: { a: { b: [1, "x", null, { c: false }] } } })).toEqual(E.right(row));
    expect(decodeEvent({ ...row, meta: Object.assign(Object.create(null) as object, { position: 1 }) })).toEqual(
      E.right(row),
    );
    // Nesting is bounded: 64 levels inside the envelope read, 65 do not — lists and objects alike.
    const wrap = (levels: number, inList: boolean): unknown => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i++) value = inList ? [value] : { value };
      return value;
    };
    for (const inList of [true, false]) {
      expect(decodeEvent({ ...row, meta: { nested: wrap(64, inList) } })).toEqual(E.right(row));
      expect(decodeEvent({ ...row, meta: { nested: wrap(65, inList) } })).toMatchObject({ left: { path: ["meta"] } });
    }
    const opened = ROWS.find((r) => r.type === "OfficeOpened") as Record<string, unknown>;
    const withMeta = replayEvent(initialState(), { ...opened, meta: { officeId: "somewhere else", version: 99 } });
    expect(E.isRight(withMeta) && withMeta.right).toEqual(evolve(initialState(), opened as Event));
  });

  it("any other unknown field is refused, named in the path and the message, at any depth (D-108, SEC-8)", () => {
    const row = ROWS.find((r) => r.type === "ContactAdded") as Record<string, unknown>;
    expect(decodeEvent({ ...row, extra: 1 })).toEqual(
      E.left({
        code: "invalid_input",
        rule: "input",
        message:
          "event.extra: unknown field; a stored event holds its type's fields and may add only schemaVersion and meta (docs/event-store.md)",
        path: ["extra"],
      }),
    );
    expect(decodeEvent({ ...row, schemaVersion: 1, meta: {}, position: 4 })).toMatchObject({
      left: { path: ["position"] },
    });
    expect(decodeEvent({ ...row, contact: { ...(row.contact as object), colour: "red" } })).toMatchObject({
      left: { path: ["contact", "colour"], message: expect.stringContaining("event.contact.colour: unknown field") },
    });
    const plan = ROWS.find((r) => r.type === "SmartPlanCreated") as Record<string, unknown> & { steps: object[] };
    const steps = [plan.steps[0], { ...plan.steps[1], colour: "red" }];
    expect(decodeEvent({ ...plan, steps })).toMatchObject({
      left: { path: ["steps", 1, "colour"], message: expect.stringMatching(/^event\.steps\.1\.colour: unknown field/) },
    });
    const opened = ROWS.find((r) => r.type === "OfficeOpened") as Record<string, unknown>;
    expect(replay([opened, { ...opened, schemaversion: 1 }])).toMatchObject({
      left: { position: 1, cause: { path: ["schemaversion"] } },
    });
  });

  it("a row of an unknown type is refused for its type, whatever version it claims", () => {
    for (const input of [
      { type: "Nope", schemaVersion: 7 },
      { type: "Nope", meta: {} },
      { type: 4, schemaVersion: 1 },
    ]) {
      expect(decodeEvent(input)).toMatchObject({
        left: {
          code: "invalid_input",
          rule: "input",
          path: ["type"],
          message: expect.stringMatching(/^event\.type: /),
        },
      });
    }
    expect(decodeEvent({ type: "Nope", meta: 3 })).toMatchObject({ left: { path: ["meta"] } });
  });
});

describe("the upcasting table is generic (D-106)", () => {
  const known = new Set(["Thing", "Other"]);
  const rename: SchemaChange = { release: "9.1.0", upcast: ({ name, ...row }) => ({ ...row, title: name }) };
  const addSize: SchemaChange = { release: "9.2.0", upcast: (row) => ({ ...row, size: 0 }) };
  const runOnce: SchemaChange = { release: "9.2.0", stepsRanAgain: true };
  const table = { Thing: [rename, addSize] as const, Other: [runOnce] as const };

  it("a type with no entry is at version 1; each change adds one", () => {
    expect(schemaVersionOf("Brand new", table)).toBe(1);
    expect(schemaVersionOf("Thing", table)).toBe(3);
    expect(schemaVersionOf("Other", table)).toBe(2);
    expect(schemaVersionOf("toString", table)).toBe(1);
    expect(schemaVersionOf("constructor", table)).toBe(1);
    expect(schemaVersionOf("Listed", { Listed: undefined })).toBe(1);
  });

  it("a row is brought up through every change after its version, in order, and no further", () => {
    const v1 = { type: "Thing", name: "a" };
    expect(upcastRow({ ...v1, schemaVersion: 1 }, known, table)).toEqual(
      E.right({ row: { type: "Thing", title: "a", size: 0 }, leniency: { stepsRanAgain: false } }),
    );
    expect(upcastRow({ type: "Thing", title: "a", schemaVersion: 2 }, known, table)).toEqual(
      E.right({ row: { type: "Thing", title: "a", size: 0 }, leniency: { stepsRanAgain: false } }),
    );
    expect(upcastRow({ type: "Thing", title: "a", size: 5, schemaVersion: 3, meta: { x: 1 } }, known, table)).toEqual(
      E.right({ row: { type: "Thing", title: "a", size: 5 }, leniency: { stepsRanAgain: false } }),
    );
    // Without a version a row is of the current version: nothing to bring up.
    const current = { type: "Thing", title: "a", size: 5 };
    expect(upcastRow(current, known, table)).toEqual(E.right({ row: current, leniency: { stepsRanAgain: false } }));
    expect(upcastRow({ ...current, meta: {} }, known, table)).toEqual(
      E.right({ row: current, leniency: { stepsRanAgain: false } }),
    );
  });

  it("only a row written before a run-once change may run a step again", () => {
    expect(upcastRow({ type: "Other", schemaVersion: 1 }, known, table)).toEqual(
      E.right({ row: { type: "Other" }, leniency: { stepsRanAgain: true } }),
    );
    expect(upcastRow({ type: "Other", schemaVersion: 2 }, known, table)).toEqual(
      E.right({ row: { type: "Other" }, leniency: { stepsRanAgain: false } }),
    );
    expect(upcastRow({ type: "Other" }, known, table)).toEqual(
      E.right({ row: { type: "Other" }, leniency: { stepsRanAgain: false } }),
    );
  });

  it("a row that is not an object passes on untouched for the event schema to refuse", () => {
    for (const input of [null, 4, "Thing", [{ type: "Thing", schemaVersion: 1 }]])
      expect(upcastRow(input, known, table)).toEqual(E.right({ row: input, leniency: { stepsRanAgain: false } }));
  });
});
