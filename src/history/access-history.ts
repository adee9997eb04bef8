import * as E from "../either.js";
import { Configuration, DEFAULT_CONFIGURATION } from "../configuration/configuration.js";
import { checkedApply, decodeEvent, type Event } from "../decider.js";
import { fromZodIssue, invalidInput, replayError, type DomainError, type ReplayError } from "../errors.js";
import type { AccessLevel } from "../permissions/access.js";
import { accessList, type AccessEntry } from "../queries/access-list.js";
import { initialState, type State } from "../state.js";

/** Events that change who may access any contact: office, users, teams, configuration. */
const OFFICE_WIDE: ReadonlySet<Event["type"]> = new Set<Event["type"]>([
  "OfficeOpened",
  "UserRegistered",
  "StaffPermissionsChanged",
  "OfficeRoleChanged",
  "UserDeactivated",
  "UserReactivated",
  "ConfigurationChanged",
  "TeamCreated",
  "TeamMemberAdded",
  "MemberLevelChanged",
  "TeamMemberRemoved",
]);

/** Events about one contact that change who may do what with it (loans bar delete and owner change). */
const ABOUT_THE_CONTACT: ReadonlySet<Event["type"]> = new Set<Event["type"]>([
  "ContactAdded",
  "AccessGranted",
  "AccessRevoked",
  "PrimaryChanged",
  "OwnershipChanged",
  "ContactMoved",
  "ContactDeleted",
  "LoanAdded",
  "LoanClosed",
]);

function concerns(event: Event, contactId: string): boolean {
  if (OFFICE_WIDE.has(event.type)) return true;
  if (!ABOUT_THE_CONTACT.has(event.type)) return false;
  if (event.type === "ContactAdded") return event.contact.id === contactId;
  return "contactId" in event && event.contactId === contactId;
}

/** The empty state the log starts from, with the configuration decoded; a log read from a bad one fails at its start. */
function startOf(configuration: unknown): E.Either<ReplayError, State> {
  const decoded = Configuration.safeParse(configuration);
  if (decoded.success) return E.right(initialState(decoded.data));
  return E.left(replayError(0, fromZodIssue(decoded.error.issues[0], "configuration")));
}

/**
 * Who could access the contact at `at`, with what level and why, read from a stored event log in time order.
 * Every event up to `at` is decoded; the office-wide events and the contact's own are checked against what was
 * read before them and applied (SEC-8), and reading stops at the first later event: the cost is one scan of the
 * log up to `at` plus a replay of the few events that matter. The first event that cannot be decoded, or that
 * matters and cannot be applied, is a `ReplayError` naming its position. Pass the configuration the log started
 * from if it was not the default (one that does not decode fails the read at position 0).
 * @example
 * import { accessAt } from "crm-access";
 * assert.deepStrictEqual(accessAt([], "c1", "2026-03-02T09:00:00Z"),
 *   { _tag: "Left", left: { code: "contact_not_found", rule: "REA-2", message: "no contact c1" } });
 * const broken = accessAt([{ type: "Nope" }], "c1", "2026-03-02T09:00:00Z");
 * assert.ok(broken._tag === "Left" && "position" in broken.left);
 * assert.deepStrictEqual([broken.left.code, broken.left.position], ["invalid_event", 0]);
 * @since 0.1.0
 */
export function accessAt(
  events: Iterable<unknown>,
  contactId: string,
  at: string,
  configuration: Configuration = DEFAULT_CONFIGURATION,
): E.Either<ReplayError | DomainError, readonly AccessEntry[]> {
  const until = typeof at === "string" ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(until)) return E.left(invalidInput(`${String(at)} is not a date-time`, ["at"]));
  const read = readLog(events, contactId, configuration, (event) => Date.parse(event.at) <= until);
  return E.isLeft(read) ? read : accessList(read.right, contactId);
}

/**
 * Reads the log while `more(event)` holds: every event is decoded, and those that concern the contact are checked
 * and applied; `seen` hears of each applied one with its position. The state, or the first bad event.
 */
function readLog(
  events: Iterable<unknown>,
  contactId: string,
  configuration: unknown,
  more: (event: Event) => boolean,
  seen: (state: State, event: Event, position: number) => void = () => {},
): E.Either<ReplayError, State> {
  const start = startOf(configuration);
  if (E.isLeft(start)) return start;
  if (typeof events !== "object" || events === null || !(Symbol.iterator in events)) {
    return E.left(replayError(0, invalidInput("the events are not a list")));
  }
  let state = start.right;
  let position = -1;
  for (const input of events) {
    position++;
    const decoded = decodeEvent(input);
    if (E.isLeft(decoded)) return E.left(replayError(position, decoded.left));
    const event = decoded.right;
    if (!more(event)) break;
    if (!concerns(event, contactId)) continue;
    const next = checkedApply(state, event);
    if (E.isLeft(next)) return E.left(replayError(position, next.left, event.type));
    state = next.right;
    seen(state, event, position);
  }
  return E.right(state);
}

/** One change of who could access a contact, and the event that caused it. */
export interface AccessChange {
  /** Position of the event in the log. */
  readonly index: number;
  readonly at: string;
  readonly event: Event["type"];
  readonly changes: readonly {
    readonly userId: string;
    readonly from: AccessLevel | null;
    readonly to: AccessLevel | null;
  }[];
}

function levels(state: State, contactId: string): Map<string, AccessLevel> {
  const list = accessList(state, contactId);
  return new Map(E.isRight(list) ? list.right.map((e) => [e.userId, e.level] as const) : []);
}

/**
 * Every change of who could access the contact, with the event that caused it (REA-2 over time), read from a
 * stored event log: every event is decoded, and the office-wide events and the contact's own are checked and
 * applied (SEC-8); the first that cannot be is a `ReplayError` naming its position (a configuration that does
 * not decode fails the read at position 0). Costs one scan of the log and an access list per event that concerns
 * the contact.
 * @example
 * import { accessTimeline } from "crm-access";
 * assert.deepStrictEqual(accessTimeline([], "c1"), { _tag: "Right", right: [] });
 * @since 0.1.0
 */
export function accessTimeline(
  events: Iterable<unknown>,
  contactId: string,
  configuration: Configuration = DEFAULT_CONFIGURATION,
): E.Either<ReplayError, readonly AccessChange[]> {
  let current = new Map<string, AccessLevel>();
  const timeline: AccessChange[] = [];
  const read = readLog(
    events,
    contactId,
    configuration,
    () => true,
    (state, event, index) => {
      const next = levels(state, contactId);
      const changes: { userId: string; from: AccessLevel | null; to: AccessLevel | null }[] = [];
      for (const userId of [...new Set([...current.keys(), ...next.keys()])].sort()) {
        const from = current.get(userId) ?? null;
        const to = next.get(userId) ?? null;
        if (from !== to) changes.push({ userId, from, to });
      }
      if (changes.length > 0) timeline.push(Object.freeze({ index, at: event.at, event: event.type, changes }));
      current = next;
    },
  );
  return E.isLeft(read) ? read : E.right(timeline);
}
