import * as E from "../either.js";
import { forEach, get } from "../collections/persistent-map.js";
import { domainError, type DomainError } from "../errors.js";
import { factsOf, permits } from "../permissions/access.js";
import type { Task } from "../profile/model.js";
import type { State } from "../state.js";

/** One open task of a user, with the contact it is on. */
export interface OpenTask {
  readonly contactId: string;
  readonly task: Task;
}

/**
 * "My open tasks": every task assigned to the user and not yet done, across the contacts whose tasks they see —
 * tasks added by hand and those SmartPlan steps generate (seed 001: the designated agent "will have all Task steps
 * of Team SmartPlans assigned to them"; SP-6's text-by-hand task). A contact the user no longer sees, or sees with
 * `view` only (ASG-3), shows none of its tasks (SEC-2). Ordered by contact id, then as added. Reads only the
 * contacts that have a file.
 * @example
 * import { initialState, openTasks } from "crm-access";
 * assert.deepStrictEqual(openTasks(initialState(), "amy"),
 *   { _tag: "Left", left: { code: "user_not_found", rule: "SEC-2", message: "no user amy" } });
 * @since 0.2.0
 */
export function openTasks(state: State, userId: string): E.Either<DomainError, readonly OpenTask[]> {
  const user = get(state.users, userId);
  if (user === undefined) return E.left(domainError("user_not_found", "SEC-2", `no user ${userId}`));
  const found: OpenTask[] = [];
  forEach(state.files, (file, contactId) => {
    const mine = file.tasks.filter((t) => t.assigneeId === userId && !t.done);
    if (mine.length === 0) return;
    const contact = get(state.contacts, contactId);
    if (contact === undefined || !permits(factsOf(state, user, contact), "viewDetails")) return;
    for (const task of mine) found.push({ contactId, task });
  });
  found.sort((a, b) => (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0));
  return E.right(Object.freeze(found));
}
