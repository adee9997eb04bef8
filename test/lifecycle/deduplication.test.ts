import { describe, expect, it } from "vitest";
import { getContact, type Event } from "../../src/index.js";
import { run, TEAM, teamOffice } from "../support/office.js";

const PHONE = "+1 312 555 0147";
const add = (contactId: string, name: string, phones: string[]) =>
  ({
    type: "addContact",
    actor: "rain",
    account: TEAM,
    contactId,
    channel: "manual",
    details: { name, phones },
  }) as const;
const importRows = (...rows: { contactId: string; name: string; phones?: string[]; emails?: string[] }[]) =>
  ({
    type: "importContacts",
    actor: "rain",
    account: TEAM,
    rows: rows.map(({ contactId, name, phones, emails }) => ({
      contactId,
      details: { name, ...(phones === undefined ? {} : { phones }), ...(emails === undefined ? {} : { emails }) },
    })),
  }) as const;
const matchedIds = (events: readonly Event[]): string[] =>
  events.flatMap((e) => (e.type === "ContactMatched" ? [e.contactId] : []));
const createdIds = (events: readonly Event[]): string[] =>
  events.flatMap((e) => (e.type === "ContactAdded" ? [e.contact.id] : []));

describe("deduplication (seed 003)", () => {
  it("among several candidates the one with the same name wins, whatever its case, spacing and surrounding blanks (LIF-1)", () => {
    // c-a sorts first, so only the name decides that c-b wins; "AnnLee" differs from "Ann Lee" only by a space.
    const s = run(teamOffice(), add("c-a", "AnnLee", [PHONE]), add("c-b", "Ann Lee", [PHONE])).state;
    for (const name of ["Ann Lee", "  ann   LEE ", "ANN\tLee"]) {
      expect(matchedIds(run(s, importRows({ contactId: "row", name, phones: [PHONE] })).events), name).toEqual(["c-b"]);
    }
    expect(matchedIds(run(s, importRows({ contactId: "row", name: "Someone Else", phones: [PHONE] })).events)).toEqual([
      "c-a",
    ]);
  });

  it("a phone number whose area code does not exist is kept as typed but never matched, before or within an import (LIF-1, LIF-6)", () => {
    const s = run(teamOffice(), add("c1", "Ann", ["12"])).state;
    expect(getContact(s, "c1")?.details.phones).toEqual(["12"]);
    const r = run(
      s,
      importRows({ contactId: "r1", name: "Ann", phones: ["12"] }, { contactId: "r2", name: "Ann", phones: ["12"] }),
    );
    expect(matchedIds(r.events)).toEqual([]);
    expect(createdIds(r.events)).toEqual(["r1", "r2"]);
  });

  it("rows of one import that share an address make one contact, which gains each new address once (LIF-1)", () => {
    const r = run(
      teamOffice(),
      importRows(
        { contactId: "r1", name: "Bea", emails: ["bea@example.com"] },
        { contactId: "r2", name: "Bea", emails: ["bea@example.com"], phones: [PHONE] },
        { contactId: "r3", name: "Bea", phones: [PHONE], emails: ["BEA@example.com", "bea@work.example"] },
      ),
    );
    expect(createdIds(r.events)).toEqual(["r1"]);
    expect(matchedIds(r.events)).toEqual(["r1", "r1"]);
    expect(getContact(r.state, "r1")?.details).toEqual({
      name: "Bea",
      emails: ["bea@example.com", "bea@work.example"],
      phones: ["+13125550147"],
    });
  });

  it("among candidates of which none has the row's name, the smallest id wins, in whatever order they were added (LIF-1)", () => {
    const idSets = [
      ["c9", "c10", "c1"],
      ["zed", "amy", "max", "bo"],
      ["k-3", "k-20", "k-100", "k-7"],
      ["x1", "x11", "x2", "x22", "x3"],
    ];
    for (const ids of idSets) {
      const s = run(teamOffice(), ...ids.map((id) => add(id, `Name ${id}`, [PHONE]))).state;
      const smallest = [...ids].sort()[0];
      expect(
        matchedIds(run(s, importRows({ contactId: "row", name: "Someone Else", phones: [PHONE] })).events),
        ids.join(","),
      ).toEqual([smallest]);
    }
  });

  it("a contact's details are stored as given, less surrounding blanks, with no field it was not given (LIF-1)", () => {
    const s = run(teamOffice(), add("c1", "  Ann Lee \t", [])).state;
    expect(getContact(s, "c1")?.details).toStrictEqual({ name: "Ann Lee" });
    const imported = run(s, importRows({ contactId: "r1", name: " Bea ", emails: [" bea@example.com "] })).state;
    expect(getContact(imported, "r1")?.details).toStrictEqual({ name: "Bea", emails: ["bea@example.com"] });
  });
});
