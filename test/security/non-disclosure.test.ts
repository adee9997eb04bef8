import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  contactIds,
  execute,
  explain,
  explainFor,
  filterPermitted,
  getContact,
  normalizePhone,
  project,
  toSnapshot,
  visibleContacts,
  type Command,
  type Snapshot,
  type State,
} from "../../src/index.js";
import { arbitraryCommandBy, arbitraryContactDetails, UNIVERSE } from "../../src/testing/index.js";
import {
  answerOf,
  arbitraryRun,
  AT,
  describedAs,
  hiddenFrom,
  otherHolder,
  renamedContact,
  restore,
  runs,
  show,
  showCommand,
  showContact,
  USERS,
  withoutContact,
} from "./law-kit.js";

/**
 * SEC-2, differentially: for an actor and a contact hidden from them (no access relation at all, read from the
 * contact, its team and the actor — not from `can`), the same question asked of the state and of the same state
 * without that contact (or with it under a fresh id) gets the same answer: a command's events or its whole refusal
 * (code, rule, message and the code's own fields: a `not_permitted`'s action, contact and remedy); `explain`, `explainFor` (asking about another user) and `filterPermitted` for every
 * action; `project`; the visible contacts; import and
 * deduplication results. A third variant puts another user's contact under the same id: what a taken id answers
 * must not depend on who holds it.
 */

const FRESH = "zz-elsewhere";

type Variant = "removed" | "renamed" | "otherHolder";

interface Case {
  readonly state: State;
  readonly actor: string;
  readonly hidden: string;
  readonly variant: Variant;
  readonly command: Command;
}

/** Commands that introduce a new contact under an id: not comparable when the id stops being taken. */
function introduces(command: Command, id: string): boolean {
  if (command.type === "addContact") return command.contactId === id;
  if (command.type === "importContacts") return command.rows.some((r) => r.contactId === id);
  return false;
}

/** Every answer the actor gets about `hidden` and from `command`, as one comparable text per question. */
function answers(state: State, actor: string, hidden: string, command: Command): Record<string, string> {
  const out: Record<string, string> = {};
  out.command = answerOf(execute(state, command));
  for (const action of ACTIONS) {
    const { contactId: _c, ...rest } = explain(state, actor, action, hidden);
    out[`explain ${action}`] = show(rest);
    out[`filterPermitted ${action}`] = show(filterPermitted(state, actor, action, [hidden, "c-none"]));
    const asked = explainFor(state, actor, "u1", action, hidden);
    out[`explainFor u1 ${action}`] = E.isLeft(asked)
      ? show(asked.left)
      : show({ ...asked.right, contactId: undefined });
  }
  const view = project(state, actor, hidden);
  out.project = E.isLeft(view) ? show(view.left) : show(view.right);
  out.visible = show([...visibleContacts(state, actor)].filter((c) => c !== hidden && c !== FRESH).sort());
  return out;
}

/** A command by the actor, aimed at the hidden contact most of the time, or a probe of its details. */
function commandFor(state: State, actor: string, hidden: string): fc.Arbitrary<Command> {
  const c = getContact(state, hidden);
  const accounts = [
    { kind: "team" as const, teamId: "t1" },
    { kind: "team" as const, teamId: "t2" },
    { kind: "personal" as const, userId: actor },
    ...(c === undefined ? [] : [c.account]),
  ];
  const any = fc.constantFrom(...accounts).chain((acting) => arbitraryCommandBy(actor, acting));
  const aimed = fc
    .tuple(any, fc.boolean())
    .map(([command, onHidden]) =>
      "contactId" in command && onHidden ? ({ ...command, contactId: hidden } as Command) : command,
    );
  // Deduplication probes: the hidden contact's own emails and phones, through an import or an API add.
  const probe = fc
    .tuple(fc.constantFrom(...accounts), arbitraryContactDetails(), fc.boolean())
    .map(([account, details, viaImport]): Command => {
      const copied = {
        ...details,
        ...(c?.details.emails === undefined ? {} : { emails: c.details.emails }),
        ...(c?.details.phones === undefined ? {} : { phones: c.details.phones }),
        name: c?.details.name ?? details.name,
      };
      return viaImport
        ? {
            type: "importContacts",
            actor,
            at: AT,
            account,
            rows: [
              { contactId: "probe-1", details: copied },
              { contactId: "probe-2", details },
            ],
          }
        : { type: "addContact", actor, at: AT, account, contactId: "probe-1", channel: "api", details: copied };
    });
  return fc.oneof({ weight: 3, arbitrary: aimed }, { weight: 1, arbitrary: probe });
}

const cases: fc.Arbitrary<Case | null> = fc
  .tuple(
    arbitraryRun({ maxCommands: 40 }),
    fc.constantFrom(...USERS),
    fc.nat(),
    fc.constantFrom<Variant>("removed", "renamed", "otherHolder"),
  )
  .chain(([run, actor, pick, variant]) => {
    const hiddenOnes = contactIds(run.state).filter((id) => hiddenFrom(run.state, actor, id));
    const hidden = hiddenOnes[pick % Math.max(1, hiddenOnes.length)];
    if (hidden === undefined) return fc.constant(null);
    return commandFor(run.state, actor, hidden).map((command) =>
      describedAs(
        { state: run.state, actor, hidden, variant, command },
        () =>
          `${actor} and hidden ${hidden} (${variant}) after the ${String((run as unknown as Record<symbol, () => string>)[fc.toStringMethod]?.())}\n  then ${showCommand(command)}`,
      ),
    );
  });

function compare(c: Case): void {
  const { state, actor, hidden, variant, command } = c;
  if (variant !== "otherHolder" && introduces(command, hidden)) return;
  const holder = USERS.find((u) => u !== actor && u !== UNIVERSE.admin) as string;
  const other =
    variant === "removed"
      ? withoutContact(state, hidden)
      : variant === "renamed"
        ? renamedContact(state, hidden, FRESH)
        : otherHolder(state, hidden, holder);
  const here = answers(state, actor, hidden, command);
  const there = answers(other, actor, hidden, command);
  for (const key of Object.keys(here)) {
    if (here[key] !== there[key]) {
      throw new Error(
        `SEC-2: ${actor} learns about ${hidden}, which is hidden from them (${showContact(state, hidden)}), from ${key === "command" ? showCommand(command) : key}:\n` +
          `  with it:               ${here[key]}\n` +
          `  ${variant === "removed" ? "without it:           " : variant === "renamed" ? `renamed ${FRESH}:  ` : `held by ${holder} instead:`} ${there[key]}`,
      );
    }
  }
}

/** The same state with the plan held in another user's personal account (its enrolments dropped). */
function planHeldBy(state: State, planId: string, holder: string): State {
  const snapshot = toSnapshot(state);
  const edited = {
    ...snapshot,
    plans: snapshot.plans.map((p) =>
      p.id === planId
        ? {
            ...p,
            account: { kind: "personal" as const, userId: holder },
            name: "Theirs",
            steps: p.steps.map(({ designee: _d, ...s }) => s),
          }
        : p,
    ),
    enrolments: snapshot.enrolments.filter((e) => e.planId !== planId),
  } as Snapshot;
  return restore(edited, `plan ${planId} held by ${holder}`, state);
}

/** The same state with the address not in the opt-out registry. */
function notOptedOut(state: State, address: { kind: "email" | "phone"; value: string }): State {
  const value =
    address.kind === "phone"
      ? normalizePhone(address.value, state.configuration.defaultPhoneCountry)
      : address.value.trim().toLowerCase();
  const snapshot = toSnapshot(state);
  return restore(
    {
      ...snapshot,
      optOuts: snapshot.optOuts.filter((o) => !(o.address.kind === address.kind && o.address.value === value)),
    },
    `${address.value} not opted out`,
    state,
  );
}

describe("SEC-2 non-disclosure", () => {
  it("everything an actor gets back — a command's events or refusal, explain, project, imports and deduplication — is the same for a contact hidden from them as for one that does not exist (SEC-2, SEC-3)", () => {
    let compared = 0;
    fc.assert(
      fc.property(cases, (c) => {
        if (c === null) return;
        compared++;
        compare(c);
      }),
      { numRuns: runs(4) },
    );
    expect(compared).toBeGreaterThan(runs(1));
  });

  it("a taken id is refused without naming anything about its holder: addContact, importContacts and createSmartPlan answer alike whoever holds the id (SEC-2)", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        arbitraryRun({ maxCommands: 30 }),
        fc.constantFrom(...USERS),
        fc.nat(),
        arbitraryContactDetails(),
        ({ state }, actor, pick, details) => {
          const hiddenOnes = contactIds(state).filter((id) => hiddenFrom(state, actor, id));
          const hidden = hiddenOnes[pick % Math.max(1, hiddenOnes.length)];
          if (hidden === undefined) return;
          compared++;
          const accounts = [
            { kind: "team" as const, teamId: "t1" },
            { kind: "team" as const, teamId: "t2" },
            { kind: "personal" as const, userId: actor },
          ];
          const account = accounts[pick % accounts.length] as (typeof accounts)[number];
          const commands: Command[] = [
            { type: "addContact", actor, at: AT, account, contactId: hidden, channel: "manual", details },
            {
              type: "addContact",
              actor,
              at: AT,
              account,
              contactId: hidden,
              channel: "api",
              details: { ...details, emails: ["nobody@fresh.test"], phones: [] },
            },
            {
              type: "importContacts",
              actor,
              at: AT,
              account,
              rows: [{ contactId: hidden, details: { ...details, emails: ["nobody@fresh.test"], phones: [] } }],
            },
          ];
          const holders = USERS.filter((u) => u !== actor && u !== UNIVERSE.admin);
          // The plan ids of others: the same answer whoever holds them, and whatever they hold.
          const plans = toSnapshot(state).plans.filter((p) => p.account.kind === "team" || p.account.userId !== actor);
          for (const plan of plans) {
            const command: Command = {
              type: "createSmartPlan",
              actor,
              at: AT,
              account,
              planId: plan.id,
              name: "Mine",
              steps: [{ id: "s", kind: "task", title: "T" }],
            };
            const a = answerOf(execute(state, command));
            const b = answerOf(
              execute(
                planHeldBy(
                  state,
                  plan.id,
                  holders.find((h) => h !== (plan.account.kind === "personal" ? plan.account.userId : "")) as string,
                ),
                command,
              ),
            );
            if (a !== b)
              throw new Error(
                `SEC-2: the answer to ${showCommand(command)} depends on who holds plan ${plan.id}:\n  as it is (${show(plan.account)}): ${a}\n  held by someone else: ${b}`,
              );
          }
          for (const command of commands) {
            const first = otherHolder(state, hidden, holders[0] as string);
            const second = otherHolder(state, hidden, holders[1] as string);
            const a = answerOf(execute(state, command));
            const b = answerOf(execute(first, command));
            const d = answerOf(execute(second, command));
            if (a !== b || b !== d) {
              throw new Error(
                `SEC-2: the answer to ${showCommand(command)} depends on who holds ${hidden}:\n  as it is (${showContact(state, hidden)}): ${a}\n  held by ${holders[0]}: ${b}\n  held by ${holders[1]}: ${d}`,
              );
            }
          }
        },
      ),
      { numRuns: runs(1) },
    );
    expect(compared).toBeGreaterThan(0);
  });

  it("recording an opt-out answers alike whether or not the address is already opted out: the answer never reads the registry (SEC-2, LIF-3)", () => {
    let optedOut = 0;
    const address = fc.constantFrom(
      { kind: "email" as const, value: "ann@example.com" },
      { kind: "email" as const, value: "Ann@Example.com" },
      { kind: "phone" as const, value: "+1 312 555 0147" },
      { kind: "phone" as const, value: "+1 415 555 0132" },
    );
    fc.assert(
      fc.property(
        arbitraryRun({ maxCommands: 30 }),
        fc.constantFrom(...USERS),
        address,
        fc.constantFrom("manual" as const, "api" as const, "support" as const),
        ({ state }, actor, addr, channel) => {
          const command: Command = {
            type: "recordOptOut",
            actor,
            at: AT,
            account: { kind: "office" },
            address: addr,
            channel,
          };
          const first = execute(notOptedOut(state, addr), command);
          if (E.isLeft(first)) return;
          const again = execute(first.right.state, command);
          optedOut++;
          if (answerOf(first) !== answerOf(again))
            throw new Error(
              `SEC-2: ${showCommand(command)} answers differently once the address is opted out:\n  first: ${answerOf(first)}\n  again: ${answerOf(again)}`,
            );
        },
      ),
      { numRuns: runs(1) },
    );
    expect(optedOut).toBeGreaterThan(0);
  });
});
