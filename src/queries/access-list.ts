import * as E from "fp-ts/lib/Either.js";
import { hasTeamScope } from "../accounts/model.js";
import { get } from "../collections/persistent-map.js";
import { directUsers } from "../contacts/model.js";
import { domainError, type DomainError } from "../errors.js";
import { ACTIONS, factsOf, levelOf, permits, reasonsOf, type AccessLevel, type AccessReason, type Action } from "../permissions/access.js";
import type { State } from "../state.js";

/** One line of a contact's access list (REA-2). */
export interface AccessEntry {
  readonly userId: string;
  readonly level: AccessLevel;
  readonly reasons: readonly AccessReason[];
  /** Every action this user may take on the contact. */
  readonly actions: readonly Action[];
}

/**
 * Every user with access to the contact, their level, why, and what they may do (REA-2), sorted by user id;
 * given an action, only the users who may take it, so `u ∈ accessList(c, a)` exactly when `can(u, a, c)`.
 * Reads only the contact, its team and the office admins: its cost does not grow with the number of contacts.
 * It takes no asker: who may read a contact's access list is the embedding service's to decide (docs/security.md).
 * @example
 * import { accessList, initialState } from "crm-access";
 * accessList(initialState(), "c1"); // left({ code: "contact_not_found", ... })
 * accessList(initialState(), "c1", "edit"); // the same: no such contact
 * @since 0.1.0
 */
export function accessList(state: State, contactId: string, action?: Action): E.Either<DomainError, readonly AccessEntry[]> {
  if (action !== undefined && !ACTIONS.includes(action)) return E.left(domainError("invalid_input", "input", `no action ${String(action)}: one of ${ACTIONS.join(", ")}`));
  const contact = get(state.contacts, contactId);
  if (contact === undefined) return E.left(domainError("contact_not_found", "REA-2", `no contact ${contactId}`));
  const candidates = new Set(directUsers(contact));
  if (contact.account.kind === "personal") candidates.add(contact.account.userId);
  else {
    const team = get(state.teams, contact.account.teamId);
    for (const m of team?.members ?? []) if (hasTeamScope(m.level)) candidates.add(m.userId);
    for (const admin of state.officeAdmins) candidates.add(admin);
  }
  const entries: AccessEntry[] = [];
  for (const userId of [...candidates].sort()) {
    const user = get(state.users, userId);
    if (user === undefined) continue;
    const facts = factsOf(state, user, contact);
    const level = levelOf(facts);
    const actions = ACTIONS.filter((a) => permits(facts, a));
    if (level === null || actions.length === 0 || (action !== undefined && !actions.includes(action))) continue;
    entries.push(Object.freeze({ userId, level, reasons: reasonsOf(facts), actions }));
  }
  return E.right(entries);
}
