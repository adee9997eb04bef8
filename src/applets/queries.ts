import * as z from "zod";
import { emptyMap, forEach, get } from "../collections/persistent-map.js";
import { factsOf, permits } from "../permissions/access.js";
import type { State } from "../state.js";
import { accountKey } from "../accounts/account-ref.js";
import { AccountRef, Id } from "../wire.js";
import { campaignAccess, opportunityAccess } from "./access.js";
import type { Campaign, Opportunity } from "./model.js";

/** Narrows `visibleOpportunities`. @since 0.2.0 */
export interface OpportunityFilter {
  /** Only this account's opportunities. */
  readonly account?: AccountRef;
  /** Only those linked to this contact. */
  readonly contactId?: string;
}

const Filter = z.object({ account: AccountRef.optional(), contactId: Id.optional() }).optional();

/** An opportunity as a user sees it, with whether they may change it (AST-4). @since 0.2.0 */
export interface VisibleOpportunity extends Opportunity {
  readonly editable: boolean;
}

/**
 * AST-4: the opportunities a user may see, sorted by id: those of their accounts whose linked contact they may
 * view (`editable` where they may edit it). Others' personal opportunities, and those of contacts hidden from the
 * user, are left out as if they did not exist (ACC-5, SEC-2).
 * @example
 * import { initialState, visibleOpportunities } from "crm-access";
 * assert.deepStrictEqual(visibleOpportunities(initialState(), "ann", { contactId: "c1" }), []);
 * @since 0.2.0
 */
export function visibleOpportunities(
  state: State,
  actorId: string,
  filter: OpportunityFilter = {},
): readonly VisibleOpportunity[] {
  const parsed = Filter.safeParse(filter);
  const user = typeof actorId === "string" ? get(state.users, actorId) : undefined;
  if (user === undefined || !parsed.success) return Object.freeze([]);
  const { account, contactId } = parsed.data ?? {};
  const { opportunities, opportunitiesByContact, opportunitiesByAccount } = state.applets;
  const ids: string[] = [];
  if (contactId !== undefined) ids.push(...(get(opportunitiesByContact, contactId) ?? []));
  else if (account !== undefined)
    forEach(get(opportunitiesByAccount, accountKey(account)) ?? emptyMap<true>(), (_, id) => ids.push(id));
  else forEach(opportunities, (_, id) => ids.push(id));
  const out: VisibleOpportunity[] = [];
  for (const id of ids.sort()) {
    const o = get(opportunities, id);
    if (o === undefined || (account !== undefined && accountKey(o.account) !== accountKey(account))) continue;
    const access = opportunityAccess(state, user, o);
    if (access !== null) out.push(Object.freeze({ ...o, editable: access === "edit" }));
  }
  return Object.freeze(out);
}

/** A campaign as a user sees it: its members only where the user may view them (SEC-2). @since 0.2.0 */
export interface VisibleCampaign extends Campaign {
  /** The user may delete it (its creator, the team's leaders, office admins; the personal account's user). */
  readonly manageable: boolean;
}

/**
 * AST-5: the email campaigns of the accounts a user works in, sorted by id, each listing only the members the user
 * may view; another user's personal campaigns are left out as if they did not exist (ACC-5).
 * @example
 * import { initialState, visibleCampaigns } from "crm-access";
 * assert.deepStrictEqual(visibleCampaigns(initialState(), "ann"), []);
 * @since 0.2.0
 */
export function visibleCampaigns(state: State, actorId: string, account?: AccountRef): readonly VisibleCampaign[] {
  const parsed = AccountRef.optional().safeParse(account);
  const user = typeof actorId === "string" ? get(state.users, actorId) : undefined;
  if (user === undefined || !parsed.success) return Object.freeze([]);
  const only = parsed.data;
  const out: VisibleCampaign[] = [];
  forEach(state.applets.campaigns, (c) => {
    if (only !== undefined && accountKey(c.account) !== accountKey(only)) return;
    const access = campaignAccess(state, user, c);
    if (access === null) return;
    const members = c.members.filter((id) => {
      const contact = get(state.contacts, id);
      return contact !== undefined && permits(factsOf(state, user, contact), "view");
    });
    out.push(Object.freeze({ ...c, members: Object.freeze(members), manageable: access === "manage" }));
  });
  return Object.freeze(out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
