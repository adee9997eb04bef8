import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { archiveOf, getContact, isOptedOut, visibleContacts, type State } from "../../src/index.js";
import { details, OFFICE, personal, refusal, run, TEAM, teamOffice } from "../support/office.js";

const withContacts = (): State =>
  run(
    teamOffice(),
    {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "amy",
      permissions: { archiveContacts: true },
    },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: { name: "Ann Buyer", emails: ["Ann@Example.com"], phones: ["(312) 555-0147"] },
    },
  ).state;

describe("lifecycle and compliance (seed 003)", () => {
  it("deduplication is triggered when a contact is imported or added via API (LIF-1)", () => {
    const r = run(withContacts(), {
      type: "importContacts",
      actor: "amy",
      account: TEAM,
      rows: [
        { contactId: "x1", details: { name: "Ann B.", emails: [" ann@example.com "], phones: ["+1 415 555 0132"] } },
        { contactId: "x2", details: { name: "Ann Buyer", phones: ["312-555-0147"] } },
        { contactId: "x3", details: { name: "New Person", emails: ["new@example.com"] } },
        { contactId: "x4", details: { name: "New Person", emails: ["NEW@example.com"] } },
      ],
    });
    expect(r.events.map((e) => e.type)).toEqual([
      "ContactMatched",
      "ContactMatched",
      "ContactAdded",
      "ContactMatched",
      "ContactsImported",
    ]);
    expect(r.events[0]).toMatchObject({
      contactId: "c1",
      requestedId: "x1",
      row: 0,
      matchedOn: "email",
      added: { emails: [], phones: ["+14155550132"] },
    });
    expect(r.events[1]).toMatchObject({ contactId: "c1", matchedOn: "phone" });
    expect(r.events[3]).toMatchObject({ contactId: "x3", requestedId: "x4", matchedOn: "email" });
    expect(r.events.at(-1)).toMatchObject({ created: 1, matched: 3, refused: 0 });
    expect(getContact(r.state, "c1")?.details.phones).toEqual(["+13125550147", "+14155550132"]);
    expect(getContact(r.state, "x1")).toBeUndefined();
    const api = run(r.state, {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "y1",
      channel: "api",
      details: { name: "Ann", emails: ["ann@example.com"] },
    });
    expect(api.events).toMatchObject([{ type: "ContactMatched", contactId: "c1", channel: "api" }]);
  });

  it("the deduplication logic does not trigger when a contact is manually added (LIF-1)", () => {
    const r = run(withContacts(), {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c2",
      channel: "manual",
      details: { name: "Ann Buyer", emails: ["ann@example.com"] },
    });
    expect(r.events).toMatchObject([{ type: "ContactAdded" }]);
    expect(getContact(r.state, "c2")).toBeDefined();
  });

  it("deduplication stays inside one account (LIF-1)", () => {
    const r = run(withContacts(), {
      type: "importContacts",
      actor: "amy",
      account: personal("amy"),
      rows: [{ contactId: "p1", details: { name: "Ann Buyer", emails: ["ann@example.com"] } }],
    });
    expect(r.events[0]).toMatchObject({ type: "ContactAdded" });
  });

  it("you need to manually archive a contact; archive reasons are a fixed list (LIF-2)", () => {
    const s = withContacts();
    const archive = {
      type: "archiveContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      reason: "notInterested",
    } as const;
    expect(refusal(s, { ...archive, channel: "api" })).toMatchObject({ code: "channel_not_available", rule: "LIF-2" });
    expect(refusal(s, { ...archive, channel: "manual", reason: "bored" as never }).code).toBe("invalid_input");
    const r = run(s, { ...archive, channel: "manual" });
    expect(archiveOf(r.state, "c1")).toMatchObject({ reason: "notInterested", by: "amy" });
    expect(visibleContacts(r.state, "amy", { archived: true })).toEqual(["c1"]);
    expect(visibleContacts(r.state, "amy", { archived: false })).toEqual([]);
  });

  it("archiving needs the archive staff permission (LIF-2)", () => {
    const s = run(withContacts(), {
      type: "grantAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
      level: "full",
    }).state;
    const e = refusal(s, {
      type: "archiveContact",
      actor: "bob",
      account: TEAM,
      contactId: "c1",
      reason: "duplicate",
      channel: "manual",
    });
    expect(e).toMatchObject({ code: "not_permitted", rule: "LIF-2" });
    expect(e.message).toContain("archiveContacts");
  });

  it("contacts cannot be unarchived through the API (LIF-2)", () => {
    const s = run(withContacts(), {
      type: "archiveContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      reason: "duplicate",
      channel: "manual",
    }).state;
    expect(
      refusal(s, { type: "unarchiveContact", actor: "amy", account: TEAM, contactId: "c1", channel: "api" }),
    ).toMatchObject({
      code: "channel_not_available",
      rule: "LIF-2",
    });
    const back = run(s, {
      type: "unarchiveContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
    }).state;
    expect(archiveOf(back, "c1")).toBeUndefined();
  });

  it("the contact stays opted out until they opt back in; resubscribing through the API is refused, support needs consent (LIF-3)", () => {
    const s = run(withContacts(), {
      type: "recordOptOut",
      actor: "amy",
      account: OFFICE,
      address: { kind: "email", value: "ANN@example.com" },
      channel: "api",
    }).state;
    const optIn = {
      type: "recordOptIn",
      actor: "admin",
      account: OFFICE,
      address: { kind: "email", value: "ann@example.com" },
    } as const;
    expect(refusal(s, { ...optIn, channel: "api" })).toMatchObject({ code: "resubscribe_refused", rule: "LIF-3" });
    expect(refusal(s, { ...optIn, channel: "support" })).toMatchObject({ code: "consent_required", rule: "LIF-3" });
    expect(isOptedOut(s, { kind: "email", value: "ann@example.com" })).toBe(true);
    const back = run(s, {
      ...optIn,
      channel: "support",
      consent: { reference: "ticket 4411", givenAt: "2026-03-01T12:00:00Z" },
    }).state;
    expect(isOptedOut(back, { kind: "email", value: "ann@example.com" })).toBe(false);
  });

  it("deleting a contact does not change the opt-out status of its phone number; it is stored by number (LIF-4)", () => {
    const s = run(
      withContacts(),
      {
        type: "recordOptOut",
        actor: "amy",
        account: OFFICE,
        address: { kind: "phone", value: "312.555.0147" },
        channel: "api",
      },
      { type: "deleteContact", actor: "rain", account: TEAM, contactId: "c1" },
    ).state;
    expect(getContact(s, "c1")).toBeUndefined();
    expect(isOptedOut(s, { kind: "phone", value: "+1 312 555 0147" })).toBe(true);
  });

  it("the valid email filter means the email is present and well-formed; unsubscribed means in the global opt-out (LIF-5)", () => {
    const s = run(
      withContacts(),
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "c2",
        channel: "manual",
        details: { name: "No Mail" },
      },
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "c3",
        channel: "manual",
        details: { name: "Bad Mail", emails: ["not-an-address"] },
      },
      {
        type: "recordOptOut",
        actor: "amy",
        account: OFFICE,
        address: { kind: "email", value: "ann@example.com" },
        channel: "manual",
      },
    ).state;
    expect(visibleContacts(s, "amy", { validEmail: true })).toEqual(["c1"]);
    expect([...visibleContacts(s, "amy", { validEmail: false })].sort()).toEqual(["c2", "c3"]);
    expect(visibleContacts(s, "amy", { unsubscribed: true })).toEqual(["c1"]);
  });

  it("a valid contact number must have an area code that exists (LIF-6)", () => {
    const s = run(withContacts(), {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c9",
      channel: "manual",
      details: { name: "Odd", phones: ["+1 999 555 0100"] },
    }).state;
    expect(getContact(s, "c9")?.details.phones).toEqual(["+1 999 555 0100"]);
    expect(getContact(withContacts(), "c1")?.details.phones).toEqual(["+13125550147"]);
    expect(
      refusal(s, {
        type: "recordOptOut",
        actor: "amy",
        account: OFFICE,
        address: { kind: "phone", value: "+1 999 555 0100" },
        channel: "manual",
      }),
    ).toMatchObject({
      code: "invalid_address",
      rule: "LIF-6",
    });
  });

  it("a snapshot listing a team's members in any order reads back with each member's level in force (ACC-9)", async () => {
    const { toSnapshot, fromSnapshot, can } = await import("../../src/index.js");
    const s = run(teamOffice(), {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: details("Cara"),
    }).state;
    const snap = JSON.parse(JSON.stringify(toSnapshot(s))) as { teams: { members: unknown[] }[] };
    for (const t of snap.teams) t.members.reverse();
    const read = fromSnapshot(snap);
    expect(E.isRight(read)).toBe(true);
    if (E.isRight(read)) {
      expect(toSnapshot(read.right)).toEqual(toSnapshot(s));
      for (const user of ["rain", "tc", "amy", "bob", "lee"])
        expect(can(read.right, user, "edit", "c1")).toBe(can(s, user, "edit", "c1"));
      expect(can(read.right, "tc", "edit", "c1")).toBe(true);
      expect(can(read.right, "bob", "view", "c1")).toBe(false);
    }
  });

  it("a snapshot naming one user twice in a team is refused with the reason", async () => {
    const { toSnapshot, fromSnapshot } = await import("../../src/index.js");
    const snap = JSON.parse(JSON.stringify(toSnapshot(teamOffice()))) as { teams: { members: unknown[] }[] };
    const team = snap.teams[0];
    if (team === undefined) throw new Error("no team in the snapshot");
    team.members.push(team.members[0]);
    const read = fromSnapshot(snap);
    expect(E.isLeft(read) && read.left.message).toMatch(/appears twice/);
  });

  it("a snapshot read back answers like the state it came from (LIF-4)", async () => {
    const { toSnapshot, fromSnapshot } = await import("../../src/index.js");
    const s = run(withContacts(), {
      type: "recordOptOut",
      actor: "amy",
      account: OFFICE,
      address: { kind: "phone", value: "312.555.0147" },
      channel: "api",
    }).state;
    const read = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(s))));
    expect(E.isRight(read)).toBe(true);
    if (E.isRight(read)) {
      expect(toSnapshot(read.right)).toEqual(toSnapshot(s));
      expect(isOptedOut(read.right, { kind: "phone", value: "3125550147" })).toBe(true);
    }
  });
});
