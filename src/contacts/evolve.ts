import {
  addToSet,
  batchObject,
  batchOwns,
  emptyMap,
  fromColumns,
  setOf,
  get,
  remove,
  set,
  type PersistentMap,
  type PersistentSet,
} from "../collections/persistent-map.js";
import type { AccountRef } from "../wire.js";
import type { State } from "../state.js";
import { accountKey, sameAccount } from "../accounts/account-ref.js";
import type { ContactEvent } from "./events.js";
import { pointsOf } from "./deduplication.js";
import { directUsers, type Contact, type Grant, type Owner } from "./model.js";

const byUserId = (a: Grant, b: Grant): number => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

function addTo(index: PersistentMap<PersistentSet>, key: string, contactId: string): PersistentMap<PersistentSet> {
  return set(index, key, addToSet(get(index, key) ?? emptyMap<true>(), contactId));
}

function removeFrom(index: PersistentMap<PersistentSet>, key: string, contactId: string): PersistentMap<PersistentSet> {
  const members = get(index, key);
  if (members === undefined) return index;
  const next = remove(members, contactId);
  return next.size === 0 ? remove(index, key) : set(index, key, next);
}

type Fields = { -readonly [K in keyof State]?: State[K] };

/**
 * The state with these fields changed. Inside a `transient` batch (a replay, a command of many events) a state the
 * batch made is changed in place, as the batch's trie nodes are, so a long fold does not copy the state's fields
 * per event (D-184); every other state is copied, and the batch freezes the states it made when it ends.
 */
function withFields(state: State, fields: Fields): State {
  if (batchOwns(state)) return Object.assign(state as { -readonly [K in keyof State]: State[K] }, fields);
  return batchObject({ ...state, ...fields });
}

/** Stores the contact (or its absence) and keeps the account and user indexes in step. */
function putContact(state: State, before: Contact | undefined, after: Contact | undefined): State {
  if (before === after) return state;
  const id = (after ?? before)?.id ?? "";
  const contacts = after === undefined ? remove(state.contacts, id) : set(state.contacts, id, after);
  let byAccount = state.contactsByAccount;
  const accountKept = before !== undefined && after !== undefined && before.account === after.account;
  if (!accountKept && before !== undefined && (after === undefined || !sameAccount(before.account, after.account))) {
    byAccount = removeFrom(byAccount, accountKey(before.account), id);
  }
  if (!accountKept && after !== undefined && (before === undefined || !sameAccount(before.account, after.account))) {
    byAccount = addTo(byAccount, accountKey(after.account), id);
  }
  let byUser = state.contactsByUser;
  if (
    before === undefined ||
    after === undefined ||
    before.grants !== after.grants ||
    before.primary !== after.primary ||
    before.owner !== after.owner
  ) {
    const usersBefore = before === undefined ? [] : directUsers(before);
    const usersAfter = after === undefined ? [] : directUsers(after);
    for (const u of usersBefore) if (!usersAfter.includes(u)) byUser = removeFrom(byUser, u, id);
    for (const u of usersAfter) if (!usersBefore.includes(u)) byUser = addTo(byUser, u, id);
  }
  let byPoint = state.contactsByPoint;
  const pointsMoved =
    before === undefined ||
    after === undefined ||
    before.details !== after.details ||
    !sameAccount(before.account, after.account);
  if (pointsMoved) {
    const pointsBefore = before === undefined ? [] : pointsOf(before);
    const pointsAfter = after === undefined ? [] : pointsOf(after);
    for (const k of pointsBefore) if (!pointsAfter.includes(k)) byPoint = removeFrom(byPoint, k, id);
    for (const k of pointsAfter) if (!pointsBefore.includes(k)) byPoint = addTo(byPoint, k, id);
  }
  const gone = after === undefined;
  return withFields(state, {
    contacts,
    files: gone ? remove(state.files, id) : state.files,
    archive: gone ? remove(state.archive, id) : state.archive,
    contactsByAccount: byAccount,
    contactsByUser: byUser,
    contactsByPoint: byPoint,
  });
}

/**
 * Small values many contacts hold alike — an account, an owner, a grant — are kept once in `state.shared` and
 * reused: a contact then costs less memory, and a check reads values that are already in the CPU cache.
 */
export class SharedValues {
  constructor(public map: PersistentMap<unknown>) {}

  of<T extends object>(key: string, make: () => T): T {
    const found = get(this.map, key);
    if (found !== undefined) return found as T;
    const value = Object.freeze(make());
    this.map = set(this.map, key, value);
    return value;
  }

  account(a: AccountRef): AccountRef {
    return a.kind === "team"
      ? this.of(`account|team|${a.teamId}`, () => ({ kind: "team" as const, teamId: a.teamId }))
      : this.of(`account|personal|${a.userId}`, () => ({ kind: "personal" as const, userId: a.userId }));
  }

  owner(o: Owner): Owner {
    return o.kind === "team"
      ? this.of(`owner|team|${o.teamId}`, () => ({ kind: "team" as const, teamId: o.teamId }))
      : this.of(`owner|user|${o.userId}`, () => ({ kind: "user" as const, userId: o.userId }));
  }

  grant(userId: string, level: Grant["level"]): Grant {
    return this.of(`grant|${level}|${userId}`, () => ({ userId, level }));
  }
}

/** A new contact record, frozen, sharing its account, owner and grants; the caller's event stays theirs. */
export function frozenContact(c: Contact, shared: SharedValues): Contact {
  return Object.freeze({
    ...c,
    account: shared.account(c.account),
    owner: shared.owner(c.owner),
    grants: Object.freeze(c.grants.map((g) => shared.grant(g.userId, g.level))),
    details: frozenDetails(c.details),
  });
}

function frozenDetails(d: Contact["details"]): Contact["details"] {
  const out: { -readonly [K in keyof Contact["details"]]: Contact["details"][K] } = { name: d.name };
  if (d.emails !== undefined) out.emails = Object.freeze([...d.emails]) as string[];
  if (d.phones !== undefined) out.phones = Object.freeze([...d.phones]) as string[];
  if (d.leadSource !== undefined) out.leadSource = d.leadSource;
  return Object.freeze(out);
}

/** One contact field changed; a hot path, so a spread and a freeze rather than a draft (see docs/performance.md). */
function withContact(contact: Contact, change: Partial<Contact>): Contact {
  return Object.freeze({ ...contact, ...change });
}

/** SHR-2: the contact's one assignee, kept while they hold the `full` grant the assignment gave. */
function assigned(contact: Contact, userId: string | undefined): Contact {
  if (contact.assignedTo === userId) return contact;
  const { assignedTo: _previous, ...rest } = contact;
  return Object.freeze(userId === undefined ? rest : { ...rest, assignedTo: userId });
}

function withGrants(grants: readonly Grant[]): readonly Grant[] {
  return Object.freeze([...grants].sort(byUserId));
}

/** Sorted grants with `grant` in place of the user's grant, if any: one ordered pass (the grants are kept sorted). */
function grantsWith(grants: readonly Grant[], grant: Grant): readonly Grant[] {
  for (let i = 1; i < grants.length; i++)
    if (byUserId(grants[i - 1] as Grant, grants[i] as Grant) > 0)
      return withGrants([...grants.filter((g) => g.userId !== grant.userId), grant]);
  const out: Grant[] = [];
  let placed = false;
  for (const g of grants) {
    if (g.userId === grant.userId) continue;
    if (!placed && byUserId(grant, g) < 0) {
      out.push(grant);
      placed = true;
    }
    out.push(g);
  }
  if (!placed) out.push(grant);
  return Object.freeze(out);
}

/** The contact after one event; `undefined` once deleted. */
function applied(contact: Contact | undefined, event: ContactEvent, shared: SharedValues): Contact | undefined {
  if (event.type === "ContactAdded") return frozenContact(event.contact, shared);
  if (contact === undefined) return contact;
  switch (event.type) {
    case "AccessGranted":
      return assigned(
        withContact(contact, { grants: grantsWith(contact.grants, shared.grant(event.userId, event.level)) }),
        event.rule === "SHR-2"
          ? event.userId
          : contact.assignedTo === event.userId && event.level !== "full"
            ? undefined
            : contact.assignedTo,
      );
    case "AccessRevoked":
      return assigned(
        withContact(contact, { grants: Object.freeze(contact.grants.filter((g) => g.userId !== event.userId)) }),
        contact.assignedTo === event.userId ? undefined : contact.assignedTo,
      );
    case "PrimaryChanged": {
      const grants = contact.grants.filter((g) => g.userId !== event.to);
      const from = event.from;
      const owns = contact.owner.kind === "user" && contact.owner.userId === from;
      if (from !== null && from !== event.to && event.previousKeeps === "full" && !owns)
        grants.push(shared.grant(from, "full"));
      return assigned(
        withContact(contact, { primary: event.to, grants: withGrants(grants) }),
        contact.assignedTo === event.to ? undefined : contact.assignedTo,
      );
    }
    case "OwnershipChanged":
      return withContact(contact, { owner: shared.owner(event.to) });
    case "ContactMoved":
      return withContact(contact, { account: shared.account(event.to), owner: shared.owner(event.owner) });
    case "ContactDeleted":
      return undefined;
    case "ContactEdited":
      return withContact(contact, { details: frozenDetails(event.details) });
    case "LeadStatusChanged":
      return withContact(contact, { leadStatus: event.to });
    case "ContactMatched": {
      if (event.added.emails.length === 0 && event.added.phones.length === 0) return contact;
      const d = contact.details;
      return withContact(contact, {
        details: frozenDetails({
          ...d,
          ...(event.added.emails.length > 0 ? { emails: [...(d.emails ?? []), ...event.added.emails] } : {}),
          ...(event.added.phones.length > 0 ? { phones: [...(d.phones ?? []), ...event.added.phones] } : {}),
        }),
      });
    }
    case "ImportRowRefused":
    case "ContactsImported":
    case "ContactLinkedToListing":
      return contact;
  }
}

function contactIdOf(event: ContactEvent): string | null {
  switch (event.type) {
    case "ContactAdded":
      return event.contact.id;
    case "ImportRowRefused":
    case "ContactsImported":
      return null;
    default:
      return event.contactId;
  }
}

/** Applies one contact event. */
export function evolveContacts(state: State, event: ContactEvent): State {
  const id = contactIdOf(event);
  if (id === null) return state;
  const before = get(state.contacts, id);
  const shared = new SharedValues(state.shared);
  const after = applied(before, event, shared);
  return putContact(shared.map === state.shared ? state : withFields(state, { shared: shared.map }), before, after);
}

/**
 * A state that holds no contact yet with the given stored contacts (made by `frozenContact`, sharing `shared`, ids
 * distinct) and every index of them, each map built in bulk: what putting each contact in one at a time gives, at the cost
 * of a sort instead of a path copy per index entry.
 */
export function withContacts(state: State, stored: readonly Contact[], shared: PersistentMap<unknown>): State {
  const ids: string[] = new Array<string>(stored.length);
  const byAccount = new Map<string, string[]>();
  const byUser = new Map<string, string[]>();
  const byPoint = new Map<string, string[]>();
  const push = (index: Map<string, string[]>, key: string, id: string): void => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [id]);
    else list.push(id);
  };
  // Stored contacts share their account values: the key of each is made once, not once per contact.
  const accountLists = new Map<AccountRef, string[]>();
  for (let i = 0; i < stored.length; i++) {
    const c = stored[i] as Contact;
    const id = c.id;
    ids[i] = id;
    const list = accountLists.get(c.account);
    if (list === undefined) accountLists.set(c.account, [id]);
    else list.push(id);
    const owner = c.owner.kind === "user" ? c.owner.userId : null;
    if (owner !== null) push(byUser, owner, id);
    if (c.primary !== null && c.primary !== owner) push(byUser, c.primary, id);
    for (const g of c.grants) if (g.userId !== owner) push(byUser, g.userId, id);
    if (c.details.emails !== undefined || c.details.phones !== undefined)
      for (const k of pointsOf(c)) push(byPoint, k, id);
  }
  for (const [account, list] of accountLists) {
    const key = accountKey(account);
    const known = byAccount.get(key);
    // Equal accounts not shared (a caller's own values) still meet under one key.
    if (known === undefined) byAccount.set(key, list);
    else for (const id of list) known.push(id);
  }
  const sets = (index: Map<string, string[]>): PersistentMap<PersistentSet> => {
    const keys = [...index.keys()];
    return fromColumns(
      keys,
      keys.map((k) => setOf(index.get(k) as string[])),
    );
  };
  return Object.freeze({
    ...state,
    shared,
    contacts: fromColumns(ids, stored),
    contactsByAccount: sets(byAccount),
    contactsByUser: sets(byUser),
    contactsByPoint: sets(byPoint),
  });
}

/**
 * Contacts whose account, user and point index entries wait for `reindexContacts`: each one's record as the
 * indexes last saw it (`undefined`: not indexed at all).
 */
export type PendingIndex = Map<string, Contact | undefined>;

/** The contact events a long fold may apply before indexing (D-184): none of their checks reads the three indexes. */
export const DEFERRABLE: ReadonlySet<string> = new Set(["ContactAdded", "AccessGranted", "ContactMatched"]);

/**
 * `evolveContacts` for a fold that indexes later: the contact record and the shared values change now, and the
 * account, user and point indexes are left to `reindexContacts`, which the fold must call before anything reads
 * them (before any event outside `DEFERRABLE`, and at its end). Indexing a run of events at once groups every
 * change to one index entry (a user's set, an account's set) into one visit, which a fold of 4M events over 1M
 * contacts makes many times per entry otherwise.
 */
export function evolveContactsDeferred(state: State, event: ContactEvent, pending: PendingIndex): State {
  const id = contactIdOf(event);
  if (id === null) return state;
  const before = get(state.contacts, id);
  const shared = new SharedValues(state.shared);
  const after = applied(before, event, shared);
  if (before === after) return shared.map === state.shared ? state : withFields(state, { shared: shared.map });
  if (!pending.has(id)) pending.set(id, before);
  const gone = after === undefined;
  return withFields(state, {
    shared: shared.map,
    contacts: gone ? remove(state.contacts, id) : set(state.contacts, id, after),
    files: gone ? remove(state.files, id) : state.files,
    archive: gone ? remove(state.archive, id) : state.archive,
  });
}

/** Ids to add to, and to remove from, each entry of one index: one visit per entry. */
interface IndexChanges {
  readonly add: Map<string, string[]>;
  readonly remove: Map<string, string[]>;
}

const noChanges = (): IndexChanges => ({ add: new Map(), remove: new Map() });

function change(changes: Map<string, string[]>, key: string, id: string): void {
  const ids = changes.get(key);
  if (ids === undefined) changes.set(key, [id]);
  else ids.push(id);
}

function diff(changes: IndexChanges, before: readonly string[], after: readonly string[], id: string): void {
  for (const k of before) if (!after.includes(k)) change(changes.remove, k, id);
  for (const k of after) if (!before.includes(k)) change(changes.add, k, id);
}

function applyChanges(index: PersistentMap<PersistentSet>, changes: IndexChanges): PersistentMap<PersistentSet> {
  let out = index;
  for (const [key, ids] of changes.remove) {
    let members = get(out, key);
    if (members === undefined) continue;
    for (const id of ids) members = remove(members, id);
    out = members.size === 0 ? remove(out, key) : set(out, key, members);
  }
  for (const [key, ids] of changes.add) {
    let members = get(out, key) ?? emptyMap<true>();
    for (const id of ids) members = addToSet(members, id);
    out = set(out, key, members);
  }
  return out;
}

/**
 * Brings the account, user and point indexes up to the contacts `pending` names, one visit per index entry; the
 * indexes then hold exactly what `putContact` event by event would have left in them. Clears `pending`.
 */
export function reindexContacts(state: State, pending: PendingIndex): State {
  if (pending.size === 0) return state;
  const byAccount = noChanges();
  const byUser = noChanges();
  // A point key is one contact's, as a rule: its entry is changed at once, as `putContact` does, not grouped.
  let byPoint = state.contactsByPoint;
  for (const [id, before] of pending) {
    const after = get(state.contacts, id);
    if (before === after) continue;
    const accountBefore = before === undefined ? undefined : accountKey(before.account);
    const accountAfter = after === undefined ? undefined : accountKey(after.account);
    if (accountBefore !== accountAfter) {
      if (accountBefore !== undefined) change(byAccount.remove, accountBefore, id);
      if (accountAfter !== undefined) change(byAccount.add, accountAfter, id);
    }
    if (
      before === undefined ||
      after === undefined ||
      before.grants !== after.grants ||
      before.primary !== after.primary ||
      before.owner !== after.owner
    )
      diff(byUser, before === undefined ? [] : directUsers(before), after === undefined ? [] : directUsers(after), id);
    if (
      before === undefined ||
      after === undefined ||
      before.details !== after.details ||
      accountBefore !== accountAfter
    ) {
      const pointsBefore = before === undefined ? [] : pointsOf(before);
      const pointsAfter = after === undefined ? [] : pointsOf(after);
      for (const k of pointsBefore) if (!pointsAfter.includes(k)) byPoint = removeFrom(byPoint, k, id);
      for (const k of pointsAfter) if (!pointsBefore.includes(k)) byPoint = addTo(byPoint, k, id);
    }
  }
  pending.clear();
  return withFields(state, {
    contactsByAccount: applyChanges(state.contactsByAccount, byAccount),
    contactsByUser: applyChanges(state.contactsByUser, byUser),
    contactsByPoint: byPoint,
  });
}
