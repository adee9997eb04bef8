import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessAt,
  accessTimeline,
  can,
  DEFAULT_CONFIGURATION,
  explain,
  getContact,
  initialState,
  PRESETS,
  policyImpact,
} from "../src/index.js";
import { details, OFFICE, personal, refusal, run, TEAM, TEAM_OFFICE_COMMANDS, teamOffice } from "./support/office.js";

describe("preset teamAndPersonal walks through seeds 000 and 001", () => {
  const s0 = teamOffice(PRESETS.teamAndPersonal);
  it("a lead manually added in the team account is owned by the team (ACC-2)", () => {
    const s = run(s0, {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: details("C"),
    }).state;
    expect(getContact(s, "c1")?.owner).toEqual({ kind: "team", teamId: "t1" });
  });
  it("members with the proper permission level change ownership from the team to an agent after import (ACC-3)", () => {
    const s = run(s0, {
      type: "importContacts",
      actor: "amy",
      account: TEAM,
      rows: [{ contactId: "i1", details: details("I") }],
    }).state;
    expect(
      refusal(s, {
        type: "changeOwner",
        actor: "amy",
        account: TEAM,
        contactId: "i1",
        owner: { kind: "user", userId: "amy" },
      }).rule,
    ).toBe("ACC-3");
    expect(
      run(s, {
        type: "changeOwner",
        actor: "tc",
        account: TEAM,
        contactId: "i1",
        owner: { kind: "user", userId: "amy" },
      }).events,
    ).toHaveLength(1);
  });
  it("the team has no insight into the personal account (ACC-5)", () => {
    const s = run(s0, {
      type: "addContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "p1",
      channel: "apiSync",
      details: details("P"),
    }).state;
    expect(can(s, "rain", "view", "p1")).toBe(false);
  });
  it("Rainmakers or Enhanced and Unlimited members designate agent defaults for team SmartPlans (SP-2)", () => {
    const cmd = {
      type: "setAgentDefaults",
      account: TEAM,
      defaults: { task: "rainmaker", email: "rainmaker", text: "rainmaker" },
    } as const;
    expect(refusal(s0, { ...cmd, actor: "bob" }).rule).toBe("SP-2");
    expect(run(s0, { ...cmd, actor: "rain" }).events).toHaveLength(1);
  });
});

describe("preset officeOwnership walks through seed 002", () => {
  const s0 = teamOffice(PRESETS.officeOwnership);
  const base = run(s0, {
    type: "addContact",
    actor: "amy",
    account: TEAM,
    contactId: "c1",
    channel: "manual",
    details: details("C"),
  }).state;
  it("the agent adding the contact receives Primary Ownership (ASG-6)", () =>
    expect(getContact(base, "c1")?.primary).toBe("amy"));
  it("a contact's current Primary Owner can re-assign ownership without the permission, and stays assigned (ASG-4)", () => {
    const s = run(base, { type: "changePrimary", actor: "amy", account: TEAM, contactId: "c1", userId: "bob" }).state;
    expect(getContact(s, "c1")?.primary).toBe("bob");
    expect(can(s, "amy", "edit", "c1")).toBe(true);
  });
  it("existing contacts added to a property give the listing agent View Only (ASG-8)", () => {
    const r = run(base, {
      type: "linkToListing",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      listingId: "L",
      listingAgentId: "bob",
      kind: "openForInspection",
    });
    expect(r.events.at(-1)).toMatchObject({ type: "AccessGranted", level: "view" });
  });
  it("phone numbers are read in Australia (LIF-6)", () => {
    const s = run(s0, {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "au",
      channel: "manual",
      details: { name: "Oz", phones: ["02 9876 5432"] },
    }).state;
    expect(getContact(s, "au")?.details.phones).toEqual(["+61298765432"]);
  });
});

describe("preset mortgageCoMarketing walks through seed 003", () => {
  const s0 = run(
    teamOffice(PRESETS.mortgageCoMarketing),
    { type: "registerUser", actor: "admin", account: OFFICE, userId: "mgr", name: "Manager" },
    { type: "addTeamMember", actor: "rain", account: TEAM, userId: "mgr", role: "teamManager" },
    { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: details("C") },
  ).state;
  it("only team managers and administrators transfer ownership (SHR-8)", () => {
    const change = {
      type: "changeOwner",
      account: TEAM,
      contactId: "c1",
      owner: { kind: "user", userId: "bob" },
    } as const;
    expect(refusal(s0, { ...change, actor: "tc" }).rule).toBe("SHR-8");
    expect(run(s0, { ...change, actor: "mgr" }).events).toHaveLength(1);
  });
  it("the change owner action is not possible while the contact is on a loan (SHR-8)", () => {
    const s = run(s0, {
      type: "addLoan",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      loanId: "L",
      amount: 1,
      status: "open",
    }).state;
    expect(
      refusal(s, {
        type: "changeOwner",
        actor: "mgr",
        account: TEAM,
        contactId: "c1",
        owner: { kind: "user", userId: "bob" },
      }).code,
    ).toBe("contact_on_loan");
  });
  it("the manager of the team shares contacts with team members (SHR-3)", () => {
    expect(
      run(s0, { type: "shareContact", actor: "mgr", account: TEAM, contactId: "c1", userId: "bob" }).events,
    ).toHaveLength(1);
  });
  it("only the user that the contact was initially assigned to can delete a shared contact (SHR-7)", () => {
    expect(getContact(s0, "c1")?.initialAssignee).toBe("amy");
    const shared = run(s0, { type: "shareContact", actor: "mgr", account: TEAM, contactId: "c1", userId: "bob" }).state;
    for (const who of ["rain", "mgr", "tc", "bob", "admin"]) {
      expect(can(shared, who, "delete", "c1")).toBe(false);
      expect(explain(shared, who, "delete", "c1")).toMatchObject({
        allowed: false,
        remedy: null,
        rules: expect.arrayContaining(["SHR-7"]),
      });
    }
    expect(refusal(shared, { type: "deleteContact", actor: "rain", account: TEAM, contactId: "c1" })).toMatchObject({
      code: "not_permitted",
      rule: "SHR-7",
    });
    expect(run(shared, { type: "deleteContact", actor: "amy", account: TEAM, contactId: "c1" }).events).toMatchObject([
      { type: "ContactDeleted", rule: "SHR-7" },
    ]);
    // Handing the contact on does not make the new agent its initial assignee.
    const handed = run(shared, {
      type: "changePrimary",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
    }).state;
    expect(can(handed, "bob", "delete", "c1")).toBe(false);
  });
  it("you cannot delete contacts who are tied to a loan, even as their initial assignee (SHR-7)", () => {
    const s = run(s0, {
      type: "addLoan",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      loanId: "L",
      amount: 1,
      status: "open",
    }).state;
    expect(refusal(s, { type: "deleteContact", actor: "amy", account: TEAM, contactId: "c1" })).toMatchObject({
      code: "contact_on_loan",
      rule: "SHR-7",
    });
  });
  it("a contact that records no initial assignee is deleted as ACC-9 says (D-81)", () => {
    const none = run(teamOffice({ ...PRESETS.mortgageCoMarketing, importerAccess: "none" }), {
      type: "importContacts",
      actor: "amy",
      account: TEAM,
      rows: [{ contactId: "i1", details: details("I") }],
    }).state;
    expect(getContact(none, "i1")?.initialAssignee).toBeUndefined();
    expect(can(none, "rain", "delete", "i1")).toBe(true);
    expect(can(none, "tc", "delete", "i1")).toBe(false);
  });
});

describe("contact deletion by default (ACC-9)", () => {
  it("only unlimited members permanently delete team contacts, whoever was assigned first (ACC-9)", () => {
    const s = run(teamOffice(), {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: details("C"),
    }).state;
    expect(getContact(s, "c1")?.initialAssignee).toBe("amy");
    expect(refusal(s, { type: "deleteContact", actor: "amy", account: TEAM, contactId: "c1" })).toMatchObject({
      code: "not_permitted",
      rule: "ACC-9",
    });
    expect(run(s, { type: "deleteContact", actor: "rain", account: TEAM, contactId: "c1" }).events).toMatchObject([
      { type: "ContactDeleted", rule: "ACC-9" },
    ]);
  });
});

describe("preset leadReassignment walks through seed 004", () => {
  const s0 = run(teamOffice(PRESETS.leadReassignment), {
    type: "addContact",
    actor: "amy",
    account: TEAM,
    contactId: "c1",
    channel: "manual",
    details: details("C"),
  }).state;
  it("by default, when a lead is reassigned, the previous agent's access is automatically revoked (REA-1)", () => {
    const allowed = run(s0, {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "rain",
      permissions: { editContactOwnership: true },
    }).state;
    const s = run(allowed, {
      type: "reassignContacts",
      actor: "rain",
      account: TEAM,
      fromUserId: "amy",
      toUserId: "bob",
    }).state;
    expect(can(s, "amy", "view", "c1")).toBe(false);
  });
  it("admin agents can manually revoke or assign access (REA-3, REA-4)", () => {
    const s = run(s0, {
      type: "grantAccess",
      actor: "admin",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
      level: "full",
    }).state;
    expect(
      run(s, { type: "revokeAccess", actor: "admin", account: TEAM, contactId: "c1", userId: "bob" }).events,
    ).toHaveLength(1);
  });
});

describe("policy impact and access history", () => {
  const later = [
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: details("C"),
      at: "2026-03-02T10:00:00Z",
    },
    {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "amy",
      permissions: { editContactOwnership: true },
      at: "2026-03-02T11:00:00Z",
    },
    { type: "changePrimary", actor: "amy", account: TEAM, contactId: "c1", userId: "bob", at: "2026-03-03T10:00:00Z" },
  ] as const;
  const setup = TEAM_OFFICE_COMMANDS.map((c) => ({ ...c, at: "2026-03-01T09:00:00Z" }));
  const history = run(initialState(), ...setup, ...later);

  it("switching who may transfer ownership shows who loses it, by user and by rule (SHR-8, ACC-3)", () => {
    const impact = policyImpact(history.state, DEFAULT_CONFIGURATION, {
      ...DEFAULT_CONFIGURATION,
      ownershipTransfer: "managersAndAdmins",
    });
    expect(impact.lost.filter((c) => c.action === "changeOwner").map((c) => c.userId)).toEqual(["tc"]);
    expect(impact.byRule).toEqual(expect.arrayContaining([{ rule: "ACC-3", gained: 0, lost: 1 }]));
    expect(impact.gained).toEqual([]);
    expect(policyImpact(history.state, DEFAULT_CONFIGURATION, DEFAULT_CONFIGURATION)).toMatchObject({
      gained: [],
      lost: [],
    });
  });

  it("who could access a contact at a given time, from the event log (REA-2)", () => {
    const before = accessAt(history.events, "c1", "2026-03-02T12:00:00Z");
    const after = accessAt(history.events, "c1", "2026-03-04T00:00:00Z");
    expect(E.isRight(before) && before.right.find((e) => e.userId === "amy")?.reasons).toEqual([
      { kind: "primary", rule: "ASG-1" },
    ]);
    expect(E.isRight(after) && after.right.some((e) => e.userId === "amy")).toBe(false);
    expect(E.isRight(after) && after.right.find((e) => e.userId === "bob")?.level).toBe("full");
    expect(accessAt(history.events, "c1", "2026-03-01T12:00:00Z")).toMatchObject({
      left: { code: "contact_not_found" },
    });
  });

  it("every change of who could access the contact, with the event that caused it (REA-2)", () => {
    const read = accessTimeline(history.events, "c1");
    const timeline = E.isRight(read) ? read.right : [];
    expect(timeline.map((t) => t.event)).toEqual(["ContactAdded", "PrimaryChanged"]);
    expect(timeline[1]?.changes).toEqual([
      { userId: "amy", from: "full", to: null },
      { userId: "bob", from: null, to: "full" },
    ]);
  });
});
