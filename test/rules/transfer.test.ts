import { describe, expect, it } from "vitest";
import { archiveOf, getContact, PRESETS, type Configuration, type State } from "../../src/index.js";
import { details, OFFICE, refusal, run, TEAM, teamOffice } from "../support/office.js";

/**
 * Seed 003, a loan officer leaving: "Contacts would move if those contacts are transferred by the change ownership
 * function. The change owner action is not possible if … the contact is a participant on one or more loans."
 * amy owns c1, c2 (archived) and c3 (on a loan); bob owns c4; c5 is the team's.
 */
const office = (configuration: Configuration = PRESETS.mortgageCoMarketing): State =>
  run(
    teamOffice(configuration),
    { type: "registerUser", actor: "admin", account: OFFICE, userId: "mgr", name: "Manager" },
    { type: "addTeamMember", actor: "rain", account: TEAM, userId: "mgr", role: "teamManager" },
    {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "rain",
      permissions: { archiveContacts: true },
    },
    ...["c1", "c2", "c3", "c4", "c5"].map(
      (contactId) =>
        ({
          type: "addContact",
          actor: "rain",
          account: TEAM,
          contactId,
          channel: "manual",
          details: details(contactId),
        }) as const,
    ),
    ...["c1", "c2", "c3"].map(
      (contactId) =>
        ({
          type: "changeOwner",
          actor: "rain",
          account: TEAM,
          contactId,
          owner: { kind: "user", userId: "amy" },
        }) as const,
    ),
    { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c4", owner: { kind: "user", userId: "bob" } },
    { type: "archiveContact", actor: "rain", account: TEAM, contactId: "c2", channel: "manual", reason: "other" },
    { type: "addLoan", actor: "amy", account: TEAM, contactId: "c3", loanId: "L1", amount: 1, status: "open" },
  ).state;

const transfer = (actor: string, fromUserId = "amy", toUserId = "bob") =>
  ({ type: "transferContacts", actor, account: TEAM, fromUserId, toUserId }) as const;

describe("whole-database transfer (seed 003)", () => {
  it("contacts would move if those contacts are transferred by the change ownership function; archived ones stay archived (SHR-8)", () => {
    const r = run(office(), transfer("mgr"));
    expect(r.events).toMatchObject([
      {
        type: "OwnershipChanged",
        contactId: "c1",
        from: { kind: "user", userId: "amy" },
        to: { kind: "user", userId: "bob" },
        rule: "SHR-8",
      },
      { type: "OwnershipChanged", contactId: "c2", rule: "SHR-8" },
      { type: "TransferRefused", contactId: "c3", code: "contact_on_loan", rule: "SHR-8" },
      { type: "ContactsTransferred", teamId: "t1", fromUserId: "amy", toUserId: "bob", transferred: 2, refused: 1 },
    ]);
    expect(getContact(r.state, "c1")?.owner).toEqual({ kind: "user", userId: "bob" });
    expect(archiveOf(r.state, "c2")).toMatchObject({ reason: "other" });
    expect(getContact(r.state, "c3")?.owner).toEqual({ kind: "user", userId: "amy" });
    expect(getContact(r.state, "c4")?.owner).toEqual({ kind: "user", userId: "bob" });
    expect(getContact(r.state, "c5")?.owner).toEqual({ kind: "team", teamId: "t1" });
  });

  it("loans move with the contact where configured (SHR-8, loansBlockOwnerChange: false)", () => {
    const r = run(office({ ...PRESETS.mortgageCoMarketing, loansBlockOwnerChange: false }), transfer("mgr"));
    expect(r.events.at(-1)).toMatchObject({ transferred: 3, refused: 0 });
  });

  it("only team managers and administrators transfer ownership (SHR-8): anyone else moves nothing and is told why per contact", () => {
    const s = office();
    const r = run(s, transfer("tc"));
    expect(r.events.map((e) => e.type)).toEqual([
      "TransferRefused",
      "TransferRefused",
      "TransferRefused",
      "ContactsTransferred",
    ]);
    expect(r.events[0]).toMatchObject({ code: "not_permitted", rule: "SHR-8" });
    expect(r.state.contacts).toBe(s.contacts);
  });

  it("by permission level, enhanced and unlimited members transfer (ACC-3)", () => {
    const r = run(office(PRESETS.teamAndPersonal), transfer("tc"));
    expect(r.events.at(-1)).toMatchObject({ transferred: 2, refused: 1 });
    expect(r.events[0]).toMatchObject({ type: "OwnershipChanged", rule: "ACC-3" });
  });

  it("a contact the actor cannot see is neither moved nor named (SEC-2)", () => {
    // bob, a standard agent, sees only what he owns or is assigned to: amy's contacts are hidden from him.
    const r = run(office(PRESETS.teamAndPersonal), transfer("bob", "amy", "tc"));
    expect(r.events).toEqual([
      {
        type: "ContactsTransferred",
        at: expect.any(String),
        by: "bob",
        teamId: "t1",
        fromUserId: "amy",
        toUserId: "tc",
        transferred: 0,
        refused: 0,
      },
    ]);
  });

  it("a deactivated owner's contacts are frozen until they are reactivated (LIF-7)", () => {
    const s = run(office(), { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    const r = run(s, transfer("mgr"));
    expect(r.events.filter((e) => e.type === "TransferRefused")).toMatchObject([
      { code: "contact_frozen", rule: "LIF-7" },
      { code: "contact_frozen" },
      { code: "contact_frozen" },
    ]);
  });

  it("the receiver must be an active member of the team; a transfer to oneself changes nothing (ACC-3)", () => {
    const s = office();
    expect(refusal(s, transfer("mgr", "amy", "lee"))).toMatchObject({ code: "not_team_member" });
    expect(refusal(s, transfer("mgr", "amy", "amy"))).toMatchObject({ code: "no_change" });
    expect(refusal(s, transfer("mgr", "amy", "nobody"))).toMatchObject({ code: "user_not_found" });
    expect(refusal(s, transfer("lee"))).toMatchObject({ code: "account_not_allowed" });
  });
});
