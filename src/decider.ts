import * as E from "fp-ts/lib/Either.js";
import { z } from "zod";
import { accountCommandSchemas, type AccountCommand } from "./accounts/commands.js";
import { decideAccounts } from "./accounts/decide.js";
import { accountEventSchemas, type AccountEvent } from "./accounts/events.js";
import { evolveAccounts } from "./accounts/evolve.js";
import { contactCommandSchemas, type ContactCommand } from "./contacts/commands.js";
import { decideContacts } from "./contacts/decide.js";
import { contactEventSchemas, type ContactEvent } from "./contacts/events.js";
import { evolveContacts } from "./contacts/evolve.js";
import type { DomainError } from "./errors.js";
import { fileCommandSchemas, type FileCommand } from "./profile/commands.js";
import { decideFile } from "./profile/decide.js";
import { fileEventSchemas, type FileEvent } from "./profile/events.js";
import { evolveFile } from "./profile/evolve.js";
import { sharingCommandSchemas, type SharingCommand } from "./sharing/commands.js";
import { decideSharing } from "./sharing/decide.js";
import { sharingEventSchemas, type SharingEvent } from "./sharing/events.js";
import { evolveSharing } from "./sharing/evolve.js";
import { lifecycleCommandSchemas, type LifecycleCommand } from "./lifecycle/commands.js";
import { decideLifecycle } from "./lifecycle/decide.js";
import { lifecycleEventSchemas, type LifecycleEvent } from "./lifecycle/events.js";
import { evolveLifecycle } from "./lifecycle/evolve.js";
import { smartPlanCommandSchemas, type SmartPlanCommand } from "./smartplans/commands.js";
import { decideSmartPlans } from "./smartplans/decide.js";
import { smartPlanEventSchemas, type SmartPlanEvent } from "./smartplans/events.js";
import { evolveSmartPlans } from "./smartplans/evolve.js";
import { transient } from "./collections/persistent-map.js";
import { initialState, type State } from "./state.js";

/** Every command, one schema: the TypeScript type and the decoder come from it. */
export const CommandSchema = z.discriminatedUnion("type", [...accountCommandSchemas, ...contactCommandSchemas, ...fileCommandSchemas, ...sharingCommandSchemas, ...lifecycleCommandSchemas, ...smartPlanCommandSchemas]);
/** Every event, one schema. */
export const EventSchema = z.discriminatedUnion("type", [...accountEventSchemas, ...contactEventSchemas, ...fileEventSchemas, ...sharingEventSchemas, ...lifecycleEventSchemas, ...smartPlanEventSchemas]);

/**
 * A command: a plain JSON object discriminated by `type`, naming the actor, the account it acts in (ACC-1),
 * the caller's time `at`, and any new ids.
 * @since 0.1.0
 */
export type Command = AccountCommand | ContactCommand | FileCommand | SharingCommand | LifecycleCommand | SmartPlanCommand;
/** An event: a plain JSON object discriminated by `type`, with the time `at` and the actor `by`. @since 0.1.0 */
export type Event = AccountEvent | ContactEvent | FileEvent | SharingEvent | LifecycleEvent | SmartPlanEvent;

function fromZod(error: z.ZodError, what: string): DomainError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p));
  const where = path.length === 0 ? what : `${what}.${path.join(".")}`;
  return Object.freeze({ code: "invalid_input", rule: "input", message: `${where}: ${issue?.message ?? "invalid"}`, path });
}

/**
 * Decodes untrusted JSON into a command, or says which field is wrong.
 * @example
 * import { decodeCommand } from "crm-access";
 * decodeCommand({ type: "nope" }); // { _tag: "Left", left: { code: "invalid_input", ... } }
 * @since 0.1.0
 */
export function decodeCommand(input: unknown): E.Either<DomainError, Command> {
  const parsed = CommandSchema.safeParse(input);
  return parsed.success ? E.right(parsed.data) : E.left(fromZod(parsed.error, "command"));
}

/**
 * Decodes an event read back from storage.
 * @example
 * import { decodeEvent } from "crm-access";
 * decodeEvent({ type: "UserDeactivated", at: "2026-03-02T09:00:00Z", by: "ada", userId: "sam" })._tag; // "Right"
 * @since 0.1.0
 */
export function decodeEvent(input: unknown): E.Either<DomainError, Event> {
  const parsed = EventSchema.safeParse(input);
  return parsed.success ? E.right(parsed.data) : E.left(fromZod(parsed.error, "event"));
}

const typesOf = (schemas: readonly { shape: { type: { value: string } } }[]): ReadonlySet<string> =>
  new Set(schemas.map((schema) => schema.shape.type.value));

const ACCOUNT_COMMANDS = typesOf(accountCommandSchemas);
const FILE_COMMANDS = typesOf(fileCommandSchemas);
const ACCOUNT_EVENTS = typesOf(accountEventSchemas);
const FILE_EVENTS = typesOf(fileEventSchemas);
const SHARING_COMMANDS = typesOf(sharingCommandSchemas);
const SHARING_EVENTS = typesOf(sharingEventSchemas);
const LIFECYCLE_COMMANDS = typesOf(lifecycleCommandSchemas);
const LIFECYCLE_EVENTS = typesOf(lifecycleEventSchemas);
const SMARTPLAN_COMMANDS = typesOf(smartPlanCommandSchemas);
const SMARTPLAN_EVENTS = typesOf(smartPlanEventSchemas);

const isAccountCommand = (c: Command): c is AccountCommand => ACCOUNT_COMMANDS.has(c.type);
const isFileCommand = (c: Command): c is FileCommand => FILE_COMMANDS.has(c.type);
const isAccountEvent = (e: Event): e is AccountEvent => ACCOUNT_EVENTS.has(e.type);
const isFileEvent = (e: Event): e is FileEvent => FILE_EVENTS.has(e.type);
const isSharingCommand = (c: Command): c is SharingCommand => SHARING_COMMANDS.has(c.type);
const isSharingEvent = (e: Event): e is SharingEvent => SHARING_EVENTS.has(e.type);
const isLifecycleCommand = (c: Command): c is LifecycleCommand => LIFECYCLE_COMMANDS.has(c.type);
const isLifecycleEvent = (e: Event): e is LifecycleEvent => LIFECYCLE_EVENTS.has(e.type);
const isSmartPlanCommand = (c: Command): c is SmartPlanCommand => SMARTPLAN_COMMANDS.has(c.type);
const isSmartPlanEvent = (e: Event): e is SmartPlanEvent => SMARTPLAN_EVENTS.has(e.type);

/**
 * Decides a command against the state: the events it causes, or the typed error that refuses it. The command
 * is decoded first, so any input — malformed JSON included — gets an error value, never an exception.
 * @example
 * import { decide, initialState } from "crm-access";
 * const result = decide(initialState(), { type: "openOffice", actor: "ann", at: "2026-01-05T09:00:00Z",
 *   account: { kind: "office" }, officeId: "o1", officeName: "Harbour Realty", adminName: "Ann" });
 * // right([{ type: "OfficeOpened", ... }])
 * @since 0.1.0
 */
export function decide(state: State, command: Command): E.Either<DomainError, readonly Event[]> {
  const decoded = decodeCommand(command);
  if (E.isLeft(decoded)) return decoded;
  const valid = decoded.right;
  if (isAccountCommand(valid)) return decideAccounts(state, valid);
  if (isFileCommand(valid)) return decideFile(state, valid);
  if (isSharingCommand(valid)) return decideSharing(state, valid);
  if (isLifecycleCommand(valid)) return decideLifecycle(state, valid);
  if (isSmartPlanCommand(valid)) return decideSmartPlans(state, valid);
  return decideContacts(state, valid as ContactCommand);
}

/**
 * Applies one event to the state and returns the next state; the given state is never changed.
 * @example
 * import { evolve, initialState } from "crm-access";
 * const state = evolve(initialState(), { type: "OfficeOpened", at: "2026-03-02T09:00:00Z", by: "ada",
 *   officeId: "o1", officeName: "Harbour Realty", adminId: "ada", adminName: "Ada" });
 * state.office?.name; // "Harbour Realty"
 * @since 0.1.0
 */
export function evolve(state: State, event: Event): State {
  if (isAccountEvent(event)) return evolveAccounts(state, event);
  if (isFileEvent(event)) return evolveFile(state, event);
  if (isSharingEvent(event)) return evolveSharing(state, event);
  if (isLifecycleEvent(event)) return evolveLifecycle(state, event);
  if (isSmartPlanEvent(event)) return evolveSmartPlans(state, event);
  return evolveContacts(state, event as ContactEvent);
}

/**
 * Decide, then evolve: the new state and the events, or the error (and then nothing changed).
 * @example
 * import { execute, initialState } from "crm-access";
 * const r = execute(initialState(), { type: "openOffice", actor: "ann", at: "2026-01-05T09:00:00Z",
 *   account: { kind: "office" }, officeId: "o1", officeName: "Harbour Realty", adminName: "Ann" });
 * if (r._tag === "Right") r.right.state.office?.name; // "Harbour Realty"
 * @since 0.1.0
 */
export function execute(state: State, command: Command): E.Either<DomainError, { readonly state: State; readonly events: readonly Event[] }> {
  const decided = decide(state, command);
  if (E.isLeft(decided)) return decided;
  const events = decided.right;
  return E.right({ state: events.length > 1 ? transient(() => fold(state, events)) : fold(state, events), events });
}

/**
 * Rebuilds a state from its events.
 * @example
 * import { replay } from "crm-access";
 * replay([{ type: "OfficeOpened", at: "2026-03-02T09:00:00Z", by: "ada", officeId: "o1",
 *   officeName: "Harbour Realty", adminId: "ada", adminName: "Ada" }]).office?.id; // "o1"
 * @since 0.1.0
 */
export function replay(events: Iterable<Event>, from: State = initialState()): State {
  return transient(() => fold(from, events));
}

/**
 * Folds events with `evolve`. Under `transient` (replay, commands with more than one event) the index nodes the
 * fold creates are changed in place by later events of the same fold and frozen at its end, so a long fold
 * allocates a path per new entry instead of a path per event (docs/performance.md, D-58).
 */
function fold(from: State, events: Iterable<Event>): State {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

/** The Decider triple, for event-store integrations that expect one. @since 0.1.0 */
export const decider = { decide, evolve, initialState } as const;
