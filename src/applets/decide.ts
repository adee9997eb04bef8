import * as E from "../either.js";
import { actingUser, enterAccount } from "../accounts/actor.js";
import type { User } from "../accounts/model.js";
import { get, has } from "../collections/persistent-map.js";
import { reachableContact, requirePermit } from "../contacts/guard.js";
import { domainError, fromZodIssue, invalidInput, notPermitted, type DomainError } from "../errors.js";
import { factsOf, remedyFor } from "../permissions/access.js";
import type { RuleId } from "../rules.js";
import { resolveAccountEmail } from "../smartplans/resolve.js";
import type { State } from "../state.js";
import { accountKey, describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import { campaignAccess, opportunityAccess, recipientsOf } from "./access.js";
import { SendCampaign, type AppletCommand } from "./commands.js";
import type { AppletEvent } from "./events.js";
import { evolveApplets } from "./evolve.js";
import {
  MAX_CAMPAIGN_MEMBERS,
  MAX_CAMPAIGNS_PER_ACCOUNT,
  MAX_OPPORTUNITIES_PER_ACCOUNT,
  type Campaign,
  type Opportunity,
} from "./model.js";

type Decision = E.Either<DomainError, readonly AppletEvent[]>;
type Link = { readonly at: string; readonly actor: string };

/**
 * AST-3: a contact leaving its account (ACC-7) or deleted (SHR-7, D-148) ends its opportunity links and campaign
 * memberships, one event each, as its enrolments end.
 */
export function endAppletLinks(state: State, command: Link, contactId: string, rule: "ACC-7" | "SHR-7"): AppletEvent[] {
  const { at, actor: by } = command;
  return [
    ...(get(state.applets.opportunitiesByContact, contactId) ?? []).map(
      (opportunityId): AppletEvent => ({ type: "OpportunityUnlinked", at, by, opportunityId, contactId, rule }),
    ),
    ...(get(state.applets.campaignsByContact, contactId) ?? []).map(
      (campaignId): AppletEvent => ({ type: "CampaignMemberRemoved", at, by, campaignId, contactId, rule }),
    ),
  ];
}

/** The same refusal for an opportunity that does not exist, is in another account, or is hidden from the actor (SEC-2). */
const noOpportunity = (id: string, account: AccountRef): DomainError =>
  domainError("item_not_found", "AST-4", `no opportunity ${id} in the ${describeAccount(account)}`);
const noCampaign = (id: string, account: AccountRef): DomainError =>
  domainError("item_not_found", "AST-5", `no email campaign ${id} in the ${describeAccount(account)}`);
const tooMany = (what: string, max: number): DomainError =>
  invalidInput(`${what}: at most ${max.toLocaleString("en-US")}`);

function reachableOpportunity(
  state: State,
  actor: User,
  account: AccountRef,
  id: string,
): E.Either<DomainError, { readonly o: Opportunity; readonly access: "edit" | "view" }> {
  const o = get(state.applets.opportunities, id);
  const access = o === undefined || !sameAccount(o.account, account) ? null : opportunityAccess(state, actor, o);
  return o === undefined || access === null ? E.left(noOpportunity(id, account)) : E.right({ o, access });
}

function reachableCampaign(
  state: State,
  actor: User,
  account: AccountRef,
  id: string,
): E.Either<DomainError, { readonly c: Campaign; readonly access: "manage" | "use" }> {
  const c = get(state.applets.campaigns, id);
  const access = c === undefined || !sameAccount(c.account, account) ? null : campaignAccess(state, actor, c);
  return c === undefined || access === null ? E.left(noCampaign(id, account)) : E.right({ c, access });
}

const count = (index: State["applets"]["opportunitiesByAccount"], account: AccountRef): number =>
  get(index, accountKey(account))?.size ?? 0;

/** AST-4, AST-5: opportunities and email campaigns, each inside the account the command acts in (ACC-1, ACC-5, ACC-6). */
export function decideApplets(state: State, command: AppletCommand): Decision {
  const actor = actingUser(state, command.actor);
  if (E.isLeft(actor)) return actor;
  const entered = enterAccount(state, actor.right, command.account);
  if (E.isLeft(entered)) return entered;
  const user = actor.right;
  const { at, actor: by, account } = command;
  switch (command.type) {
    case "createOpportunity": {
      // A taken id is refused naming nothing about what holds it, which may be another user's (SEC-2).
      if (has(state.applets.opportunities, command.opportunityId))
        return E.left(domainError("duplicate_id", "input", `opportunity id ${command.opportunityId} is already taken`));
      // ACC-6: only the account's own contacts; one the actor cannot see is "not found" (ACC-5); edit links it (ASG-3).
      const facts = reachableContact(state, user, account, command.contactId);
      if (E.isLeft(facts)) return facts;
      const allowed = requirePermit(facts.right, "edit");
      if (E.isLeft(allowed)) return allowed;
      if (count(state.applets.opportunitiesByAccount, account) >= MAX_OPPORTUNITIES_PER_ACCOUNT)
        return E.left(tooMany(`opportunities of the ${describeAccount(account)}`, MAX_OPPORTUNITIES_PER_ACCOUNT));
      const { opportunityId, contactId, name, stage, value } = command;
      return E.right([{ type: "OpportunityCreated", at, by, opportunityId, account, contactId, name, stage, value }]);
    }
    case "updateOpportunity":
    case "closeOpportunity":
    case "deleteOpportunity": {
      const found = reachableOpportunity(state, user, account, command.opportunityId);
      if (E.isLeft(found)) return found;
      const { o, access } = found.right;
      if (access !== "edit") {
        const contact = o.contactId === null ? undefined : get(state.contacts, o.contactId);
        return E.left(
          notPermitted(
            "ASG-3",
            `${by} may view opportunity ${o.id} but not change it: that needs edit access to its contact`,
            {
              action: "edit",
              contactId: o.contactId,
              remedy: contact === undefined ? null : remedyFor(factsOf(state, user, contact), "edit"),
            },
          ),
        );
      }
      const opportunityId = o.id;
      if (command.type === "deleteOpportunity") return E.right([{ type: "OpportunityDeleted", at, by, opportunityId }]);
      if (o.stage === "closed" || o.stage === "lost")
        return E.left(domainError("no_change", "AST-4", `opportunity ${o.id} is already ${o.stage}`));
      if (command.type === "closeOpportunity")
        return E.right([{ type: "OpportunityClosed", at, by, opportunityId, outcome: command.outcome }]);
      const next = { name: command.name ?? o.name, stage: command.stage ?? o.stage, value: command.value ?? o.value };
      if (next.name === o.name && next.stage === o.stage && next.value === o.value)
        return E.left(domainError("no_change", "input", `opportunity ${o.id} already has that name, stage and value`));
      return E.right([{ type: "OpportunityUpdated", at, by, opportunityId, ...next }]);
    }
    case "createCampaign": {
      if (has(state.applets.campaigns, command.campaignId))
        return E.left(domainError("duplicate_id", "input", `email campaign id ${command.campaignId} is already taken`));
      if (count(state.applets.campaignsByAccount, account) >= MAX_CAMPAIGNS_PER_ACCOUNT)
        return E.left(tooMany(`email campaigns of the ${describeAccount(account)}`, MAX_CAMPAIGNS_PER_ACCOUNT));
      return E.right([
        {
          type: "CampaignCreated",
          at,
          by,
          campaignId: command.campaignId,
          account,
          name: command.name,
          audience: command.audience,
        },
      ]);
    }
    case "deleteCampaign": {
      const found = reachableCampaign(state, user, account, command.campaignId);
      if (E.isLeft(found)) return found;
      if (found.right.access !== "manage")
        return E.left(
          notPermitted(
            "AST-5",
            `${by} may not delete email campaign ${command.campaignId}: its creator, an enhanced or unlimited member or an office admin may`,
            { action: "deleteCampaign", contactId: null },
          ),
        );
      return E.right([{ type: "CampaignDeleted", at, by, campaignId: command.campaignId }]);
    }
    case "addCampaignMember":
    case "removeCampaignMember": {
      const found = reachableCampaign(state, user, account, command.campaignId);
      if (E.isLeft(found)) return found;
      const c = found.right.c;
      // ACC-6: only the account's own contacts; SHR-1: whoever may enrol the contact in automation adds it.
      const facts = reachableContact(state, user, account, command.contactId);
      if (E.isLeft(facts)) return facts;
      const allowed = requirePermit(facts.right, "enrol");
      if (E.isLeft(allowed)) return allowed;
      if (c.sentAt !== undefined)
        return E.left(
          domainError(
            "no_change",
            "AST-5",
            `email campaign ${c.id} was sent at ${c.sentAt}; its members stay as they were`,
          ),
        );
      const member = c.members.includes(command.contactId);
      const link = { at, by, campaignId: c.id, contactId: command.contactId };
      if (command.type === "removeCampaignMember") {
        return member
          ? E.right([{ type: "CampaignMemberRemoved", ...link, rule: "AST-5" }])
          : E.left(
              domainError(
                "no_change",
                "AST-5",
                `contact ${command.contactId} is not a member of email campaign ${c.id}`,
              ),
            );
      }
      if (member)
        return E.left(
          domainError(
            "no_change",
            "AST-5",
            `contact ${command.contactId} is already a member of email campaign ${c.id}`,
          ),
        );
      if (c.members.length >= MAX_CAMPAIGN_MEMBERS)
        return E.left(tooMany(`members of email campaign ${c.id}`, MAX_CAMPAIGN_MEMBERS));
      return E.right([{ type: "CampaignMemberAdded", ...link }]);
    }
    case "sendCampaign": {
      const found = reachableCampaign(state, user, account, command.campaignId);
      if (E.isLeft(found)) return found;
      const sent = alreadySent(found.right.c);
      return sent === null ? E.right(sendEvents(state, user, found.right.c, at)) : E.left(sent);
    }
  }
}

/** Whether a campaign send is already over: it goes out once (D-146). */
function alreadySent(c: Campaign): DomainError | null {
  return c.sentAt === undefined
    ? null
    : domainError(
        "no_change",
        "SEC-6",
        `email campaign ${c.id} was already sent at ${c.sentAt}; a campaign is sent once`,
      );
}

/**
 * AST-5: one event per recipient, in id order, each resolved as an email step (SP-1 … SP-9) against the quotas the
 * recipients before it have used, then `CampaignSent`. A campaign already sent is refused by the caller.
 */
function sendEvents(state: State, user: User, c: Campaign, at: string): AppletEvent[] {
  const by = user.id;
  const events: AppletEvent[] = [];
  let running = state;
  let sent = 0;
  for (const contactId of recipientsOf(state, user, c)) {
    const contact = get(state.contacts, contactId);
    if (contact === undefined) continue;
    const { designation, outcome } = resolveAccountEmail(running, c.account, contact, at);
    const base = { at, by, campaignId: c.id, contactId };
    let event: AppletEvent;
    if (outcome.kind === "email") {
      event = { type: "CampaignEmailSent", ...base, senderId: outcome.senderId, to: outcome.to, month: outcome.month };
      running = evolveApplets(running, event);
      sent++;
    } else if (
      outcome.kind === "failed" &&
      outcome.reason !== "noValidPhone" &&
      outcome.reason !== "phoneOptedOut" &&
      outcome.reason !== "insufficientCredits"
    ) {
      event = {
        type: "CampaignEmailSkipped",
        ...base,
        agentId: outcome.agentId,
        reason: outcome.reason,
        rule: outcome.rule as "SP-9" | "SP-4" | "LIF-7",
      };
    } else {
      // SEC-6: a stand-in for a contact with no active primary is never charged for it.
      event = {
        type: "CampaignEmailSkipped",
        ...base,
        agentId: designation.agentId,
        reason: "noContactAssignee",
        rule: "SEC-6",
      };
    }
    events.push(event);
  }
  events.push({ type: "CampaignSent", at, by, campaignId: c.id, sent, skipped: events.length - sent });
  return events;
}

/**
 * What sending a campaign would do, recipient by recipient — who sends, who is charged, who is skipped and why
 * — without spending anything (AST-5).
 * @since 0.2.0
 */
export interface CampaignPreview {
  readonly campaignId: string;
  readonly deliveries: readonly CampaignDelivery[];
  readonly sent: number;
  readonly skipped: number;
}

/** One recipient of a campaign send: emailed from and charged to `senderId` (SP-4), or skipped with the reason (SP-9). @since 0.2.0 */
export type CampaignDelivery =
  | {
      readonly contactId: string;
      readonly outcome: "sent";
      readonly senderId: string;
      readonly chargedTo: string;
      readonly to: string;
      readonly month: string;
    }
  | {
      readonly contactId: string;
      readonly outcome: "skipped";
      readonly agentId: string;
      readonly reason: Extract<AppletEvent, { type: "CampaignEmailSkipped" }>["reason"];
      readonly rule: RuleId;
    };

/**
 * AST-5: what `sendCampaign` with the same actor, account, campaign and time would do, without spending: the same
 * recipients, senders, charges and skips as the events it would record. Refused as the send would be.
 * @example
 * import { initialState, previewCampaign } from "crm-access";
 * const preview = previewCampaign(initialState(), { actor: "ann", at: "2026-03-02T16:00:00Z",
 *   account: { kind: "team", teamId: "t1" }, campaignId: "m1" });
 * assert.deepStrictEqual(preview,
 *   { _tag: "Left", left: { code: "office_not_open", rule: "office", message: "no office has been opened yet" } });
 * @since 0.2.0
 */
export function previewCampaign(
  state: State,
  request: { readonly actor: string; readonly at: string; readonly account: AccountRef; readonly campaignId: string },
): E.Either<DomainError, CampaignPreview> {
  const parsed = SendCampaign.safeParse({ ...request, type: "sendCampaign" });
  if (!parsed.success) return E.left(fromZodIssue(parsed.error.issues[0], "previewCampaign"));
  const decided = decideApplets(state, parsed.data);
  if (E.isLeft(decided)) return decided;
  const deliveries: CampaignDelivery[] = [];
  for (const e of decided.right) {
    if (e.type === "CampaignEmailSent")
      deliveries.push(
        Object.freeze({
          contactId: e.contactId,
          outcome: "sent",
          senderId: e.senderId,
          chargedTo: e.senderId,
          to: e.to,
          month: e.month,
        }),
      );
    if (e.type === "CampaignEmailSkipped")
      deliveries.push(
        Object.freeze({
          contactId: e.contactId,
          outcome: "skipped",
          agentId: e.agentId,
          reason: e.reason,
          rule: e.rule,
        }),
      );
  }
  const sent = deliveries.filter((d) => d.outcome === "sent").length;
  return E.right(
    Object.freeze({
      campaignId: request.campaignId,
      deliveries: Object.freeze(deliveries),
      sent,
      skipped: deliveries.length - sent,
    }),
  );
}
