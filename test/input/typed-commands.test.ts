import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  COMMAND_TYPES,
  decide,
  decideInput,
  decider,
  decodeCommand,
  eitherDecider,
  evolve,
  execute,
  executeInput,
  getContact,
  initialState,
  type Command,
  type DomainError,
} from "../../src/index.js";
import { CommandSchema } from "../../src/decider.js";
import type { Handlers } from "../../src/router.js";
import type { LifecycleCommand } from "../../src/lifecycle/commands.js";
import type { LifecycleEvent } from "../../src/lifecycle/events.js";
import { arbitraryCommand, arbitraryState, SETUP } from "../../src/testing/arbitraries.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

/** Values a command's fields may be set to: none of them is what any field's schema asks for beyond its type. */
const BAD_VALUES = fc.constantFrom<unknown>(
  "", // an empty id
  "x".repeat(201), // an id over 200 characters
  "y".repeat(10_001), // longer than any text
  "yesterday", // not an ISO time
  "2026-01-05T09:00:00", // an ISO time without an offset
  -1,
  1.5,
  null,
  { kind: "nowhere" },
  [],
);
const FIELDS = fc.constantFrom("actor", "at", "contactId", "userId", "teamId", "planId", "account", "type", "rows");

/** What each entry answers for a command that does not hold what its schema says, typed or not. */
function refusals(state: ReturnType<typeof initialState>, input: unknown): E.Either<DomainError, unknown>[] {
  const typed = input as Command; // what a caller's cast or a JavaScript caller hands over
  return [
    decide(state, typed),
    execute(state, typed),
    decideInput(state, input),
    executeInput(state, input),
    eitherDecider.decide(typed, state),
  ];
}

describe("typed commands and untrusted input (D-158)", () => {
  it("decodeCommand, with each command type's schema compiled, answers exactly as the command schema does", () => {
    const same = (input: unknown): void => {
      const parsed = CommandSchema.safeParse(input);
      const decoded = decodeCommand(input);
      if (parsed.success) expect(decoded).toEqual(E.right(parsed.data));
      else {
        const issue = parsed.error.issues[0];
        // An unknown field is named in the path and the message (D-167); any other issue keeps zod's path and words.
        const unknown = issue?.code === "unrecognized_keys" ? issue.keys[0] : undefined;
        const path = unknown === undefined ? issue?.path : [...(issue?.path ?? []), unknown];
        expect(decoded).toMatchObject({ left: { code: "invalid_input", rule: "input", path } });
        const words = unknown === undefined ? (issue?.message ?? "?") : "unknown field";
        expect(E.isLeft(decoded) && decoded.left.message.endsWith(words)).toBe(true);
      }
    };
    for (const command of SETUP) same(command);
    fc.assert(
      fc.property(arbitraryCommand(), FIELDS, BAD_VALUES, (command, key, value) => {
        same(command);
        same({ ...command, [key]: value });
        same({ ...command, extra: value });
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it("a typed command that breaks a limit or format its type cannot hold is refused by every entry, as decodeCommand refuses it (SEC-2)", () => {
    fc.assert(
      fc.property(
        arbitraryState({ maxCommands: 10 }),
        arbitraryCommand(),
        FIELDS,
        BAD_VALUES,
        ({ state }, command, key, value) => {
          const bad = { ...command, [key]: value };
          const decoded = decodeCommand(bad);
          fc.pre(E.isLeft(decoded)); // a field the command does not have, or one its schema refuses
          for (const answer of refusals(state, bad)) expect(answer).toEqual(decoded);
        },
      ),
      { numRuns: RUNS },
    );
    // A hand-written table, one per kind of limit (input contract).
    const state = initialState();
    const base = { actor: "ann", at: "2026-01-05T09:00:00Z", account: { kind: "team", teamId: "t1" } } as const;
    const table: [string, unknown][] = [
      ["an id over 200 characters", { type: "deleteContact", ...base, contactId: "c".repeat(201) }],
      ["a time without an offset", { type: "deleteContact", ...base, at: "2026-01-05T09:00:00", contactId: "c1" }],
      ["a field the command does not have", { type: "deleteContact", ...base, contactId: "c1", owner: "ann" }],
      [
        "a name over 500 characters",
        {
          type: "createTeam",
          ...base,
          account: { kind: "office" },
          teamId: "t",
          name: "n".repeat(501),
          rainmakerId: "ann",
        },
      ],
      ["an unknown command", { type: "dropTables", ...base }],
    ];
    for (const [what, input] of table) {
      for (const answer of refusals(state, input)) {
        expect(answer, what).toMatchObject({ _tag: "Left", left: { code: "invalid_input", rule: "input" } });
      }
    }
  });

  it("decide and decideInput, execute and executeInput give the same answer for every command the test kit draws", () => {
    fc.assert(
      fc.property(arbitraryState({ maxCommands: 20 }), arbitraryCommand(), ({ state }, command) => {
        const wire: unknown = JSON.parse(JSON.stringify(command));
        const decided = decide(state, command);
        expect(decideInput(state, wire)).toEqual(decided);
        expect(eitherDecider.decide(command, state)).toEqual(decided);
        expect(decider.decide(state, command)).toEqual(decided);
        const executed = execute(state, command);
        const fromWire = executeInput(state, wire);
        expect(E.isRight(fromWire)).toBe(E.isRight(executed));
        if (E.isRight(executed) && E.isRight(fromWire)) {
          expect(fromWire.right.events).toEqual(executed.right.events);
          expect(fromWire.right.version).toBe(executed.right.version);
          expect(fromWire.right.state.contacts.size).toBe(executed.right.state.contacts.size);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("every command type decodes to a handler: decide answers with a Left or a Right, never undefined", () => {
    // One command per type, filled with the fields its schema asks for; an office that is not open refuses most.
    const state = initialState();
    fc.assert(
      fc.property(arbitraryCommand(), (command) => {
        const answer = decide(state, command);
        expect(answer._tag === "Left" || answer._tag === "Right").toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(COMMAND_TYPES.length).toBeGreaterThan(60);
  });

  it("the state never shares an object with the command it came from: changing the command afterwards changes nothing", () => {
    let state = initialState();
    for (const command of SETUP) {
      const r = execute(state, command);
      if (E.isLeft(r)) throw new Error(r.left.message);
      state = r.right.state;
    }
    const command: Extract<Command, { type: "addContact" }> = {
      type: "addContact",
      actor: "u1",
      at: "2026-01-05T09:00:00Z",
      account: { kind: "team", teamId: "t1" },
      contactId: "fresh",
      channel: "manual",
      details: { name: "Fresh", emails: ["fresh@example.com"] },
    };
    const r = execute(state, command);
    if (E.isLeft(r)) throw new Error(r.left.message);
    const before = JSON.stringify(getContact(r.right.state, "fresh"));
    (command.details.emails as string[]).push("later@example.com");
    (command.account as { teamId?: string }).teamId = "elsewhere";
    expect(JSON.stringify(getContact(r.right.state, "fresh"))).toBe(before);
  });

  it("a slice that leaves a command type out does not compile (D-157)", () => {
    const refuse = (): E.Either<DomainError, readonly LifecycleEvent[]> =>
      E.left({ code: "invalid_input", rule: "input", message: "test" } as DomainError);
    // @ts-expect-error recordOptIn has no handler
    const missing: Handlers<LifecycleCommand, LifecycleEvent> = {
      archiveContact: refuse,
      unarchiveContact: refuse,
      recordOptOut: refuse,
    };
    const complete: Handlers<LifecycleCommand, LifecycleEvent> = { ...missing, recordOptIn: refuse };
    expect(Object.keys(complete).sort()).toEqual(["archiveContact", "recordOptIn", "recordOptOut", "unarchiveContact"]);
    expectTypeOf(eitherDecider.decide).parameters.toEqualTypeOf<[Command, ReturnType<typeof initialState>]>();
    expectTypeOf(eitherDecider.evolve).toEqualTypeOf(evolve);
  });
});
