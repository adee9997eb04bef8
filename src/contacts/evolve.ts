import {
  addToSet,
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
import { accountKey, sameAccount } from "../wire.js";
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

/** Stores the contact (or its absence) and keeps the account and user indexes in step. */
function putContact(state: State, before: Contact | undefined, after: Contact | undefined): State {
  if (before === after) return state;
  const id = (after ?? before)?.id ?? "";
  const contacts = after === undefined ? remove(state.contacts, id) : set(state.contacts, id, after);
  let byAccount = state.contactsByAccount;
  if (before !== undefined && (after === undefined || !sameAccount(before.account, after.account))) {
    byAccount = removeFrom(byAccount, accountKey(before.account), id);
  }
  if (after !== undefined && (before === undefined || !sameAccount(before.account, after.account))) {
    byAccount = addTo(byAccount, accountKey(after.account), id);
  }
  let byUser = state.contactsByUser;
  const usersBefore = before === undefined ? [] : directUsers(before);
  const usersAfter = after === undefined ? [] : directUsers(after);
  for (const u of usersBefore) if (!usersAfter.includes(u)) byUser = removeFrom(byUser, u, id);
  for (const u of usersAfter) if (!usersBefore.includes(u)) byUser = addTo(byUser, u, id);
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
  return Object.freeze({
    ...state,
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

/** The contact after one event; `undefined` once deleted. */
function applied(contact: Contact | undefined, event: ContactEvent, shared: SharedValues): Contact | undefined {
  if (event.type === "ContactAdded") return frozenContact(event.contact, shared);
  if (contact === undefined) return contact;
  switch (event.type) {
    case "AccessGranted":
      return assigned(
        withContact(contact, {
          grants: withGrants([
            ...contact.grants.filter((g) => g.userId !== event.userId),
            shared.grant(event.userId, event.level),
          ]),
        }),
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
  return putContact(
    shared.map === state.shared ? state : Object.freeze({ ...state, shared: shared.map }),
    before,
    after,
  );
}

/**
 * A state that holds no contact yet with the given stored contacts (made by `frozenContact`, sharing `shared`, ids
 * distinct) and every index of them, each map built in bulk: what `restoreContact` one at a time gives, at the cost
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

/** Puts a contact read from a snapshot into the state with every index. */
export function restoreContact(state: State, contact: Contact): State {
  const shared = new SharedValues(state.shared);
  const stored = frozenContact(contact, shared);
  return putContact(Object.freeze({ ...state, shared: shared.map }), get(state.contacts, contact.id), stored);
}
