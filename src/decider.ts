import * as E from "./either.js";
import * as z from "zod";
import { accountCommandSchemas, type AccountCommand } from "./accounts/commands.js";
import { decideAccounts } from "./accounts/decide.js";
import { accountEventSchemas, type AccountEvent } from "./accounts/events.js";
import { evolveAccounts } from "./accounts/evolve.js";
import { contactCommandSchemas, type ContactCommand } from "./contacts/commands.js";
import { decideContacts } from "./contacts/decide.js";
import { contactEventSchemas, type ContactEvent } from "./contacts/events.js";
import { evolveContacts } from "./contacts/evolve.js";
import { domainError, replayError, type DomainError, type ReplayError } from "./errors.js";
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
import { appletCommandSchemas, type AppletCommand } from "./applets/commands.js";
import { decideApplets } from "./applets/decide.js";
import { appletEventSchemas, type AppletEvent } from "./applets/events.js";
import { evolveApplets } from "./applets/evolve.js";
import { assetCommandSchemas, type AssetCommand } from "./assets/commands.js";
import { decideAssets } from "./assets/decide.js";
import { assetEventSchemas, type AssetEvent } from "./assets/events.js";
import { evolveAssets } from "./assets/evolve.js";
import { transient } from "./collections/persistent-map.js";
import { applicable, eventShaped } from "./replay/applicable.js";
import { foldDecided, RowFold } from "./replay/fold.js";
import { schemaVersionOf, STRICT, upcastRow, type Leniency } from "./replay/versions.js";
import { atVersion, initialState, type State } from "./state.js";
import { Configuration } from "./configuration/configuration.js";

/**
 * Every command, one schema: the TypeScript type and the decoder come from it. Internal (D-87): callers decode with
 * `decodeCommand` and describe the wire format with `crm-access/schemas/command.schema.json`.
 */
export const CommandSchema = z.discriminatedUnion("type", [
  ...accountCommandSchemas,
  ...contactCommandSchemas,
  ...fileCommandSchemas,
  ...sharingCommandSchemas,
  ...lifecycleCommandSchemas,
  ...smartPlanCommandSchemas,
  ...appletCommandSchemas,
  ...assetCommandSchemas,
]);
/** Every event, one schema. Internal (D-87), as `CommandSchema`. */
export const EventSchema = z.discriminatedUnion("type", [
  ...accountEventSchemas,
  ...contactEventSchemas,
  ...fileEventSchemas,
  ...sharingEventSchemas,
  ...lifecycleEventSchemas,
  ...smartPlanEventSchemas,
  ...appletEventSchemas,
  ...assetEventSchemas,
]);

/**
 * A command: a plain JSON object discriminated by `type`, naming the actor, the account it acts in (ACC-1),
 * the caller's time `at`, and any new ids.
 * @since 0.1.0
 */
export type Command =
  | AccountCommand
  | ContactCommand
  | FileCommand
  | SharingCommand
  | LifecycleCommand
  | SmartPlanCommand
  | AppletCommand
  | AssetCommand;
/** An event: a plain JSON object discriminated by `type`, with the time `at` and the actor `by`. @since 0.1.0 */
export type Event =
  | AccountEvent
  | ContactEvent
  | FileEvent
  | SharingEvent
  | LifecycleEvent
  | SmartPlanEvent
  | AppletEvent
  | AssetEvent;

/**
 * Every command `type`, in the order of the command schema: what `decodeCommand` accepts and
 * `crm-access/schemas/command.schema.json` describes.
 * @since 0.2.0
 */
export const COMMAND_TYPES: readonly Command["type"][] = Object.freeze(
  CommandSchema.options.map((schema) => schema.shape.type.value),
);
/**
 * Every event `type`, in the order of the event schema: what `decodeEvent` accepts and
 * `crm-access/schemas/event.schema.json` describes.
 * @since 0.2.0
 */
export const EVENT_TYPES: readonly Event["type"][] = Object.freeze(
  EventSchema.options.map((schema) => schema.shape.type.value),
);
const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * The current schema version of every event type (D-106): 1 for a type whose rows have not changed since 0.1.0 (or
 * that is newer), and one more for each release since that changed its rows. A store writes it with each event as
 * `schemaVersion` (a column or a field of the row), so `decodeEvent` can bring the row to the current version.
 * @example
 * import { EVENT_SCHEMA_VERSIONS } from "crm-access";
 * EVENT_SCHEMA_VERSIONS.UserDeactivated; // 1
 * EVENT_SCHEMA_VERSIONS.EmailSent; // 2
 * @since 0.2.0
 */
export const EVENT_SCHEMA_VERSIONS: { readonly [T in Event["type"]]: number } = Object.freeze(
  Object.fromEntries(EVENT_TYPES.map((type) => [type, schemaVersionOf(type)])) as { [T in Event["type"]]: number },
);

function fromZod(error: z.ZodError, what: string): DomainError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p));
  const where = path.length === 0 ? what : `${what}.${path.join(".")}`;
  return Object.freeze({
    code: "invalid_input",
    rule: "input",
    message: `${where}: ${issue?.message ?? "invalid"}`,
    path,
  });
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
 * Decodes untrusted JSON into an office configuration (for `changeConfiguration` or `initialState`), or says which
 * field is wrong; `crm-access/schemas/configuration.schema.json` describes the same format.
 * @example
 * import { decodeConfiguration, DEFAULT_CONFIGURATION } from "crm-access";
 * decodeConfiguration({ ...DEFAULT_CONFIGURATION, defaultPhoneCountry: "usa" })._tag; // "Left"
 * @since 0.2.0
 */
export function decodeConfiguration(input: unknown): E.Either<DomainError, Configuration> {
  const parsed = Configuration.safeParse(input);
  return parsed.success ? E.right(parsed.data) : E.left(fromZod(parsed.error, "configuration"));
}

/**
 * Decodes an event read back from storage, of any schema version ever released, into an event of the current
 * version (docs/event-store.md). Besides its type's fields a stored row may carry `schemaVersion` (the version it was
 * written at; absent, the current one — `EVENT_SCHEMA_VERSIONS`) and `meta`, a JSON object of the store's own
 * (position, time stored, correlation ids…) that the decoded event leaves out and `evolve` never reads. Any other
 * field is refused by name (D-108).
 * @example
 * import { decodeEvent } from "crm-access";
 * decodeEvent({ type: "UserDeactivated", at: "2026-03-02T09:00:00Z", by: "ada", userId: "sam" })._tag; // "Right"
 * decodeEvent({ type: "UserDeactivated", at: "2026-03-02T09:00:00Z", by: "ada", userId: "sam", schemaVersion: 1,
 *   meta: { position: 7 } })._tag; // "Right"
 * @since 0.1.0
 */
export function decodeEvent(input: unknown): E.Either<DomainError, Event> {
  const decoded = decodeStored(input);
  return E.isLeft(decoded) ? decoded : E.right(decoded.right.event);
}

/** A stored row decoded: the event at the current version, and what the version it was written at lets it do. */
interface Stored {
  readonly event: Event;
  readonly leniency: Leniency;
}

/** @internal */
export function decodeStored(input: unknown): E.Either<DomainError, Stored> {
  const upcast = upcastRow(input, EVENT_TYPE_SET);
  if (E.isLeft(upcast)) return upcast;
  const { row, leniency } = upcast.right;
  const fast = compiledEventSchema(row);
  if (fast !== undefined) {
    const parsed = fast.safeParse(row);
    if (parsed.success) return E.right({ event: parsed.data, leniency });
  }
  const parsed = EventSchema.safeParse(row);
  return parsed.success ? E.right({ event: parsed.data, leniency }) : E.left(eventRefusal(parsed.error));
}

/** Why a row is not an event; an unknown field is named in the path and the message (D-108). */
function eventRefusal(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  if (issue?.code !== "unrecognized_keys") return fromZod(error, "event");
  const path = [...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), issue.keys[0] ?? ""];
  const message = `event.${path.join(".")}: unknown field; a stored event holds its type's fields and may add only schemaVersion and meta (docs/event-store.md)`;
  return Object.freeze({ code: "invalid_input", rule: "input", message, path });
}

const EVENT_SCHEMAS: ReadonlyMap<string, z.ZodType<Event>> = new Map(
  EventSchema.options.map((schema) => [schema.shape.type.value, schema]),
);
const compiledEventSchemas = new Map<string, z.ZodType<Event>>();

/**
 * The schema of the input's event type, compiled ahead of time by zod (`z.compile`) on first use: the same
 * schema, decoding a stored log about five times faster (docs/architecture.md). A compiled schema that
 * refuses falls back to the union, so a refusal reads as it always did.
 */
function compiledEventSchema(input: unknown): z.ZodType<Event> | undefined {
  const type: unknown = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return undefined;
  const known = compiledEventSchemas.get(type);
  if (known !== undefined) return known;
  const schema = EVENT_SCHEMAS.get(type);
  if (schema === undefined) return undefined;
  const compiled = z.compile(schema);
  compiledEventSchemas.set(type, compiled);
  return compiled;
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
const APPLET_COMMANDS = typesOf(appletCommandSchemas);
const APPLET_EVENTS = typesOf(appletEventSchemas);
const ASSET_COMMANDS = typesOf(assetCommandSchemas);
const ASSET_EVENTS = typesOf(assetEventSchemas);

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
const isAppletCommand = (c: Command): c is AppletCommand => APPLET_COMMANDS.has(c.type);
const isAppletEvent = (e: Event): e is AppletEvent => APPLET_EVENTS.has(e.type);
const isAssetCommand = (c: Command): c is AssetCommand => ASSET_COMMANDS.has(c.type);
/** @internal */
export const isAssetEvent = (e: Event): e is AssetEvent => ASSET_EVENTS.has(e.type);

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
  if (isAppletCommand(valid)) return decideApplets(state, valid);
  if (isAssetCommand(valid)) return decideAssets(state, valid);
  return decideContacts(state, valid as ContactCommand);
}

/**
 * Applies one event known to decode and to apply: one `decide` has just produced, or one `replay` has checked.
 * @internal
 */
export function applyEvent(state: State, event: Event): State {
  if (isAccountEvent(event)) return evolveAccounts(state, event);
  if (isFileEvent(event)) return evolveFile(state, event);
  if (isSharingEvent(event)) return evolveSharing(state, event);
  if (isLifecycleEvent(event)) return evolveLifecycle(state, event);
  if (isSmartPlanEvent(event)) return evolveSmartPlans(state, event);
  if (isAppletEvent(event)) return evolveApplets(state, event);
  if (isAssetEvent(event)) return evolveAssets(state, event);
  return evolveContacts(state, event as ContactEvent);
}

/**
 * Applies one event to the state and returns the next state; the given state is never changed. It trusts its
 * input — events `decide` has just produced — and never throws: anything that is not an event of a known type
 * with its fields in place, or an event that does not apply to the state (SEC-8, `applicable`), leaves the state
 * as it was. An event it applies adds 1 to the state's `version`. Events read back from storage go through `replay`
 * (or `replayEvent`, `replayAsync`), which decodes each one in full and reports the position of the first that cannot
 * be decoded or applied instead of passing over it.
 * @example
 * import { evolve, initialState } from "crm-access";
 * const state = evolve(initialState(), { type: "OfficeOpened", at: "2026-03-02T09:00:00Z", by: "ada",
 *   officeId: "o1", officeName: "Harbour Realty", adminId: "ada", adminName: "Ada" });
 * state.office?.name; // "Harbour Realty"
 * @since 0.1.0
 */
export function evolve(state: State, event: Event): State {
  try {
    return eventShaped(event) && applicable(state, event) === null
      ? atVersion(applyEvent(state, event), state.version + 1)
      : state;
  } catch {
    return state; // a look-alike whose nested records are not what its type says
  }
}

/**
 * What `execute` returns for a command it accepts: the new state, the events, and the stream versions they take.
 * A store appends the events only if it finds its stream at `expectedVersion` (the version of the state the command
 * was decided against); event `i` takes version `expectedVersion + i + 1`, and `version` (= `state.version`) is the
 * stream's version after them. A command that causes no events leaves the version as it was. docs/event-store.md
 * gives the whole append algorithm.
 * @since 0.2.0
 */
export interface Executed {
  readonly state: State;
  readonly events: readonly Event[];
  /** The stream version the store must find before appending: the version of the state given to `execute`. */
  readonly expectedVersion: number;
  /** The stream version after the events: `expectedVersion + events.length`. */
  readonly version: number;
}

/**
 * Decide, then evolve: the new state, the events and the stream versions they take, or the error (and then nothing
 * changed).
 * @example
 * import { execute, initialState } from "crm-access";
 * const r = execute(initialState(), { type: "openOffice", actor: "ann", at: "2026-01-05T09:00:00Z",
 *   account: { kind: "office" }, officeId: "o1", officeName: "Harbour Realty", adminName: "Ann" });
 * if (r._tag === "Right") r.right.state.office?.name; // "Harbour Realty"
 * if (r._tag === "Right") [r.right.expectedVersion, r.right.version]; // [0, 1]
 * @since 0.1.0
 */
export function execute(state: State, command: Command): E.Either<DomainError, Executed> {
  const decided = decide(state, command);
  if (E.isLeft(decided)) return decided;
  const events = decided.right;
  const expectedVersion = state.version;
  const version = expectedVersion + events.length;
  const next = atVersion(
    events.length > 1 ? transient(() => foldDecided(state, events)) : fold(state, events),
    version,
  );
  return E.right({ state: next, events, expectedVersion, version });
}

/**
 * Decodes one stored event and applies it (SEC-8): the next state, or why the event cannot be decoded or
 * applied. For a log read page by page; the error's position in the log is the caller's to add.
 * @example
 * import { initialState, replayEvent } from "crm-access";
 * replayEvent(initialState(), { type: "UserRegistered", at: "2026-03-02T09:00:00Z", by: "ada", userId: "sam",
 *   name: "Sam", officeRole: "staff", permissions: { createContacts: true, importContacts: true,
 *   editContactOwnership: false, archiveContacts: false } }); // left({ code: "office_not_open", ... })
 * @since 0.1.0
 */
export function replayEvent(state: State, input: unknown): E.Either<DomainError, State> {
  const decoded = decodeStored(input);
  if (E.isLeft(decoded)) return decoded;
  const next = checkedApply(state, decoded.right.event, decoded.right.leniency);
  return E.isLeft(next) ? next : E.right(atVersion(next.right, state.version + 1));
}

/**
 * Applies a decoded event after checking it against the state, or says why it does not apply. Applying an
 * applicable event does not throw; should it, the event is reported rather than the exception passed on.
 * @internal
 */
export function checkedApply(state: State, event: Event, leniency: Leniency = STRICT): E.Either<DomainError, State> {
  try {
    const refused = applicable(state, event, leniency);
    return refused === null ? E.right(applyEvent(state, event)) : E.left(refused);
  } catch {
    return E.left(domainError("invalid_event", "SEC-8", `${event.type} cannot be applied`));
  }
}

/**
 * Rebuilds a state from stored events (SEC-8): each is decoded and checked against the state before it, and the
 * first that cannot be decoded or applied is reported with its 0-based `position` in the log — nothing is
 * passed over. `from` is the state the log continues (one read from a snapshot, say); it is never changed, and the
 * result's `version` is `from.version` plus the number of events. An exception thrown by the caller's own iterable
 * (a failing cursor) is the caller's and goes on. For a cursor that pages asynchronously, `replayAsync`.
 * @example
 * import { replay } from "crm-access";
 * const r = replay([{ type: "OfficeOpened", at: "2026-03-02T09:00:00Z", by: "ada", officeId: "o1",
 *   officeName: "Harbour Realty", adminId: "ada", adminName: "Ada" }]);
 * if (r._tag === "Right") r.right.office?.id; // "o1"
 * replay([{ type: "Nope" }]); // left({ code: "invalid_event", position: 0, ... })
 * @since 0.1.0
 */
export function replay(events: Iterable<unknown>, from: State = initialState()): E.Either<ReplayError, State> {
  if (!iterable(events))
    return E.left(replayError(0, domainError("invalid_input", "input", "the events are not a list")));
  return transient(() => {
    const rows = new RowFold(from, 0);
    for (const input of events) {
      const refused = rows.push(input);
      if (refused !== null) return E.left(refused);
    }
    return E.right(atVersion(rows.finish(), from.version + rows.position));
  });
}

/**
 * One stored row of a replay: decoded, checked against the state and applied, or the error naming its `position`.
 * The state's version is the caller's to set once the rows are in (`atVersion`).
 * @internal
 */
export function replayRow(state: State, input: unknown, position: number): E.Either<ReplayError, State> {
  const decoded = decodeStored(input);
  if (E.isLeft(decoded)) return E.left(replayError(position, decoded.left, typeOf(input)));
  const { event, leniency } = decoded.right;
  const next = checkedApply(state, event, leniency);
  return E.isLeft(next) ? E.left(replayError(position, next.left, event.type)) : next;
}

const iterable = (value: unknown): value is Iterable<unknown> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";

const typeOf = (input: unknown): string | undefined => {
  const type: unknown = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof type === "string" && type.length <= 100 ? type : undefined;
};

/**
 * Folds events `decide` has just produced. Under `transient` (commands with more than one event, and `replay`)
 * the index nodes the fold creates are changed in place by later events of the same fold and frozen at its end,
 * so a long fold allocates a path per new entry instead of a path per event (docs/performance.md, D-58).
 */
function fold(from: State, events: readonly Event[]): State {
  // the caller sets the version (`atVersion`)
  let state = from;
  for (const event of events) state = applyEvent(state, event);
  return state;
}

/** The Decider triple, for event-store integrations that expect one. @since 0.1.0 */
export const decider = { decide, evolve, initialState } as const;
