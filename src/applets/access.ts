import { hasTeamScope, isOfficeAdmin, memberOf, type User } from "../accounts/model.js";
import { forEach, get, has } from "../collections/persistent-map.js";
import { factsOf, permits } from "../permissions/access.js";
import type { State } from "../state.js";
import { accountKey } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import type { Campaign, Opportunity } from "./model.js";

/**
 * Inside the account: its own user for a personal account (ACC-5); a member or an office admin for a team
 * account (ACC-1, ACC-8). Returns whether the user leads the team's data (team scope, D-144) as the second part.
 */
function standing(state: State, user: User, account: AccountRef): "lead" | "member" | null {
  if (user.status !== "active") return null; // LIF-7
  if (account.kind === "personal") return account.userId === user.id ? "lead" : null;
  if (isOfficeAdmin(user)) return "lead";
  const team = get(state.teams, account.teamId);
  const member = team === undefined ? undefined : memberOf(team, user.id);
  return member === undefined ? null : hasTeamScope(member.level) ? "lead" : "member";
}

/**
 * AST-4: what a user may do with an opportunity. Inside its account only (a personal opportunity is its user's
 * alone, ACC-5); a linked one follows the contact's access — `view` sees it, `edit` changes it (ASG-3: View Only
 * cannot) — and one whose contact left (AST-3) is its creator's and the team's leaders' (D-144).
 */
export function opportunityAccess(state: State, user: User, o: Opportunity): "edit" | "view" | null {
  const inside = standing(state, user, o.account);
  if (inside === null) return null;
  if (o.contactId === null) return inside === "lead" || o.createdBy === user.id ? "edit" : null;
  const contact = get(state.contacts, o.contactId);
  if (contact === undefined) return null;
  const facts = factsOf(state, user, contact);
  return permits(facts, "edit") ? "edit" : permits(facts, "view") ? "view" : null;
}

/** AST-5, D-145: every user inside the account uses its campaigns; its creator and the team's leaders delete them. */
export function campaignAccess(state: State, user: User, c: Campaign): "manage" | "use" | null {
  const inside = standing(state, user, c.account);
  if (inside === null) return null;
  return inside === "lead" || c.createdBy === user.id ? "manage" : "use";
}

/** The user may act on the contact in a campaign (SHR-1: message it through automation, as an enrolment). */
export function messages(state: State, user: User, contactId: string): boolean {
  const contact = get(state.contacts, contactId);
  return contact !== undefined && permits(factsOf(state, user, contact), "enrol");
}

/**
 * AST-5: who a send by `user` reaches — the explicit members and, with an audience rule, every active contact of
 * the account (only those `user` is primary on, ASG-9) — each once, sorted, and only those `user` may message:
 * the others are left out without a trace (SEC-2).
 */
export function recipientsOf(state: State, user: User, c: Campaign): string[] {
  const ids = new Set(c.members);
  const audience = c.audience;
  if (audience !== null) {
    const inAccount = get(state.contactsByAccount, accountKey(c.account));
    if (inAccount !== undefined) {
      forEach(inAccount, (_, id) => {
        if (has(state.archive, id)) return;
        if (audience.primaryOnly && get(state.contacts, id)?.primary !== user.id) return;
        ids.add(id);
      });
    }
  }
  return [...ids].filter((id) => messages(state, user, id)).sort();
}
