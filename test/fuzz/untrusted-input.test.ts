import * as E from "fp-ts/lib/Either.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMMAND_TYPES,
  decodeCommand,
  decodeEvent,
  EVENT_TYPES,
  execute,
  fromSnapshot,
  toSnapshot,
  type Command,
} from "../../src/index.js";
import { details, OFFICE, run, TEAM, teamOffice } from "../support/office.js";

/** Cases per decoder per run; `FUZZ_RUNS=1000000 npm test` for a deep run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);

const commandTypes = COMMAND_TYPES;
const eventTypes = EVENT_TYPES;
const nastyId = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "",
  " ",
  "é",
  "👩‍👩‍👧",
  "\u0000",
  "a".repeat(201),
  "c1",
  "amy",
  "t1",
);
const nasty = fc.oneof(
  nastyId,
  fc.constant("x".repeat(1_000_000)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant({ kind: "team", teamId: "t1" }),
  fc.constant({ kind: "office" }),
  fc.constant({ kind: "personal", userId: "amy" }),
  fc.constant("2026-03-02T09:00:00Z"),
  fc.jsonValue({ maxDepth: 2 }),
);
const fieldNames = [
  "actor",
  "at",
  "account",
  "contactId",
  "userId",
  "level",
  "channel",
  "details",
  "rows",
  "to",
  "owner",
  "reason",
  "address",
  "teamId",
  "__proto__",
  "constructor",
];

/** Objects that look like commands: a real `type` and random, often hostile, fields. */
const commandLike = (types: readonly string[]) =>
  fc
    .record({
      type: fc.constantFrom(...types),
      fields: fc.dictionary(fc.constantFrom(...fieldNames), nasty, { maxKeys: 8 }),
    })
    .map(({ type, fields }) => {
      const o: Record<string, unknown> = JSON.parse(
        JSON.stringify({ type, actor: "amy", at: "2026-03-02T09:00:00Z", account: TEAM }),
      );
      for (const [k, v] of Object.entries(fields))
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    });

const anyInput = (types: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 2, arbitrary: commandLike(types) },
    { weight: 1, arbitrary: nasty },
  );

const state = run(teamOffice(), {
  type: "addContact",
  actor: "amy",
  account: TEAM,
  contactId: "c1",
  channel: "manual",
  details: details("C1"),
}).state;
const before = JSON.stringify(toSnapshot(state));

function noThrow<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    throw new Error(`threw instead of returning an error value: ${String(error)}`);
  }
}

describe(`untrusted input, ${RUNS} cases per entry point`, () => {
  it("decodeCommand returns a typed error or a command for any JSON, and never pollutes a prototype", () => {
    fc.assert(
      fc.property(anyInput(commandTypes), (input) => {
        const r = noThrow(() => decodeCommand(input));
        if (E.isLeft(r)) expect(r.left.code).toBe("invalid_input");
      }),
      { numRuns: RUNS },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("decodeEvent returns a typed error or an event for any JSON", () => {
    fc.assert(
      fc.property(anyInput(eventTypes), (input) => {
        const r = noThrow(() => decodeEvent(input));
        if (E.isLeft(r)) expect(r.left.code).toBe("invalid_input");
      }),
      { numRuns: RUNS },
    );
  });

  it("fromSnapshot returns a typed error for any JSON that is not a snapshot", () => {
    fc.assert(
      fc.property(anyInput(["crm-access.snapshot"]), (input) => {
        const r = noThrow(() => fromSnapshot(input));
        expect(E.isLeft(r)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("execute never throws, and a refusal emits nothing and changes nothing (LIF-2)", () => {
    let refused = 0;
    fc.assert(
      fc.property(anyInput(commandTypes), (input) => {
        const r = noThrow(() => execute(state, input as Command));
        if (E.isLeft(r)) {
          refused++;
          expect(typeof r.left.code).toBe("string");
          expect(typeof r.left.rule).toBe("string");
        } else {
          expect(r.right.events.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(0);
    expect(JSON.stringify(toSnapshot(state))).toBe(before);
    expect(Object.isFrozen(state)).toBe(true);
  });

  it("hostile ids are ordinary ids: `__proto__` can be a contact and a user (ACC-1)", () => {
    const s = run(
      teamOffice(),
      { type: "registerUser", actor: "admin", account: OFFICE, userId: "__proto__", name: "Proto" },
      { type: "addTeamMember", actor: "rain", account: TEAM, userId: "__proto__", role: "agent" },
      {
        type: "addContact",
        actor: "__proto__",
        account: TEAM,
        contactId: "constructor",
        channel: "manual",
        details: details("Hostile"),
      },
    ).state;
    const snapshot = toSnapshot(s);
    expect(snapshot.contacts.map((c) => c.id)).toEqual(["constructor"]);
    expect(snapshot.users.map((u) => u.id)).toContain("__proto__");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
