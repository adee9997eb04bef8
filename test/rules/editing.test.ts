import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  can,
  explain,
  fromSnapshot,
  getContact,
  LEAD_STATUSES,
  newsletterDelivery,
  project,
  toSnapshot,
  visibleContacts,
  type State,
} from "../../src/index.js";
import { OFFICE, personal, refusal, run, TEAM, teamOffice } from "../support/office.js";

/** amy is primary on c1 and c2; bob holds full on c1 and view on c2; c3 is amy's alone (bob, a standard agent, cannot see it). */
const office = (): State =>
  run(
    teamOffice(),
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: { name: "Ann Buyer", emails: ["ann@example.com"], phones: ["(312) 555-0147"], leadSource: "Zillow" },
    },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c2",
      channel: "manual",
      details: { name: "Ben Seller", emails: ["ben@example.com"] },
    },
    { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "bob", level: "full" },
    { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c2", userId: "bob", level: "view" },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c3",
      channel: "manual",
      details: { name: "Cal Hidden" },
    },
  ).state;

const edit = (actor: string, changes: Record<string, unknown>, contactId = "c1") =>
  ({ type: "editContact", actor, account: TEAM, contactId, changes }) as const;

describe("editing a contact's details (seed 002, seed 003)", () => {
  it("Full Access agents have complete view and edit capabilities to the contact (ASG-2)", () => {
    const r = run(office(), edit("bob", { name: "Ann Buyer-Smith", phones: ["415 555 0132"] }));
    expect(r.events).toEqual([
      {
        type: "ContactEdited",
        at: expect.any(String),
        by: "bob",
        contactId: "c1",
        details: {
          name: "Ann Buyer-Smith",
          emails: ["ann@example.com"],
          phones: ["+14155550132"],
          leadSource: "Zillow",
        },
        changed: ["name", "phones"],
        rule: "ASG-2",
      },
    ]);
    expect(getContact(r.state, "c1")?.details).toEqual({
      name: "Ann Buyer-Smith",
      emails: ["ann@example.com"],
      phones: ["+14155550132"],
      leadSource: "Zillow",
    });
  });

  it("the assigned user is able to edit the contact record, email address (seed 003)", () => {
    const r = run(office(), {
      type: "addContactPoint",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      point: { kind: "email", value: " ann.b@work.example " },
    });
    expect(getContact(r.state, "c1")?.details.emails).toEqual(["ann@example.com", "ann.b@work.example"]);
    const removed = run(r.state, {
      type: "removeContactPoint",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      point: { kind: "email", value: "ANN@example.com" },
    });
    expect(removed.events).toMatchObject([
      { type: "ContactEdited", changed: ["emails"], details: { emails: ["ann.b@work.example"] } },
    ]);
  });

  it("an agent with View Only access is not able to add/edit contact information (ASG-3)", () => {
    const before = office();
    const e = refusal(before, edit("bob", { name: "Changed" }, "c2"));
    expect(e).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
    expect(can(before, "bob", "edit", "c2")).toBe(false);
  });

  it("contacts that are shared only get visibility and no edit ability (SHR-1)", () => {
    const s = run(office(), {
      type: "grantAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c2",
      userId: "bob",
      level: "shared",
    }).state;
    expect(can(s, "bob", "viewDetails", "c2")).toBe(true);
    expect(refusal(s, edit("bob", { name: "X" }, "c2"))).toMatchObject({ code: "not_permitted", rule: "SHR-1" });
  });

  it("edit capabilities follow the staff access permissions on their staff card (ASG-2)", () => {
    const s = run(office(), {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "bob",
      permissions: { editContacts: false },
    }).state;
    expect(refusal(s, edit("bob", { name: "X" }))).toMatchObject({ code: "not_permitted", rule: "ASG-2" });
    expect(can(s, "bob", "edit", "c1")).toBe(false);
    expect(can(s, "bob", "viewDetails", "c1")).toBe(true);
    expect(explain(s, "bob", "edit", "c1").remedy).toEqual({ kind: "staffPermission", permission: "editContacts" });
    // Holding view only, the smallest change is both.
    expect(explain(s, "bob", "edit", "c2").remedy).toEqual({
      kind: "grantWithStaffPermission",
      level: "full",
      permission: "editContacts",
    });
    const back = run(s, {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "bob",
      permissions: { editContacts: true },
    });
    expect(back.events[0]).toMatchObject({ type: "StaffPermissionsChanged", permissions: { createContacts: true } });
    expect("editContacts" in (back.events[0] as { permissions: object }).permissions).toBe(false);
    expect(can(back.state, "bob", "edit", "c1")).toBe(true);
  });

  it("a contact the actor cannot see is not found, never edited (ACC-5, SEC-2)", () => {
    const s = office();
    const hidden = refusal(s, edit("bob", { name: "X" }, "c3"));
    const missing = refusal(s, edit("bob", { name: "X" }, "no-such"));
    expect(hidden).toMatchObject({ code: "contact_not_found", rule: "ACC-5" });
    expect({ ...missing, message: missing.message.replace("no-such", "c3") }).toEqual(hidden);
  });

  it("a contact is edited in its own account (ACC-6)", () => {
    const s = run(office(), {
      type: "addContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "p1",
      channel: "manual",
      details: { name: "Pat" },
    }).state;
    expect(
      refusal(s, { type: "editContact", actor: "amy", account: TEAM, contactId: "p1", changes: { name: "X" } }),
    ).toMatchObject({ code: "wrong_account", rule: "ACC-6" });
    const ok = run(s, {
      type: "editContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "p1",
      changes: { name: "Patricia" },
    });
    expect(getContact(ok.state, "p1")?.details.name).toBe("Patricia");
  });

  it("a deactivated user's contacts are frozen: not edited (LIF-7)", () => {
    const s = run(
      office(),
      {
        type: "addContact",
        actor: "bob",
        account: personal("bob"),
        contactId: "p2",
        channel: "manual",
        details: { name: "Pam" },
      },
      { type: "grantAccess", actor: "bob", account: personal("bob"), contactId: "p2", userId: "amy", level: "full" },
    ).state;
    expect(
      run(s, {
        type: "editContact",
        actor: "amy",
        account: personal("bob"),
        contactId: "p2",
        changes: { name: "Pamela" },
      }).events,
    ).toHaveLength(1);
    const frozen = run(s, { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "bob" }).state;
    expect(
      refusal(frozen, {
        type: "editContact",
        actor: "amy",
        account: personal("bob"),
        contactId: "p2",
        changes: { name: "X" },
      }),
    ).toMatchObject({ code: "contact_frozen", rule: "LIF-7" });
  });

  it("the deduplication keys follow an edit: the old address no longer matches, the new one does (LIF-1)", () => {
    const s = run(office(), edit("amy", { emails: ["ann@new.example"] })).state;
    const imported = run(s, {
      type: "importContacts",
      actor: "amy",
      account: TEAM,
      rows: [
        { contactId: "x1", details: { name: "Ann", emails: ["ANN@new.example"] } },
        { contactId: "x2", details: { name: "Ann", emails: ["ann@example.com"] } },
      ],
    });
    expect(imported.events.slice(0, 2)).toMatchObject([
      { type: "ContactMatched", contactId: "c1", requestedId: "x1" },
      { type: "ContactAdded" },
    ]);
  });

  it("phone numbers are stored as on an add: valid ones in E.164, others as typed and never matched (LIF-6)", () => {
    const s = run(office(), {
      type: "addContactPoint",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      point: { kind: "phone", value: "+1 999 555 0100" },
    }).state;
    expect(getContact(s, "c1")?.details.phones).toEqual(["+13125550147", "+1 999 555 0100"]);
    // Removing a phone matches it in any form that normalises the same.
    const r = run(s, {
      type: "removeContactPoint",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      point: { kind: "phone", value: "312.555.0147" },
    });
    expect(getContact(r.state, "c1")?.details.phones).toEqual(["+1 999 555 0100"]);
  });

  it("an opt-out stays with the address, not the contact (LIF-3, LIF-4)", () => {
    const s = run(office(), {
      type: "recordOptOut",
      actor: "amy",
      account: OFFICE,
      address: { kind: "email", value: "ann@example.com" },
      channel: "manual",
    }).state;
    const moved = run(
      s,
      {
        type: "removeContactPoint",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        point: { kind: "email", value: "ann@example.com" },
      },
      { type: "editContact", actor: "amy", account: TEAM, contactId: "c2", changes: { emails: ["ann@example.com"] } },
    ).state;
    const ben = newsletterDelivery(moved, "c2");
    expect(E.isRight(ben) && ben.right).toMatchObject({ to: null, skipped: "emailOptedOut" });
    const back = run(moved, {
      type: "addContactPoint",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      point: { kind: "email", value: "Ann@Example.com" },
    }).state;
    const ann = newsletterDelivery(back, "c1");
    expect(E.isRight(ann) && ann.right.skipped).toBe("emailOptedOut");
    expect(visibleContacts(back, "amy", { unsubscribed: true })).toEqual(["c1", "c2"]);
  });

  it("a lead source is changed or cleared, and a change shares with nobody (SHR-9 applies to new contacts)", () => {
    const s = run(office(), edit("amy", { leadSource: null })).state;
    expect(getContact(s, "c1")?.details.leadSource).toBeUndefined();
    const r = run(s, edit("amy", { leadSource: "Open House" }));
    expect(r.events).toMatchObject([{ type: "ContactEdited", changed: ["leadSource"] }]);
  });

  it("an edit that changes nothing, a point already there or one that is not are typed errors that change nothing", () => {
    const s = office();
    expect(refusal(s, edit("amy", {}))).toMatchObject({ code: "no_change" });
    expect(refusal(s, edit("amy", { name: " Ann Buyer ", emails: ["ann@example.com "] }))).toMatchObject({
      code: "no_change",
    });
    expect(
      refusal(s, {
        type: "addContactPoint",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        point: { kind: "phone", value: "312-555-0147" },
      }),
    ).toMatchObject({ code: "no_change" });
    expect(
      refusal(s, {
        type: "addContactPoint",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        point: { kind: "email", value: "  " },
      }),
    ).toMatchObject({ code: "invalid_input" });
    expect(
      refusal(s, {
        type: "removeContactPoint",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        point: { kind: "email", value: "nobody@example.com" },
      }),
    ).toMatchObject({ code: "item_not_found" });
    const full = run(s, edit("amy", { emails: Array.from({ length: 20 }, (_, i) => `a${i}@example.com`) })).state;
    expect(
      refusal(full, {
        type: "addContactPoint",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        point: { kind: "email", value: "one@more.example" },
      }),
    ).toMatchObject({ code: "invalid_input" });
    expect(
      refusal(s, {
        type: "editContact",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        changes: { nickname: "x" },
      } as never),
    ).toMatchObject({ code: "invalid_input" });
  });
});

describe("lead status (seed 003)", () => {
  it('the Lead Status drop-down is a fixed list: a status outside it is refused (seed 003: "Can I adjust the Lead Status drop-down menu field? No")', () => {
    expect(LEAD_STATUSES).toEqual([
      "new",
      "attemptedContact",
      "contacted",
      "nurturing",
      "appointmentSet",
      "application",
      "underContract",
      "closed",
      "lost",
    ]);
    expect(
      refusal(office(), {
        type: "setLeadStatus",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        status: "hot",
      } as never),
    ).toMatchObject({ code: "invalid_input" });
  });

  it("a contact starts as new; those who may edit it set its status, and the listing filters by it (ASG-2)", () => {
    const s = office();
    const before = project(s, "bob", "c1");
    expect(E.isRight(before) && before.right.leadStatus).toBe("new");
    const r = run(s, { type: "setLeadStatus", actor: "bob", account: TEAM, contactId: "c1", status: "contacted" });
    expect(r.events).toEqual([
      {
        type: "LeadStatusChanged",
        at: expect.any(String),
        by: "bob",
        contactId: "c1",
        from: "new",
        to: "contacted",
        rule: "ASG-2",
      },
    ]);
    expect(getContact(r.state, "c1")?.leadStatus).toBe("contacted");
    expect(visibleContacts(r.state, "amy", { leadStatus: "contacted" })).toEqual(["c1"]);
    expect([...visibleContacts(r.state, "amy", { leadStatus: "new" })].sort()).toEqual(["c2", "c3"]);
    expect(visibleContacts(r.state, "bob", { leadStatus: "new" })).toEqual(["c2"]);
    const view = project(r.state, "bob", "c2");
    expect(E.isRight(view) && view.right.leadStatus).toBe("new");
    expect(
      refusal(r.state, { type: "setLeadStatus", actor: "bob", account: TEAM, contactId: "c1", status: "contacted" }),
    ).toMatchObject({ code: "no_change" });
  });

  it("View Only and shared access cannot set it; a hidden contact is not found (ASG-3, SHR-1, SEC-2)", () => {
    const s = office();
    expect(
      refusal(s, { type: "setLeadStatus", actor: "bob", account: TEAM, contactId: "c2", status: "lost" }),
    ).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
    expect(
      refusal(s, { type: "setLeadStatus", actor: "bob", account: TEAM, contactId: "c3", status: "lost" }),
    ).toMatchObject({ code: "contact_not_found" });
  });

  it("the status survives a snapshot and a replay", () => {
    const r = run(office(), {
      type: "setLeadStatus",
      actor: "amy",
      account: TEAM,
      contactId: "c2",
      status: "nurturing",
    });
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(r.state))));
    expect(E.isRight(back) && getContact(back.right, "c2")?.leadStatus).toBe("nurturing");
  });
});
