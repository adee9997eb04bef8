import * as z from "zod";
import { Id, Instant, Label } from "../wire.js";
import { Activity, Loan, Note, Task } from "./model.js";

const base = { at: Instant, by: Id, contactId: Id };

export const NoteAdded = z.strictObject({ type: z.literal("NoteAdded"), ...base, note: Note });
export const LoanAdded = z.strictObject({ type: z.literal("LoanAdded"), ...base, loan: Loan });
export const LoanClosed = z.strictObject({ type: z.literal("LoanClosed"), ...base, loanId: Id });
export const AddedToGroup = z.strictObject({ type: z.literal("AddedToGroup"), ...base, group: Label });
export const ActivityRecorded = z.strictObject({ type: z.literal("ActivityRecorded"), ...base, activity: Activity });
export const TaskAdded = z.strictObject({ type: z.literal("TaskAdded"), ...base, task: Task });
export const TaskCompleted = z.strictObject({ type: z.literal("TaskCompleted"), ...base, taskId: Id });

export const fileEventSchemas = [
  NoteAdded,
  LoanAdded,
  LoanClosed,
  AddedToGroup,
  ActivityRecorded,
  TaskAdded,
  TaskCompleted,
] as const;
export type FileEvent = z.infer<(typeof fileEventSchemas)[number]>;
