import * as E from "./either.js";
import * as z from "zod";
import { accountCommandSchemas, type AccountCommand } from "./accounts/commands.js";
import { accountEventSchemas, type AccountEvent } from "./accounts/events.js";
import { contactCommandSchemas, type ContactCommand } from "./contacts/commands.js";
import { contactEventSchemas, type ContactEvent } from "./contacts/events.js";
import { domainError, fromZodIssue, invalidInput, replayError, type DomainError, type ReplayError } from "./errors.js";
import { fileCommandSchemas, type FileCommand } from "./profile/commands.js";
import { fileEventSchemas, type FileEvent } from "./profile/events.js";
import { sharingCommandSchemas, type SharingCommand } from "./sharing/commands.js";
import { sharingEventSchemas, type SharingEvent } from "./sharing/events.js";
import { lifecycleCommandSchemas, type LifecycleCommand } from "./lifecycle/commands.js";
import { lifecycleEventSchemas, type LifecycleEvent } from "./lifecycle/events.js";
import { smartPlanCommandSchemas, type SmartPlanCommand } from "./smartplans/commands.js";
import { smartPlanEventSchemas, type SmartPlanEvent } from "./smartplans/events.js";
import { appletCommandSchemas, type AppletCommand } from "./applets/commands.js";
import { appletEventSchemas, type AppletEvent } from "./applets/events.js";
import { assetCommandSchemas, type AssetCommand } from "./assets/commands.js";
import { assetEventSchemas, type AssetEvent } from "./assets/events.js";
import { transient } from "./collections/persistent-map.js";
import { accountEvolvers, accountHandlers } from "./accounts/slice.js";
import { appletEvolvers, appletHandlers } from "./applets/slice.js";
import { assetEvolvers, assetHandlers } from "./assets/slice.js";
import { contactEvolvers, contactHandlers } from "./contacts/slice.js";
import { lifecycleEvolvers, lifecycleHandlers } from "./lifecycle/slice.js";
import { fileEvolvers, fileHandlers } from "./profile/slice.js";
import type { Decision, Evolver, Evolvers, Handler, Handlers } from "./router.js";
import { sharingEvolvers, sharingHandlers } from "./sharing/slice.js";
import { smartPlanEvolvers, smartPlanHandlers } from "./smartplans/slice.js";
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
 * assert.strictEqual(EVENT_SCHEMA_VERSIONS.UserDeactivated, 1);
 * assert.strictEqual(EVENT_SCHEMA_VERSIONS.EmailSent, 2);
 * @since 0.2.0
 */
export const EVENT_SCHEMA_VERSIONS: { readonly [T in Event["type"]]: number } = Object.freeze(
  Object.fromEntries(EVENT_TYPES.map((type) => [type, schemaVersionOf(type)])) as { [T in Event["type"]]: number },
);

/**
 * Decodes untrusted JSON into a command, or says which field is wrong.
 * @example
 * import { decodeCommand } from "crm-access";
 * const decoded = decodeCommand({ type: "nope" });
 * assert.ok(decoded._tag === "Left");
 * assert.strictEqual(decoded.left.code, "invalid_input");
 * @since 0.1.0
 */
export function decodeCommand(input: unknown): E.Either<DomainError, Command> {
  // The input's own type's schema, compiled: the union's answer, found faster (D-158). A type it does not name, or
  // no object at all, goes to the union, whose refusal names what is wrong.
  const schema = compiledSchema(COMMAND_SCHEMAS, compiledCommandSchemas, input);
  const parsed = (schema ?? CommandSchema).safeParse(input);
  return parsed.success ? E.right(parsed.data) : E.left(fromZodIssue(parsed.error.issues[0], "command"));
}

const COMMAND_SCHEMAS: ReadonlyMap<string, z.ZodType<Command>> = /* @__PURE__ */ new Map(
  CommandSchema.options.map((schema) => [schema.shape.type.value, schema]),
);
const compiledCommandSchemas = new Map<string, z.ZodType<Command>>();

/**
 * Decodes untrusted JSON into an office configuration (for `changeConfiguration` or `initialState`), or says which
 * field is wrong; `crm-access/schemas/configuration.schema.json` describes the same format.
 * @example
 * import { decodeConfiguration, DEFAULT_CONFIGURATION } from "crm-access";
 * assert.strictEqual(decodeConfiguration({ ...DEFAULT_CONFIGURATION, defaultPhoneCountry: "usa" })._tag, "Left");
 * @since 0.2.0
 */
export function decodeConfiguration(input: unknown): E.Either<DomainError, Configuration> {
  const parsed = Configuration.safeParse(input);
  return parsed.success ? E.right(parsed.data) : E.left(fromZodIssue(parsed.error.issues[0], "configuration"));
}

/**
 * Decodes an event read back from storage, of any schema version ever released, into an event of the current
 * version (docs/event-store.md). Besides its type's fields a stored row may carry `schemaVersion` (the version it was
 * written at; absent, the current one — `EVENT_SCHEMA_VERSIONS`) and `meta`, a JSON object of the store's own
 * (position, time stored, correlation ids…) that the decoded event leaves out and `evolve` never reads. Any other
 * field is refused by name (D-108).
 * @example
 * import { decodeEvent } from "crm-access";
 * const row = { type: "UserDeactivated", at: "2026-03-02T09:00:00Z", by: "ada", userId: "sam" };
 * assert.strictEqual(decodeEvent(row)._tag, "Right");
 * assert.strictEqual(decodeEvent({ ...row, schemaVersion: 1, meta: { position: 7 } })._tag, "Right");
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
  const fast = compiledSchema(EVENT_SCHEMAS, compiledEventSchemas, row);
  if (fast !== undefined) {
    const parsed = fast.safeParse(row);
    if (parsed.success) return E.right({ event: parsed.data, leniency });
  }
  const parsed = EventSchema.safeParse(row);
  return parsed.success ? E.right({ event: parsed.data, leniency }) : E.left(eventRefusal(parsed.error));
}

/** Why a row is not an event; an unknown field is named in the path and the message (D-108). */
function eventRefusal(error: z.ZodError): DomainError {
  return fromZodIssue(
    error.issues[0],
    "event",
    "a stored event holds its type's fields and may add only schemaVersion and meta (docs/event-store.md)",
  );
}

const EVENT_SCHEMAS: ReadonlyMap<string, z.ZodType<Event>> = new Map(
  EventSchema.options.map((schema) => [schema.shape.type.value, schema]),
);
const compiledEventSchemas = new Map<string, z.ZodType<Event>>();

/**
 * The schema of the input's command or event type, compiled ahead of time by zod (`z.compile`) on first use: the
 * same schema, decoding three to five times faster (docs/architecture.md,
 * docs/performance.md). A compiled schema that refuses answers with its runtime refusal, which is the union's for
 * that type, so a refusal reads as it always did. The caches are the decoders' own and hold one entry per type.
 */
function compiledSchema<T>(
  schemas: ReadonlyMap<string, z.ZodType<T>>,
  cache: Map<string, z.ZodType<T>>,
  input: unknown,
): z.ZodType<T> | undefined {
  const type: unknown = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return undefined;
  const known = cache.get(type);
  if (known !== undefined) return known;
  const schema = schemas.get(type);
  if (schema === undefined) return undefined;
  const compiled = z.compile(schema);
  cache.set(type, compiled);
  return compiled;
}

/**
 * Every command type's handler, from the domains' slices. The type says each command type has one, so a command
 * that decodes always reaches a handler: a type left out here or in its slice does not compile (D-157).
 */
// Built in a pure function so that a bundle which never decides (an import of `can` alone) leaves the slices out.
const HANDLERS: Handlers<Command, Event> = /* @__PURE__ */ (() => ({
  ...accountHandlers,
  ...contactHandlers,
  ...fileHandlers,
  ...sharingHandlers,
  ...lifecycleHandlers,
  ...smartPlanHandlers,
  ...appletHandlers,
  ...assetHandlers,
}))();

/** Every event type's evolver, checked as `HANDLERS` is. */
const EVOLVERS: Evolvers<Event> = /* @__PURE__ */ (() => ({
  ...accountEvolvers,
  ...contactEvolvers,
  ...fileEvolvers,
  ...sharingEvolvers,
  ...lifecycleEvolvers,
  ...smartPlanEvolvers,
  ...appletEvolvers,
  ...assetEvolvers,
}))();

/** The schema's commands are the type's, both ways, so `HANDLERS` covers whatever `decodeCommand` accepts. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
// biome-ignore lint/correctness/noUnusedVariables: a compile-time check; tsc reads it, nothing else needs to
type SchemasMatchTypes = [
  Holds<Same<z.infer<typeof CommandSchema>, Command>>,
  Holds<Same<z.infer<typeof EventSchema>, Event>>,
];

/**
 * Routes a decoded command to its handler. The cast is the one place the compiler cannot follow: it checks
 * each entry of `HANDLERS` against its own type, but not that `command.type` picks the entry of that type.
 * @internal
 */
export function decideDecoded(state: State, command: Command): Decision<Event> {
  return (HANDLERS[command.type] as Handler<Command, Event>)(state, command);
}

/**
 * Decides a command against the state: the events it causes, or the typed error that refuses it. The command is
 * checked against its schema first — the limits and formats a TypeScript type cannot hold (an id of at most 200
 * characters, an ISO time, at most 1,000,000 import rows…) — so a command built in code, or by a JavaScript caller,
 * gets an `invalid_input` error value, never an exception and never a change to the state (D-158). For input that
 * is not yet a `Command` (a request body), use `decideInput`, which decodes it the same way, once.
 * @example
 * import { decide, initialState } from "crm-access";
 * const result = decide(initialState(), { type: "openOffice", actor: "ann", at: "2026-01-05T09:00:00Z",
 *   account: { kind: "office" }, officeId: "o1", officeName: "Harbour Realty", adminName: "Ann" });
 * assert.deepStrictEqual(result, { _tag: "Right", right: [{ type: "OfficeOpened", at: "2026-01-05T09:00:00Z",
 *   by: "ann", officeId: "o1", officeName: "Harbour Realty", adminId: "ann", adminName: "Ann" }] });
 * @since 0.1.0
 */
export function decide(state: State, command: Command): E.Either<DomainError, readonly Event[]> {
  return decideInput(state, command);
}

/**
 * Decodes untrusted input (a request body, a queued message) and decides it: `decodeCommand`, then `decide`, with
 * the input parsed once. Calling `decodeCommand` and then `decide` parses it twice (D-158).
 * @example
 * import { decideInput, initialState } from "crm-access";
 * const refused = decideInput(initialState(), JSON.parse('{"type":"openOffice","actor":42}'));
 * assert.strictEqual(refused._tag === "Left" && refused.left.code, "invalid_input");
 * @since 0.2.0
 */
export function decideInput(state: State, input: unknown): E.Either<DomainError, readonly Event[]> {
  const decoded = decodeCommand(input);
  return E.isLeft(decoded) ? decoded : decideDecoded(state, decoded.right);
}

/**
 * Applies one event known to decode and to apply: one `decide` has just produced, or one `replay` has checked.
 * @internal
 */
export function applyEvent(state: State, event: Event): State {
  return (EVOLVERS[event.type] as Evolver<Event>)(state, event);
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
 * assert.strictEqual(state.office?.name, "Harbour Realty");
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
 * assert.ok(r._tag === "Right");
 * assert.strictEqual(r.right.state.office?.name, "Harbour Realty");
 * assert.deepStrictEqual([r.right.expectedVersion, r.right.version], [0, 1]);
 * @since 0.1.0
 */
export function execute(state: State, command: Command): E.Either<DomainError, Executed> {
  return executeInput(state, command);
}

/**
 * Decodes untrusted input and executes it: `decodeCommand`, then `execute`, with the input parsed once (D-158).
 * @example
 * import { executeInput, initialState } from "crm-access";
 * const body: unknown = JSON.parse('{"type":"openOffice","actor":"ann","at":"2026-01-05T09:00:00Z",' +
 *   '"account":{"kind":"office"},"officeId":"o1","officeName":"Harbour Realty","adminName":"Ann"}');
 * const r = executeInput(initialState(), body);
 * assert.strictEqual(r._tag === "Right" && r.right.version, 1);
 * @since 0.2.0
 */
export function executeInput(state: State, input: unknown): E.Either<DomainError, Executed> {
  const decided = decideInput(state, input);
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
 * const replayed = replayEvent(initialState(), { type: "UserRegistered", at: "2026-03-02T09:00:00Z", by: "ada",
 *   userId: "sam", name: "Sam", officeRole: "staff", permissions: { createContacts: true, importContacts: true,
 *   editContactOwnership: false, archiveContacts: false } });
 * assert.deepStrictEqual(replayed,
 *   { _tag: "Left", left: { code: "office_not_open", rule: "SEC-8", message: "no office has been opened yet" } });
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
 * assert.ok(r._tag === "Right");
 * assert.strictEqual(r.right.office?.id, "o1");
 * const broken = replay([{ type: "Nope" }]);
 * assert.ok(broken._tag === "Left");
 * assert.deepStrictEqual([broken.left.code, broken.left.position], ["invalid_event", 0]);
 * @since 0.1.0
 */
export function replay(events: Iterable<unknown>, from: State = initialState()): E.Either<ReplayError, State> {
  if (!iterable(events)) return E.left(replayError(0, invalidInput("the events are not a list")));
  return transient(() => {
    const rows = new RowFold(from, 0);
    for (const input of events) {
      const refused = rows.push(input);
      if (refused !== null) return E.left(refused);
    }
    return E.right(atVersion(rows.finish(), from.version + rows.position));
  });
}

const iterable = (value: unknown): value is Iterable<unknown> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";

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

/**
 * The three functions of the Decider pattern in its usual argument order — `decide(command, state)`,
 * `evolve(state, event)`, `initialState()` — except that `decide` returns an `Either`: a refusal is a `Left`
 * holding the `DomainError`, where Emmett's `Decider` expects a thrown error (D-160). An integration that wants
 * Emmett's shape turns a `Left` into its own error class in a line of its own code (docs/event-store.md).
 * @example
 * import { eitherDecider } from "crm-access";
 * const refused = eitherDecider.decide({ type: "deactivateUser", actor: "ann", at: "2026-01-05T09:00:00Z",
 *   account: { kind: "office" }, userId: "sam" }, eitherDecider.initialState());
 * assert.strictEqual(refused._tag, "Left");
 * @since 0.2.0
 */
export const eitherDecider: {
  readonly decide: (command: Command, state: State) => E.Either<DomainError, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
} = {
  decide: (command: Command, state: State) => decide(state, command),
  evolve,
  initialState: () => initialState(),
};

/**
 * `decide`, `evolve` and `initialState` as they are, `decide` taking the state first.
 * @deprecated Since 0.2.0: not the Decider shape its name promises (`decide(command, state)`); use `eitherDecider`,
 * or `decide`, `evolve` and `initialState` themselves (D-160).
 * @since 0.1.0
 */
export const decider = { decide, evolve, initialState } as const;
