import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  fromSnapshot,
  initialState,
  toCompactSnapshot,
  toSnapshot,
  type CompactSnapshot,
  type Contact,
  type State,
} from "../../src/index.js";
import { instantMs, instantText } from "../../src/snapshot/compact.js";
import { arbitraryState, checkStateInvariants } from "../../src/testing/index.js";

/**
 * Snapshot format version 2 (D-177, D-178): the contacts as columns. It reads back to the state it came from, as
 * version 1 does; it is canonical; and, being untrusted input, every damaged part of it is refused as invalid_input
 * with a path, never thrown on and never read as something else (SEC-7).
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

const states = arbitraryState({ maxCommands: 60, populate: true }).map(({ state }) => state);
const through = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
type Columns = CompactSnapshot["contacts"];

function refusal(input: unknown): { code: string; rule: string; message: string; path: readonly unknown[] } {
  const r = fromSnapshot(input);
  if (E.isRight(r)) throw new Error("the snapshot was accepted");
  return r.left as { code: string; rule: string; message: string; path: readonly unknown[] };
}

/** A drawn office (fixed seed) with contacts of many shapes: the one with the most contacts of a few draws. */
const OFFICE: State = fc
  .sample(arbitraryState({ maxCommands: 120, populate: true }), { seed: 15, numRuns: 12 })
  .map(({ state }) => state)
  .reduce((a, b) => (b.contacts.size > a.contacts.size ? b : a));
const office = (): State => OFFICE;

function damaged(change: (c: { -readonly [K in keyof Columns]: Columns[K] }) => void): unknown {
  const snap = through(toCompactSnapshot(office())) as { contacts: Columns };
  change(snap.contacts as { -readonly [K in keyof Columns]: Columns[K] });
  return snap;
}

describe("snapshot format version 2 (D-177)", () => {
  it("a state written as version 2 reads back through JSON to the state version 1 reads back to, and writes the same version 2 again", () => {
    fc.assert(
      fc.property(states, (state) => {
        const compact = toCompactSnapshot(state);
        expect(compact.format).toBe("crm-access.snapshot");
        expect(compact.version).toBe(2);
        const read = fromSnapshot(through(compact));
        if (E.isLeft(read)) throw new Error(read.left.message);
        expect(toSnapshot(read.right)).toEqual(toSnapshot(state));
        expect(JSON.stringify(toCompactSnapshot(read.right))).toBe(JSON.stringify(compact));
        expect(read.right.contacts.size).toBe(state.contacts.size);
        expect(checkStateInvariants(read.right)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("an office's version 2 text is shorter than its version 1 text, and the same contacts are listed whatever order they came in", () => {
    const state = office();
    expect(state.contacts.size).toBeGreaterThanOrEqual(5);
    const v1 = JSON.stringify(toSnapshot(state)).length;
    const v2 = JSON.stringify(toCompactSnapshot(state)).length;
    expect(v2).toBeLessThan(v1);
    // Read back from version 1, the contacts sit in maps built another way; version 2 lists them alike.
    const read = fromSnapshot(through(toSnapshot(state)));
    if (E.isLeft(read)) throw new Error(read.left.message);
    expect(toCompactSnapshot(read.right)).toEqual(toCompactSnapshot(state));
  });

  it("a contact's creation time is packed only when it reads back as written, and kept verbatim otherwise", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        // The independent reference: the platform's own calendar.
        const text = new Date(ms).toISOString();
        expect(instantMs(text)).toBe(ms);
        expect(instantText(ms)).toBe(text);
      }),
      { numRuns: RUNS * 20 },
    );
    for (const odd of [
      "2026-02-29T00:00:00.000Z",
      "2024-13-01T00:00:00.000Z",
      "2026-03-02T24:00:00.000Z",
      "2026-03-02T17:00:60.000Z",
      "2026-03-02T17:00:00Z",
      "2026-03-02T17:00:00.000+01:00",
      "1969-12-31T23:59:59.999Z",
      "2026-03-02t17:00:00.000Z",
      "２０２６-03-02T17:00:00.000Z",
      "",
    ])
      expect(instantMs(odd), odd).toBe(-1);
    expect(instantMs("2024-02-29T23:59:59.999Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    const state = office();
    const first = [...toSnapshot(state).contacts][0] as Contact;
    const renamed = through(toSnapshot(state)) as { contacts: { createdAt: string }[] };
    for (const [i, c] of renamed.contacts.entries()) c.createdAt = i % 2 === 0 ? "2026-03-02T17:00:00Z" : "yesterday";
    const read = fromSnapshot(renamed);
    if (E.isLeft(read)) throw new Error(read.left.message);
    const compact = toCompactSnapshot(read.right);
    expect(compact.contacts.createdAt.length).toBe(renamed.contacts.length);
    const back = fromSnapshot(through(compact));
    if (E.isLeft(back)) throw new Error(back.left.message);
    expect(toSnapshot(back.right)).toEqual(toSnapshot(read.right));
    expect(first.createdAt).not.toBe("yesterday");
  });

  it("every damaged part of the columns is refused as invalid_input with its place, before anything is built (SEC-7)", () => {
    const cases: [string, (c: { -readonly [K in keyof Columns]: Columns[K] }) => void, RegExp, unknown[]][] = [
      ["records cut short", (c) => void (c.records = c.records.slice(0, -3)), /end early/, ["contacts", "records"]],
      [
        "a character that is no digit",
        (c) => void (c.records = `${c.records.slice(0, 4)}!${c.records.slice(5)}`),
        /not a digit/,
        ["contacts", "records", 0],
      ],
      [
        "characters after the last contact",
        (c) => void (c.records = `${c.records}AAAA`),
        /after the last contact/,
        ["contacts", "records"],
      ],
      [
        "every flag set, asking for parts the contact lacks",
        (c) => void (c.records = `__${c.records.slice(2)}`),
        /past|end early|not a digit|names/,
        ["contacts", "records", 0],
      ],
      [
        "a reference past the ids named",
        (c) => void c.refs.splice(1),
        /names position|end early|after the last/,
        ["contacts", "records"],
      ],
      ["a name too few", (c) => void c.names.pop(), /names for/, ["contacts", "names"]],
      [
        "an email no contact holds",
        (c) => void c.emails.push("stray@example.com"),
        /emails no contact holds/,
        ["contacts", "emails"],
      ],
      ["an email too few", (c) => void c.emails.splice(0), /emails/, ["contacts", "records"]],
      [
        "a creation time no contact holds",
        (c) => void c.createdAt.push("2026-01-01T00:00:00Z"),
        /creation times/,
        ["contacts", "createdAt"],
      ],
      ["an id that is empty", (c) => void (c.ids[0] = ""), /empty/, ["contacts", "ids", 0]],
      ["a level no grant has", (c) => void (c.levels[0] = "owner" as never), /./, ["contacts", "levels", 0]],
      ["an unknown column", (c) => void Object.assign(c, { extra: [] }), /./, ["contacts"]],
    ];
    for (const [name, change, message, path] of cases) {
      const r = refusal(damaged(change));
      expect(r.code, name).toBe("invalid_input");
      expect(r.rule, name).toBe("input");
      expect(r.message, name).toMatch(message);
      expect(r.message, name).toMatch(/^snapshot\.contacts/);
      expect(r.path.slice(0, path.length), name).toEqual(path);
    }
  });

  it("columns that decode but name a user the office lacks, or put a grant on the primary, are refused by the invariants (SEC-7, ASG-1)", () => {
    const state = office();
    for (let i = 0; i < toCompactSnapshot(state).contacts.refs.length; i++) {
      const unknown = damaged((c) => void (c.refs[i] = "mallory"));
      expect(refusal(unknown).message).toMatch(/mallory/);
    }
    // Every id a contact names made one user: grants land on the primary, accounts on no team.
    const user = [...toSnapshot(state).users].map((u) => u.id).find((id) => id !== "")!;
    const r = refusal(damaged((c) => void c.refs.fill(user)));
    expect(r).toMatchObject({ code: "invalid_input", rule: "input" });
    expect(r.path[0]).toBe("contacts");
  });

  it("no single character changed in the records or a column makes restore throw: each is refused or gives a state that keeps every invariant (SEC-7)", () => {
    const base = through(toCompactSnapshot(office())) as { contacts: Columns };
    const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_!";
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: digits.length - 1 }), (where, digit) => {
        const snap = structuredClone(base) as { contacts: { -readonly [K in keyof Columns]: Columns[K] } };
        const at = where % snap.contacts.records.length;
        snap.contacts.records = `${snap.contacts.records.slice(0, at)}${digits[digit]}${snap.contacts.records.slice(at + 1)}`;
        const r = fromSnapshot(snap);
        if (E.isLeft(r)) {
          refused++;
          expect(r.left.code).toBe("invalid_input");
        } else expect(checkStateInvariants(r.right)).toBeNull();
      }),
      { numRuns: RUNS * 5 },
    );
    if (RUNS >= 30) expect(refused).toBeGreaterThan(0);
  });

  it("a version 1 snapshot still reads as before, and a version no release wrote is refused", () => {
    const state = office();
    const v1 = fromSnapshot(through(toSnapshot(state)));
    if (E.isLeft(v1)) throw new Error(v1.left.message);
    expect(toSnapshot(v1.right)).toEqual(toSnapshot(state));
    const v3 = { ...(through(toCompactSnapshot(state)) as object), version: 3 };
    expect(refusal(v3)).toMatchObject({ code: "invalid_input", path: ["version"] });
    // Version 2 with version 1's rows, or version 1 with columns, is refused by the schema of the version it claims.
    expect(refusal({ ...(through(toSnapshot(state)) as object), version: 2 })).toMatchObject({
      code: "invalid_input",
      path: ["contacts"],
    });
    expect(refusal({ ...(through(toCompactSnapshot(state)) as object), version: 1 })).toMatchObject({
      code: "invalid_input",
      path: ["contacts"],
    });
    expect(fromSnapshot(through(toCompactSnapshot(initialState())))._tag).toBe("Right");
  });
});
