import type { User } from "../accounts/model.js";
import { forEach, get } from "../collections/persistent-map.js";
import { factsOf, permits } from "../permissions/access.js";
import { emailKey, isNormalizedPhone, normalizePhone } from "../lifecycle/contact-points.js";
import type { State } from "../state.js";
import { accountKey } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import type { Contact, ContactDetails } from "./model.js";

/** The index key of one email address or normalised phone number within one account. */
export function pointKey(account: AccountRef, kind: "email" | "phone", value: string): string {
  return `${accountKey(account)}\u0001${kind}:${value}`;
}

/** Every dedup key of a contact: its email keys and its normalised (E.164) phones, in its account. */
export function pointsOf(contact: Contact): string[] {
  const keys: string[] = [];
  for (const e of contact.details.emails ?? []) keys.push(pointKey(contact.account, "email", emailKey(e)));
  for (const p of contact.details.phones ?? [])
    if (isNormalizedPhone(p)) keys.push(pointKey(contact.account, "phone", p));
  return keys;
}

/**
 * Details as stored: emails trimmed, phones in E.164 when valid (LIF-6) and as typed otherwise, so nothing is
 * lost; repeats dropped.
 */
export function normalizeDetails(details: ContactDetails, defaultCountry: string): ContactDetails {
  const emails: string[] = [];
  for (const e of details.emails ?? []) {
    const trimmed = e.trim();
    if (trimmed !== "" && !emails.some((x) => emailKey(x) === emailKey(trimmed))) emails.push(trimmed);
  }
  const phones: string[] = [];
  for (const p of details.phones ?? []) {
    const stored = normalizePhone(p, defaultCountry) ?? p.trim();
    if (stored !== "" && !phones.includes(stored)) phones.push(stored);
  }
  const out: ContactDetails = { name: details.name.trim() };
  if (emails.length > 0) out.emails = emails;
  if (phones.length > 0) out.phones = phones;
  if (details.leadSource !== undefined) out.leadSource = details.leadSource;
  return out;
}

export interface Match {
  readonly contactId: string;
  readonly matchedOn: "email" | "phone";
}

const nameKey = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * LIF-1 match keys, in order: a normalised email address, then an E.164 phone number, within the same account;
 * among several candidates the one with the same name wins, then the smallest id. It remembers the contacts
 * an import batch creates, so two rows for one person make one contact. Only contacts the actor may edit are
 * candidates (SEC-3, the "enforce sharing rules" mode of duplicate rules): a row never reveals, or writes to, a
 * contact the actor could not edit themselves.
 */
export class Deduplicator {
  private readonly batch = new Map<string, string[]>();
  /** Details of contacts this batch created or updated, as they stand after it. */
  private readonly touched = new Map<string, ContactDetails>();

  constructor(
    private readonly state: State,
    private readonly actor: User,
  ) {}

  private editable(contactId: string): boolean {
    const contact = get(this.state.contacts, contactId);
    return contact !== undefined && permits(factsOf(this.state, this.actor, contact), "edit");
  }

  private candidates(key: string): string[] {
    const out: string[] = [];
    const indexed = get(this.state.contactsByPoint, key);
    if (indexed !== undefined) forEach(indexed, (_t, id) => void (this.editable(id) && out.push(id)));
    for (const id of this.batch.get(key) ?? []) if (!out.includes(id)) out.push(id);
    return out;
  }

  /** The contact's details as this batch has left them. */
  detailsOf(contactId: string): ContactDetails | undefined {
    return this.touched.get(contactId) ?? get(this.state.contacts, contactId)?.details;
  }

  private nameOf(contactId: string): string | undefined {
    return this.detailsOf(contactId)?.name;
  }

  private index(account: AccountRef, contactId: string, details: ContactDetails): void {
    const keys = [
      ...(details.emails ?? []).map((e) => pointKey(account, "email", emailKey(e))),
      ...(details.phones ?? []).filter(isNormalizedPhone).map((p) => pointKey(account, "phone", p)),
    ];
    for (const key of keys) {
      const ids = this.batch.get(key) ?? [];
      if (!ids.includes(contactId)) ids.push(contactId);
      this.batch.set(key, ids);
    }
  }

  find(account: AccountRef, details: ContactDetails): Match | null {
    for (const kind of ["email", "phone"] as const) {
      const values =
        kind === "email" ? (details.emails ?? []).map(emailKey) : (details.phones ?? []).filter(isNormalizedPhone);
      const found = new Set<string>();
      for (const v of values) for (const id of this.candidates(pointKey(account, kind, v))) found.add(id);
      if (found.size === 0) continue;
      const ids = [...found].sort();
      const sameName = ids.find((id) => nameKey(this.nameOf(id) ?? "") === nameKey(details.name));
      return { contactId: sameName ?? (ids[0] as string), matchedOn: kind };
    }
    return null;
  }

  /** A contact the batch created. */
  remember(contact: Contact): void {
    this.touched.set(contact.id, contact.details);
    this.index(contact.account, contact.id, contact.details);
  }

  /** A contact the batch matched: later rows see the emails and phones it gained. */
  rememberMatch(account: AccountRef, contactId: string, added: { emails: string[]; phones: string[] }): void {
    const before = this.detailsOf(contactId) ?? { name: "" };
    const after = {
      ...before,
      emails: [...(before.emails ?? []), ...added.emails],
      phones: [...(before.phones ?? []), ...added.phones],
    };
    this.touched.set(contactId, after);
    this.index(account, contactId, after);
  }
}

/** What a matching row adds to the existing contact: the emails and phones it does not have yet. */
export function additions(existing: ContactDetails, incoming: ContactDetails): { emails: string[]; phones: string[] } {
  const have = new Set((existing.emails ?? []).map(emailKey));
  const emails = (incoming.emails ?? []).filter((e) => !have.has(emailKey(e)));
  const phones = (incoming.phones ?? []).filter((p) => !(existing.phones ?? []).includes(p));
  return { emails, phones };
}
