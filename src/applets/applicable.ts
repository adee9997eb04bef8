import { get, has } from "../collections/persistent-map.js";
import { domainError, type DomainError, type PlainErrorCode } from "../errors.js";
import type { State } from "../state.js";
import { accountKey, describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import { MAX_CAMPAIGN_MEMBERS, MAX_CAMPAIGNS_PER_ACCOUNT, MAX_OPPORTUNITIES_PER_ACCOUNT } from "./model.js";
import type { AppletEvent } from "./events.js";

const refuse = (code: PlainErrorCode, message: string): DomainError => domainError(code, "SEC-8", message);

function accountExists(state: State, ref: AccountRef): DomainError | null {
  if (ref.kind === "personal")
    return has(state.users, ref.userId) ? null : refuse("user_not_found", `no user ${ref.userId}`);
  return has(state.teams, ref.teamId) ? null : refuse("team_not_found", `no team ${ref.teamId}`);
}

/** The contact exists and lives in the account (ACC-6). */
function contactIn(state: State, contactId: string, account: AccountRef): DomainError | null {
  const c = get(state.contacts, contactId);
  if (c === undefined) return refuse("contact_not_found", `no contact ${contactId}`);
  return sameAccount(c.account, account)
    ? null
    : refuse(
        "wrong_account",
        `contact ${contactId} is in the ${describeAccount(c.account)}, not the ${describeAccount(account)}`,
      );
}

/** A contact is moved or deleted only once its opportunity links and campaign memberships have ended (AST-3). */
export function appletLinksRemain(state: State, contactId: string): DomainError | null {
  const linked =
    has(state.applets.opportunitiesByContact, contactId) || has(state.applets.campaignsByContact, contactId);
  return linked
    ? refuse("invalid_event", `contact ${contactId} is still linked to an opportunity or email campaign of its account`)
    : null;
}

/** What a stored opportunity or campaign event needs to apply (SEC-8), as `decide` would have found it. */
export function appletApplicable(state: State, event: AppletEvent): DomainError | null {
  const { opportunities, campaigns } = state.applets;
  const by = has(state.users, event.by) ? null : refuse("user_not_found", `no user ${event.by}`);
  switch (event.type) {
    case "OpportunityCreated":
      if (has(opportunities, event.opportunityId))
        return refuse("duplicate_id", `opportunity ${event.opportunityId} already exists`);
      if (event.stage === "closed" || event.stage === "lost")
        return refuse("invalid_event", `a new opportunity is open, not ${event.stage}`);
      if (
        (get(state.applets.opportunitiesByAccount, accountKey(event.account))?.size ?? 0) >=
        MAX_OPPORTUNITIES_PER_ACCOUNT
      )
        return refuse(
          "invalid_event",
          `the ${describeAccount(event.account)} already holds ${MAX_OPPORTUNITIES_PER_ACCOUNT} opportunities`,
        );
      return by ?? accountExists(state, event.account) ?? contactIn(state, event.contactId, event.account);
    case "OpportunityUpdated":
    case "OpportunityClosed":
    case "OpportunityDeleted":
    case "OpportunityUnlinked": {
      const o = get(opportunities, event.opportunityId);
      if (o === undefined) return refuse("item_not_found", `no opportunity ${event.opportunityId}`);
      const closed = o.stage === "closed" || o.stage === "lost";
      if ((event.type === "OpportunityUpdated" || event.type === "OpportunityClosed") && closed)
        return refuse("no_change", `opportunity ${o.id} is already ${o.stage}`);
      if (event.type === "OpportunityUpdated" && (event.stage === "closed" || event.stage === "lost"))
        return refuse("invalid_event", `an opportunity is closed by OpportunityClosed, not updated to ${event.stage}`);
      if (event.type === "OpportunityUnlinked" && o.contactId !== event.contactId)
        return refuse("invalid_event", `opportunity ${o.id} is not linked to contact ${event.contactId}`);
      return by;
    }
    case "CampaignCreated":
      if ((get(state.applets.campaignsByAccount, accountKey(event.account))?.size ?? 0) >= MAX_CAMPAIGNS_PER_ACCOUNT)
        return refuse(
          "invalid_event",
          `the ${describeAccount(event.account)} already holds ${MAX_CAMPAIGNS_PER_ACCOUNT} email campaigns`,
        );
      return has(campaigns, event.campaignId)
        ? refuse("duplicate_id", `email campaign ${event.campaignId} already exists`)
        : (by ?? accountExists(state, event.account));
    case "CampaignDeleted":
    case "CampaignMemberAdded":
    case "CampaignMemberRemoved":
    case "CampaignEmailSent":
    case "CampaignEmailSkipped":
    case "CampaignSent": {
      const c = get(campaigns, event.campaignId);
      if (c === undefined) return refuse("item_not_found", `no email campaign ${event.campaignId}`);
      if (event.type === "CampaignDeleted") return by;
      if (event.type === "CampaignSent")
        return c.sentAt === undefined ? by : refuse("no_change", `email campaign ${c.id} was already sent`);
      const member = c.members.includes(event.contactId);
      if (event.type === "CampaignMemberAdded") {
        if (member) return refuse("no_change", `contact ${event.contactId} is already a member of ${c.id}`);
        return c.members.length >= MAX_CAMPAIGN_MEMBERS
          ? refuse("invalid_event", `email campaign ${c.id} already has ${MAX_CAMPAIGN_MEMBERS} members`)
          : (by ?? contactIn(state, event.contactId, c.account));
      }
      if (event.type === "CampaignMemberRemoved")
        return member ? by : refuse("no_change", `contact ${event.contactId} is not a member of ${c.id}`);
      if (c.sentAt !== undefined) return refuse("no_change", `email campaign ${c.id} was already sent`);
      const problem = by ?? contactIn(state, event.contactId, c.account);
      if (problem !== null || event.type === "CampaignEmailSkipped") return problem;
      if (event.month === "") return refuse("invalid_event", "an email is counted in a month");
      return has(state.users, event.senderId) ? null : refuse("user_not_found", `no user ${event.senderId}`);
    }
  }
}
