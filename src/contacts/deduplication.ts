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
 * lost; repeats dropped. `phones`, when given, remembers each number's normalisation for the rest of an import:
 * libphonenumber parses each distinct number once (D-182).
 */
export function normalizeDetails(
  details: ContactDetails,
  defaultCountry: string,
  phones?: Map<string, string | null>,
): ContactDetails {
  const out: { -readonly [K in keyof ContactDetails]: ContactDetails[K] } = { name: details.name.trim() };
  if (details.emails !== undefined && details.emails.length > 0) {
    const emails: string[] = [];
    const keys: string[] = [];
    for (const e of details.emails) {
      const trimmed = e.trim();
      const key = emailKey(trimmed);
      if (trimmed !== "" && !keys.includes(key)) {
        emails.push(trimmed);
        keys.push(key);
      }
    }
    if (emails.length > 0) out.emails = emails;
  }
  if (details.phones !== undefined && details.phones.length > 0) {
    const stored: string[] = [];
    for (const p of details.phones) {
      let normal = phones?.get(p);
      if (normal === undefined) {
        normal = normalizePhone(p, defaultCountry);
        phones?.set(p, normal);
      }
      const kept = normal ?? p.trim();
      if (kept !== "" && !stored.includes(kept)) stored.push(kept);
    }
    if (stored.length > 0) out.phones = stored;
  }
  if (details.leadSource !== undefined) out.leadSource = details.leadSource;
  return out;
}

export interface Match {
  readonly contactId: string;
  readonly matchedOn: "email" | "phone";
}

const nameKey = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, " ");

/** The dedup keys of one row's details, in match order: its email keys, then its E.164 phones. */
export interface RowKeys {
  readonly email: readonly string[];
  readonly phone: readonly string[];
}

/**
 * LIF-1 match keys, in order: a normalised email address, then an E.164 phone number, within the same account;
 * among several candidates the one with the same name wins, then the smallest id. It remembers the contacts
 * an import batch creates, so two rows for one person make one contact. Only contacts the actor may edit are
 * candidates (SEC-3, the "enforce sharing rules" mode of duplicate rules): a row never reveals, or writes to, a
 * contact the actor could not edit themselves. A chunk that continues an import (D-183) is held to the same rule: it
 * sees its earlier chunks' contacts only where the importer may edit them.
 */
export class Deduplicator {
  private readonly batch = new Map<string, string[]>();
  /** Details of contacts this batch created or updated, as they stand after it. */
  private readonly touched = new Map<string, ContactDetails>();
  private readonly prefixes = new Map<string, string>();

  constructor(
    private readonly state: State,
    private readonly actor: User,
  ) {}

  private candidate(contactId: string): boolean {
    const contact = get(this.state.contacts, contactId);
    return contact !== undefined && permits(factsOf(this.state, this.actor, contact), "edit");
  }

  private addCandidates(key: string, out: string[]): void {
    const indexed = get(this.state.contactsByPoint, key);
    if (indexed !== undefined)
      forEach(indexed, (_t, id) => {
        if (!out.includes(id) && this.candidate(id)) out.push(id);
      });
    const created = this.batch.get(key);
    if (created !== undefined) for (const id of created) if (!out.includes(id)) out.push(id);
  }

  /** The contact's details as this batch has left them. */
  detailsOf(contactId: string): ContactDetails | undefined {
    return this.touched.get(contactId) ?? get(this.state.contacts, contactId)?.details;
  }

  private nameOf(contactId: string): string | undefined {
    return this.detailsOf(contactId)?.name;
  }

  private prefix(account: AccountRef, kind: "email" | "phone"): string {
    const id = `${kind}${accountKey(account)}`;
    let found = this.prefixes.get(id);
    if (found === undefined) {
      found = pointKey(account, kind, "");
      this.prefixes.set(id, found);
    }
    return found;
  }

  /** The row's match keys; `find` and `remember` take them so that a row's keys are built once. */
  keysOf(account: AccountRef, details: ContactDetails): RowKeys {
    const email: string[] = [];
    const phone: string[] = [];
    if (details.emails !== undefined) {
      const p = this.prefix(account, "email");
      for (const e of details.emails) email.push(p + emailKey(e));
    }
    if (details.phones !== undefined) {
      const p = this.prefix(account, "phone");
      for (const n of details.phones) if (isNormalizedPhone(n)) phone.push(p + n);
    }
    return { email, phone };
  }

  private index(keys: readonly string[], contactId: string): void {
    for (const key of keys) {
      const ids = this.batch.get(key);
      if (ids === undefined) this.batch.set(key, [contactId]);
      else if (!ids.includes(contactId)) ids.push(contactId);
    }
  }

  find(account: AccountRef, details: ContactDetails, keys: RowKeys = this.keysOf(account, details)): Match | null {
    for (const kind of ["email", "phone"] as const) {
      const found: string[] = [];
      for (const key of keys[kind]) this.addCandidates(key, found);
      if (found.length === 0) continue;
      if (found.length === 1) return { contactId: found[0] as string, matchedOn: kind };
      const ids = found.sort();
      const name = nameKey(details.name);
      const sameName = ids.find((id) => nameKey(this.nameOf(id) ?? "") === name);
      return { contactId: sameName ?? (ids[0] as string), matchedOn: kind };
    }
    return null;
  }

  /** A contact the batch created. */
  remember(contact: Contact, keys: RowKeys = this.keysOf(contact.account, contact.details)): void {
    this.touched.set(contact.id, contact.details);
    this.index(keys.email, contact.id);
    this.index(keys.phone, contact.id);
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
    // The keys it had are indexed already (in the state's index, or by `remember`); only the new ones are added.
    const keys = this.keysOf(account, { name: "", emails: added.emails, phones: added.phones });
    this.index(keys.email, contactId);
    this.index(keys.phone, contactId);
  }
}

/** What a matching row adds to the existing contact: the emails and phones it does not have yet. */
export function additions(existing: ContactDetails, incoming: ContactDetails): { emails: string[]; phones: string[] } {
  const have = new Set((existing.emails ?? []).map(emailKey));
  const emails = (incoming.emails ?? []).filter((e) => !have.has(emailKey(e)));
  const phones = (incoming.phones ?? []).filter((p) => !(existing.phones ?? []).includes(p));
  return { emails, phones };
}
