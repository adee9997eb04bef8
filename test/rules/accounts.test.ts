import { describe, expect, it } from "vitest";
import { can, explain, getContact, visibleContacts } from "../../src/index.js";
import { details, OFFICE, personal, refusal, run, TEAM, teamOffice } from "../support/office.js";

const add = (actor: string, contactId: string, account: ReturnType<typeof personal> | typeof TEAM = TEAM) =>
  ({ type: "addContact", actor, account, contactId, channel: "manual", details: details(contactId) }) as const;

describe("accounts and ownership (seed 000)", () => {
  it("a team member can act in the team account or in their personal account (ACC-1)", () => {
    const s = run(teamOffice(), add("amy", "team-c"), add("amy", "mine", personal("amy"))).state;
    expect(getContact(s, "team-c")?.account).toEqual(TEAM);
    expect(getContact(s, "mine")?.account).toEqual(personal("amy"));
  });

  it("nobody acts in another user's personal account, and outsiders cannot act in a team's account (ACC-1)", () => {
    const s = teamOffice();
    expect(refusal(s, add("bob", "x", personal("amy")))).toMatchObject({ code: "account_not_allowed", rule: "ACC-5" });
    expect(refusal(s, add("lee", "x"))).toMatchObject({ code: "account_not_allowed", rule: "ACC-1" });
  });

  it("in the team account, a manually added contact is owned by the team, not by any one agent (ACC-2)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    expect(getContact(s, "c1")?.owner).toEqual({ kind: "team", teamId: "t1" });
  });

  it("when importing in the team account, the owner is always the team, not the agent importing the list (ACC-2)", () => {
    const s = run(teamOffice(), {
      type: "importContacts",
      actor: "bob",
      account: TEAM,
      rows: [
        { contactId: "i1", details: details("I1") },
        { contactId: "i2", details: details("I2") },
      ],
    }).state;
    expect(getContact(s, "i1")?.owner).toEqual({ kind: "team", teamId: "t1" });
    expect(getContact(s, "i2")?.owner).toEqual({ kind: "team", teamId: "t1" });
  });

  it("an import refuses a repeated id row by row and reports the counts (ACC-2)", () => {
    const r = run(teamOffice(), add("amy", "c1"), {
      type: "importContacts",
      actor: "amy",
      account: TEAM,
      rows: [
        { contactId: "c1", details: details("dup") },
        { contactId: "c2", details: details("new") },
        { contactId: "c2", details: details("twice") },
      ],
    });
    const kinds = r.events.slice(1).map((e) => e.type);
    expect(kinds).toEqual(["ImportRowRefused", "ContactAdded", "ImportRowRefused", "ContactsImported"]);
    expect(r.events.at(-1)).toMatchObject({ created: 1, refused: 2 });
  });

  it("members with the proper permission level can change ownership from the team to an agent after import (ACC-3)", () => {
    const s = run(teamOffice(), add("amy", "c1"), {
      type: "changeOwner",
      actor: "tc",
      account: TEAM,
      contactId: "c1",
      owner: { kind: "user", userId: "bob" },
    }).state;
    expect(getContact(s, "c1")?.owner).toEqual({ kind: "user", userId: "bob" });
    expect(can(s, "bob", "edit", "c1")).toBe(true);
  });

  it("a standard member cannot change a team contact's ownership (ACC-3)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    const e = refusal(s, {
      type: "changeOwner",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      owner: { kind: "user", userId: "amy" },
    });
    expect(e).toMatchObject({ code: "not_permitted", rule: "ACC-3" });
    expect(e.message).toContain("enhanced");
  });

  it("in the personal account, every contact added, imported or synced through API-sync is owned by the agent (ACC-4)", () => {
    const s = run(
      teamOffice(),
      add("amy", "m1", personal("amy")),
      {
        type: "importContacts",
        actor: "amy",
        account: personal("amy"),
        rows: [{ contactId: "m2", details: details("m2") }],
      },
      {
        type: "addContact",
        actor: "amy",
        account: personal("amy"),
        contactId: "m3",
        channel: "apiSync",
        details: details("m3"),
      },
    ).state;
    for (const id of ["m1", "m2", "m3"]) expect(getContact(s, id)?.owner).toEqual({ kind: "user", userId: "amy" });
  });

  it("there is no team version of API-sync (ACC-4)", () => {
    const e = refusal(teamOffice(), {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "x",
      channel: "apiSync",
      details: details("x"),
    });
    expect(e).toMatchObject({ code: "channel_not_available", rule: "ACC-4" });
  });

  it("the team has no insight into a personal account, team leaders and admins included (ACC-5)", () => {
    const s = run(teamOffice(), add("amy", "m1", personal("amy"))).state;
    for (const u of ["rain", "tc", "bob", "admin", "lee"]) {
      expect(can(s, u, "view", "m1")).toBe(false);
      expect(visibleContacts(s, u)).not.toContain("m1");
    }
    // Not even a hint that the contact exists (D-59: only a user it is shared with may name it there).
    expect(
      refusal(s, {
        type: "grantAccess",
        actor: "rain",
        account: personal("amy"),
        contactId: "m1",
        userId: "rain",
        level: "full",
      }).code,
    ).toBe("contact_not_found");
    expect(refusal(s, add("rain", "m2", personal("amy"))).code).toBe("account_not_allowed");
  });

  it("a personal contact is visible to another user only when its user shares it (ACC-5)", () => {
    const s = run(teamOffice(), add("amy", "m1", personal("amy")), {
      type: "grantAccess",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      userId: "bob",
      level: "shared",
    }).state;
    expect(can(s, "bob", "viewDetails", "m1")).toBe(true);
    expect(can(s, "rain", "view", "m1")).toBe(false);
  });

  it("a team applet does not recognise a personal-account contact: naming the wrong account is an error (ACC-6)", () => {
    const s = run(teamOffice(), add("amy", "m1", personal("amy")), add("amy", "c1")).state;
    expect(
      refusal(s, { type: "changePrimary", actor: "amy", account: personal("amy"), contactId: "c1", userId: "bob" }),
    ).toMatchObject({
      code: "wrong_account",
      rule: "ACC-6",
    });
    expect(refusal(s, { type: "deleteContact", actor: "amy", account: TEAM, contactId: "m1" }).code).toBe(
      "wrong_account",
    );
    expect(refusal(s, { type: "deleteContact", actor: "bob", account: TEAM, contactId: "m1" }).code).toBe(
      "contact_not_found",
    );
  });

  it("a contact can be moved from the personal account to the team account, and its shares end with an event each (ACC-7)", () => {
    const r = run(
      teamOffice(),
      add("amy", "m1", personal("amy")),
      { type: "grantAccess", actor: "amy", account: personal("amy"), contactId: "m1", userId: "bob", level: "view" },
      { type: "moveContact", actor: "amy", account: personal("amy"), contactId: "m1", to: TEAM },
    );
    expect(r.events.slice(-2).map((e) => e.type)).toEqual(["AccessRevoked", "ContactMoved"]);
    expect(r.events.at(-2)).toMatchObject({ userId: "bob", rule: "ACC-7" });
    const c = getContact(r.state, "m1");
    expect(c?.account).toEqual(TEAM);
    expect(c?.owner).toEqual({ kind: "user", userId: "amy" });
    expect(can(r.state, "rain", "edit", "m1")).toBe(true);
    expect(can(r.state, "bob", "view", "m1")).toBe(false);
  });

  it("a contact the agent owns in the team account can be moved back to their personal account (ACC-7)", () => {
    const r = run(
      teamOffice(),
      add("bob", "c1"),
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: personal("amy") },
    );
    const c = getContact(r.state, "c1");
    expect(c?.account).toEqual(personal("amy"));
    expect(c?.primary).toBe("amy");
    expect(r.events.slice(-2).map((e) => e.type)).toEqual(["PrimaryChanged", "ContactMoved"]);
    expect(can(r.state, "rain", "view", "c1")).toBe(false);
    expect(can(r.state, "bob", "view", "c1")).toBe(false);
  });

  it("a team-owned contact cannot be taken into a personal account (ACC-7)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    expect(
      refusal(s, { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: personal("amy") }),
    ).toMatchObject({
      code: "not_permitted",
      rule: "ACC-7",
    });
  });

  it("standard sees and manages only contacts it owns or is assigned to (ACC-9)", () => {
    const s = run(teamOffice(), add("amy", "c1"), add("bob", "c2")).state;
    expect(visibleContacts(s, "amy")).toEqual(["c1"]);
    expect(can(s, "amy", "view", "c2")).toBe(false);
    // SEC-2: a contact amy holds no access to is explained as one that does not exist.
    expect(explain(s, "amy", "view", "c2")).toMatchObject({ rules: ["ACC-5"], reasons: [], remedy: null, level: null });
    expect(explain(s, "amy", "view", "c2").message).toBe(
      explain(s, "amy", "view", "no-such").message.replace("no-such", "c2"),
    );
  });

  it("enhanced and unlimited see and manage all team contacts (ACC-9)", () => {
    const s = run(teamOffice(), add("amy", "c1"), add("bob", "c2")).state;
    for (const u of ["tc", "rain"]) {
      expect([...visibleContacts(s, u)].sort()).toEqual(["c1", "c2"]);
      expect(can(s, u, "edit", "c2")).toBe(true);
      expect(can(s, u, "manageAccess", "c2")).toBe(true);
    }
  });

  it("only unlimited may permanently delete and export team contacts (ACC-9)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    expect(can(s, "tc", "delete", "c1")).toBe(false);
    expect(can(s, "tc", "export", "c1")).toBe(false);
    expect(can(s, "amy", "delete", "c1")).toBe(false);
    expect(explain(s, "tc", "delete", "c1").remedy).toEqual({ kind: "teamLevel", teamId: "t1", level: "unlimited" });
    const r = run(s, { type: "deleteContact", actor: "rain", account: TEAM, contactId: "c1" });
    expect(getContact(r.state, "c1")).toBeUndefined();
    expect(r.events).toMatchObject([{ type: "ContactDeleted", rule: "ACC-9" }]);
  });

  it("a user who leaves the team loses access to team contacts they own; nothing is deleted (ACC-10)", () => {
    const r = run(
      teamOffice(),
      add("amy", "c1"),
      add("bob", "c2"),
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c2", userId: "amy", level: "full" },
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c2", owner: { kind: "user", userId: "amy" } },
      add("amy", "m1", personal("amy")),
      { type: "removeTeamMember", actor: "amy", account: TEAM, userId: "amy" },
    );
    const left = r.events.slice(r.events.findIndex((e) => e.type === "ContactAdded" && e.contact.id === "m1") + 1);
    expect(left.map((e) => e.type).sort()).toEqual([
      "AccessRevoked",
      "OwnershipChanged",
      "PrimaryChanged",
      "TeamMemberRemoved",
    ]);
    expect(left.every((e) => e.type === "TeamMemberRemoved" || ("rule" in e && e.rule === "ACC-10"))).toBe(true);
    expect(getContact(r.state, "c1")).toBeDefined();
    expect(getContact(r.state, "c2")?.owner).toEqual({ kind: "team", teamId: "t1" });
    expect(can(r.state, "amy", "view", "c1")).toBe(false);
    expect(can(r.state, "amy", "view", "c2")).toBe(false);
    expect(can(r.state, "amy", "edit", "m1")).toBe(true);
  });

  it("contacts moved to the personal account before leaving stay the agent's (ACC-10)", () => {
    const s = run(
      teamOffice(),
      add("amy", "c1"),
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: personal("amy") },
      { type: "removeTeamMember", actor: "rain", account: TEAM, userId: "amy" },
    ).state;
    expect(can(s, "amy", "edit", "c1")).toBe(true);
  });

  it("the rainmaker cannot leave the team they lead and is always unlimited (ACC-10, ACC-9)", () => {
    const s = teamOffice();
    expect(refusal(s, { type: "removeTeamMember", actor: "rain", account: TEAM, userId: "rain" }).code).toBe(
      "rainmaker_cannot_leave",
    );
    expect(
      refusal(s, { type: "changeMemberLevel", actor: "admin", account: TEAM, userId: "rain", level: "enhanced" }).code,
    ).toBe("rainmaker_always_unlimited");
  });

  it("a standard member cannot remove others from the team (ACC-10)", () => {
    expect(refusal(teamOffice(), { type: "removeTeamMember", actor: "amy", account: TEAM, userId: "bob" }).code).toBe(
      "not_permitted",
    );
  });

  it("role defaults: TC and administrative assistant start enhanced, agents standard (ACC-9)", () => {
    const s = run(
      teamOffice(),
      { type: "registerUser", actor: "admin", account: OFFICE, userId: "aa", name: "Assistant" },
      { type: "addTeamMember", actor: "rain", account: TEAM, userId: "aa", role: "administrativeAssistant" },
      add("amy", "c1"),
    ).state;
    expect(can(s, "aa", "edit", "c1")).toBe(true);
    expect(can(s, "bob", "edit", "c1")).toBe(false);
  });
});
