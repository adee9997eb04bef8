import * as E from "../either.js";
import type { Configuration } from "../configuration/configuration.js";
import { decide, execute, replay, type Command, type Event } from "../decider.js";
import type { DomainError, DomainErrorCode } from "../errors.js";
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

/**
 * What a `then` expects:
 * - the exact events (`Event[]`);
 * - `{ events: [...] }`: as many events, each matching its matcher on the fields the matcher names (partial,
 *   at any depth; arrays by position and length; a `RegExp` matches a string);
 * - a refusal: `{ error: code }`, with optionally `rule`, `message` (a string equal to it or a `RegExp`) and
 *   `path` — only the fields given are compared.
 */
export type Expectation =
  | readonly Event[]
  | { readonly events: readonly EventMatch[] }
  | {
      readonly error: DomainErrorCode;
      readonly rule?: string;
      readonly message?: string | RegExp;
      readonly path?: readonly (string | number)[];
    };

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

/** The facts a specification starts from: past events (replayed first), then commands (each must be accepted). */
export interface Givens {
  readonly events?: readonly Event[];
  readonly commands?: readonly Command[];
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

/**
 * Given these past events — or `{ events, commands }`: events replayed, then commands run through `execute` —
 * when this command is decided, then these events (or this error) follow. For consumers' own tests, in the
 * Decider style. Throws a `SpecificationMismatch` when the given events do not replay (SEC-8), naming the first
 * that does not apply, and a `SetupRefused` (a `SpecificationMismatch`) when a given command is refused.
 * `then` takes exact events, partial event matchers (`{ events: [{ type, …some fields }] }`) or a refusal with
 * the fields to compare (`{ error, rule?, message?, path? }`).
 * @example
 * import { given } from "crm-access/testing";
 * const at = "2026-03-02T09:00:00Z";
 * const office = { kind: "office" } as const;
 * given([]).when({ type: "registerUser", actor: "ada", at, account: office, userId: "sam", name: "Sam" }).then({ error: "office_not_open" });
 * given({ commands: [{ type: "openOffice", actor: "ada", at, account: office, officeId: "o", officeName: "O", adminName: "Ada" }] })
 *   .when({ type: "registerUser", actor: "ada", at, account: office, userId: "sam", name: "Sam" })
 *   .then({ events: [{ type: "UserRegistered", userId: "sam" }] });
 * @since 0.1.0
 */
export function given(facts: readonly Event[] | Givens, configuration?: Configuration) {
  const { events = [], commands = [] }: Givens = Array.isArray(facts)
    ? { events: facts as readonly Event[] }
    : (facts as Givens);
  const replayed = replay(events, initialState(configuration));
  // The facts must hold together, as a stored log must (SEC-8): a specification over a state no log reaches proves nothing.
  if (E.isLeft(replayed)) throw new SpecificationMismatch(`the given events do not replay: ${replayed.left.message}`);
  let built: State = replayed.right;
  commands.forEach((command, index) => {
    const r = execute(built, command);
    if (E.isLeft(r)) throw new SetupRefused(index, command, r.left);
    built = r.right.state;
  });
  const state = built;
  return {
    state,
    when(command: Command) {
      const outcome = decide(state, command);
      return {
        outcome,
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the spec's scenario shape; `when` returns no promise and is never awaited
        then(expected: Expectation): void {
          if (Array.isArray(expected)) {
            if (E.isLeft(outcome))
              throw new SpecificationMismatch(
                `expected events, got ${outcome.left.code} (${outcome.left.rule}): ${outcome.left.message}`,
              );
            const got = canonical(outcome.right);
            const want = canonical(expected);
            if (got !== want) throw new SpecificationMismatch(`events differ:\n  expected ${want}\n  received ${got}`);
            return;
          }
          if ("events" in expected) {
            if (E.isLeft(outcome))
              throw new SpecificationMismatch(
                `expected events, got ${outcome.left.code} (${outcome.left.rule}): ${outcome.left.message}`,
              );
            const mismatch = partialMismatch(outcome.right, expected.events, "events");
            if (mismatch !== null)
              throw new SpecificationMismatch(
                `events differ at ${mismatch}\n  expected (partial) ${canonical(expected.events)}\n  received ${canonical(outcome.right)}`,
              );
            return;
          }
          const refusal = expected as Exclude<Expectation, readonly Event[] | { events: unknown }>;
          const { error: code, ...fields } = refusal;
          const label = `${code}${refusal.rule === undefined ? "" : ` (${refusal.rule})`}`;
          if (E.isRight(outcome))
            throw new SpecificationMismatch(`expected ${label}, got events ${canonical(outcome.right)}`);
          const mismatch = partialMismatch(outcome.left, { code, ...fields }, "error");
          if (mismatch !== null)
            throw new SpecificationMismatch(
              `expected ${label}, got ${outcome.left.code} (${outcome.left.rule}): ${outcome.left.message} — ${mismatch}`,
            );
        },
      };
    },
  };
}
