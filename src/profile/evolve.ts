import { freeze, produce } from "immer";
import { get, set } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { FileEvent } from "./events.js";
import { EMPTY_FILE, type ContactFile } from "./model.js";

function applied(file: ContactFile, event: FileEvent): ContactFile {
  switch (event.type) {
    case "NoteAdded":
      return produce(file, (d) => void d.notes.push(freeze(structuredClone(event.note))));
    case "LoanAdded":
      return produce(file, (d) => void d.loans.push(freeze(structuredClone(event.loan))));
    case "LoanClosed":
      return produce(file, (d) => void (d.loans = d.loans.filter((l) => l.id !== event.loanId)));
    case "AddedToGroup":
      return produce(file, (d) => void d.groups.push(event.group));
    case "ActivityRecorded":
      return produce(file, (d) => void d.activities.push(freeze(structuredClone(event.activity))));
    case "TaskAdded":
      return produce(file, (d) => void d.tasks.push(freeze(structuredClone(event.task))));
    case "TaskCompleted":
      return produce(file, (d) => {
        for (const t of d.tasks) if (t.id === event.taskId) t.done = true;
      });
  }
}

/** Applies one event to a contact's file; the file of a deleted contact is dropped with the contact. */
export function evolveFile(state: State, event: FileEvent): State {
  if (get(state.contacts, event.contactId) === undefined) return state;
  const file = applied(get(state.files, event.contactId) ?? EMPTY_FILE, event);
  return Object.freeze({ ...state, files: set(state.files, event.contactId, file) });
}
