/** Helpers shared by the visibility-filter tests: random states, the service's table and the filter as a predicate. */
import fc from "fast-check";
import { archiveOf, contactIds, getContact, type Command, type State, type VisibilityFilter } from "../../src/index.js";
import {
  arbitraryCommand,
  arbitraryConfiguration,
  arbitraryContactId,
  arbitraryState,
  UNIVERSE,
} from "../../src/testing/index.js";
import { AT, OFFICE } from "../support/office.js";

/** A row of the service's contact table, as the service keeps it from the events. */
export interface Row {
  readonly id: string;
  readonly accountId: string;
  readonly archived: boolean;
  readonly name: string;
}

/** The table a service would hold for this state: one row per contact, written here from the state's contacts. */
export function table(state: State): Row[] {
  return contactIds(state).map((id) => {
    const contact = getContact(state, id);
    if (contact === undefined) throw new Error(`no contact ${id}`);
    const account = contact.account;
    return {
      id,
      accountId: account.kind === "team" ? `team:${account.teamId}` : `personal:${account.userId}`,
      archived: archiveOf(state, id) !== undefined,
      name: contact.details.name,
    };
  });
}

/** The filter as the documented predicate, written the obvious way, independent of the code under test. */
export function matches(filter: VisibilityFilter, row: Row): boolean {
  const inAccount = filter.accounts.includes(row.accountId) && !filter.except.includes(row.id);
  return (
    (inAccount || filter.contacts.includes(row.id)) && (filter.archived === null || row.archived === filter.archived)
  );
}

/**
 * Random commands, with more of those that make a whole account hold a contact the lead may nevertheless not act
 * on: a team contact handed to a member as its owner (ACC-3), that member deactivated (LIF-7) and reactivated, a
 * loan (SHR-7).
 */
const t1 = { kind: "team", teamId: "t1" } as const;
const commands = fc.oneof(
  { weight: 6, arbitrary: arbitraryCommand() },
  {
    weight: 1,
    arbitrary: fc.tuple(arbitraryContactId(), fc.constantFrom("u2", "u3", "u4", "u5")).map(
      ([contactId, userId]): Command => ({
        type: "changeOwner",
        actor: "u1",
        at: AT,
        account: t1,
        contactId,
        owner: { kind: "user", userId },
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...UNIVERSE.users)
      .map((userId): Command => ({ type: "deactivateUser", actor: "admin", at: AT, account: OFFICE, userId })),
  },
  // Reactivations too, so that states without a deactivated user — where only a loan takes a contact out — come up often.
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...UNIVERSE.users)
      .map((userId): Command => ({ type: "reactivateUser", actor: "admin", at: AT, account: OFFICE, userId })),
  },
  {
    weight: 2,
    arbitrary: arbitraryContactId().map(
      (contactId): Command => ({
        type: "addLoan",
        actor: "u1",
        at: AT,
        account: t1,
        contactId,
        loanId: `L-${contactId}`,
        amount: 1,
        status: "open",
      }),
    ),
  },
);

/** Populated random states under any configuration, with those commands. */
export const states = () =>
  arbitraryState({ populate: true, maxCommands: 60, configuration: arbitraryConfiguration(), commands });

export const USERS: readonly string[] = [UNIVERSE.admin, ...UNIVERSE.users];
