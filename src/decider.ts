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
import { initialState, type State } from "./state.js";

/** Every command, one schema: the TypeScript type and the decoder come from it. */
export const CommandSchema = z.discriminatedUnion("type", [...accountCommandSchemas, ...contactCommandSchemas]);
/** Every event, one schema. */
export const EventSchema = z.discriminatedUnion("type", [...accountEventSchemas, ...contactEventSchemas]);

/**
 * A command: a plain JSON object discriminated by `type`, naming the actor, the account it acts in (ACC-1),
 * the caller's time `at`, and any new ids.
 * @since 0.1.0
 */
export type Command = AccountCommand | ContactCommand;
/** An event: a plain JSON object discriminated by `type`, with the time `at` and the actor `by`. @since 0.1.0 */
export type Event = AccountEvent | ContactEvent;

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
 * @since 0.1.0
 */
export function decodeEvent(input: unknown): E.Either<DomainError, Event> {
  const parsed = EventSchema.safeParse(input);
  return parsed.success ? E.right(parsed.data) : E.left(fromZod(parsed.error, "event"));
}

function isAccountCommand(command: Command): command is AccountCommand {
  switch (command.type) {
    case "openOffice":
    case "registerUser":
    case "changeStaffPermissions":
    case "changeOfficeRole":
    case "deactivateUser":
    case "reactivateUser":
    case "changeConfiguration":
    case "createTeam":
    case "addTeamMember":
    case "changeMemberLevel":
    case "removeTeamMember":
      return true;
    default:
      return false;
  }
}

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
  return isAccountCommand(valid) ? decideAccounts(state, valid) : decideContacts(state, valid as ContactCommand);
}

function isAccountEvent(event: Event): event is AccountEvent {
  switch (event.type) {
    case "OfficeOpened":
    case "UserRegistered":
    case "StaffPermissionsChanged":
    case "OfficeRoleChanged":
    case "UserDeactivated":
    case "UserReactivated":
    case "ConfigurationChanged":
    case "TeamCreated":
    case "TeamMemberAdded":
    case "MemberLevelChanged":
    case "TeamMemberRemoved":
      return true;
    default:
      return false;
  }
}

/**
 * Applies one event to the state and returns the next state; the given state is never changed.
 * @since 0.1.0
 */
export function evolve(state: State, event: Event): State {
  return isAccountEvent(event) ? evolveAccounts(state, event) : evolveContacts(state, event as ContactEvent);
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
  let next = state;
  for (const event of events) next = evolve(next, event);
  return E.right({ state: next, events });
}

/**
 * Rebuilds a state from its events.
 * @since 0.1.0
 */
export function replay(events: Iterable<Event>, from: State = initialState()): State {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

/** The Decider triple, for event-store integrations that expect one. @since 0.1.0 */
export const decider = { decide, evolve, initialState } as const;
