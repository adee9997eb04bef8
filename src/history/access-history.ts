import * as E from "fp-ts/lib/Either.js";
import { DEFAULT_CONFIGURATION, type Configuration } from "../configuration/configuration.js";
import { evolve, type Event } from "../decider.js";
import { domainError, type DomainError } from "../errors.js";
import type { AccessLevel } from "../permissions/access.js";
import { accessList, type AccessEntry } from "../queries/access-list.js";
import { initialState, type State } from "../state.js";

/** Events that change who may access any contact: office, users, teams, configuration. */
const OFFICE_WIDE = new Set<string>([
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
const ABOUT_THE_CONTACT = new Set<string>([
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

/**
 * Who could access the contact at `at`, with what level and why, read from an event log in time order. Only
 * office-wide events and the contact's own events are applied, and reading stops at the first later event:
 * the cost is one scan of the log up to `at` plus a replay of the few events that matter. Pass the
 * configuration the log started from if it was not the default.
 * @example
 * import { accessAt } from "crm-access";
 * accessAt([], "c1", "2026-03-02T09:00:00Z"); // left({ code: "contact_not_found", ... })
 * @since 0.1.0
 */
export function accessAt(
  events: Iterable<Event>,
  contactId: string,
  at: string,
  configuration: Configuration = DEFAULT_CONFIGURATION,
): E.Either<DomainError, readonly AccessEntry[]> {
  const until = Date.parse(at);
  if (Number.isNaN(until)) return E.left(domainError("invalid_input", "input", `${at} is not a date-time`));
  let state: State = initialState(configuration);
  for (const event of events) {
    if (Date.parse(event.at) > until) break;
    if (concerns(event, contactId)) state = evolve(state, event);
  }
  return accessList(state, contactId);
}

/** One change of who could access a contact, and the event that caused it. */
export interface AccessChange {
  /** Position of the event in the log. */
  readonly index: number;
  readonly at: string;
  readonly event: Event["type"];
  readonly changes: readonly { readonly userId: string; readonly from: AccessLevel | null; readonly to: AccessLevel | null }[];
}

function levels(state: State, contactId: string): Map<string, AccessLevel> {
  const list = accessList(state, contactId);
  return new Map(E.isRight(list) ? list.right.map((e) => [e.userId, e.level] as const) : []);
}

/**
 * Every change of who could access the contact, with the event that caused it (REA-2 over time). Costs one scan
 * of the log and an access list per event that concerns the contact.
 * @example
 * import { accessTimeline } from "crm-access";
 * accessTimeline([], "c1"); // []
 * @since 0.1.0
 */
export function accessTimeline(events: Iterable<Event>, contactId: string, configuration: Configuration = DEFAULT_CONFIGURATION): readonly AccessChange[] {
  let state: State = initialState(configuration);
  let current = new Map<string, AccessLevel>();
  const timeline: AccessChange[] = [];
  let index = -1;
  for (const event of events) {
    index++;
    if (!concerns(event, contactId)) continue;
    state = evolve(state, event);
    const next = levels(state, contactId);
    const changes: { userId: string; from: AccessLevel | null; to: AccessLevel | null }[] = [];
    for (const userId of [...new Set([...current.keys(), ...next.keys()])].sort()) {
      const from = current.get(userId) ?? null;
      const to = next.get(userId) ?? null;
      if (from !== to) changes.push({ userId, from, to });
    }
    if (changes.length > 0) timeline.push(Object.freeze({ index, at: event.at, event: event.type, changes }));
    current = next;
  }
  return timeline;
}
