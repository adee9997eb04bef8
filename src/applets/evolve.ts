import {
  addToSet,
  emptyMap,
  get,
  remove,
  set,
  type PersistentMap,
  type PersistentSet,
} from "../collections/persistent-map.js";
import { storedMessaging } from "../smartplans/resolve.js";
import type { State } from "../state.js";
import { accountKey } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import type { AppletEvent } from "./events.js";
import type { Applets, Campaign, Opportunity } from "./model.js";

const withApplets = (state: State, change: Partial<Applets>): State =>
  Object.freeze({ ...state, applets: Object.freeze({ ...state.applets, ...change }) });

function link(
  index: PersistentMap<readonly string[]>,
  contactId: string,
  id: string,
): PersistentMap<readonly string[]> {
  return set(index, contactId, Object.freeze([...(get(index, contactId) ?? []), id].sort()));
}

function unlink(
  index: PersistentMap<readonly string[]>,
  contactId: string | null,
  id: string,
): PersistentMap<readonly string[]> {
  if (contactId === null) return index;
  const left = (get(index, contactId) ?? []).filter((x) => x !== id);
  return left.length === 0 ? remove(index, contactId) : set(index, contactId, Object.freeze(left));
}

function enter(index: PersistentMap<PersistentSet>, account: AccountRef, id: string): PersistentMap<PersistentSet> {
  const key = accountKey(account);
  return set(index, key, addToSet(get(index, key) ?? emptyMap<true>(), id));
}

function leave(index: PersistentMap<PersistentSet>, account: AccountRef, id: string): PersistentMap<PersistentSet> {
  const key = accountKey(account);
  const left = remove(get(index, key) ?? emptyMap<true>(), id);
  return left.size === 0 ? remove(index, key) : set(index, key, left);
}

function putOpportunity(state: State, o: Opportunity): State {
  return withApplets(state, { opportunities: set(state.applets.opportunities, o.id, Object.freeze(o)) });
}

function putCampaign(state: State, c: Campaign): State {
  return withApplets(state, { campaigns: set(state.applets.campaigns, c.id, Object.freeze(c)) });
}

/** Applies one opportunity or campaign event. */
export function evolveApplets(state: State, event: AppletEvent): State {
  const a = state.applets;
  switch (event.type) {
    case "OpportunityCreated": {
      const { opportunityId: id, account, contactId, name, stage, value } = event;
      const o: Opportunity = {
        id,
        account: Object.freeze({ ...account }),
        name,
        stage,
        value,
        contactId,
        createdBy: event.by,
        createdAt: event.at,
      };
      return withApplets(putOpportunity(state, o), {
        opportunitiesByAccount: enter(a.opportunitiesByAccount, account, id),
        opportunitiesByContact: link(a.opportunitiesByContact, contactId, id),
      });
    }
    case "OpportunityUpdated":
    case "OpportunityClosed":
    case "OpportunityUnlinked": {
      const o = get(a.opportunities, event.opportunityId);
      if (o === undefined) return state;
      if (event.type === "OpportunityUpdated")
        return putOpportunity(state, { ...o, name: event.name, stage: event.stage, value: event.value });
      if (event.type === "OpportunityClosed")
        return putOpportunity(state, { ...o, stage: event.outcome === "won" ? "closed" : "lost" });
      return withApplets(putOpportunity(state, { ...o, contactId: null }), {
        opportunitiesByContact: unlink(a.opportunitiesByContact, o.contactId, o.id),
      });
    }
    case "OpportunityDeleted": {
      const o = get(a.opportunities, event.opportunityId);
      if (o === undefined) return state;
      return withApplets(state, {
        opportunities: remove(a.opportunities, o.id),
        opportunitiesByAccount: leave(a.opportunitiesByAccount, o.account, o.id),
        opportunitiesByContact: unlink(a.opportunitiesByContact, o.contactId, o.id),
      });
    }
    case "CampaignCreated": {
      const c: Campaign = {
        id: event.campaignId,
        account: Object.freeze({ ...event.account }),
        name: event.name,
        audience: event.audience === null ? null : Object.freeze({ ...event.audience }),
        members: Object.freeze([]),
        createdBy: event.by,
        createdAt: event.at,
      };
      return withApplets(putCampaign(state, c), { campaignsByAccount: enter(a.campaignsByAccount, c.account, c.id) });
    }
    case "CampaignDeleted": {
      const c = get(a.campaigns, event.campaignId);
      if (c === undefined) return state;
      let byContact = a.campaignsByContact;
      for (const contactId of c.members) byContact = unlink(byContact, contactId, c.id);
      return withApplets(state, {
        campaigns: remove(a.campaigns, c.id),
        campaignsByAccount: leave(a.campaignsByAccount, c.account, c.id),
        campaignsByContact: byContact,
      });
    }
    case "CampaignMemberAdded":
    case "CampaignMemberRemoved": {
      const c = get(a.campaigns, event.campaignId);
      if (c === undefined) return state;
      const added = event.type === "CampaignMemberAdded";
      const members = added ? [...c.members, event.contactId].sort() : c.members.filter((m) => m !== event.contactId);
      const next = putCampaign(state, { ...c, members: Object.freeze(members) });
      return withApplets(next, {
        campaignsByContact: added
          ? link(a.campaignsByContact, event.contactId, c.id)
          : unlink(a.campaignsByContact, event.contactId, c.id),
      });
    }
    case "CampaignEmailSent": {
      // SP-4: charged to the sender, as an email step is; unused sends do not roll over.
      const m = storedMessaging(state, event.senderId);
      const charged =
        m.month === event.month ? { ...m, emailsSent: m.emailsSent + 1 } : { ...m, month: event.month, emailsSent: 1 };
      return Object.freeze({ ...state, messaging: set(state.messaging, event.senderId, Object.freeze(charged)) });
    }
    case "CampaignEmailSkipped":
      return state;
    case "CampaignSent": {
      const c = get(a.campaigns, event.campaignId);
      return c === undefined ? state : putCampaign(state, { ...c, sentAt: event.at });
    }
  }
}
