import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  can,
  contactIds,
  DEFAULT_CONFIGURATION,
  execute,
  getContact,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { AT, run, TEAM, teamOffice } from "../support/office.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

/**
 * An import sent in chunks (D-183): consecutive `importContacts` commands with the same actor, account and `at`, each
 * numbering its rows from `firstRow`. LIF-1 deduplication must come out exactly as one command of every row: the same
 * contacts, the same matches (contact, row, key and what each row adds) and the same refused rows.
 */

const EMAILS = ["ann@example.com", " ANN@example.com", "bea@example.com", "cy@example.com", "not-an-email"];
const PHONES = ["+1 312 555 0147", "(312) 555-0147", "+1 415 555 0132", "+1 999 555 0100", "+44 20 7946 0018"];
const NAMES = ["Ann", " ann ", "Bea", "Cy"];
const ROW_IDS = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "e1"];

const arbitraryDetails = fc.record({
  name: fc.constantFrom(...NAMES),
  emails: fc.subarray(EMAILS, { maxLength: 2 }),
  phones: fc.subarray(PHONES, { maxLength: 2 }),
});

/** Contacts already in the team before the import, some of them shared with the agent amy. */
const arbitraryExisting = fc.array(
  fc.record({ details: arbitraryDetails, amy: fc.constantFrom("none", "view", "full") }),
  { maxLength: 4 },
);

const arbitraryCase = fc.record({
  importerAccess: fc.constantFrom("primary" as const, "full" as const, "none" as const),
  importer: fc.constantFrom("rain", "tc", "amy"),
  existing: arbitraryExisting,
  rows: fc.array(fc.record({ contactId: fc.constantFrom(...ROW_IDS), details: arbitraryDetails }), {
    minLength: 1,
    maxLength: 14,
  }),
  chunks: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 14 }),
});

type Case = typeof arbitraryCase extends fc.Arbitrary<infer T> ? T : never;

function office(c: Case): State {
  let state = teamOffice({ ...DEFAULT_CONFIGURATION, importerAccess: c.importerAccess });
  c.existing.forEach((e, i) => {
    const id = `e${i}`;
    state = run(state, {
      type: "addContact",
      actor: "rain",
      account: TEAM,
      contactId: id,
      channel: "manual",
      details: e.details,
    }).state;
    if (e.amy !== "none")
      state = run(state, {
        type: "grantAccess",
        actor: "rain",
        account: TEAM,
        contactId: id,
        userId: "amy",
        level: e.amy as "view" | "full",
      }).state;
  });
  return state;
}

/** What an import decided, chunk boundaries aside: every row's outcome in order. */
const outcomes = (events: readonly Event[]): unknown[] => events.filter((e) => e.type !== "ContactsImported");

describe("an import sent in chunks (LIF-1, D-183)", () => {
  it("chunks continuing one import create the same contacts and match the same rows as one command of every row (LIF-1)", () => {
    let continued = 0;
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const before = office(c);
        const whole: Command = { type: "importContacts", actor: c.importer, at: AT, account: TEAM, rows: c.rows };
        const one = execute(before, whole);
        let state = before;
        const events: Event[] = [];
        let first = 0;
        for (let k = 0; first < c.rows.length; k++) {
          const size = c.chunks[k % c.chunks.length] as number;
          const chunk: Command = { ...whole, rows: c.rows.slice(first, first + size), firstRow: first };
          const r = execute(state, chunk);
          if (E.isLeft(one)) {
            // Refused as a whole (the importer lacks the permission): each chunk is refused alike.
            expect(E.isLeft(r) && r.left.code).toBe(one.left.code);
            return;
          }
          if (E.isLeft(r)) throw new Error(`chunk at ${first} refused: ${r.left.message}`);
          const summary = r.right.events[r.right.events.length - 1];
          expect(summary).toMatchObject({ type: "ContactsImported", firstRow: first });
          events.push(...r.right.events);
          state = r.right.state;
          first += size;
        }
        if (E.isLeft(one)) return;
        // SEC-3 in every case: a chunk writes only to contacts it created or the importer may edit before it.
        let seen = before;
        let at = 0;
        for (let k = 0; at < c.rows.length; k++) {
          const size = c.chunks[k % c.chunks.length] as number;
          const r = execute(seen, { ...whole, rows: c.rows.slice(at, at + size), firstRow: at });
          if (E.isLeft(r)) throw new Error(r.left.message);
          const createdHere = new Set(r.right.events.flatMap((e) => (e.type === "ContactAdded" ? [e.contact.id] : [])));
          for (const e of r.right.events)
            if (e.type === "ContactMatched" && !createdHere.has(e.contactId))
              expect(can(seen, c.importer, "edit", e.contactId)).toBe(true);
          seen = r.right.state;
          at += size;
        }
        // An importer who may not edit what they import (amy, a standard agent, with `importerAccess: none`) does not
        // see earlier chunks' contacts (the next test); everyone else gets what one command of every row gives.
        if (c.importerAccess === "none" && c.importer === "amy") return;
        expect(outcomes(events)).toEqual(outcomes(one.right.events));
        const totals = (list: readonly Event[]) =>
          list.reduce(
            (t, e) =>
              e.type === "ContactsImported"
                ? [(t[0] as number) + e.created, (t[1] as number) + e.matched, (t[2] as number) + e.refused]
                : t,
            [0, 0, 0],
          );
        expect(totals(events)).toEqual(totals(one.right.events));
        expect(contactIds(state).sort()).toEqual(contactIds(one.right.state).sort());
        for (const id of contactIds(state)) expect(getContact(state, id)).toEqual(getContact(one.right.state, id));
        if (events.some((e) => e.type === "ContactMatched" && e.row !== null && e.row >= (c.chunks[0] as number)))
          continued++;
      }),
      { numRuns: RUNS },
    );
    // A later chunk matched a row to a contact an earlier chunk created or updated, in a fair share of the cases.
    if (RUNS >= 30) expect(continued).toBeGreaterThan(RUNS / 10);
  });

  it("a later chunk does not write to contacts its earlier chunks created that the importer may not edit (SEC-3)", () => {
    // amy, a standard agent, imports with `importerAccess: none`: the contacts she imports are not hers to edit, so
    // a later chunk cannot match them — whoever sends it, with whatever `at` — and r2 is a contact of its own.
    const state = teamOffice({ ...DEFAULT_CONFIGURATION, importerAccess: "none" });
    const rows = [
      { contactId: "r1", details: { name: "Bea", emails: ["bea@example.com"] } },
      { contactId: "r2", details: { name: "Bea", emails: ["bea@example.com"], phones: ["+1 312 555 0147"] } },
    ];
    const base = { type: "importContacts", actor: "amy", account: TEAM } as const;
    const first = run(state, { ...base, rows: rows.slice(0, 1), firstRow: 0 });
    expect(can(first.state, "amy", "edit", "r1")).toBe(false);
    const second = run(first.state, { ...base, rows: rows.slice(1), firstRow: 1 });
    expect(second.events[0]).toMatchObject({ type: "ContactAdded", contact: { id: "r2" } });
    expect(getContact(second.state, "r1")?.details.phones ?? []).toEqual([]);
    // Within one command the rows are one batch: the second row matches the contact the first created.
    const whole = run(state, { ...base, rows });
    expect(whole.events[1]).toMatchObject({ type: "ContactMatched", contactId: "r1", row: 1, matchedOn: "email" });
    // An importer who may edit what she imports (the default, `full`) gets the same from chunks as from one command.
    const open = teamOffice(DEFAULT_CONFIGURATION);
    const a = run(open, { ...base, rows: rows.slice(0, 1), firstRow: 0 });
    const b = run(a.state, { ...base, rows: rows.slice(1), firstRow: 1 });
    expect(b.events[0]).toMatchObject({ type: "ContactMatched", contactId: "r1", row: 1, matchedOn: "email" });
  });
});
