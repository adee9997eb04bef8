import * as E from "../either.js";
import type { Configuration } from "../configuration/configuration.js";
import { decide, execute, replay, type Command, type Event } from "../decider.js";
import type { DomainError, DomainErrorCode } from "../errors.js";
import type { ContractId, RuleId } from "../rules.js";
import { initialState, type State } from "../state.js";
import { describeCommand } from "./format.js";

/** A subset of a value's fields, at any depth; a `RegExp` matches a string by pattern. */
export type PartialMatch<T> = T extends string
  ? T | RegExp
  : T extends readonly (infer U)[]
    ? readonly PartialMatch<U>[]
    : T extends object
      ? { readonly [K in keyof T]?: PartialMatch<T[K]> }
      : T;

/** An event's `type` and a subset of that event's other fields. */
export type EventMatch = {
  [T in Event["type"]]: { readonly type: T } & PartialMatch<Omit<Extract<Event, { type: T }>, "type">>;
}[Event["type"]];

/** Events that match partially: as many events, each with the fields its matcher names. @since 0.2.0 */
export interface EventsMatch {
  readonly events: readonly EventMatch[];
}

/**
 * A refusal: its code, and the other fields where given (`message` equal, or matching a `RegExp`).
 * @since 0.2.0
 */
export interface RefusalMatch {
  readonly error: DomainErrorCode;
  readonly rule?: RuleId | ContractId;
  readonly message?: string | RegExp;
  readonly path?: readonly (string | number)[];
}

/**
 * What a `then` expects:
 * - the exact events (`Event[]`);
 * - `{ events: [...] }`: as many events, each matching its matcher on the fields the matcher names (partial,
 *   at any depth; arrays by position and length; a `RegExp` matches a string);
 * - a refusal: `{ error: code }`, with optionally `rule`, `message` (a string equal to it or a `RegExp`) and
 *   `path` — only the fields given are compared.
 */
export type Expectation = readonly Event[] | EventsMatch | RefusalMatch;

/**
 * What a `then` given a function receives: the accepted command's events and the state once they are applied.
 * @since 0.2.0
 */
export interface Accepted {
  readonly events: readonly Event[];
  readonly state: State;
}

/**
 * A check of an accepted command, for what a matcher cannot say (an event among others, a query over the state
 * after): throw, or fail an `expect`, to fail the specification.
 * @since 0.2.0
 */
export type AcceptedCheck = (accepted: Accepted) => void;

/**
 * A command as a specification takes it: the command, whose `at` may be left out; it is then the specification's
 * `at` (`Givens.at`, else `GIVEN_AT`).
 * @since 0.2.0
 */
export type GivenCommand = Command extends infer C
  ? C extends Command
    ? Omit<C, "at"> & { readonly at?: string }
    : never
  : never;

/**
 * The `at` of a command given or decided without one, unless `Givens.at` says otherwise: a Monday, 9:00 UTC.
 * @since 0.2.0
 */
export const GIVEN_AT = "2026-03-02T09:00:00Z";

/** Thrown by `then` when the outcome differs; a test runner reports it as a failure. */
export class SpecificationMismatch extends Error {
  override readonly name: string = "SpecificationMismatch";
}

/**
 * Thrown by `given` when a setup command is refused: the `index` of the command among those given, the
 * `command` itself and the library's `error`. A setup that does not hold proves nothing, so it is never skipped.
 */
export class SetupRefused extends SpecificationMismatch {
  override readonly name = "SetupRefused";
  constructor(
    readonly index: number,
    readonly command: Command,
    readonly error: DomainError,
  ) {
    super(
      `given: setup command ${index} (${describeCommand(command)}) was refused: ${error.code} (${error.rule}): ${error.message}`,
    );
  }
}

/**
 * The facts a specification starts from: past events (replayed first), then commands (each must be accepted), and
 * the time of every command that leaves its `at` out.
 */
export interface Givens {
  readonly events?: readonly Event[];
  readonly commands?: readonly GivenCommand[];
  /** The `at` of the commands (given, and decided by `when`) that have none; `GIVEN_AT` when left out. */
  readonly at?: string;
}

/** A specification's facts, ready for a command: `when` decides one against `state`. @since 0.2.0 */
export interface Specification {
  /** The state the facts build. */
  readonly state: State;
  /** Decides `command` against the facts' state, and returns what then can be checked. */
  when(command: GivenCommand): Outcome;
}

/** A decided command, to check with `then`. @since 0.2.0 */
export interface Outcome {
  /** The command as decided, its `at` filled in. */
  readonly command: Command;
  /** What `decide` returned: the events, or the refusal. */
  readonly outcome: E.Either<DomainError, readonly Event[]>;
  /**
   * Throws a `SpecificationMismatch` unless the outcome is as expected: exact events, partial event matchers,
   * a refusal, or, given a function, an accepted command that the function checks (its events and the state
   * after them). An `Outcome` is not a promise: awaiting it (or returning it from a test) fails with a
   * `SpecificationMismatch` that says to call `then`.
   */
  then(expected: Expectation | AcceptedCheck): void;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v instanceof RegExp
      ? String(v)
      : v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
  );

/**
 * Where `actual` differs from the partial `expected`: `null` when every field `expected` names matches, else the
 * path and both values. Objects compare only the keys `expected` has; arrays by length and position; a `RegExp`
 * tests a string; anything else by `Object.is`.
 */
export function partialMismatch(actual: unknown, expected: unknown, path = "$"): string | null {
  if (expected instanceof RegExp)
    return typeof actual === "string" && expected.test(actual)
      ? null
      : `${path}: ${canonical(actual)} does not match ${String(expected)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, received ${canonical(actual)}`;
    if (actual.length !== expected.length)
      return `${path}: expected ${expected.length} item(s), received ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = partialMismatch(actual[i], expected[i], `${path}[${i}]`);
      if (m !== null) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object")
      return `${path}: expected an object, received ${canonical(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) continue;
      const m = partialMismatch((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
      if (m !== null) return m;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: expected ${canonical(expected)}, received ${canonical(actual)}`;
}

const isEvents = (expected: Expectation): expected is readonly Event[] => Array.isArray(expected);
const isEventsMatch = (expected: Expectation): expected is EventsMatch =>
  !Array.isArray(expected) && "events" in expected;
const refused = (error: DomainError): string => `${error.code} (${error.rule}): ${error.message}`;

/** The command with its `at`: its own, else the specification's. One cast: `at` is the only field added. */
const timed = (command: GivenCommand, at: string): Command => ({ at, ...command }) as Command;

/**
 * Given these past events — or `{ events, commands, at }`: events replayed, then commands run through `execute` —
 * when this command is decided, then these events (or this error) follow. For consumers' own tests, in the
 * Decider style. A command given or decided without `at` takes the specification's (`at`, else `GIVEN_AT`).
 * Throws a `SpecificationMismatch` when the given events do not replay (SEC-8), naming the first that does not
 * apply, and a `SetupRefused` (a `SpecificationMismatch`) when a given command is refused.
 * `then` takes exact events, partial event matchers (`{ events: [{ type, …some fields }] }`), a refusal with
 * the fields to compare (`{ error, rule?, message?, path? }`), or a function that checks the accepted events and
 * the state after them.
 * @example
 * import { given } from "crm-access/testing";
 * const office = { kind: "office" } as const;
 * given([]).when({ type: "registerUser", actor: "ada", account: office, userId: "sam", name: "Sam" }).then({ error: "office_not_open" });
 * given({ commands: [{ type: "openOffice", actor: "ada", account: office, officeId: "o", officeName: "O", adminName: "Ada" }] })
 *   .when({ type: "registerUser", actor: "ada", account: office, userId: "sam", name: "Sam" })
 *   .then({ events: [{ type: "UserRegistered", userId: "sam" }] });
 * @since 0.1.0
 */
export function given(facts: readonly Event[] | Givens, configuration?: Configuration): Specification {
  const {
    events = [],
    commands = [],
    at = GIVEN_AT,
  }: Givens = Array.isArray(facts) ? { events: facts as readonly Event[] } : (facts as Givens);
  const replayed = replay(events, initialState(configuration));
  // The facts must hold together, as a stored log must (SEC-8): a specification over a state no log reaches proves nothing.
  if (E.isLeft(replayed)) throw new SpecificationMismatch(`the given events do not replay: ${replayed.left.message}`);
  let built: State = replayed.right;
  commands.forEach((entry, index) => {
    const command = timed(entry, at);
    const r = execute(built, command);
    if (E.isLeft(r)) throw new SetupRefused(index, command, r.left);
    built = r.right.state;
  });
  const state = built;
  return {
    state,
    when(input: GivenCommand): Outcome {
      const command = timed(input, at);
      const outcome = decide(state, command);
      return {
        command,
        outcome,
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the pattern's vocabulary (D-175); awaiting fails clearly
        then(expected: Expectation | AcceptedCheck, ...awaited: readonly unknown[]): void {
          // `await outcome`, or an outcome returned from a test, calls then(resolve, reject): say so instead of
          // reading `resolve` as an expectation.
          const reject = awaited[0];
          if (typeof expected === "function" && typeof reject === "function") {
            reject(
              new SpecificationMismatch(
                `${describeCommand(command)}: an Outcome is not a promise; check it with .then(expected), do not await it`,
              ),
            );
            return;
          }
          if (typeof expected === "function") {
            const r = execute(state, command);
            if (E.isLeft(r))
              throw new SpecificationMismatch(`expected the command to be accepted, got ${refused(r.left)}`);
            expected({ events: r.right.events, state: r.right.state });
            return;
          }
          if (isEvents(expected)) {
            if (E.isLeft(outcome)) throw new SpecificationMismatch(`expected events, got ${refused(outcome.left)}`);
            const got = canonical(outcome.right);
            const want = canonical(expected);
            if (got !== want) throw new SpecificationMismatch(`events differ:\n  expected ${want}\n  received ${got}`);
            return;
          }
          if (isEventsMatch(expected)) {
            if (E.isLeft(outcome)) throw new SpecificationMismatch(`expected events, got ${refused(outcome.left)}`);
            const mismatch = partialMismatch(outcome.right, expected.events, "events");
            if (mismatch !== null)
              throw new SpecificationMismatch(
                `events differ at ${mismatch}\n  expected (partial) ${canonical(expected.events)}\n  received ${canonical(outcome.right)}`,
              );
            return;
          }
          const { error: code, ...fields } = expected;
          const label = `${code}${expected.rule === undefined ? "" : ` (${expected.rule})`}`;
          if (E.isRight(outcome))
            throw new SpecificationMismatch(`expected ${label}, got events ${canonical(outcome.right)}`);
          const mismatch = partialMismatch(outcome.left, { code, ...fields }, "error");
          if (mismatch !== null)
            throw new SpecificationMismatch(`expected ${label}, got ${refused(outcome.left)} — ${mismatch}`);
        },
      };
    },
  };
}
