import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { DEFAULT_CONFIGURATION, type Configuration } from "../configuration/configuration.js";
import { execute, type Command, type Event } from "../decider.js";
import { ACTIONS } from "../permissions/access.js";
import { initialState, type State } from "../state.js";
import type { AccountRef } from "../wire.js";

/** The small, fixed world the generators act in: enough users and teams for every rule to come up. */
export const UNIVERSE = {
  admin: "admin",
  users: ["u1", "u2", "u3", "u4", "u5", "u6"],
  teams: ["t1", "t2"],
  contacts: ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"],
  plans: ["p1", "p2"],
} as const;

const AT = "2026-03-02T17:00:00Z";
const office = { kind: "office" } as const;
const team = (teamId: string) => ({ kind: "team", teamId }) as const;

/** Opens the office, registers the users and builds two teams: t1 led by u1, t2 led by u6. */
export const SETUP: readonly Command[] = [
  { type: "openOffice", actor: "admin", at: AT, account: office, officeId: "o1", officeName: "Office", adminName: "Admin" },
  ...UNIVERSE.users.map((userId): Command => ({ type: "registerUser", actor: "admin", at: AT, account: office, userId, name: userId })),
  { type: "createTeam", actor: "admin", at: AT, account: office, teamId: "t1", name: "One", rainmakerId: "u1" },
  { type: "createTeam", actor: "admin", at: AT, account: office, teamId: "t2", name: "Two", rainmakerId: "u6" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u2", role: "transactionCoordinator" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u3", role: "agent" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u4", role: "agent" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u5", role: "teamManager" },
  { type: "addTeamMember", actor: "u6", at: AT, account: team("t2"), userId: "u4", role: "agent" },
];

export const arbitraryUserId = (): fc.Arbitrary<string> => fc.constantFrom(UNIVERSE.admin, ...UNIVERSE.users);
export const arbitraryContactId = (): fc.Arbitrary<string> => fc.constantFrom(...UNIVERSE.contacts);
export const arbitraryAction = () => fc.constantFrom(...ACTIONS);
export const arbitraryGrantLevel = () => fc.constantFrom("full" as const, "view" as const, "shared" as const);
export const arbitraryAccount = (): fc.Arbitrary<AccountRef> =>
  fc.oneof(
    fc.constantFrom(...UNIVERSE.teams).map((teamId): AccountRef => ({ kind: "team", teamId })),
    fc.constantFrom(...UNIVERSE.users).map((userId): AccountRef => ({ kind: "personal", userId })),
  );
export const arbitraryContactDetails = () =>
  fc.record(
    {
      name: fc.constantFrom("Ann", "Bob", "Cy", "Di"),
      emails: fc.array(fc.constantFrom("ann@example.com", "bob@example.com", "not-an-email"), { maxLength: 2 }),
      phones: fc.array(fc.constantFrom("+1 312 555 0147", "+1 415 555 0132", "+1 999 555 0100"), { maxLength: 2 }),
    },
    { requiredKeys: ["name"] },
  );

/** Any configuration the schema allows (the options, not the time zone or window). */
export const arbitraryConfiguration = (): fc.Arbitrary<Configuration> =>
  fc
    .record({
      revokeOnReassign: fc.boolean(),
      creatorAccessOnAdd: fc.constantFrom("primary" as const, "full" as const),
      importerAccess: fc.constantFrom("primary" as const, "full" as const, "none" as const),
      listingAgentAccessOnNewEnquiry: fc.constantFrom("primary" as const, "full" as const),
      listingAgentAccessOnExistingEnquiry: fc.constantFrom("full" as const, "view" as const),
      ownershipTransfer: fc.constantFrom("permissionLevel" as const, "managersAndAdmins" as const),
      loansBlockOwnerChange: fc.boolean(),
    })
    .map((options) => ({ ...DEFAULT_CONFIGURATION, ...options }));

/** One command over the universe: mostly well-formed, often refused by the rules, which is the point. */
export function arbitraryCommand(): fc.Arbitrary<Command> {
  return arbitraryUserId().chain((actorId) =>
    fc.constantFrom<AccountRef>({ kind: "team", teamId: "t1" }, { kind: "team", teamId: "t1" }, { kind: "team", teamId: "t2" }, { kind: "personal", userId: actorId }).chain((acting) =>
      commandBy(actorId, acting),
    ),
  );
}

function commandBy(actorId: string, acting: AccountRef): fc.Arbitrary<Command> {
  const actor = fc.constant(actorId);
  const user = arbitraryUserId();
  const contactId = arbitraryContactId();
  const account = fc.constant(acting);
  const base = { at: fc.constant(AT), actor, account };
  const onContact = { ...base, contactId };
  const address = fc.oneof(
    fc.record({ kind: fc.constant("email" as const), value: fc.constantFrom("ann@example.com", "bob@example.com") }),
    fc.record({ kind: fc.constant("phone" as const), value: fc.constantFrom("+1 312 555 0147", "+1 415 555 0132") }),
  );
  const gen = <T extends Command>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Command> => fc.record(shape as never) as fc.Arbitrary<Command>;
  return fc.oneof(
    { weight: 4, arbitrary: gen({ type: fc.constant("addContact"), ...onContact, channel: fc.constantFrom("manual", "api", "apiSync", "propertyEnquiry"), details: arbitraryContactDetails(), listingAgentId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("importContacts"), ...base, rows: fc.array(fc.record({ contactId, details: arbitraryContactDetails() }), { maxLength: 3 }) } as never) },
    { weight: 4, arbitrary: gen({ type: fc.constant("grantAccess"), ...onContact, userId: user, level: arbitraryGrantLevel() } as never) },
    { weight: 2, arbitrary: gen({ type: fc.constant("revokeAccess"), ...onContact, userId: user } as never) },
    { weight: 3, arbitrary: gen({ type: fc.constant("changePrimary"), ...onContact, userId: fc.option(user, { nil: null }) } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("unassignSelf"), ...onContact } as never) },
    { weight: 2, arbitrary: gen({ type: fc.constant("changeOwner"), ...onContact, owner: fc.oneof(fc.record({ kind: fc.constant("user"), userId: user }), fc.constantFrom(...UNIVERSE.teams).map((teamId) => ({ kind: "team", teamId }))) } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("moveContact"), ...onContact, to: arbitraryAccount() } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("deleteContact"), ...onContact } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("shareContact"), ...onContact, userId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("assignToPartner"), ...onContact, partnerId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("startPartnership"), at: fc.constant(AT), actor, account: fc.constant(office), partnerId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("addLoan"), ...onContact, loanId: fc.constantFrom("L1", "L2"), amount: fc.constant(1), status: fc.constant("open") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("addNote"), ...onContact, noteId: fc.constantFrom("n1", "n2"), text: fc.constant("note"), private: fc.boolean() } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("changeMemberLevel"), at: fc.constant(AT), actor, account: fc.constantFrom(...UNIVERSE.teams).map(team), userId: user, level: fc.constantFrom("standard", "enhanced", "unlimited") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("removeTeamMember"), at: fc.constant(AT), actor, account: fc.constantFrom(...UNIVERSE.teams).map(team), userId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("changeStaffPermissions"), at: fc.constant(AT), actor: fc.constant("admin"), account: fc.constant(office), userId: user, permissions: fc.record({ editContactOwnership: fc.boolean() }) } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constantFrom("deactivateUser", "reactivateUser", "reactivateUser"), at: fc.constant(AT), actor: fc.constant("admin"), account: fc.constant(office), userId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("changeOfficeRole"), at: fc.constant(AT), actor, account: fc.constant(office), userId: user, officeRole: fc.constantFrom("staff", "admin", "master") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("reassignContacts"), ...base, account: fc.constantFrom(...UNIVERSE.teams).map(team), fromUserId: user, toUserId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("unshareContact"), ...onContact, userId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("endPartnership"), at: fc.constant(AT), actor, account: fc.constant(office), partnerId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("archiveContact"), ...onContact, channel: fc.constantFrom("manual", "api"), reason: fc.constantFrom("duplicate", "notInterested", "doNotContact", "other") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("unarchiveContact"), ...onContact, channel: fc.constantFrom("manual", "api") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("recordOptOut"), at: fc.constant(AT), actor, account: fc.constant(office), address, channel: fc.constantFrom("manual", "api", "support") } as never) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        gen({ type: fc.constant("recordOptIn"), at: fc.constant(AT), actor, account: fc.constant(office), address, channel: fc.constantFrom("manual", "api", "support") } as never),
        gen({ type: fc.constant("recordOptIn"), at: fc.constant(AT), actor, account: fc.constant(office), address, channel: fc.constantFrom("api", "support"), consent: fc.constant({ reference: "signed form", givenAt: AT }) } as never),
      ),
    },
    { weight: 1, arbitrary: gen({ type: fc.constant("linkToListing"), ...onContact, listingId: fc.constantFrom("L-1", "L-2"), listingAgentId: user, kind: fc.constantFrom("openForInspection", "propertyEnquiry") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("closeLoan"), ...onContact, loanId: fc.constantFrom("L1", "L2") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("addToGroup"), ...onContact, group: fc.constantFrom("Buyers", "Sellers") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("recordActivity"), ...onContact, activityId: fc.constantFrom("a1", "a2"), kind: fc.constant("call"), summary: fc.constant("spoke") } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("addTask"), ...onContact, taskId: fc.constantFrom("k1", "k2"), title: fc.constant("Call back"), assigneeId: user } as never) },
    { weight: 1, arbitrary: gen({ type: fc.constant("completeTask"), ...onContact, taskId: fc.constantFrom("k1", "k2") } as never) },
  );
}

/** A sequence of commands to run after `SETUP`. */
export const arbitraryCommandSequence = (maxLength = 40): fc.Arbitrary<Command[]> => fc.array(arbitraryCommand(), { maxLength, size: "max" });

/** A state reached by `SETUP` and a random command sequence (refused commands simply leave no trace). */
export function arbitraryState(options: { maxCommands?: number; configuration?: fc.Arbitrary<Configuration> } = {}): fc.Arbitrary<{ state: State; events: Event[]; commands: Command[] }> {
  return fc.tuple(options.configuration ?? fc.constant(DEFAULT_CONFIGURATION), arbitraryCommandSequence(options.maxCommands ?? 40)).map(([configuration, commands]) => {
    let state = initialState(configuration);
    const events: Event[] = [];
    for (const command of [...SETUP, ...commands]) {
      const r = execute(state, command);
      if (E.isRight(r)) {
        state = r.right.state;
        events.push(...r.right.events);
      }
    }
    return { state, events, commands };
  });
}
