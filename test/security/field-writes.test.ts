import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  contactIds,
  execute,
  getContact,
  getContactFile,
  project,
  type Command,
  type ContactView,
  type State,
} from "../../src/index.js";
import {
  answerOf,
  arbitraryRun,
  AT,
  runs,
  show,
  showCommand,
  showContact,
  USERS,
  withFileItem,
  type FileField,
  type Step,
} from "./law-kit.js";

/**
 * SEC-4 from the reader's side: a file write is accepted only where the actor's own projection, in the state
 * before, shows the field written (SHR-5, SHR-6, decisions item 6); and a write refused on a field the projection
 * withholds answers the same whether or not the item it names exists.
 */

type FileCommand = Extract<
  Command,
  { type: "addLoan" | "closeLoan" | "addNote" | "addToGroup" | "recordActivity" | "addTask" | "completeTask" }
>;
const FILE_COMMANDS: ReadonlySet<string> = new Set([
  "addLoan",
  "closeLoan",
  "addNote",
  "addToGroup",
  "recordActivity",
  "addTask",
  "completeTask",
]);
const isFileCommand = (c: Command): c is FileCommand => FILE_COMMANDS.has(c.type);

/** The projection field a file command writes. */
function fieldOf(command: FileCommand): keyof ContactView {
  switch (command.type) {
    case "addLoan":
    case "closeLoan":
      return "loans";
    case "addNote":
      return command.private ? "privateNotes" : "publicNotes";
    case "addToGroup":
      return "groups";
    case "recordActivity":
      return "activities";
    case "addTask":
    case "completeTask":
      return "tasks";
  }
}

/** Why the accepted file write was outside what the actor sees, or null. */
function unseenWrite(before: State, command: FileCommand): string | null {
  const view = project(before, command.actor, command.contactId);
  if (E.isLeft(view)) return `${command.actor} cannot even see ${command.contactId} (${view.left.code})`;
  const field = fieldOf(command);
  const shown = view.right[field];
  if (shown === undefined) return `${command.actor}'s projection withholds \`${field}\` (${show(view.right.withheld)})`;
  // Tasks: a viewer shown only some tasks (a co-marketing partner) writes only their own (SHR-5, decisions 6).
  const partial = view.right.withheld.some((w) => w.field === "groups");
  if (command.type === "addTask" && partial && command.assigneeId !== command.actor)
    return `${command.actor} sees only their own tasks yet adds one for ${command.assigneeId}`;
  if (command.type === "completeTask" && !(shown as readonly { id: string }[]).some((t) => t.id === command.taskId))
    return `${command.actor} is not shown task ${command.taskId}`;
  return null;
}

function checkStep(step: Pick<Step, "before" | "command">): void {
  if (!isFileCommand(step.command)) return;
  const problem = unseenWrite(step.before, step.command);
  if (problem !== null)
    throw new Error(
      `SEC-4: ${showCommand(step.command)} was accepted, but ${problem}; contact before: ${showContact(step.before, step.command.contactId)}`,
    );
}

/** The item a file command names, as it would sit in the file, and the file list it sits in. */
function itemOf(command: FileCommand, actor: string): { field: FileField; item: unknown } | null {
  switch (command.type) {
    case "addLoan":
    case "closeLoan":
      return { field: "loans", item: { id: command.loanId, amount: 250000, status: "open" } };
    case "addNote":
      return {
        field: "notes",
        item: { id: command.noteId, text: "someone's note", private: command.private, by: "u1", at: AT },
      };
    case "addToGroup":
      return { field: "groups", item: command.group };
    case "recordActivity":
      return {
        field: "activities",
        item: { id: command.activityId, kind: "meeting", summary: "someone's activity", by: "u1", at: AT },
      };
    case "completeTask":
      return {
        field: "tasks",
        item: {
          id: command.taskId,
          title: "someone's task",
          assigneeId: USERS.find((u) => u !== actor && u !== "admin") as string,
          done: false,
        },
      };
    case "addTask":
      return null; // a taken task id may answer `duplicate_id` (decisions 6: SEC-2's allowance for taken ids)
  }
}

const fileCommand = (
  actor: string,
  contactId: string,
  account: Command["account" & keyof Command],
): fc.Arbitrary<FileCommand> => {
  const on = { actor, at: AT, account, contactId } as const;
  return fc.oneof(
    fc
      .constantFrom("L1", "L2")
      .map((loanId): FileCommand => ({ type: "addLoan", ...on, loanId, amount: 1, status: "open" }) as FileCommand),
    fc.constantFrom("L1", "L2").map((loanId): FileCommand => ({ type: "closeLoan", ...on, loanId }) as FileCommand),
    fc
      .tuple(fc.constantFrom("n1", "n2"), fc.boolean())
      .map(([noteId, p]): FileCommand => ({ type: "addNote", ...on, noteId, text: "x", private: p }) as FileCommand),
    fc
      .constantFrom("Buyers", "Sellers")
      .map((group): FileCommand => ({ type: "addToGroup", ...on, group }) as FileCommand),
    fc
      .constantFrom("a1", "a2")
      .map(
        (activityId): FileCommand =>
          ({ type: "recordActivity", ...on, activityId, kind: "call", summary: "x" }) as FileCommand,
      ),
    fc
      .tuple(fc.constantFrom("k1", "k2"), fc.constantFrom(...USERS))
      .map(
        ([taskId, assigneeId]): FileCommand =>
          ({ type: "addTask", ...on, taskId, title: "t", assigneeId }) as FileCommand,
      ),
    fc.constantFrom("k1", "k2").map((taskId): FileCommand => ({ type: "completeTask", ...on, taskId }) as FileCommand),
  );
};

describe("SEC-4 field-level writes follow field-level reads", () => {
  it("an accepted file command writes only what the actor's projection shows them: loans, private notes, groups, activities, others' tasks (SEC-4, SHR-5, SHR-6)", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        arbitraryRun({ maxCommands: 60 }),
        fc.constantFrom(...USERS),
        fc.nat(),
        fc.nat(),
        (run, actor, pick, seed) => {
          for (const step of run.steps) {
            if (isFileCommand(step.command)) checked++;
            checkStep(step);
          }
          // Every open task, completed by its own assignee: accepted only if their projection shows them the task.
          for (const id of contactIds(run.state)) {
            const c = getContact(run.state, id);
            for (const task of getContactFile(run.state, id)?.tasks ?? []) {
              if (c === undefined || task.done) continue;
              const command: Command = {
                type: "completeTask",
                actor: task.assigneeId,
                at: AT,
                account: c.account,
                contactId: id,
                taskId: task.id,
              };
              if (E.isRight(execute(run.state, command))) {
                checked++;
                checkStep({ before: run.state, command });
              }
            }
          }
          // And a file command by a random user on a random contact of the final state, in that contact's account.
          const ids = contactIds(run.state);
          const contactId = ids[pick % Math.max(1, ids.length)];
          const contact = contactId === undefined ? undefined : getContact(run.state, contactId);
          if (contactId === undefined || contact === undefined) return;
          const [command] = fc.sample(fileCommand(actor, contactId, contact.account), { numRuns: 1, seed });
          if (command === undefined) return;
          const r = execute(run.state, command);
          if (E.isRight(r)) {
            checked++;
            checkStep({ before: run.state, command });
          }
        },
      ),
      { numRuns: runs(2) },
    );
    expect(checked).toBeGreaterThan(0);
  });

  it("a file write refused on a field the projection withholds answers the same whether or not the item exists (SEC-4, SEC-2)", () => {
    let compared = 0;
    fc.assert(
      fc.property(arbitraryRun({ maxCommands: 40 }), fc.nat(), fc.nat(), ({ state }, pick, seed) => {
        // A user and a contact they see with some field withheld: a view holder, a sharee, a partner, an assignee.
        const pairs = contactIds(state).flatMap((id) =>
          USERS.filter((user) => {
            const view = project(state, user, id);
            return E.isRight(view) && view.right.withheld.length > 0;
          }).map((user) => [user, id] as const),
        );
        const [actor, contactId] = pairs[pick % Math.max(1, pairs.length)] ?? [];
        const contact = contactId === undefined ? undefined : getContact(state, contactId);
        if (actor === undefined || contactId === undefined || contact === undefined) return;
        const [command] = fc.sample(fileCommand(actor, contactId, contact.account), { numRuns: 1, seed });
        if (command === undefined) return;
        const it = itemOf(command, actor);
        if (it === null) return;
        const withItem = withFileItem(state, contactId, it.field, it.item, true);
        const withoutItem = withFileItem(state, contactId, it.field, it.item, false);
        const view = project(withItem, actor, contactId);
        if (E.isLeft(view)) return;
        const field = fieldOf(command);
        const shown = view.right[field] as readonly unknown[] | undefined;
        const withheld =
          shown === undefined ||
          (command.type === "completeTask" &&
            !(shown as readonly { id: string }[]).some((t) => t.id === command.taskId));
        if (!withheld) return;
        compared++;
        const a = execute(withItem, command);
        const b = execute(withoutItem, command);
        if (E.isRight(a) || E.isRight(b)) {
          throw new Error(
            `SEC-4: ${showCommand(command)} writes \`${field}\`, which ${actor}'s projection withholds, and was accepted (${E.isRight(a) ? "with" : "without"} the item); contact: ${showContact(state, contactId)}`,
          );
        }
        if (answerOf(a) !== answerOf(b)) {
          throw new Error(
            `SEC-4: ${showCommand(command)} tells ${actor} whether an item they cannot see exists in \`${field}\`:\n  with it:    ${answerOf(a)}\n  without it: ${answerOf(b)}\n  contact: ${showContact(state, contactId)}`,
          );
        }
      }),
      { numRuns: runs(3) },
    );
    expect(compared).toBeGreaterThan(0);
  });
});
