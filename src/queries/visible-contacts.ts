import { hasTeamScope, isOfficeAdmin, memberOf } from "../accounts/model.js";
import { forEach, forEachHashed, get, has, hasHashed, emptyMap, type PersistentSet } from "../collections/persistent-map.js";
import type { Contact } from "../contacts/model.js";
import { emailKey, isValidEmail } from "../lifecycle/contact-points.js";
import { factsOf, permits, type Action } from "../permissions/access.js";
import type { State } from "../state.js";
import { sameAccount, type AccountRef } from "../wire.js";

/** Narrows `visibleContacts`. */
export interface VisibleFilter {
  /** Only contacts the user may do this with (default `view`). */
  readonly action?: Action;
  /** Only contacts where the user is the primary: the marketing-list filter (ASG-9). */
  readonly primaryOnly?: boolean;
  /** Only contacts in this account. */
  readonly account?: AccountRef;
  /** `true`: only contacts with a present, well-formed email; `false`: only those without (LIF-5). */
  readonly validEmail?: boolean;
  /** `true`: only contacts with an email address in the global opt-out; `false`: only those without (LIF-5). */
  readonly unsubscribed?: boolean;
  /** `true`: only archived contacts; `false`: only active ones (LIF-2). Absent: both. */
  readonly archived?: boolean;
}

function hasValidEmail(contact: Contact): boolean {
  return (contact.details.emails ?? []).some(isValidEmail);
}

function isUnsubscribed(state: State, contact: Contact): boolean {
  return (contact.details.emails ?? []).some((e) => has(state.optOuts, `email:${emailKey(e)}`));
}

/**
 * The ids of the contacts a user may act on, read from the indexes: their personal account, the contacts they
 * own or are assigned to, and the team accounts their level or office role opens (ACC-9). Order is stable
 * for a given state (index order), not alphabetical.
 * @example
 * import { initialState, visibleContacts } from "crm-access";
 * visibleContacts(initialState(), "ann", { primaryOnly: true }); // []
 * @since 0.1.0
 */
export function visibleContacts(state: State, actorId: string, filter: VisibleFilter = {}): readonly string[] {
  const user = get(state.users, actorId);
  if (user === undefined) return [];
  const action = filter.action ?? "view";
  // The user's own index (owner, primary, grants), then the accounts open to them. A contact is in exactly one
  // account, so the account sets never overlap one another: only the user's index can repeat an account entry.
  const own = get(state.contactsByUser, actorId) ?? emptyMap<true>();
  const accounts: PersistentSet[] = [];
  const add = (s: PersistentSet | undefined): void => void (s !== undefined && accounts.push(s));
  add(get(state.contactsByAccount, `personal:${actorId}`));
  if (isOfficeAdmin(user)) forEach(state.teams, (_team, teamId) => add(get(state.contactsByAccount, `team:${teamId}`)));
  else {
    for (const teamId of get(state.teamsOfUser, actorId) ?? []) {
      const team = get(state.teams, teamId);
      const level = team === undefined ? undefined : memberOf(team, actorId)?.level;
      if (level !== undefined && hasTeamScope(level)) add(get(state.contactsByAccount, `team:${teamId}`));
    }
  }
  /** Each contact once: every entry of the user's index, then the account entries the index does not hold. */
  const each = (fn: (contactId: string) => void): void => {
    forEach(own, (_t, contactId) => fn(contactId));
    for (const source of accounts) forEachHashed(source, (_t, contactId, hash) => void (hasHashed(own, contactId, hash) || fn(contactId)));
  };
  const out: string[] = [];
  // Every index entry gives at least `view` (owner, primary, grant, personal account, team scope, admin), and
  // nothing is frozen while no user is deactivated (LIF-7): plain visibility needs no contact read.
  const plain = action === "view" && filter.primaryOnly !== true && filter.account === undefined && filter.validEmail === undefined;
  if (plain && filter.unsubscribed === undefined && filter.archived === undefined && state.deactivatedUsers.length === 0) {
    each((contactId) => out.push(contactId));
    return out;
  }
  each((contactId) => {
    const contact = get(state.contacts, contactId);
    if (contact === undefined) return;
    if (filter.primaryOnly === true && contact.primary !== actorId) return;
    if (filter.account !== undefined && !sameAccount(filter.account, contact.account)) return;
    if (filter.validEmail !== undefined && hasValidEmail(contact) !== filter.validEmail) return;
    if (filter.unsubscribed !== undefined && isUnsubscribed(state, contact) !== filter.unsubscribed) return;
    if (filter.archived !== undefined && has(state.archive, contactId) !== filter.archived) return;
    if (permits(factsOf(state, user, contact), action)) out.push(contactId);
  });
  return out;
}
