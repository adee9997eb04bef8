import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import type { Configuration } from "../configuration/configuration.js";
import { execute, type Command } from "../decider.js";
import type { Action } from "../permissions/access.js";
import { accessList } from "../queries/access-list.js";
import { can } from "../queries/check.js";
import { visibleContacts } from "../queries/visible-contacts.js";
import { initialState, type State } from "../state.js";
import { describeCommand } from "./format.js";
import { oracle, ORACLE_ACTIONS, type OracleModel } from "./oracle.js";
import type { World } from "./world.js";

/**
 * What a model-based run drives and questions: the library itself (`librarySystem`) or your service in front of
 * it. `execute` answers whether the command was accepted; the queries answer as the library's do. `visibleContacts`
 * and `accessList` are optional: left out, only `can` is compared.
 */
export interface SystemUnderTest {
  execute(command: Command): boolean;
  can(userId: string, action: Action, contactId: string): boolean;
  visibleContacts?(userId: string, action: Action): readonly string[];
  /** Every user with some action on the contact, with those actions; `[]` for an unknown contact. */
  accessList?(contactId: string): readonly { readonly userId: string; readonly actions: readonly Action[] }[];
}

/** The library as a `SystemUnderTest`, holding its state from `state` on (`current()` reads it). */
export function librarySystem(state: State): SystemUnderTest & { current(): State } {
  let current = state;
  return {
    current: () => current,
    execute(command) {
      const r = execute(current, command);
      if (E.isLeft(r)) return false;
      current = r.right.state;
      return true;
    },
    can: (userId, action, contactId) => can(current, userId, action, contactId),
    visibleContacts: (userId, action) => visibleContacts(current, userId, { action }),
    accessList(contactId) {
      const list = accessList(current, contactId);
      return E.isRight(list) ? list.right.map((e) => ({ userId: e.userId, actions: [...e.actions] })) : [];
    },
  };
}

/** Thrown when the system and the oracle disagree: after which command, and on what. */
export class OracleMismatch extends Error {
  override readonly name = "OracleMismatch";
}

/** The oracle's model as fast-check's mutable model: `apply` replaces it. */
export interface OracleBox {
  model: OracleModel;
}

const AT = "2026-03-02T17:00:00Z";

/**
 * One command of the kernel the oracle models, over a world's ids: by each user, in a team account or their personal
 * one, on each contact id — adds (manual, by name), grants of every level, revocations, primaries, unassigning,
 * owners, deletions, member levels and removals, `editContactOwnership` and `editContacts`, deactivation,
 * partnerships, shares, assignments, lead statuses and bulk transfers. Most are refused, as in life; the point is that the system refuses the same ones.
 * @since 0.2.0
 */
export function arbitraryOracleCommand(
  world: Pick<World, "admin" | "users" | "teams" | "contacts">,
): fc.Arbitrary<Command> {
  const users = [world.admin, ...world.users];
  const userArb = fc.constantFrom(...users);
  const contactArb = fc.constantFrom(...world.contacts);
  const office = { kind: "office" } as const;
  const teamAcc = fc.constantFrom(...world.teams.map((teamId) => ({ kind: "team" as const, teamId })));
  const at = fc.constant(AT);
  const c = <T>(arbitrary: fc.Arbitrary<T>, weight: number): fc.WeightedArbitrary<Command> => ({
    weight,
    arbitrary: arbitrary as unknown as fc.Arbitrary<Command>,
  });
  return fc.constantFrom(...users).chain((actorId) => {
    const actor = fc.constant(actorId);
    const account = fc.oneof(teamAcc, fc.constant({ kind: "personal" as const, userId: actorId }));
    const onContact = { at, actor, account, contactId: contactArb };
    return fc.oneof(
      c(
        fc
          .record({ type: fc.constant("addContact"), ...onContact, channel: fc.constant("manual") })
          .map(({ contactId, ...rest }) => ({ ...rest, contactId, details: { name: contactId } })),
        5,
      ),
      c(
        fc.record({
          type: fc.constant("grantAccess"),
          ...onContact,
          userId: userArb,
          level: fc.constantFrom("full", "shared", "view"),
        }),
        5,
      ),
      c(fc.record({ type: fc.constant("revokeAccess"), ...onContact, userId: userArb }), 2),
      c(fc.record({ type: fc.constant("changePrimary"), ...onContact, userId: fc.option(userArb, { nil: null }) }), 4),
      c(fc.record({ type: fc.constant("unassignSelf"), ...onContact }), 1),
      c(
        fc.record({
          type: fc.constant("changeOwner"),
          ...onContact,
          owner: fc.oneof(
            teamAcc,
            userArb.map((userId) => ({ kind: "user" as const, userId })),
          ),
        }),
        2,
      ),
      c(fc.record({ type: fc.constant("deleteContact"), ...onContact }), 1),
      c(
        fc.record({
          type: fc.constant("changeMemberLevel"),
          at,
          actor,
          account: teamAcc,
          userId: userArb,
          level: fc.constantFrom("standard", "enhanced", "unlimited"),
        }),
        1,
      ),
      c(fc.record({ type: fc.constant("removeTeamMember"), at, actor, account: teamAcc, userId: userArb }), 1),
      c(
        fc.record({
          type: fc.constant("changeStaffPermissions"),
          at,
          actor: fc.constant(world.admin),
          account: fc.constant(office),
          userId: userArb,
          permissions: fc.oneof(
            fc.record({ editContactOwnership: fc.boolean() }),
            fc.record({ editContacts: fc.boolean() }),
          ),
        }),
        1,
      ),
      c(
        fc.record({
          type: fc.constantFrom("deactivateUser", "reactivateUser", "reactivateUser"),
          at,
          actor: fc.constant(world.admin),
          account: fc.constant(office),
          userId: userArb,
        }),
        1,
      ),
      c(
        fc.record({
          type: fc.constantFrom("startPartnership", "endPartnership"),
          at,
          actor,
          account: fc.constant(office),
          partnerId: userArb,
        }),
        2,
      ),
      c(
        fc.record({
          type: fc.constantFrom("shareContact", "shareContact", "unshareContact"),
          ...onContact,
          userId: userArb,
        }),
        5,
      ),
      c(fc.record({ type: fc.constant("assignToPartner"), ...onContact, partnerId: userArb }), 2),
      c(fc.record({ type: fc.constant("assignContact"), ...onContact, userId: userArb }), 2),
      c(
        fc.record({
          type: fc.constant("setLeadStatus"),
          ...onContact,
          status: fc.constantFrom("new", "contacted", "lost"),
        }),
        1,
      ),
      c(
        fc.record({
          type: fc.constant("transferContacts"),
          at,
          actor,
          account: teamAcc,
          fromUserId: userArb,
          toUserId: userArb,
        }),
        1,
      ),
    );
  });
}

/**
 * Compares every answer of `system` with the oracle's over the world's users, contacts and every action: `can`,
 * then (when the system has them) `visibleContacts` and `accessList`. Throws an `OracleMismatch` naming the first
 * difference and `step`; returns how many `can` answers it compared.
 * @since 0.2.0
 */
export function checkAgainstOracle(
  model: OracleModel,
  system: SystemUnderTest,
  world: Pick<World, "admin" | "users" | "contacts">,
  step = "after setup",
): number {
  const users = [world.admin, ...world.users];
  const contacts = [...new Set([...world.contacts, ...oracle.contactIds(model)])];
  let compared = 0;
  for (const action of ORACLE_ACTIONS) {
    for (const u of users) {
      if (system.visibleContacts !== undefined) {
        const visible = [...system.visibleContacts(u, action)].sort();
        const expected = oracle.visibleContacts(model, u, action);
        if (visible.join() !== expected.join())
          throw new OracleMismatch(
            `${step}: visibleContacts(${u}, ${action}) = [${visible.join(", ")}] but the oracle says [${expected.join(", ")}]`,
          );
      }
      for (const c of contacts) {
        compared++;
        const got = system.can(u, action, c);
        const want = oracle.can(model, u, action, c);
        if (got !== want)
          throw new OracleMismatch(`${step}: can(${u}, ${action}, ${c}) = ${got} but the oracle says ${want}`);
      }
    }
  }
  if (system.accessList !== undefined) {
    for (const c of contacts) {
      const show = (list: readonly { userId: string; actions: readonly Action[] }[]) =>
        list.map((e) => `${e.userId}:${[...e.actions].sort().join("+")}`).sort();
      const got = show(system.accessList(c));
      const want = show(oracle.accessList(model, c));
      if (got.join() !== want.join())
        throw new OracleMismatch(
          `${step}: accessList(${c}) = [${got.join(", ")}] but the oracle says [${want.join(", ")}]`,
        );
    }
  }
  return compared;
}

/** Options of `oracleCommands`. */
export interface OracleCommandsOptions {
  /** Commands per run, at most (default 50). */
  readonly maxCommands?: number;
  /** Also compare after each command (default true); false compares acceptance only. */
  readonly compareAnswers?: boolean;
}

/**
 * `fc.commands` over the oracle's commands in `world`, for `fc.modelRun` (or `modelRun` below): each command
 * runs on the system and on the oracle, fails when one accepts what the other refuses, and then compares every
 * answer (`checkAgainstOracle`). Each prints as one line (`describeCommand`), so a failure reads as the sequence.
 * @since 0.2.0
 */
export function oracleCommands(
  world: Pick<World, "admin" | "users" | "teams" | "contacts">,
  options: OracleCommandsOptions = {},
): fc.Arbitrary<Iterable<fc.Command<OracleBox, SystemUnderTest>>> {
  const compare = options.compareAnswers ?? true;
  const toModelCommand = (command: Command): fc.Command<OracleBox, SystemUnderTest> => ({
    check: () => true,
    run(box, system) {
      const accepted = system.execute(command);
      const next = oracle.apply(box.model, command);
      const step = `after ${describeCommand(command)}`;
      if (accepted !== (next !== null))
        throw new OracleMismatch(
          `${step}: the system ${accepted ? "accepted" : "refused"} it, the oracle ${next === null ? "refuses" : "accepts"} it`,
        );
      if (next !== null) box.model = next;
      if (compare) checkAgainstOracle(box.model, system, world, step);
    },
    toString: () => describeCommand(command),
  });
  return fc.commands([arbitraryOracleCommand(world).map(toModelCommand)], { maxCommands: options.maxCommands ?? 50 });
}

/**
 * Runs `commands` (from `oracleCommands`) against a fresh system and the oracle: the world's setup runs on the
 * library's initial state under `configuration`, `system` wraps that state (default: `librarySystem`), the
 * oracle starts from the world's layout, and the answers are compared once before the first command.
 * @example
 * import fc from "fast-check";
 * import { defineWorld, modelRun, oracleCommands } from "crm-access/testing";
 * const world = defineWorld({ contacts: 4 });
 * fc.assert(fc.property(world.configuration(), oracleCommands(world, { maxCommands: 10 }), (configuration, commands) =>
 *   modelRun(world, configuration, commands)), { numRuns: 5 });
 * @since 0.2.0
 */
export function modelRun(
  world: Pick<World, "admin" | "users" | "teams" | "contacts" | "members" | "setup">,
  configuration: Configuration,
  commands: Iterable<fc.Command<OracleBox, SystemUnderTest>>,
  system: (state: State) => SystemUnderTest = librarySystem,
): void {
  let state = initialState(configuration);
  for (const command of world.setup) {
    const r = execute(state, command);
    if (E.isLeft(r))
      throw new OracleMismatch(`the world's setup was refused at ${describeCommand(command)}: ${r.left.code}`);
    state = r.right.state;
  }
  const real = system(state);
  const box: OracleBox = { model: oracle.start(world, configuration) };
  checkAgainstOracle(box.model, real, world);
  fc.modelRun(() => ({ model: box, real }), commands);
}
