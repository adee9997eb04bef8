import * as E from "../either.js";
import { hasTeamScope } from "../accounts/model.js";
import { get } from "../collections/persistent-map.js";
import { directUsers, type GrantLevel } from "../contacts/model.js";
import { domainError, invalidInput, type DomainError } from "../errors.js";
import {
  ACTIONS,
  factsOf,
  levelOf,
  permits,
  reasonsOf,
  type AccessLevel,
  type AccessReason,
  type Action,
} from "../permissions/access.js";
import type { State } from "../state.js";

/** One line of a contact's access list (REA-2). */
export interface AccessEntry {
  readonly userId: string;
  readonly level: AccessLevel;
  readonly reasons: readonly AccessReason[];
  /** Every action this user may take on the contact. */
  readonly actions: readonly Action[];
  /** Whether `revokeAccess` can take this user's access away, and if not, what would (seed 004, REA-3). */
  readonly revocation: Revocation;
}

/**
 * Seed 004: "Admin agents can manually revoke access from this section, except for admin agents or the currently
 * assigned agent." A grant is revocable; what the user would still hold after it goes is listed. Access held
 * otherwise is refused by `revokeAccess` with the code given here, and `instead` names the change that ends it.
 */
export type Revocation =
  | { readonly revocable: true; readonly grant: GrantLevel; readonly keeps: readonly AccessReason[] }
  | {
      readonly revocable: false;
      readonly code: "cannot_revoke_primary" | "cannot_revoke_admin" | "not_assigned";
      readonly rule: "REA-3";
      readonly instead: "changePrimary" | "changeOfficeRole" | "changeOwner" | "changeMemberLevel";
    };

function revocationOf(reasons: readonly AccessReason[]): Revocation {
  // In revokeAccess's order: the primary, then an office admin, then the grant.
  if (reasons.some((r) => r.kind === "primary"))
    return { revocable: false, code: "cannot_revoke_primary", rule: "REA-3", instead: "changePrimary" };
  if (reasons.some((r) => r.kind === "officeAdmin"))
    return { revocable: false, code: "cannot_revoke_admin", rule: "REA-3", instead: "changeOfficeRole" };
  const grant = reasons.find((r) => r.kind === "grant");
  if (grant !== undefined)
    return { revocable: true, grant: grant.level, keeps: reasons.filter((r) => r.kind !== "grant") };
  // What is left is ownership (ACC-3, ACC-4) or a team level (ACC-9).
  return {
    revocable: false,
    code: "not_assigned",
    rule: "REA-3",
    instead: reasons.some((r) => r.kind === "owner") ? "changeOwner" : "changeMemberLevel",
  };
}

/**
 * Every user with access to the contact, their level, why, and what they may do (REA-2), sorted by user id;
 * given an action, only the users who may take it, so `u ∈ accessList(c, a)` exactly when `can(u, a, c)`.
 * Reads only the contact, its team and the office admins: its cost does not grow with the number of contacts.
 * It takes no asker: who may read a contact's access list is the embedding service's to decide (docs/security.md).
 * @example
 * import { accessList, initialState } from "crm-access";
 * assert.deepStrictEqual(accessList(initialState(), "c1"),
 *   { _tag: "Left", left: { code: "contact_not_found", rule: "REA-2", message: "no contact c1" } });
 * // The same for one action: no such contact.
 * assert.deepStrictEqual(accessList(initialState(), "c1", "edit"), accessList(initialState(), "c1"));
 * @since 0.1.0
 */
export function accessList(
  state: State,
  contactId: string,
  action?: Action,
): E.Either<DomainError, readonly AccessEntry[]> {
  if (action !== undefined && !ACTIONS.includes(action))
    return E.left(invalidInput(`no action ${String(action)}: one of ${ACTIONS.join(", ")}`, ["action"]));
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
    const reasons = reasonsOf(facts);
    entries.push(Object.freeze({ userId, level, reasons, actions, revocation: Object.freeze(revocationOf(reasons)) }));
  }
  return E.right(entries);
}
