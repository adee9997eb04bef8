import { describe, expect, it } from "vitest";
import { archiveOf, getContact, PRESETS, type Configuration } from "../../src/index.js";
import { GIVEN_AT, given, type GivenCommand, type Specification } from "../../src/testing/index.js";
import { details, OFFICE, TEAM, TEAM_OFFICE_COMMANDS } from "../support/office.js";

/**
 * Seed 003, a loan officer leaving: "Contacts would move if those contacts are transferred by the change ownership
 * function. The change owner action is not possible if … the contact is a participant on one or more loans."
 * amy owns c1, c2 (archived) and c3 (on a loan); bob owns c4; c5 is the team's. Written with the shipped kit's
 * `given` (crm-access/testing), as a consumer would write it.
 */
const HISTORY: readonly GivenCommand[] = [
  ...TEAM_OFFICE_COMMANDS,
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
    (contactId): GivenCommand => ({
      type: "addContact",
      actor: "rain",
      account: TEAM,
      contactId,
      channel: "manual",
      details: details(contactId),
    }),
  ),
  ...["c1", "c2", "c3"].map(
    (contactId): GivenCommand => ({
      type: "changeOwner",
      actor: "rain",
      account: TEAM,
      contactId,
      owner: { kind: "user", userId: "amy" },
    }),
  ),
  { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c4", owner: { kind: "user", userId: "bob" } },
  { type: "archiveContact", actor: "rain", account: TEAM, contactId: "c2", channel: "manual", reason: "other" },
  { type: "addLoan", actor: "amy", account: TEAM, contactId: "c3", loanId: "L1", amount: 1, status: "open" },
];

const office = (configuration: Configuration = PRESETS.mortgageCoMarketing, ...more: GivenCommand[]): Specification =>
  given({ commands: [...HISTORY, ...more] }, configuration);

const transfer = (actor: string, fromUserId = "amy", toUserId = "bob"): GivenCommand => ({
  type: "transferContacts",
  actor,
  account: TEAM,
  fromUserId,
  toUserId,
});

describe("whole-database transfer (seed 003)", () => {
  it("contacts would move if those contacts are transferred by the change ownership function; archived ones stay archived (SHR-8)", () => {
    const outcome = office().when(transfer("mgr"));
    outcome.then({
      events: [
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
      ],
    });
    outcome.then(({ state }) => {
      expect(getContact(state, "c1")?.owner).toEqual({ kind: "user", userId: "bob" });
      expect(archiveOf(state, "c2")).toMatchObject({ reason: "other" });
      expect(getContact(state, "c3")?.owner).toEqual({ kind: "user", userId: "amy" });
      expect(getContact(state, "c4")?.owner).toEqual({ kind: "user", userId: "bob" });
      expect(getContact(state, "c5")?.owner).toEqual({ kind: "team", teamId: "t1" });
    });
  });

  it("loans move with the contact where configured (SHR-8, loansBlockOwnerChange: false)", () => {
    office({ ...PRESETS.mortgageCoMarketing, loansBlockOwnerChange: false })
      .when(transfer("mgr"))
      .then({
        events: [
          { type: "OwnershipChanged", contactId: "c1" },
          { type: "OwnershipChanged", contactId: "c2" },
          { type: "OwnershipChanged", contactId: "c3", to: { kind: "user", userId: "bob" } },
          { type: "ContactsTransferred", transferred: 3, refused: 0 },
        ],
      });
  });

  it("only team managers and administrators transfer ownership (SHR-8): anyone else moves nothing and is told why per contact", () => {
    const before = office();
    const outcome = before.when(transfer("tc"));
    outcome.then({
      events: [
        { type: "TransferRefused", code: "not_permitted", rule: "SHR-8" },
        { type: "TransferRefused" },
        { type: "TransferRefused" },
        { type: "ContactsTransferred", transferred: 0, refused: 3 },
      ],
    });
    outcome.then(({ state }) => expect(state.contacts).toBe(before.state.contacts));
  });

  it("by permission level, enhanced and unlimited members transfer (ACC-3)", () => {
    office(PRESETS.teamAndPersonal)
      .when(transfer("tc"))
      .then({
        events: [
          { type: "OwnershipChanged", rule: "ACC-3" },
          { type: "OwnershipChanged", rule: "ACC-3" },
          { type: "TransferRefused", contactId: "c3" },
          { type: "ContactsTransferred", transferred: 2, refused: 1 },
        ],
      });
  });

  it("a contact the actor cannot see is neither moved nor named (SEC-2)", () => {
    // bob, a standard agent, sees only what he owns or is assigned to: amy's contacts are hidden from him.
    office(PRESETS.teamAndPersonal)
      .when(transfer("bob", "amy", "tc"))
      .then([
        {
          type: "ContactsTransferred",
          at: GIVEN_AT,
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
    const deactivated = office(PRESETS.mortgageCoMarketing, {
      type: "deactivateUser",
      actor: "admin",
      account: OFFICE,
      userId: "amy",
    });
    deactivated.when(transfer("mgr")).then({
      events: [
        { type: "TransferRefused", contactId: "c1", code: "contact_frozen", rule: "LIF-7" },
        { type: "TransferRefused", contactId: "c2", code: "contact_frozen", rule: "LIF-7" },
        { type: "TransferRefused", contactId: "c3", code: "contact_frozen", rule: "LIF-7" },
        { type: "ContactsTransferred", transferred: 0, refused: 3 },
      ],
    });
  });

  it("the receiver must be an active member of the team; a transfer to oneself changes nothing (ACC-3)", () => {
    const spec = office();
    spec.when(transfer("mgr", "amy", "lee")).then({ error: "not_team_member" });
    spec.when(transfer("mgr", "amy", "amy")).then({ error: "no_change" });
    spec.when(transfer("mgr", "amy", "nobody")).then({ error: "user_not_found" });
    spec.when(transfer("lee")).then({ error: "account_not_allowed" });
  });
});
