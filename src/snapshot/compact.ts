/**
 * The contacts of a snapshot in format version 2 (D-177): columns instead of one object per contact. The ids the
 * contacts name (users and teams) are listed once in `refs` and named by position; the text a contact holds alone
 * (id, name, emails, phones, lead source) is in arrays of strings; everything else is packed into one string of
 * base-64 digits (`records`), a fixed layout per contact steered by flags. Read without building any object but the
 * stored contacts themselves, and every part of it checked, since a snapshot is untrusted.
 * @internal
 */
import * as z from "zod";
import * as E from "../either.js";
import { orderedEntries, type PersistentMap } from "../collections/persistent-map.js";
import type { SharedValues } from "../contacts/evolve.js";
import { Channel, GrantLevel, LeadStatus, type Contact, type Grant } from "../contacts/model.js";
import type { DomainError } from "../errors.js";
import { Id, Label } from "../wire.js";

/** The contacts block of a version 2 snapshot. */
export const ContactColumns = z.strictObject({
  /** Every user and team id the contacts name, sorted; a contact names one by its position here. */
  refs: z.array(Id),
  /** The names of the channels, lead statuses and grant levels, as the records number them. */
  channels: z.array(Channel),
  leadStatuses: z.array(LeadStatus),
  levels: z.array(GrantLevel),
  /** One per contact, in the trie's walking order (`orderedEntries`). */
  ids: z.array(Id),
  names: z.array(Label),
  /** The emails, phones and lead sources of every contact that has some, one contact after the other. */
  emails: z.array(z.string().max(320)),
  phones: z.array(z.string().max(40)),
  leadSources: z.array(Label),
  /** `createdAt` of the contacts whose time is not a UTC instant to the millisecond from 1970 on, verbatim. */
  createdAt: z.array(z.string()),
  /** The rest, one record per contact (see `encodeContacts`), in the digits A–Z a–z 0–9 - _. */
  records: z.string(),
});
export type ContactColumns = z.infer<typeof ContactColumns>;

const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** char code → digit value, or -1. */
const VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 64; d++) VALUE[DIGITS.charCodeAt(d)] = d;

const PERSONAL = 1;
const OWNER_EXPLICIT = 2;
const OWNER_USER = 4;
const PRIMARY_NULL = 8;
const CREATED_BY_EXPLICIT = 16;
const EMAILS = 32;
const PHONES = 64;
const LEAD_SOURCE = 128;
const LEAD_STATUS = 256;
const INITIAL_ASSIGNEE = 512;
const ASSIGNED_TO = 1024;
const CREATED_AT_VERBATIM = 2048;
/** Digits of a `createdAt` in milliseconds since 1970: 64^8 ms reach the year 10889. */
const TIME_DIGITS = 8;
const MAX_DETAILS = 20;

/** Digits needed to write every number from 0 to `max`. */
function widthFor(max: number): number {
  let w = 1;
  for (let top = 64; top <= max; top *= 64) w++;
  return w;
}

// ---- times: "YYYY-MM-DDTHH:MM:SS.sssZ" ↔ milliseconds since 1970, by calendar arithmetic (no clock, no Date) ----

const DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** The instant `ms` (from 0) as the ISO text `toISOString` gives for years 1970 to 9999. */
export function instantText(ms: number): string {
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(milli, 3)}Z`;
}

/** A number of `width` decimal digits at `at`, or -1. */
function decimal(text: string, at: number, width: number): number {
  let n = 0;
  for (let i = at; i < at + width; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The milliseconds of a time written exactly as `instantText` writes it, or -1 for any other text. */
export function instantMs(text: string): number {
  if (text.length !== 24 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":") return -1;
  if (text[16] !== ":" || text[19] !== "." || text[23] !== "Z") return -1;
  const year = decimal(text, 0, 4);
  const month = decimal(text, 5, 2);
  const day = decimal(text, 8, 2);
  const hour = decimal(text, 11, 2);
  const minute = decimal(text, 14, 2);
  const second = decimal(text, 17, 2);
  const milli = decimal(text, 20, 3);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return -1;
  if (second < 0 || second > 59 || milli < 0) return -1;
  const days = daysFromCivil(year, month, day);
  const nextMonth = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  if (days >= nextMonth) return -1;
  return days * DAY + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
}

// ---- writing ----

/** Digits written into a growing buffer, turned into one string at the end. */
class Digits {
  private buffer = new Uint8Array(1 << 16);
  length = 0;

  put(value: number, width: number): void {
    if (this.length + width > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + width));
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    for (let i = width - 1; i >= 0; i--) {
      this.buffer[this.length + i] = DIGITS.charCodeAt(value % 64);
      value = Math.floor(value / 64);
    }
    this.length += width;
  }

  text(): string {
    const parts: string[] = [];
    for (let at = 0; at < this.length; at += 8192)
      parts.push(String.fromCharCode(...this.buffer.subarray(at, Math.min(at + 8192, this.length))));
    return parts.join("");
  }
}

const userOf = (owner: Contact["owner"]): string => (owner.kind === "team" ? owner.teamId : owner.userId);
const holderOf = (account: Contact["account"]): string => (account.kind === "team" ? account.teamId : account.userId);

/**
 * The contacts as columns, in walking order. A record is, in base-64 digits (`W` = the digits of `refs.length`):
 * flags (2), account (W), owner (W, when it is not the account's team or user), primary (W, unless none), created by
 * (W, when not the primary), channel (1), lead status (1), first assignee (W), assignee (W), count of emails (1),
 * count of phones (1) — each of these four only when its flag is set —, created at (8, unless verbatim), count of
 * grants (W), then per grant the user (W) and the level (1).
 */
export function encodeContacts(contacts: PersistentMap<Contact>, idsExpected: number): ContactColumns {
  return encodeContactList(orderedEntries(contacts).values, idsExpected);
}

/** `encodeContacts` of a list, in the order given (tests write snapshots whatever their contacts). */
export function encodeContactList(list: readonly Contact[], idsExpected: number): ContactColumns {
  // A reference takes the digits the count of ids named needs: guessed from the users and teams, and packed again
  // in the rare state where the guess was wrong, so the width depends on the contacts alone.
  let width = widthFor(idsExpected);
  for (;;) {
    const columns = packed(list, width);
    const needed = widthFor(columns.refs.length);
    if (needed === width) return columns;
    width = needed;
  }
}

function packed(list: readonly Contact[], w: number): ContactColumns {
  // Ids are numbered in the order the contacts first name them: one pass, and the same order for equal states.
  const refs: string[] = [];
  const at = new Map<string, number>();
  const ref = (id: string): number => {
    const found = at.get(id);
    if (found !== undefined) return found;
    at.set(id, refs.length);
    refs.push(id);
    return refs.length - 1;
  };
  const channels = Channel.options;
  const leadStatuses = LeadStatus.options;
  const levels = GrantLevel.options;
  const out: Omit<ContactColumns, "records"> = {
    refs,
    channels: [...channels],
    leadStatuses: [...leadStatuses],
    levels: [...levels],
    ids: [],
    names: [],
    emails: [],
    phones: [],
    leadSources: [],
    createdAt: [],
  };
  const digits = new Digits();
  for (const c of list) {
    const d = c.details;
    const ms = instantMs(c.createdAt);
    const ownerImplicit =
      c.owner.kind === "team"
        ? c.account.kind === "team" && c.account.teamId === c.owner.teamId
        : c.account.kind === "personal" && c.account.userId === c.owner.userId;
    const flags =
      (c.account.kind === "personal" ? PERSONAL : 0) |
      (ownerImplicit ? 0 : OWNER_EXPLICIT | (c.owner.kind === "user" ? OWNER_USER : 0)) |
      (c.primary === null ? PRIMARY_NULL : 0) |
      (c.createdBy !== c.primary ? CREATED_BY_EXPLICIT : 0) |
      (d.emails !== undefined ? EMAILS : 0) |
      (d.phones !== undefined ? PHONES : 0) |
      (d.leadSource !== undefined ? LEAD_SOURCE : 0) |
      (c.leadStatus !== undefined ? LEAD_STATUS : 0) |
      (c.initialAssignee !== undefined ? INITIAL_ASSIGNEE : 0) |
      (c.assignedTo !== undefined ? ASSIGNED_TO : 0) |
      (ms < 0 ? CREATED_AT_VERBATIM : 0);
    out.ids.push(c.id);
    out.names.push(d.name);
    digits.put(flags, 2);
    digits.put(ref(holderOf(c.account)), w);
    if (!ownerImplicit) digits.put(ref(userOf(c.owner)), w);
    if (c.primary !== null) digits.put(ref(c.primary), w);
    if (c.createdBy !== c.primary) digits.put(ref(c.createdBy), w);
    digits.put(channels.indexOf(c.channel), 1);
    if (c.leadStatus !== undefined) digits.put(leadStatuses.indexOf(c.leadStatus), 1);
    if (c.initialAssignee !== undefined) digits.put(ref(c.initialAssignee), w);
    if (c.assignedTo !== undefined) digits.put(ref(c.assignedTo), w);
    if (d.emails !== undefined) {
      digits.put(d.emails.length, 1);
      for (const e of d.emails) out.emails.push(e);
    }
    if (d.phones !== undefined) {
      digits.put(d.phones.length, 1);
      for (const p of d.phones) out.phones.push(p);
    }
    if (d.leadSource !== undefined) out.leadSources.push(d.leadSource);
    if (ms >= 0) digits.put(ms, TIME_DIGITS);
    else out.createdAt.push(c.createdAt);
    digits.put(c.grants.length, w);
    for (const g of c.grants) {
      digits.put(ref(g.userId), w);
      digits.put(levels.indexOf(g.level), 1);
    }
  }
  return { ...out, records: digits.text() };
}

// ---- reading ----

function invalid(message: string, path: (string | number)[]): E.Either<DomainError, never> {
  return E.left(
    Object.freeze({
      code: "invalid_input" as const,
      rule: "input" as const,
      message: `snapshot.${path.join(".")}: ${message}`,
      path,
    }),
  );
}

const EMPTY_GRANTS: readonly Grant[] = Object.freeze([]);

/**
 * The stored contacts of decoded columns (`ContactColumns` has checked every string), frozen and sharing their
 * accounts, owners and grants through `shared`, in the order listed; or the first thing wrong with the records,
 * with its place (`contacts.records.<n>` for the n-th contact). What the contacts mean (unknown users, owners and
 * grants `decide` could not produce) is left to `checkInvariants`.
 */
export function decodeContacts(columns: ContactColumns, shared: SharedValues): E.Either<DomainError, Contact[]> {
  const { refs, ids, names, emails, phones, leadSources, createdAt, records, channels, leadStatuses, levels } = columns;
  const n = ids.length;
  if (names.length !== n) return invalid(`${names.length} names for ${n} contacts`, ["contacts", "names"]);
  const w = widthFor(refs.length);
  // Shared values made once per id and kind, never once per contact.
  const teams: (Contact["account"] | undefined)[] = [];
  const personal: (Contact["account"] | undefined)[] = [];
  const teamOwners: (Contact["owner"] | undefined)[] = [];
  const userOwners: (Contact["owner"] | undefined)[] = [];
  const grants: (Grant | undefined)[][] = levels.map(() => []);
  const out: Contact[] = new Array<Contact>(n);
  let pos = 0;
  let emailAt = 0;
  let phoneAt = 0;
  let sourceAt = 0;
  let timeAt = 0;
  let fault = "";
  /** A number of `width` digits, or -1 (and `fault` set) past the end or at a character that is not a digit. */
  const read = (width: number): number => {
    if (pos + width > records.length) {
      if (fault === "") fault = "the records end early";
      return -1;
    }
    let v = 0;
    for (let k = 0; k < width; k++) {
      const code = records.charCodeAt(pos++);
      const d = code < 128 ? (VALUE[code] as number) : -1;
      if (d < 0) {
        if (fault === "") fault = `${JSON.stringify(records[pos - 1])} at character ${pos - 1} is not a digit`;
        return -1;
      }
      v = v * 64 + d;
    }
    return v;
  };
  /** A position in `refs`, or -1. */
  const refAt = (): number => {
    const r = read(w);
    if (r >= refs.length && fault === "") fault = `names position ${r} of ${refs.length} ids`;
    return r >= refs.length ? -1 : r;
  };
  /** An entry of a name table, or -1. */
  const named = (table: readonly string[], what: string): number => {
    const v = read(1);
    if (v >= table.length && fault === "") fault = `names ${what} ${v} of ${table.length}`;
    return v >= table.length ? -1 : v;
  };
  for (let i = 0; i < n; i++) {
    const at: (string | number)[] = ["contacts", "records", i];
    const flags = read(2);
    if (flags < 0) return invalid(fault, at);
    const holder = refAt();
    if (holder < 0) return invalid(fault, at);
    const holderId = refs[holder] as string;
    let account: Contact["account"];
    if ((flags & PERSONAL) !== 0) account = personal[holder] ??= shared.account({ kind: "personal", userId: holderId });
    else account = teams[holder] ??= shared.account({ kind: "team", teamId: holderId });
    let owner: Contact["owner"];
    if ((flags & OWNER_EXPLICIT) === 0) {
      if ((flags & OWNER_USER) !== 0) return invalid("an owner kind without an owner", at);
      owner =
        (flags & PERSONAL) !== 0
          ? (userOwners[holder] ??= shared.owner({ kind: "user", userId: holderId }))
          : (teamOwners[holder] ??= shared.owner({ kind: "team", teamId: holderId }));
    } else {
      const o = refAt();
      if (o < 0) return invalid(fault, at);
      const id = refs[o] as string;
      owner =
        (flags & OWNER_USER) !== 0
          ? (userOwners[o] ??= shared.owner({ kind: "user", userId: id }))
          : (teamOwners[o] ??= shared.owner({ kind: "team", teamId: id }));
    }
    let primary: string | null = null;
    if ((flags & PRIMARY_NULL) === 0) {
      const p = refAt();
      if (p < 0) return invalid(fault, at);
      primary = refs[p] as string;
    }
    let createdBy: string;
    if ((flags & CREATED_BY_EXPLICIT) !== 0) {
      const b = refAt();
      if (b < 0) return invalid(fault, at);
      createdBy = refs[b] as string;
    } else if (primary === null) return invalid("created by the primary, but has none", at);
    else createdBy = primary;
    const channel = named(channels, "channel");
    if (channel < 0) return invalid(fault, at);
    const leadStatus = (flags & LEAD_STATUS) !== 0 ? named(leadStatuses, "lead status") : -1;
    const initialAssignee = (flags & INITIAL_ASSIGNEE) !== 0 ? refAt() : -1;
    const assignedTo = (flags & ASSIGNED_TO) !== 0 ? refAt() : -1;
    if (fault !== "") return invalid(fault, at);
    const details: { -readonly [K in keyof Contact["details"]]: Contact["details"][K] } = {
      name: names[i] as string,
    };
    if ((flags & EMAILS) !== 0) {
      const k = read(1);
      if (k < 0) return invalid(fault, at);
      if (k > MAX_DETAILS || emailAt + k > emails.length)
        return invalid(`${k} emails, past the ${MAX_DETAILS} a contact holds or the emails listed`, at);
      details.emails = Object.freeze(emails.slice(emailAt, (emailAt += k))) as string[];
    }
    if ((flags & PHONES) !== 0) {
      const k = read(1);
      if (k < 0) return invalid(fault, at);
      if (k > MAX_DETAILS || phoneAt + k > phones.length)
        return invalid(`${k} phones, past the ${MAX_DETAILS} a contact holds or the phones listed`, at);
      details.phones = Object.freeze(phones.slice(phoneAt, (phoneAt += k))) as string[];
    }
    if ((flags & LEAD_SOURCE) !== 0) {
      if (sourceAt >= leadSources.length) return invalid("a lead source past those listed", at);
      details.leadSource = leadSources[sourceAt++] as string;
    }
    let created: string;
    if ((flags & CREATED_AT_VERBATIM) !== 0) {
      if (timeAt >= createdAt.length) return invalid("a creation time past those listed", at);
      created = createdAt[timeAt++] as string;
    } else {
      const ms = read(TIME_DIGITS);
      if (ms < 0) return invalid(fault, at);
      created = instantText(ms);
    }
    const count = read(w);
    if (count < 0) return invalid(fault, at);
    if (count > refs.length) return invalid(`${count} grants, more than the ${refs.length} ids named`, at);
    let held: readonly Grant[] = EMPTY_GRANTS;
    if (count > 0) {
      const list: Grant[] = new Array<Grant>(count);
      for (let g = 0; g < count; g++) {
        const u = refAt();
        if (u < 0) return invalid(fault, at);
        const level = named(levels, "level");
        if (level < 0) return invalid(fault, at);
        const byLevel = grants[level] as (Grant | undefined)[];
        list[g] = byLevel[u] ??= shared.grant(refs[u] as string, levels[level] as Grant["level"]);
      }
      held = Object.freeze(list);
    }
    const contact: { -readonly [K in keyof Contact]: Contact[K] } = {
      id: ids[i] as string,
      account,
      owner,
      primary,
      grants: held,
      details: Object.freeze(details),
      channel: channels[channel] as Contact["channel"],
      createdBy,
      createdAt: created,
    };
    if (leadStatus >= 0) contact.leadStatus = leadStatuses[leadStatus] as Contact["leadStatus"];
    if (initialAssignee >= 0) contact.initialAssignee = refs[initialAssignee] as string;
    if (assignedTo >= 0) contact.assignedTo = refs[assignedTo] as string;
    out[i] = Object.freeze(contact);
  }
  if (pos !== records.length)
    return invalid(`${records.length - pos} characters after the last contact`, ["contacts", "records"]);
  if (emailAt !== emails.length)
    return invalid(`${emails.length - emailAt} emails no contact holds`, ["contacts", "emails"]);
  if (phoneAt !== phones.length)
    return invalid(`${phones.length - phoneAt} phones no contact holds`, ["contacts", "phones"]);
  if (sourceAt !== leadSources.length)
    return invalid(`${leadSources.length - sourceAt} lead sources no contact holds`, ["contacts", "leadSources"]);
  if (timeAt !== createdAt.length)
    return invalid(`${createdAt.length - timeAt} creation times no contact holds`, ["contacts", "createdAt"]);
  return E.right(out);
}
