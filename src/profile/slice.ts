/**
 * The file slice: the contact's file: notes, loans, groups, activities and tasks (the folder is `profile/`; the name
 * is "file", D-159). One handler per command type and one evolver per event type; `decider.ts` joins the slices and
 * the compiler checks that none is missing (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { FileCommand } from "./commands.js";
import { decideFile } from "./decide.js";
import type { FileEvent } from "./events.js";
import { evolveFile } from "./evolve.js";

/** Every file command, routed to the handler that decides it. */
export const fileHandlers: Handlers<FileCommand, EventsOf<typeof decideFile>> = {
  addNote: decideFile,
  addLoan: decideFile,
  closeLoan: decideFile,
  addToGroup: decideFile,
  recordActivity: decideFile,
  addTask: decideFile,
  completeTask: decideFile,
};

/** Every file event, routed to the function that applies it. */
export const fileEvolvers: Evolvers<FileEvent> = {
  NoteAdded: evolveFile,
  LoanAdded: evolveFile,
  LoanClosed: evolveFile,
  AddedToGroup: evolveFile,
  ActivityRecorded: evolveFile,
  TaskAdded: evolveFile,
  TaskCompleted: evolveFile,
};
