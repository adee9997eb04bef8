import { freeze } from "immer";
import { get, set } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { FileEvent } from "./events.js";
import { EMPTY_FILE, type ContactFile } from "./model.js";

/** The list with one more item, frozen (D-174: a new array over frozen items). */
const appended = <T>(list: readonly T[], item: T): readonly T[] => Object.freeze([...list, item]);

/** An event's payload as the file keeps it: a copy the caller cannot reach, frozen all the way down (D-174). */
const owned = <T>(payload: T): T => freeze(structuredClone(payload), true);

function applied(file: ContactFile, event: FileEvent): ContactFile {
  switch (event.type) {
    case "NoteAdded":
      return Object.freeze({ ...file, notes: appended(file.notes, owned(event.note)) });
    case "LoanAdded":
      return Object.freeze({ ...file, loans: appended(file.loans, owned(event.loan)) });
    case "LoanClosed":
      return Object.freeze({ ...file, loans: Object.freeze(file.loans.filter((l) => l.id !== event.loanId)) });
    case "AddedToGroup":
      return Object.freeze({ ...file, groups: appended(file.groups, event.group) });
    case "ActivityRecorded":
      return Object.freeze({ ...file, activities: appended(file.activities, owned(event.activity)) });
    case "TaskAdded":
      return Object.freeze({ ...file, tasks: appended(file.tasks, owned(event.task)) });
    case "TaskCompleted": {
      if (!file.tasks.some((t) => t.id === event.taskId && !t.done)) return file;
      const tasks = file.tasks.map((t) => (t.id === event.taskId ? Object.freeze({ ...t, done: true }) : t));
      return Object.freeze({ ...file, tasks: Object.freeze(tasks) });
    }
  }
}

/** Applies one event to a contact's file; the file of a deleted contact is dropped with the contact. */
export function evolveFile(state: State, event: FileEvent): State {
  if (get(state.contacts, event.contactId) === undefined) return state;
  const file = applied(get(state.files, event.contactId) ?? EMPTY_FILE, event);
  return Object.freeze({ ...state, files: set(state.files, event.contactId, file) });
}
