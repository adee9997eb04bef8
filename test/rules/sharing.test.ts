import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessList,
  can,
  DEFAULT_CONFIGURATION,
  getContact,
  project,
  visibleContacts,
  type AccountRef,
  type Configuration,
  type State,
} from "../../src/index.js";
import { details, OFFICE, personal, refusal, run, TEAM, teamOffice } from "../support/office.js";

/**
 * amy (agent on team t1) keeps a client m1 in her personal account, co-markets with lee (outside the team) and
 * pat (outside), and has a team contact c1 she is primary on. mgr is the team's manager.
 */
function coMarketing(configuration?: Configuration): State {
  return run(
    teamOffice(configuration),
    { type: "registerUser", actor: "admin", account: OFFICE, userId: "mgr", name: "Mia Manager" },
    { type: "registerUser", actor: "admin", account: OFFICE, userId: "pat", name: "Pat Partner" },
    { type: "addTeamMember", actor: "rain", account: TEAM, userId: "mgr", role: "teamManager" },
    { type: "startPartnership", actor: "amy", account: OFFICE, partnerId: "lee" },
    { type: "startPartnership", actor: "amy", account: OFFICE, partnerId: "pat" },
    {
      type: "addContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      channel: "manual",
      details: { name: "Mo Client", emails: ["mo@example.com"], phones: ["+61 2 9876 5432"] },
    },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: details("Cat Client", "cat@example.com"),
    },
  ).state;
}

const share = (actor: string, contactId: string, userId: string, account: AccountRef = personal("amy")) =>
  ({ type: "shareContact", actor, account, contactId, userId }) as const;

describe("sharing and partnerships (seed 003)", () => {
  it("owner and assigned can see all details, edit, and assign to automation; shared can see all details and the email, and assign to automation, but not edit (SHR-1)", () => {
    const s = run(
      coMarketing(),
      { type: "assignToPartner", actor: "amy", account: personal("amy"), contactId: "m1", partnerId: "lee" },
      share("amy", "m1", "bob"),
    ).state;
    for (const u of ["amy", "lee"])
      for (const a of ["viewDetails", "edit", "enrol"] as const) expect(can(s, u, a, "m1")).toBe(true);
    expect(can(s, "bob", "viewDetails", "m1")).toBe(true);
    expect(can(s, "bob", "enrol", "m1")).toBe(true);
    expect(can(s, "bob", "edit", "m1")).toBe(false);
    const view = project(s, "bob", "m1");
    expect(E.isRight(view) && view.right.emails).toEqual(["mo@example.com"]);
  });

  it("you can only assign the contact to one partner, where you can share it with multiple (SHR-2)", () => {
    const s = run(coMarketing(), {
      type: "assignToPartner",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      partnerId: "lee",
    }).state;
    expect(
      refusal(s, {
        type: "assignToPartner",
        actor: "amy",
        account: personal("amy"),
        contactId: "m1",
        partnerId: "pat",
      }),
    ).toMatchObject({
      code: "partner_already_assigned",
      rule: "SHR-2",
    });
    const shared = run(s, share("amy", "m1", "pat"), share("amy", "m1", "bob")).state;
    expect(can(shared, "pat", "viewDetails", "m1")).toBe(true);
    expect(can(shared, "bob", "viewDetails", "m1")).toBe(true);
  });

  it("sharing is available only between users on the same team or in a co-marketing partnership (SHR-3)", () => {
    const s = run(coMarketing(), {
      type: "registerUser",
      actor: "admin",
      account: OFFICE,
      userId: "zed",
      name: "Zed Stranger",
    }).state;
    expect(refusal(s, share("amy", "m1", "zed"))).toMatchObject({ code: "not_partner", rule: "SHR-3" });
    expect(
      refusal(s, { type: "assignToPartner", actor: "amy", account: personal("amy"), contactId: "m1", partnerId: "bob" })
        .code,
    ).toBe("not_partner");
  });

  it("when a LO is on a team with another LO, the ability to assign the lead becomes available: one assignee, who can edit (SHR-2)", () => {
    const s = coMarketing();
    // amy's personal client goes to bob, her teammate: assigned, he sees everything and edits.
    const r = run(s, { type: "assignContact", actor: "amy", account: personal("amy"), contactId: "m1", userId: "bob" });
    expect(r.events).toMatchObject([
      { type: "AccessGranted", userId: "bob", level: "full", previous: null, rule: "SHR-2" },
    ]);
    expect(getContact(r.state, "m1")?.assignedTo).toBe("bob");
    expect(can(r.state, "bob", "edit", "m1")).toBe(true);
    // You can only assign the contact to one (teammate or partner), where you can share it with multiple.
    for (const other of [
      { type: "assignContact", userId: "tc" },
      { type: "assignToPartner", partnerId: "lee" },
    ] as const) {
      expect(
        refusal(r.state, { ...other, actor: "amy", account: personal("amy"), contactId: "m1" } as never),
      ).toMatchObject({ code: "partner_already_assigned", rule: "SHR-2" });
    }
    expect(run(r.state, share("amy", "m1", "tc"), share("amy", "m1", "lee")).events).toHaveLength(2);
    // Unassigning frees the one place.
    const freed = run(r.state, {
      type: "unshareContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      userId: "bob",
    }).state;
    expect(getContact(freed, "m1")?.assignedTo).toBeUndefined();
    expect(
      run(freed, { type: "assignContact", actor: "amy", account: personal("amy"), contactId: "m1", userId: "lee" })
        .events,
    ).toMatchObject([{ userId: "lee", rule: "SHR-2" }]);
  });

  it("the manager setting is needed for someone to have the ability to share or assign the lead (SHR-3)", () => {
    const s = coMarketing();
    const assign = (actor: string) =>
      ({ type: "assignContact", actor, account: TEAM, contactId: "c1", userId: "bob" }) as const;
    expect(refusal(s, assign("amy"))).toMatchObject({ code: "not_permitted", rule: "SHR-3" });
    expect(refusal(s, assign("tc"))).toMatchObject({ code: "not_permitted", rule: "SHR-3" });
    const r = run(s, assign("mgr"));
    expect(r.events).toMatchObject([{ type: "AccessGranted", userId: "bob", level: "full", rule: "SHR-2" }]);
    expect(
      refusal(r.state, { type: "assignContact", actor: "mgr", account: TEAM, contactId: "c1", userId: "tc" }),
    ).toMatchObject({ code: "partner_already_assigned" });
    expect(
      refusal(s, { type: "assignContact", actor: "mgr", account: TEAM, contactId: "c1", userId: "amy" }),
    ).toMatchObject({ code: "already_primary" });
    expect(
      refusal(s, { type: "assignContact", actor: "mgr", account: TEAM, contactId: "c1", userId: "zed" }),
    ).toMatchObject({ code: "user_not_found" });
    // Handing the assignee the primary, or taking their grant down, ends the assignment.
    const primary = run(r.state, {
      type: "changePrimary",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
    }).state;
    expect(getContact(primary, "c1")?.assignedTo).toBeUndefined();
    const lowered = run(r.state, {
      type: "grantAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
      level: "view",
    }).state;
    expect(getContact(lowered, "c1")?.assignedTo).toBeUndefined();
  });

  it("sharing and assigning are only between users on the same team or in a co-marketing partnership (SHR-3)", () => {
    const s = run(coMarketing(), {
      type: "registerUser",
      actor: "admin",
      account: OFFICE,
      userId: "zed",
      name: "Zed Stranger",
    }).state;
    expect(
      refusal(s, { type: "assignContact", actor: "amy", account: personal("amy"), contactId: "m1", userId: "zed" }),
    ).toMatchObject({ code: "not_partner", rule: "SHR-3" });
  });

  it("within a team, only the manager of that team shares contacts (SHR-3)", () => {
    const s = coMarketing();
    expect(refusal(s, share("amy", "c1", "bob", TEAM))).toMatchObject({ code: "not_permitted", rule: "SHR-3" });
    expect(refusal(s, share("tc", "c1", "bob", TEAM)).rule).toBe("SHR-3");
    const r = run(s, share("mgr", "c1", "bob", TEAM));
    expect(r.events).toMatchObject([{ type: "AccessGranted", userId: "bob", level: "shared", rule: "SHR-3" }]);
  });

  it("contacts remain shared until the user unshares them; ending a partnership does not unshare (SHR-4)", () => {
    const s = run(coMarketing(), share("amy", "m1", "lee"), {
      type: "endPartnership",
      actor: "lee",
      account: OFFICE,
      partnerId: "amy",
    });
    expect(s.events.at(-1)).toMatchObject({ type: "PartnershipEnded" });
    expect(can(s.state, "lee", "viewDetails", "m1")).toBe(true);
    const unshared = run(s.state, {
      type: "unshareContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      userId: "lee",
    });
    expect(unshared.events).toMatchObject([{ type: "AccessRevoked", userId: "lee", rule: "SHR-4" }]);
    expect(can(unshared.state, "lee", "view", "m1")).toBe(false);
  });

  it("a co-marketing partner gets all contact data and general notes, but no loan data, private notes, group assignments, activity records or outstanding tasks unless assigned to them (SHR-5)", () => {
    const at = personal("amy");
    const s = run(
      coMarketing(),
      { type: "assignToPartner", actor: "amy", account: at, contactId: "m1", partnerId: "lee" },
      {
        type: "addNote",
        actor: "amy",
        account: at,
        contactId: "m1",
        noteId: "n1",
        text: "likes sea views",
        private: false,
      },
      {
        type: "addNote",
        actor: "amy",
        account: at,
        contactId: "m1",
        noteId: "n2",
        text: "credit issue",
        private: true,
      },
      {
        type: "addLoan",
        actor: "amy",
        account: at,
        contactId: "m1",
        loanId: "L1",
        amount: 450000,
        status: "application",
      },
      { type: "addToGroup", actor: "amy", account: at, contactId: "m1", group: "Past clients" },
      {
        type: "recordActivity",
        actor: "amy",
        account: at,
        contactId: "m1",
        activityId: "a1",
        kind: "call",
        summary: "talked rates",
      },
      {
        type: "addTask",
        actor: "amy",
        account: at,
        contactId: "m1",
        taskId: "t1",
        title: "send appraisal",
        assigneeId: "lee",
      },
      {
        type: "addTask",
        actor: "amy",
        account: at,
        contactId: "m1",
        taskId: "t2",
        title: "check credit",
        assigneeId: "amy",
      },
    ).state;
    const partner = project(s, "lee", "m1");
    if (E.isLeft(partner)) throw new Error(partner.left.message);
    expect(partner.right).toMatchObject({ name: "Mo Client", emails: ["mo@example.com"], phones: ["+61298765432"] });
    expect(partner.right.publicNotes?.map((n) => n.id)).toEqual(["n1"]);
    expect(partner.right.tasks?.map((t) => t.id)).toEqual(["t1"]);
    for (const field of ["privateNotes", "loans", "groups", "activities"] as const)
      expect(partner.right[field]).toBeUndefined();
    expect(partner.right.withheld).toEqual(
      expect.arrayContaining([
        { field: "loans", rule: "SHR-5" },
        { field: "groups", rule: "SHR-5" },
        { field: "activities", rule: "SHR-5" },
      ]),
    );
    const owner = project(s, "amy", "m1");
    if (E.isLeft(owner)) throw new Error(owner.left.message);
    expect(owner.right.privateNotes?.map((n) => n.id)).toEqual(["n2"]);
    expect(owner.right.loans?.map((l) => l.id)).toEqual(["L1"]);
    expect(owner.right.tasks?.length).toBe(2);
    expect(owner.right.withheld).toEqual([]);
  });

  it("private notes only show within the contact owner's account; shared or assigned users cannot see them (SHR-6)", () => {
    const s = run(
      coMarketing(),
      { type: "addNote", actor: "rain", account: TEAM, contactId: "c1", noteId: "p", text: "private", private: true },
      { type: "addNote", actor: "amy", account: TEAM, contactId: "c1", noteId: "g", text: "public", private: false },
      share("mgr", "c1", "bob", TEAM),
    ).state;
    const primary = project(s, "amy", "c1");
    const shared = project(s, "bob", "c1");
    const teamLeader = project(s, "rain", "c1");
    expect(E.isRight(primary) && primary.right.privateNotes).toBeUndefined();
    expect(E.isRight(primary) && primary.right.publicNotes?.map((n) => n.id)).toEqual(["g"]);
    expect(E.isRight(shared) && shared.right.privateNotes).toBeUndefined();
    expect(E.isRight(teamLeader) && teamLeader.right.privateNotes?.map((n) => n.id)).toEqual(["p"]);
  });

  it("a user without access gets not found, never a hint that the contact exists (SHR-6)", () => {
    expect(project(coMarketing(), "lee", "m1")).toMatchObject({ _tag: "Left", left: { code: "contact_not_found" } });
    expect(project(coMarketing(), "lee", "nope")).toMatchObject({ _tag: "Left", left: { code: "contact_not_found" } });
  });

  it("View Only sees basic information only (ASG-3)", () => {
    const s = run(coMarketing(), {
      type: "grantAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
      level: "view",
    }).state;
    const view = project(s, "bob", "c1");
    if (E.isLeft(view)) throw new Error(view.left.message);
    expect(view.right.name).toBe("Cat Client");
    expect(view.right.emails).toBeUndefined();
    expect(view.right.withheld.every((w) => w.rule === "ASG-3")).toBe(true);
  });

  it("a co-marketing partner works the contact shared with them in the sharer's account: completes their own task, cannot edit (SHR-1, SHR-5)", () => {
    const s = run(coMarketing(), share("amy", "m1", "lee"), {
      type: "addTask",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      taskId: "t1",
      title: "Pre-approve",
      assigneeId: "lee",
    }).state;
    const done = run(s, {
      type: "completeTask",
      actor: "lee",
      account: personal("amy"),
      contactId: "m1",
      taskId: "t1",
    });
    expect(done.events).toMatchObject([{ type: "TaskCompleted", by: "lee", taskId: "t1" }]);
    expect(
      refusal(s, {
        type: "addNote",
        actor: "lee",
        account: personal("amy"),
        contactId: "m1",
        noteId: "n9",
        text: "x",
        private: false,
      }),
    ).toMatchObject({ code: "not_permitted" });
    expect(
      refusal(s, { type: "completeTask", actor: "pat", account: personal("amy"), contactId: "m1", taskId: "t1" }).code,
    ).toBe("contact_not_found");
  });

  it("View Only sees no tasks, so is given none and completes none, and cannot tell whether one exists (ASG-3, SEC-4)", () => {
    const s = run(
      coMarketing(),
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "bob", level: "view" },
      { type: "addTask", actor: "amy", account: TEAM, contactId: "c1", taskId: "t1", title: "Call", assigneeId: "amy" },
    ).state;
    const existing = refusal(s, { type: "completeTask", actor: "bob", account: TEAM, contactId: "c1", taskId: "t1" });
    const missing = refusal(s, { type: "completeTask", actor: "bob", account: TEAM, contactId: "c1", taskId: "t9" });
    expect(existing).toEqual({ ...missing, message: missing.message.replace("t9", "t1") });
    expect(existing.code).toBe("item_not_found");
    expect(
      refusal(s, {
        type: "addTask",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        taskId: "t2",
        title: "Call",
        assigneeId: "bob",
      }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-5" });
  });

  it("deleting removes the contact from each user's account; users it is shared with cannot delete it (SHR-7)", () => {
    const s = run(coMarketing(), share("amy", "m1", "lee"), share("amy", "m1", "bob")).state;
    expect(
      refusal(s, { type: "deleteContact", actor: "lee", account: personal("amy"), contactId: "m1" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-7" });
    expect(can(s, "lee", "delete", "m1")).toBe(false);
    const r = run(s, { type: "deleteContact", actor: "amy", account: personal("amy"), contactId: "m1" });
    expect(r.events).toMatchObject([{ type: "ContactDeleted", rule: "SHR-7" }]);
    for (const u of ["amy", "lee", "bob"]) expect(visibleContacts(r.state, u)).not.toContain("m1");
  });

  it("you cannot delete contacts that are tied to a loan (SHR-7)", () => {
    const s = run(coMarketing(), {
      type: "addLoan",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      loanId: "L1",
      amount: 1,
      status: "open",
    }).state;
    expect(
      refusal(s, { type: "deleteContact", actor: "amy", account: personal("amy"), contactId: "m1" }),
    ).toMatchObject({ code: "contact_on_loan", rule: "SHR-7" });
    const closed = run(s, {
      type: "closeLoan",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      loanId: "L1",
    }).state;
    expect(can(closed, "amy", "delete", "m1")).toBe(true);
  });

  it("only team managers and administrators transfer ownership; not the user who is not the current owner (SHR-8)", () => {
    const s = coMarketing({ ...DEFAULT_CONFIGURATION, ownershipTransfer: "managersAndAdmins" });
    const toBob = {
      type: "changeOwner",
      account: TEAM,
      contactId: "c1",
      owner: { kind: "user", userId: "bob" },
    } as const;
    expect(refusal(s, { ...toBob, actor: "tc" })).toMatchObject({ code: "not_permitted", rule: "SHR-8" });
    const byManager = run(s, { ...toBob, actor: "mgr" }).state;
    expect(getContact(byManager, "c1")?.owner).toEqual({ kind: "user", userId: "bob" });
    // Seed 003: "Only team managers and administrators" — owning the contact is not enough.
    expect(refusal(byManager, { ...toBob, actor: "bob", owner: { kind: "user", userId: "amy" } })).toMatchObject({
      code: "not_permitted",
      rule: "SHR-8",
    });
    expect(run(s, { ...toBob, actor: "admin" }).events).toMatchObject([{ type: "OwnershipChanged" }]);
  });

  it("the change owner action is not possible if the contact is a participant on one or more loans, unless configured (SHR-8)", () => {
    const withLoan = (config?: Configuration) =>
      run(coMarketing(config), {
        type: "addLoan",
        actor: "rain",
        account: TEAM,
        contactId: "c1",
        loanId: "L1",
        amount: 1,
        status: "open",
      }).state;
    const change = {
      type: "changeOwner",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      owner: { kind: "user", userId: "bob" },
    } as const;
    expect(refusal(withLoan(), change)).toMatchObject({ code: "contact_on_loan", rule: "SHR-8" });
    const moved = run(withLoan({ ...DEFAULT_CONFIGURATION, loansBlockOwnerChange: false }), change).state;
    expect(getContact(moved, "c1")?.owner).toEqual({ kind: "user", userId: "bob" });
  });

  it("contacts are not shared automatically; sharing can be done through a lead source (SHR-9)", () => {
    const config = {
      ...DEFAULT_CONFIGURATION,
      leadSourceShares: [{ leadSource: "Open house", userIds: ["bob", "lee"] }],
    };
    const s = run(
      coMarketing(config),
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "oh1",
        channel: "manual",
        details: { name: "Olly", leadSource: "Open house" },
      },
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "web1",
        channel: "manual",
        details: { name: "Wes", leadSource: "Website" },
      },
    );
    const added = s.events.find((e) => e.type === "ContactAdded" && e.contact.id === "oh1");
    expect(added).toMatchObject({ rules: ["ACC-2", "ASG-6", "SHR-9"] });
    expect(can(s.state, "bob", "viewDetails", "oh1")).toBe(true);
    expect(can(s.state, "lee", "view", "oh1")).toBe(false); // not on the team, and not amy's partner in the team account
    expect(can(s.state, "bob", "view", "web1")).toBe(false);
  });
});

describe("reassignment and access management (seed 004)", () => {
  it("the access section shows all agents with access to the lead and why (REA-2)", () => {
    const s = run(coMarketing(), {
      type: "assignToPartner",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      partnerId: "lee",
    }).state;
    const list = accessList(s, "m1");
    expect(E.isRight(list) && list.right.map((e) => [e.userId, e.reasons.map((r) => r.kind)])).toEqual([
      ["amy", ["owner", "primary"]],
      ["lee", ["grant"]],
    ]);
  });

  it("bulk reassignment moves every lead of one agent to another, one event per contact (REA-1)", () => {
    const s = run(
      coMarketing(),
      { type: "addContact", actor: "amy", account: TEAM, contactId: "c2", channel: "manual", details: details("C2") },
      { type: "addContact", actor: "bob", account: TEAM, contactId: "c3", channel: "manual", details: details("C3") },
    ).state;
    const bulk = {
      type: "reassignContacts",
      actor: "rain",
      account: TEAM,
      fromUserId: "amy",
      toUserId: "bob",
    } as const;
    // ASG-4 holds in bulk too: leading the team without Edit Contact Ownership changes no primary.
    expect(run(s, bulk).events).toMatchObject([
      { type: "ReassignmentRefused", contactId: "c1", code: "not_permitted", rule: "ASG-4" },
      { type: "ReassignmentRefused", contactId: "c2", code: "not_permitted", rule: "ASG-4" },
      { type: "ContactsReassigned", reassigned: 0, refused: 2 },
    ]);
    const withPermission = run(s, {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "rain",
      permissions: { editContactOwnership: true },
    }).state;
    const r = run(withPermission, bulk);
    const changed = r.events
      .filter((e) => e.type === "PrimaryChanged")
      .map((e) => ("contactId" in e ? e.contactId : ""))
      .sort();
    expect(changed).toEqual(["c1", "c2"]);
    expect(r.events.at(-1)).toMatchObject({ type: "ContactsReassigned", reassigned: 2, refused: 0 });
    expect(can(r.state, "amy", "view", "c1")).toBe(false);
    expect(getContact(r.state, "c2")?.primary).toBe("bob");
    expect(can(r.state, "amy", "edit", "m1")).toBe(true);
  });

  it("only team leaders and admins reassign in bulk (REA-1)", () => {
    expect(
      refusal(coMarketing(), {
        type: "reassignContacts",
        actor: "bob",
        account: TEAM,
        fromUserId: "amy",
        toUserId: "bob",
      }).code,
    ).toBe("not_permitted");
  });
});
