import { hasTeamScope, isOfficeAdmin, memberOf, type User } from "../accounts/model.js";
import * as E from "../either.js";
import {
  forEach,
  forEachHashed,
  get,
  has,
  hasHashed,
  compareOrder,
  emptyMap,
  orderedKeys,
  rankOf,
  type OrderedPosition,
  type PersistentSet,
} from "../collections/persistent-map.js";
import { invalidInput, type DomainError } from "../errors.js";
import { leadStatusOf, type Contact, type LeadStatus } from "../contacts/model.js";
import { emailKey, isValidEmail } from "../lifecycle/contact-points.js";
import { factsOf, permits, type Action } from "../permissions/access.js";
import type { State } from "../state.js";
import { sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import { usesAssetsOf } from "../assets/access.js";
import { assetsOfContact, type FieldValue } from "../assets/model.js";

/** Narrows `visibleContacts`. */
export interface VisibleFilter {
  /** Only contacts the user may do this with (default `view`). */
  readonly action?: Action;
  /** Only contacts where the user is the primary: the marketing-list filter (ASG-9). */
  readonly primaryOnly?: boolean;
  /** Only contacts in this account. */
  readonly account?: AccountRef;
  /** `true`: only contacts with a present, well-formed email; `false`: only those without (LIF-5). */
  readonly validEmail?: boolean;
  /** `true`: only contacts with an email address in the global opt-out; `false`: only those without (LIF-5). */
  readonly unsubscribed?: boolean;
  /** `true`: only archived contacts; `false`: only active ones (LIF-2). Absent: both. */
  readonly archived?: boolean;
  /** Only contacts with this lead status (a contact never given one is `new`, D-80). */
  readonly leadStatus?: LeadStatus;
  /** Only contacts carrying this tag, among those whose tags the user sees (AST-1, AST-7): another's personal tag finds nothing. */
  readonly tag?: string;
  /** Only contacts with a value for this custom field — equal to `value` when given — seen as `tag` is (AST-2). */
  readonly field?: { readonly id: string; readonly value?: FieldValue };
}

/** AST-1, AST-7: the filter reads only the tags and field values the user's projection shows them. */
function carriesFiltered(state: State, user: User, contact: Contact, filter: VisibleFilter): boolean {
  if (!usesAssetsOf(state, user, contact.account)) return false;
  const links = assetsOfContact(state, contact.id);
  if (filter.tag !== undefined && !links.tags.includes(filter.tag)) return false;
  const wanted = filter.field;
  if (wanted === undefined) return true;
  const held = links.fields.find((f) => f.fieldId === wanted.id);
  return held !== undefined && (wanted.value === undefined || held.value === wanted.value);
}

function hasValidEmail(contact: Contact): boolean {
  return (contact.details.emails ?? []).some(isValidEmail);
}

function isUnsubscribed(state: State, contact: Contact): boolean {
  return (contact.details.emails ?? []).some((e) => has(state.optOuts, `email:${emailKey(e)}`));
}

/**
 * The ids of the contacts a user may act on, read from the indexes: their personal account, the contacts they
 * own or are assigned to, and the team accounts their level or office role opens (ACC-9). Order is stable
 * for a given state (index order), not alphabetical.
 * @example
 * import { initialState, visibleContacts } from "crm-access";
 * assert.deepStrictEqual(visibleContacts(initialState(), "ann", { primaryOnly: true }), []);
 * @since 0.1.0
 */
export function visibleContacts(state: State, actorId: string, filter: VisibleFilter = {}): readonly string[] {
  const user = get(state.users, actorId);
  if (user === undefined) return [];
  const sources = sourcesOf(state, user);
  const out: string[] = [];
  const keep = admission(state, user, filter);
  if (keep === null) eachOnce(sources, (contactId) => out.push(contactId));
  else eachOnce(sources, (contactId) => void (keep(contactId) && out.push(contactId)));
  return out;
}

/**
 * How many contacts `visibleContacts` lists, without listing them: for plain visibility (`view`, no filter, no
 * deactivated user) it reads only the user's own index; otherwise it tests each candidate as the listing does.
 * @example
 * import { initialState, visibleCount } from "crm-access";
 * assert.strictEqual(visibleCount(initialState(), "ann"), 0);
 * @since 0.2.0
 */
export function visibleCount(state: State, actorId: string, filter: VisibleFilter = {}): number {
  const user = get(state.users, actorId);
  if (user === undefined) return 0;
  const sources = sourcesOf(state, user);
  const keep = admission(state, user, filter);
  let count = 0;
  if (keep !== null) {
    eachOnce(sources, (contactId) => void (keep(contactId) && count++));
    return count;
  }
  // The account sets are disjoint; subtract the user's index entries that one of them also holds.
  count = sources.own.size;
  for (const account of sources.accounts) count += account.size;
  forEachHashed(
    sources.own,
    (_t, contactId, hash) => void (sources.accounts.some((a) => hasHashed(a, contactId, hash)) && count--),
  );
  return count;
}

/** Each contact once: every entry of the user's index, then the account entries the index does not hold. */
function eachOnce(
  { own, accounts }: { own: PersistentSet; accounts: PersistentSet[] },
  fn: (contactId: string) => void,
): void {
  forEach(own, (_t, contactId) => fn(contactId));
  for (const source of accounts)
    forEachHashed(source, (_t, contactId, hash) => void (hasHashed(own, contactId, hash) || fn(contactId)));
}

/**
 * The user's own index (owner, primary, grants) and the accounts open to them (ACC-9). A contact is in exactly
 * one account, so the account sets never overlap one another: only the user's index can repeat an account entry.
 */
function sourcesOf(state: State, user: User): { own: PersistentSet; accounts: PersistentSet[] } {
  const own = get(state.contactsByUser, user.id) ?? emptyMap<true>();
  const accounts: PersistentSet[] = [];
  const add = (s: PersistentSet | undefined): void => void (s !== undefined && accounts.push(s));
  add(get(state.contactsByAccount, `personal:${user.id}`));
  if (isOfficeAdmin(user)) forEach(state.teams, (_team, teamId) => add(get(state.contactsByAccount, `team:${teamId}`)));
  else {
    for (const teamId of get(state.teamsOfUser, user.id) ?? []) {
      const team = get(state.teams, teamId);
      const level = team === undefined ? undefined : memberOf(team, user.id)?.level;
      if (level !== undefined && hasTeamScope(level)) add(get(state.contactsByAccount, `team:${teamId}`));
    }
  }
  return { own, accounts };
}

/**
 * Which of the user's index and account entries the filter keeps: null when it keeps them all. Every index entry
 * gives at least `view` (owner, primary, grant, personal account, team scope, admin), and nothing is frozen while
 * no user is deactivated (LIF-7): plain visibility needs no contact read.
 */
function admission(state: State, user: User, filter: VisibleFilter): ((contactId: string) => boolean) | null {
  const action = filter.action ?? "view";
  const plain =
    action === "view" && filter.primaryOnly !== true && filter.account === undefined && filter.validEmail === undefined;
  const byAssets = filter.tag !== undefined || filter.field !== undefined;
  if (
    plain &&
    !byAssets &&
    filter.unsubscribed === undefined &&
    filter.archived === undefined &&
    filter.leadStatus === undefined &&
    state.deactivatedUsers.length === 0
  )
    return null;
  return (contactId) => {
    const contact = get(state.contacts, contactId);
    if (contact === undefined) return false;
    if (filter.primaryOnly === true && contact.primary !== user.id) return false;
    if (filter.account !== undefined && !sameAccount(filter.account, contact.account)) return false;
    if (filter.validEmail !== undefined && hasValidEmail(contact) !== filter.validEmail) return false;
    if (filter.unsubscribed !== undefined && isUnsubscribed(state, contact) !== filter.unsubscribed) return false;
    if (filter.archived !== undefined && has(state.archive, contactId) !== filter.archived) return false;
    if (filter.leadStatus !== undefined && leadStatusOf(contact) !== filter.leadStatus) return false;
    if (byAssets && !carriesFiltered(state, user, contact, filter)) return false;
    const facts = factsOf(state, user, contact);
    return permits(facts, action) && (!byAssets || permits(facts, "viewDetails"));
  };
}

/** One page of the contacts a user may act on (`visiblePage`). */
export interface VisiblePage {
  /** At most `limit` ids, in the listing's order. */
  readonly contactIds: readonly string[];
  /** The cursor of the next page, or null when this page ends the list. */
  readonly next: string | null;
}

/** `visibleContacts`' filter, and where a page starts and how long it is. */
export interface PageRequest extends VisibleFilter {
  /** How many ids at most: 1 to 10,000. */
  readonly limit: number;
  /** The `next` of the page before; absent or null for the first page. */
  readonly after?: string | null;
}

const MAX_PAGE = 10_000;
const CURSOR = /^v1\.(\d{1,10})\.(.*)$/s;

function readCursor(cursor: string): OrderedPosition | null {
  const m = CURSOR.exec(cursor);
  if (m === null) return null;
  const rank = Number(m[1]);
  const key = m[2] as string;
  return rank === rankOf(key) ? { rank, key } : null;
}

/**
 * The contacts `visibleContacts` lists, a page at a time, in an order that depends on the ids alone (not on
 * when contacts were added): so a cursor resumes exactly after the last id it returned, in this state or a
 * later one — no contact that stayed visible is skipped or repeated; ones added since appear in their place.
 * The cursor is opaque; a malformed one, or a limit outside 1 … 10,000, is an `invalid_input` error. A page
 * reads the path to the cursor in each source it merges (the user's own index and each account open to them), then
 * the merged entries in order until `limit + 1` are kept: for plain visibility its cost grows with the page and
 * the number of sources, not with the visible set; a filter that keeps few contacts reads on until it has enough.
 * @example
 * import { initialState, visiblePage } from "crm-access";
 * assert.deepStrictEqual(visiblePage(initialState(), "ann", { limit: 50 }),
 *   { _tag: "Right", right: { contactIds: [], next: null } });
 * @since 0.2.0
 */
export function visiblePage(state: State, actorId: string, request: PageRequest): E.Either<DomainError, VisiblePage> {
  const { limit, after: cursor = null, ...filter } = request;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    return E.left(invalidInput(`a page holds 1 to ${MAX_PAGE} contacts, not ${String(limit)}`, ["limit"]));
  const from = cursor === null ? null : readCursor(cursor);
  if (cursor !== null && from === null) return E.left(invalidInput("not a cursor of this listing", ["after"]));
  const user = get(state.users, actorId);
  if (user === undefined) return E.right({ contactIds: [], next: null });
  const { own, accounts } = sourcesOf(state, user);
  const keep = admission(state, user, filter);
  // Merge the sources a key at a time, smallest first: a heap of each source's next key. A contact in the user's
  // own index and in an account comes up twice in a row; it is taken once. One more than the page tells whether
  // another page follows.
  const heads: { entry: OrderedPosition; pull: () => OrderedPosition | null }[] = [];
  for (const source of [own, ...accounts]) {
    const pull = orderedKeys(source, from);
    const entry = pull();
    if (entry !== null) heapPush(heads, { entry, pull });
  }
  const page: OrderedPosition[] = [];
  let last: string | null = null;
  while (heads.length > 0 && page.length <= limit) {
    const top = heads[0] as { entry: OrderedPosition; pull: () => OrderedPosition | null };
    const { entry } = top;
    const following = top.pull();
    if (following === null) heapPop(heads);
    else {
      top.entry = following;
      siftDown(heads, 0);
    }
    if (entry.key === last) continue;
    last = entry.key;
    if (keep === null || keep(entry.key)) page.push(entry);
  }
  const end = page[limit - 1];
  return E.right({
    contactIds: page.slice(0, limit).map((e) => e.key),
    next: page.length > limit && end !== undefined ? `v1.${end.rank}.${end.key}` : null,
  });
}

type Head = { entry: OrderedPosition; pull: () => OrderedPosition | null };
const before = (a: OrderedPosition, b: OrderedPosition): boolean => compareOrder(a, b) < 0;

function heapPush(heap: Head[], head: Head): void {
  heap.push(head);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before((heap[i] as Head).entry, (heap[parent] as Head).entry)) break;
    [heap[i], heap[parent]] = [heap[parent] as Head, heap[i] as Head];
    i = parent;
  }
}

function heapPop(heap: Head[]): void {
  const last = heap.pop() as Head;
  if (heap.length === 0) return;
  heap[0] = last;
  siftDown(heap, 0);
}

function siftDown(heap: Head[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let least = i;
    if (l < heap.length && before((heap[l] as Head).entry, (heap[least] as Head).entry)) least = l;
    if (r < heap.length && before((heap[r] as Head).entry, (heap[least] as Head).entry)) least = r;
    if (least === i) return;
    [heap[i], heap[least]] = [heap[least] as Head, heap[i] as Head];
    i = least;
  }
}
