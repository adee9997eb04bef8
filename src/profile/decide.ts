import * as E from "../either.js";
import { actingUser } from "../accounts/actor.js";
import { get } from "../collections/persistent-map.js";
import { enterContact, requirePermit } from "../contacts/guard.js";
import { domainError, notPermitted, type DomainError } from "../errors.js";
import { factsOf, insideOwnerAccount, outsider, permits, type Facts } from "../permissions/access.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";
import type { FileCommand } from "./commands.js";
import type { FileEvent } from "./events.js";
import { EMPTY_FILE } from "./model.js";

type Decision = E.Either<DomainError, readonly FileEvent[]>;

/** A caller-chosen id already in use: refused naming nothing about the item that holds it (SEC-2). */
const duplicate = (what: string, id: string): Decision =>
  E.left(domainError("duplicate_id", "input", `${what} id ${id} is already taken`));

/**
 * SEC-4: a part of the file the actor's view withholds is never written by them — loans and private notes outside
 * the owner's account (SHR-5, SHR-6), groups and activities by an outside partner (SHR-5) — and the refusal is the
 * same whether or not such an item exists.
 */
function seesPart(
  facts: Facts,
  part: "loans" | "privateNotes" | "groups" | "activities",
): E.Either<DomainError, Facts> {
  const sees = part === "loans" || part === "privateNotes" ? insideOwnerAccount(facts) : !outsider(facts);
  if (sees) return E.right(facts);
  const rule: RuleId = part === "privateNotes" ? "SHR-6" : "SHR-5";
  const action = (
    {
      loans: "writeLoans",
      privateNotes: "writePrivateNotes",
      groups: "writeGroups",
      activities: "writeActivities",
    } as const
  )[part];
  return E.left(
    notPermitted(
      rule,
      `${facts.user.id} may not write the ${part} of contact ${facts.contact.id}: they are withheld from their view`,
      { action, contactId: facts.contact.id },
    ),
  );
}

/** Notes, loans, groups, activities and tasks: editing the file needs edit access (ASG-2, SHR-1, ASG-3). */
export function decideFile(state: State, command: FileCommand): Decision {
  const actor = actingUser(state, command.actor);
  if (E.isLeft(actor)) return actor;
  const reached = enterContact(state, actor.right, command.account, command.contactId);
  if (E.isLeft(reached)) return reached;
  const facts = reached.right;
  const file = get(state.files, command.contactId) ?? EMPTY_FILE;
  const { at, actor: by, contactId } = command;
  const needs = (action: "edit" | "viewDetails"): E.Either<DomainError, unknown> => requirePermit(facts, action);
  switch (command.type) {
    case "addNote": {
      const ok = needs("edit");
      if (E.isLeft(ok)) return ok;
      if (command.private) {
        const sees = seesPart(facts, "privateNotes");
        if (E.isLeft(sees)) return sees;
      }
      if (file.notes.some((n) => n.id === command.noteId)) return duplicate("note", command.noteId);
      return E.right([
        {
          type: "NoteAdded",
          at,
          by,
          contactId,
          note: { id: command.noteId, text: command.text, private: command.private, by, at },
        },
      ]);
    }
    case "addLoan": {
      const ok = needs("edit");
      if (E.isLeft(ok)) return ok;
      const sees = seesPart(facts, "loans");
      if (E.isLeft(sees)) return sees;
      if (file.loans.some((l) => l.id === command.loanId)) return duplicate("loan", command.loanId);
      return E.right([
        {
          type: "LoanAdded",
          at,
          by,
          contactId,
          loan: { id: command.loanId, amount: command.amount, status: command.status },
        },
      ]);
    }
    case "closeLoan": {
      const ok = needs("edit");
      if (E.isLeft(ok)) return ok;
      const sees = seesPart(facts, "loans");
      if (E.isLeft(sees)) return sees;
      if (!file.loans.some((l) => l.id === command.loanId)) {
        return E.left(domainError("item_not_found", "SHR-7", `contact ${contactId} is not on loan ${command.loanId}`));
      }
      return E.right([{ type: "LoanClosed", at, by, contactId, loanId: command.loanId }]);
    }
    case "addToGroup": {
      const ok = needs("edit");
      if (E.isLeft(ok)) return ok;
      const sees = seesPart(facts, "groups");
      if (E.isLeft(sees)) return sees;
      if (file.groups.includes(command.group))
        return E.left(domainError("no_change", "input", `contact ${contactId} is already in ${command.group}`));
      return E.right([{ type: "AddedToGroup", at, by, contactId, group: command.group }]);
    }
    case "recordActivity": {
      const ok = needs("viewDetails");
      if (E.isLeft(ok)) return ok;
      const sees = seesPart(facts, "activities");
      if (E.isLeft(sees)) return sees;
      if (file.activities.some((a) => a.id === command.activityId)) return duplicate("activity", command.activityId);
      const activity = { id: command.activityId, kind: command.kind, summary: command.summary, by, at };
      return E.right([{ type: "ActivityRecorded", at, by, contactId, activity }]);
    }
    case "addTask": {
      const ok = needs("edit");
      if (E.isLeft(ok)) return ok;
      if (outsider(facts) && command.assigneeId !== by) {
        return E.left(
          notPermitted(
            "SHR-5",
            `${by} sees only the tasks assigned to them on contact ${contactId}, so may give tasks only to themselves`,
            { action: "assignTask", contactId },
          ),
        );
      }
      if (file.tasks.some((t) => t.id === command.taskId)) return duplicate("task", command.taskId);
      const assignee = get(state.users, command.assigneeId);
      // The assignee must see the task: `view` access shows no tasks (ASG-3).
      if (assignee === undefined || !permits(factsOf(state, assignee, facts.contact), "viewDetails")) {
        return E.left(
          notPermitted(
            "SHR-5",
            `${command.assigneeId} cannot see the tasks of contact ${contactId}, so cannot be given one`,
            {
              action: "assignTask",
              contactId,
            },
          ),
        );
      }
      return E.right([
        {
          type: "TaskAdded",
          at,
          by,
          contactId,
          task: { id: command.taskId, title: command.title, assigneeId: command.assigneeId, done: false },
        },
      ]);
    }
    case "completeTask": {
      // A task the actor's view withholds — every task for `view` access (ASG-3), another's for an outside partner
      // (SHR-5) — is answered as one that does not exist (SEC-4).
      const seesTasks = permits(facts, "viewDetails");
      const task = file.tasks.find(
        (t) => t.id === command.taskId && seesTasks && (t.assigneeId === by || !outsider(facts)),
      );
      if (task === undefined)
        return E.left(domainError("item_not_found", "input", `no task ${command.taskId} on contact ${contactId}`));
      if (task.assigneeId !== by) {
        const ok = needs("edit");
        if (E.isLeft(ok)) return ok;
      }
      if (task.done) return E.left(domainError("no_change", "input", `task ${command.taskId} is already done`));
      return E.right([{ type: "TaskCompleted", at, by, contactId, taskId: command.taskId }]);
    }
  }
}
