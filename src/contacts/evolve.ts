import { freeze, produce } from "immer";
import { addToSet, emptyMap, get, remove, set, type PersistentMap, type PersistentSet } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import { accountKey, sameAccount } from "../wire.js";
import type { ContactEvent } from "./events.js";
import { pointsOf } from "./deduplication.js";
import { directUsers, type Contact, type Grant } from "./model.js";

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
  const pointsMoved = before === undefined || after === undefined || before.details !== after.details || !sameAccount(before.account, after.account);
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

/** The contact after one event; `undefined` once deleted. */
function applied(contact: Contact | undefined, event: ContactEvent): Contact | undefined {
  if (event.type === "ContactAdded") return freeze(structuredClone(event.contact) as Contact, true);
  if (contact === undefined) return contact;
  switch (event.type) {
    case "AccessGranted":
      return produce(contact, (d) => {
        d.grants = [...d.grants.filter((g) => g.userId !== event.userId), { userId: event.userId, level: event.level }].sort(byUserId);
      });
    case "AccessRevoked":
      return produce(contact, (d) => void (d.grants = d.grants.filter((g) => g.userId !== event.userId)));
    case "PrimaryChanged":
      return produce(contact, (d) => {
        d.primary = event.to;
        const grants = d.grants.filter((g) => g.userId !== event.to);
        const from = event.from;
        const owns = contact.owner.kind === "user" && contact.owner.userId === from;
        if (from !== null && from !== event.to && event.previousKeeps === "full" && !owns) {
          grants.push({ userId: from, level: "full" });
          grants.sort(byUserId);
        }
        d.grants = grants;
      });
    case "OwnershipChanged":
      return produce(contact, (d) => void (d.owner = event.to));
    case "ContactMoved":
      return produce(contact, (d) => {
        d.account = event.to;
        d.owner = event.owner;
      });
    case "ContactDeleted":
      return undefined;
    case "ContactMatched":
      return produce(contact, (d) => {
        if (event.added.emails.length > 0) d.details.emails = [...(d.details.emails ?? []), ...event.added.emails];
        if (event.added.phones.length > 0) d.details.phones = [...(d.details.phones ?? []), ...event.added.phones];
      });
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
  return putContact(state, before, applied(before, event));
}

/** Puts a contact read from a snapshot into the state with every index. */
export function restoreContact(state: State, contact: Contact): State {
  return putContact(state, get(state.contacts, contact.id), contact);
}
