import * as E from "../either.js";
import type { Configuration } from "../configuration/configuration.js";
import { decide, replay, type Command, type Event } from "../decider.js";
import type { DomainErrorCode } from "../errors.js";
import { initialState, type State } from "../state.js";

/** What a `then` expects: the exact events, or a refusal with this code (and, optionally, rule). */
export type Expectation = readonly Event[] | { readonly error: DomainErrorCode; readonly rule?: string };

/** Thrown by `then` when the outcome differs; a test runner reports it as a failure. */
export class SpecificationMismatch extends Error {
  override readonly name = "SpecificationMismatch";
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/**
 * Given these past events, when this command is decided, then these events (or this error) follow. For
 * consumers' own tests, in the Decider style: no state to build by hand, only facts. Like `then`, it throws a
 * `SpecificationMismatch` — when the given events do not replay (SEC-8), naming the first that does not apply.
 * @example
 * import { given } from "crm-access/testing";
 * given([]).when({ type: "registerUser", actor: "ada", at: "2026-03-02T09:00:00Z", account: { kind: "office" },
 *   userId: "sam", name: "Sam" }).then({ error: "office_not_open" });
 * @since 0.1.0
 */
export function given(events: readonly Event[], configuration?: Configuration) {
  const replayed = replay(events, initialState(configuration));
  // The facts must hold together, as a stored log must (SEC-8): a specification over a state no log reaches proves nothing.
  if (E.isLeft(replayed)) throw new SpecificationMismatch(`the given events do not replay: ${replayed.left.message}`);
  const state: State = replayed.right;
  return {
    state,
    when(command: Command) {
      const outcome = decide(state, command);
      return {
        outcome,
        then(expected: Expectation): void {
          if (Array.isArray(expected)) {
            if (E.isLeft(outcome)) throw new SpecificationMismatch(`expected events, got ${outcome.left.code} (${outcome.left.rule}): ${outcome.left.message}`);
            const got = canonical(outcome.right);
            const want = canonical(expected);
            if (got !== want) throw new SpecificationMismatch(`events differ:\n  expected ${want}\n  received ${got}`);
            return;
          }
          const refusal = expected as { error: DomainErrorCode; rule?: string };
          if (E.isRight(outcome)) throw new SpecificationMismatch(`expected ${refusal.error}, got events ${canonical(outcome.right)}`);
          if (outcome.left.code !== refusal.error || (refusal.rule !== undefined && outcome.left.rule !== refusal.rule)) {
            throw new SpecificationMismatch(`expected ${refusal.error}${refusal.rule === undefined ? "" : ` (${refusal.rule})`}, got ${outcome.left.code} (${outcome.left.rule})`);
          }
        },
      };
    },
  };
}
