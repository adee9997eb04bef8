import type { Team, User } from "../accounts/model.js";
import { get, keys } from "../collections/persistent-map.js";
import type { Contact } from "../contacts/model.js";
import type { State } from "../state.js";
import { EMPTY_FILE, type ContactFile } from "../profile/model.js";
import type { ContactAddress } from "../lifecycle/commands.js";
import { emailKey, normalizePhone } from "../lifecycle/contact-points.js";
import { optOutKey, type ArchiveEntry } from "../lifecycle/model.js";

/**
 * The stored contact, unredacted (for the embedding service; viewers get `project`).
 * @example
 * import { getContact, initialState } from "crm-access";
 * assert.strictEqual(getContact(initialState(), "c1"), undefined);
 * @since 0.1.0
 */
export function getContact(state: State, contactId: string): Contact | undefined {
  return get(state.contacts, contactId);
}

/**
 * @example
 * import { getUser, initialState } from "crm-access";
 * assert.strictEqual(getUser(initialState(), "sam"), undefined);
 * @since 0.1.0
 */
export function getUser(state: State, userId: string): User | undefined {
  return get(state.users, userId);
}

/**
 * @example
 * import { getTeam, initialState } from "crm-access";
 * assert.strictEqual(getTeam(initialState(), "t1"), undefined);
 * @since 0.1.0
 */
export function getTeam(state: State, teamId: string): Team | undefined {
  return get(state.teams, teamId);
}

/**
 * Every contact id in the state, in index order.
 * @example
 * import { contactIds, initialState } from "crm-access";
 * assert.deepStrictEqual(contactIds(initialState()), []);
 * @since 0.1.0
 */
export function contactIds(state: State): string[] {
  return keys(state.contacts);
}

/**
 * The contact's notes, loans, groups, activities and tasks, unredacted (viewers get `project`).
 * @example
 * import { getContactFile, initialState } from "crm-access";
 * assert.strictEqual(getContactFile(initialState(), "c1"), undefined);
 * @since 0.1.0
 */
export function getContactFile(state: State, contactId: string): ContactFile | undefined {
  return get(state.contacts, contactId) === undefined ? undefined : (get(state.files, contactId) ?? EMPTY_FILE);
}

/**
 * Is the address (phone in any common format, or email) in the global opt-out registry (LIF-3, LIF-4)?
 * @example
 * import { initialState, isOptedOut } from "crm-access";
 * assert.strictEqual(isOptedOut(initialState(), { kind: "phone", value: "(312) 555-0147" }), false);
 * @since 0.1.0
 */
export function isOptedOut(state: State, address: ContactAddress): boolean {
  const value =
    address.kind === "phone"
      ? normalizePhone(address.value, state.configuration.defaultPhoneCountry)
      : emailKey(address.value);
  return value !== null && get(state.optOuts, optOutKey({ kind: address.kind, value })) !== undefined;
}

/**
 * Why and when the contact was archived, or undefined while it is active (LIF-2).
 * @example
 * import { archiveOf, initialState } from "crm-access";
 * assert.strictEqual(archiveOf(initialState(), "c1"), undefined);
 * @since 0.1.0
 */
export function archiveOf(state: State, contactId: string): ArchiveEntry | undefined {
  return get(state.archive, contactId);
}
