import * as z from "zod";
import {
  addToSet,
  emptyMap,
  fromEntries,
  get,
  set,
  values,
  type PersistentMap,
  type PersistentSet,
} from "../collections/persistent-map.js";
import type { State } from "../state.js";
import { accountKey, describeAccount, sameAccount } from "../accounts/account-ref.js";
import { AccountRef, Id, Instant } from "../wire.js";
import {
  AppletName,
  Audience,
  MAX_CAMPAIGN_MEMBERS,
  MAX_CAMPAIGNS_PER_ACCOUNT,
  MAX_OPPORTUNITIES_PER_ACCOUNT,
  OpportunityStage,
  OpportunityValue,
  type Applets,
  type Campaign,
  type Opportunity,
} from "./model.js";

export const OpportunityRecord = z.strictObject({
  id: Id,
  account: AccountRef,
  name: AppletName,
  stage: OpportunityStage,
  value: OpportunityValue,
  contactId: Id.nullable(),
  createdBy: Id,
  createdAt: Instant,
});
export const CampaignRecord = z.strictObject({
  id: Id,
  account: AccountRef,
  name: AppletName,
  audience: Audience,
  members: z.array(Id),
  createdBy: Id,
  createdAt: Instant,
  sentAt: Instant.optional(),
});

/** The snapshot's lists of opportunities and campaigns, sorted by id; written only when there are some, so older snapshots read as before. */
export function appletsSnapshot(state: State): {
  opportunities?: z.infer<typeof OpportunityRecord>[];
  campaigns?: z.infer<typeof CampaignRecord>[];
} {
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const { opportunities, campaigns } = state.applets;
  return {
    ...(opportunities.size === 0
      ? {}
      : {
          opportunities: values(opportunities)
            .map((o) => ({ ...o, account: { ...o.account } }))
            .sort(byId),
        }),
    ...(campaigns.size === 0
      ? {}
      : {
          campaigns: values(campaigns)
            .map((c) => ({
              ...c,
              account: { ...c.account },
              audience: c.audience === null ? null : { ...c.audience },
              members: [...c.members],
            }))
            .sort(byId),
        }),
  };
}

/** Rebuilds opportunities and campaigns with their indexes from checked snapshot lists. */
export function restoreApplets(
  opportunityList: readonly Opportunity[] = [],
  campaignList: readonly (Omit<Campaign, "sentAt"> & { readonly sentAt?: string | undefined })[] = [],
): Applets {
  let opportunitiesByAccount = emptyMap<PersistentSet>();
  let campaignsByAccount = emptyMap<PersistentSet>();
  const byContact = (pairs: [string, string][]): PersistentMap<readonly string[]> => {
    const lists = new Map<string, string[]>();
    for (const [contactId, id] of pairs) lists.set(contactId, [...(lists.get(contactId) ?? []), id]);
    return fromEntries([...lists].map(([k, ids]) => [k, Object.freeze(ids.sort())] as const));
  };
  const enter = (index: PersistentMap<PersistentSet>, account: AccountRef, id: string) =>
    set(index, accountKey(account), addToSet(get(index, accountKey(account)) ?? emptyMap<true>(), id));
  for (const o of opportunityList) opportunitiesByAccount = enter(opportunitiesByAccount, o.account, o.id);
  for (const c of campaignList) campaignsByAccount = enter(campaignsByAccount, c.account, c.id);
  return Object.freeze({
    opportunities: fromEntries(
      opportunityList.map((o) => [o.id, Object.freeze({ ...o, account: Object.freeze({ ...o.account }) })] as const),
    ),
    campaigns: fromEntries(
      campaignList.map(
        ({ sentAt, ...c }) =>
          [
            c.id,
            Object.freeze({
              ...c,
              ...(sentAt === undefined ? {} : { sentAt }),
              account: Object.freeze({ ...c.account }),
              audience: c.audience === null ? null : Object.freeze({ ...c.audience }),
              members: Object.freeze([...c.members]),
            }),
          ] as const,
      ),
    ),
    opportunitiesByAccount,
    campaignsByAccount,
    opportunitiesByContact: byContact(
      opportunityList.flatMap((o): [string, string][] => (o.contactId === null ? [] : [[o.contactId, o.id]])),
    ),
    campaignsByContact: byContact(campaignList.flatMap((c) => c.members.map((m): [string, string] => [m, c.id]))),
  });
}

type Path = readonly (string | number)[];
interface Known {
  readonly users: ReadonlySet<string>;
  readonly members: ReadonlyMap<string, unknown>;
  readonly contacts: ReadonlyMap<string, { readonly account: AccountRef }>;
}

/**
 * AST-4, AST-5 (SEC-7): ids are unique; accounts, creators and contacts are known; an opportunity's contact and a
 * campaign's members live in its account (ACC-6); members are sorted, once each; counts stay within bounds (D-143).
 */
export function checkApplets(
  snapshot: {
    readonly opportunities?: readonly z.infer<typeof OpportunityRecord>[] | undefined;
    readonly campaigns?: readonly z.infer<typeof CampaignRecord>[] | undefined;
  },
  known: Known,
): { readonly message: string; readonly path: Path } | null {
  const breach = (message: string, path: Path) => Object.freeze({ message, path: Object.freeze([...path]) });
  const accountKnown = (a: AccountRef): boolean =>
    a.kind === "team" ? known.members.has(a.teamId) : known.users.has(a.userId);
  const inAccount = (contactId: string, account: AccountRef): boolean => {
    const c = known.contacts.get(contactId);
    return c !== undefined && sameAccount(c.account, account);
  };
  const lists = [
    ["opportunities", snapshot.opportunities ?? [], MAX_OPPORTUNITIES_PER_ACCOUNT],
    ["campaigns", snapshot.campaigns ?? [], MAX_CAMPAIGNS_PER_ACCOUNT],
  ] as const;
  for (const [field, list, max] of lists) {
    const ids = new Set<string>();
    const perAccount = new Map<string, number>();
    for (const [i, item] of list.entries()) {
      const at = (...rest: (string | number)[]): Path => [field, i, ...rest];
      if (ids.has(item.id)) return breach(`${field} ${item.id} appears twice`, at("id"));
      ids.add(item.id);
      if (!accountKnown(item.account))
        return breach(`${field} ${item.id} is in the unknown ${describeAccount(item.account)}`, at("account"));
      if (!known.users.has(item.createdBy))
        return breach(`${field} ${item.id} names unknown user ${item.createdBy}`, at("createdBy"));
      const n = (perAccount.get(accountKey(item.account)) ?? 0) + 1;
      if (n > max)
        return breach(`the ${describeAccount(item.account)} holds more than ${max} ${field} (D-143)`, at("account"));
      perAccount.set(accountKey(item.account), n);
      if ("stage" in item && item.contactId !== null && !inAccount(item.contactId, item.account)) {
        return breach(
          `opportunity ${item.id} links contact ${item.contactId}, which is not a contact of its ${describeAccount(item.account)} (ACC-6)`,
          at("contactId"),
        );
      }
      if ("members" in item) {
        if (item.members.length > MAX_CAMPAIGN_MEMBERS)
          return breach(
            `email campaign ${item.id} has more than ${MAX_CAMPAIGN_MEMBERS} members (D-143)`,
            at("members"),
          );
        for (const [j, m] of item.members.entries()) {
          if (j > 0 && (item.members[j - 1] as string) >= m)
            return breach(`email campaign ${item.id}: members are sorted, once each`, at("members", j));
          if (!inAccount(m, item.account))
            return breach(
              `email campaign ${item.id} has member ${m}, which is not a contact of its ${describeAccount(item.account)} (ACC-6)`,
              at("members", j),
            );
        }
      }
    }
  }
  return null;
}
