import { describe, expect, it } from "vitest";
import { can, DEFAULT_CONFIGURATION, explain, getContact, visibleContacts } from "../../src/index.js";
import { details, OFFICE, refusal, run, TEAM, teamOffice } from "../support/office.js";

const add = (actor: string, contactId: string) =>
  ({ type: "addContact", actor, account: TEAM, contactId, channel: "manual", details: details(contactId) }) as const;
const grant = (actor: string, contactId: string, userId: string, level: "full" | "view" | "shared") =>
  ({ type: "grantAccess", actor, account: TEAM, contactId, userId, level }) as const;
const primary = (actor: string, contactId: string, userId: string | null) =>
  ({ type: "changePrimary", actor, account: TEAM, contactId, userId }) as const;
const editOwnership = (userId: string) =>
  ({
    type: "changeStaffPermissions",
    actor: "admin",
    account: OFFICE,
    userId,
    permissions: { editContactOwnership: true },
  }) as const;

describe("assignment levels (seeds 002, 003)", () => {
  it("each contact can have ONE primary owner; handing it on replaces the old one (ASG-1)", () => {
    const s = run(
      teamOffice(),
      add("amy", "c1"),
      grant("rain", "c1", "bob", "full"),
      primary("amy", "c1", "bob"),
    ).state;
    const c = getContact(s, "c1");
    expect(c?.primary).toBe("bob");
    expect(c?.grants.some((g) => g.userId === "bob")).toBe(false);
  });

  it("contacts do not need to have a primary owner (ASG-1)", () => {
    const r = run(teamOffice(), add("amy", "c1"), grant("rain", "c1", "bob", "full"), primary("amy", "c1", null));
    expect(getContact(r.state, "c1")?.primary).toBeNull();
    expect(r.events.at(-1)).toMatchObject({ type: "PrimaryChanged", from: "amy", to: null, previousKeeps: "full" });
    expect(can(r.state, "amy", "edit", "c1")).toBe(true);
    expect(can(r.state, "bob", "edit", "c1")).toBe(true);
  });

  it("multiple agents can be assigned with full access: complete view and edit capabilities (ASG-2)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "full")).state;
    for (const u of ["amy", "bob"]) {
      expect(can(s, u, "edit", "c1")).toBe(true);
      expect(can(s, u, "viewDetails", "c1")).toBe(true);
      expect(can(s, u, "enrol", "c1")).toBe(true);
    }
  });

  it("View Only can view the basic information and assign the contact to their listings, but cannot edit (ASG-3)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "view")).state;
    expect(can(s, "bob", "view", "c1")).toBe(true);
    expect(can(s, "bob", "linkToListing", "c1")).toBe(true);
    expect(can(s, "bob", "edit", "c1")).toBe(false);
    expect(can(s, "bob", "viewDetails", "c1")).toBe(false);
    const why = explain(s, "bob", "edit", "c1");
    expect(why.rules[0]).toBe("ASG-3");
    expect(why.remedy).toEqual({ kind: "grant", level: "full" });
    const linked = run(s, {
      type: "linkToListing",
      actor: "bob",
      account: TEAM,
      contactId: "c1",
      listingId: "L1",
      kind: "openForInspection",
    });
    expect(linked.events).toMatchObject([{ type: "ContactLinkedToListing", listingAgentId: "bob" }]);
  });

  it("View Only cannot link the contact to someone else's listing (ASG-3)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "view")).state;
    const e = refusal(s, {
      type: "linkToListing",
      actor: "bob",
      account: TEAM,
      contactId: "c1",
      listingId: "L1",
      listingAgentId: "amy",
      kind: "propertyEnquiry",
    });
    expect(e).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
  });

  it("only those with Edit Contact Ownership can change the Primary Owner of a contact they can edit (ASG-4)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "full")).state;
    const e = refusal(s, primary("bob", "c1", "bob"));
    expect(e).toMatchObject({ code: "not_permitted", rule: "ASG-4" });
    expect(e.message).toContain("editContactOwnership");
    const after = run(s, editOwnership("bob"), primary("bob", "c1", "bob")).state;
    expect(getContact(after, "c1")?.primary).toBe("bob");
  });

  it("Edit Contact Ownership without edit access is not enough (ASG-4)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "view"), editOwnership("bob")).state;
    expect(can(s, "bob", "changePrimary", "c1")).toBe(false);
    // Bob holds the permission already: edit access is all he lacks.
    expect(explain(s, "bob", "changePrimary", "c1").remedy).toEqual({ kind: "grant", level: "full" });
    expect(can(run(s, grant("tc", "c1", "bob", "full")).state, "bob", "changePrimary", "c1")).toBe(true);
  });

  it("a contact's current Primary Owner can re-assign ownership without this permission (ASG-4)", () => {
    const s = run(teamOffice(), add("amy", "c1"), primary("amy", "c1", "bob")).state;
    expect(getContact(s, "c1")?.primary).toBe("bob");
  });

  it("users have the ability to unassign themselves from a contact, without archive permission (ASG-5)", () => {
    const r = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "view"), {
      type: "unassignSelf",
      actor: "bob",
      account: TEAM,
      contactId: "c1",
    });
    expect(r.events.at(-1)).toMatchObject({ type: "AccessRevoked", userId: "bob", rule: "ASG-5" });
    expect(can(r.state, "bob", "view", "c1")).toBe(false);
    const p = run(r.state, { type: "unassignSelf", actor: "amy", account: TEAM, contactId: "c1" });
    expect(getContact(p.state, "c1")?.primary).toBeNull();
    expect(can(p.state, "amy", "view", "c1")).toBe(false);
  });

  it("a user who is not assigned has nothing to unassign (ASG-5)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    expect(refusal(s, { type: "unassignSelf", actor: "tc", account: TEAM, contactId: "c1" })).toMatchObject({
      code: "not_permitted",
      rule: "ASG-5",
    });
  });

  it("via add a contact, the agent adding it receives Primary Ownership or Full Access, as configured (ASG-6)", () => {
    const asPrimary = run(teamOffice(), add("amy", "c1")).state;
    expect(getContact(asPrimary, "c1")?.primary).toBe("amy");
    const asFull = run(teamOffice({ ...DEFAULT_CONFIGURATION, creatorAccessOnAdd: "full" }), add("amy", "c1")).state;
    expect(getContact(asFull, "c1")?.primary).toBeNull();
    expect(getContact(asFull, "c1")?.grants).toEqual([{ userId: "amy", level: "full" }]);
  });

  it("without the createContacts staff permission nobody adds contacts (ASG-6)", () => {
    const s = run(teamOffice(), {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "amy",
      permissions: { createContacts: false },
    }).state;
    expect(refusal(s, add("amy", "c1")).code).toBe("staff_permission_missing");
  });

  it("via OFI feedback and property enquiries, the listing agent is assigned Primary Ownership or Full Access, as configured (ASG-7)", () => {
    const enquiry = (actor: string) =>
      ({
        type: "addContact",
        actor,
        account: TEAM,
        contactId: "e1",
        channel: "propertyEnquiry",
        listingAgentId: "bob",
        details: details("E"),
      }) as const;
    const s = run(teamOffice(), enquiry("tc")).state;
    expect(getContact(s, "e1")?.primary).toBe("bob");
    expect(getContact(s, "e1")?.channel).toBe("propertyEnquiry");
    const full = run(
      teamOffice({ ...DEFAULT_CONFIGURATION, listingAgentAccessOnNewEnquiry: "full" }),
      enquiry("tc"),
    ).state;
    expect(getContact(full, "e1")?.grants).toEqual([{ userId: "bob", level: "full" }]);
  });

  it("adding an existing contact to a property gives the listing agent Full Access or View Only, as configured (ASG-8)", () => {
    const link = {
      type: "linkToListing",
      actor: "bob",
      account: TEAM,
      contactId: "c1",
      listingId: "L9",
      kind: "propertyEnquiry",
    } as const;
    const base = run(teamOffice(), add("amy", "c1"), grant("rain", "c1", "bob", "view")).state;
    const viewOnly = run(teamOffice(), add("amy", "c1"), { ...link, actor: "rain", listingAgentId: "bob" });
    expect(viewOnly.events.at(-1)).toMatchObject({
      type: "AccessGranted",
      userId: "bob",
      level: "view",
      rule: "ASG-8",
    });
    const fullConfig = { ...DEFAULT_CONFIGURATION, listingAgentAccessOnExistingEnquiry: "full" } as const;
    const full = run(teamOffice(fullConfig), add("amy", "c1"), grant("rain", "c1", "bob", "view"), {
      ...link,
      actor: "rain",
      listingAgentId: "bob",
    });
    expect(full.events.at(-1)).toMatchObject({
      type: "AccessGranted",
      userId: "bob",
      level: "full",
      previous: "view",
      rule: "ASG-8",
    });
    // SEC-1: a View Only agent linking the contact to their own listing gains no more than the linker may grant.
    const own = run(teamOffice(fullConfig), add("amy", "c1"), grant("rain", "c1", "bob", "view"), link);
    expect(own.events.map((e) => e.type).at(-1)).toBe("ContactLinkedToListing");
    expect(can(own.state, "bob", "edit", "c1")).toBe(false);
    const already = run(base, link);
    expect(already.events.map((e) => e.type)).toEqual(["ContactLinkedToListing"]);
  });

  it("marketing lists can be filtered to contacts where I am the primary owner (ASG-9)", () => {
    const s = run(teamOffice(), add("amy", "c1"), add("bob", "c2"), grant("rain", "c2", "amy", "full")).state;
    expect([...visibleContacts(s, "amy")].sort()).toEqual(["c1", "c2"]);
    expect(visibleContacts(s, "amy", { primaryOnly: true })).toEqual(["c1"]);
  });
});

describe("reassignment and access management in the kernel (seed 004)", () => {
  const reassign = (config = DEFAULT_CONFIGURATION) =>
    run(teamOffice(config), add("amy", "c1"), editOwnership("tc"), primary("tc", "c1", "bob"));

  it("by default, when a lead is reassigned, the previous agent's access is automatically revoked (REA-1)", () => {
    const r = reassign();
    expect(r.events.at(-1)).toMatchObject({
      type: "PrimaryChanged",
      from: "amy",
      to: "bob",
      previousKeeps: "none",
      rule: "REA-1",
    });
    for (const a of ["view", "edit", "enrol"] as const) expect(can(r.state, "amy", a, "c1")).toBe(false);
  });

  it("a configuration option keeps the previous agent's access on reassignment (REA-1)", () => {
    const r = reassign({ ...DEFAULT_CONFIGURATION, revokeOnReassign: false });
    expect(r.events.at(-1)).toMatchObject({ previousKeeps: "full" });
    expect(can(r.state, "amy", "edit", "c1")).toBe(true);
  });

  it("admin agents can manually revoke access, except from admin agents or the currently assigned agent (REA-3)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("admin", "c1", "bob", "full")).state;
    expect(
      refusal(s, { type: "revokeAccess", actor: "admin", account: TEAM, contactId: "c1", userId: "amy" }),
    ).toMatchObject({
      code: "cannot_revoke_primary",
      rule: "REA-3",
    });
    expect(
      refusal(s, { type: "revokeAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "admin" }).code,
    ).toBe("cannot_revoke_admin");
    const r = run(s, { type: "revokeAccess", actor: "admin", account: TEAM, contactId: "c1", userId: "bob" });
    expect(can(r.state, "bob", "view", "c1")).toBe(false);
  });

  it("administrators can manually assign access (REA-4)", () => {
    const r = run(teamOffice(), add("amy", "c1"), grant("admin", "c1", "bob", "shared"));
    expect(r.events.at(-1)).toMatchObject({ type: "AccessGranted", rule: "REA-4", level: "shared" });
    expect(can(r.state, "bob", "enrol", "c1")).toBe(true);
    expect(can(r.state, "bob", "edit", "c1")).toBe(false);
  });

  it("a standard agent without Edit Contact Ownership cannot assign access (REA-4)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    expect(refusal(s, grant("amy", "c1", "bob", "view"))).toMatchObject({ code: "not_permitted", rule: "REA-4" });
  });

  it("granting what a user already holds is refused rather than silently ignored (ASG-2)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("rain", "c1", "bob", "full")).state;
    expect(refusal(s, grant("rain", "c1", "bob", "full")).code).toBe("no_change");
    expect(refusal(s, grant("rain", "c1", "amy", "view")).code).toBe("already_primary");
  });
});
