import * as z from "zod";
import { Id, Instant, Label } from "../wire.js";
import { Activity, Loan, Note, Task } from "./model.js";

const base = { at: Instant, by: Id, contactId: Id };

export const NoteAdded = z.strictObject({ type: z.literal("NoteAdded"), ...base, note: Note });
export interface NoteAdded extends z.infer<typeof NoteAdded> {}
export const LoanAdded = z.strictObject({ type: z.literal("LoanAdded"), ...base, loan: Loan });
export interface LoanAdded extends z.infer<typeof LoanAdded> {}
export const LoanClosed = z.strictObject({ type: z.literal("LoanClosed"), ...base, loanId: Id });
export interface LoanClosed extends z.infer<typeof LoanClosed> {}
export const AddedToGroup = z.strictObject({ type: z.literal("AddedToGroup"), ...base, group: Label });
export interface AddedToGroup extends z.infer<typeof AddedToGroup> {}
export const ActivityRecorded = z.strictObject({ type: z.literal("ActivityRecorded"), ...base, activity: Activity });
export interface ActivityRecorded extends z.infer<typeof ActivityRecorded> {}
export const TaskAdded = z.strictObject({ type: z.literal("TaskAdded"), ...base, task: Task });
export interface TaskAdded extends z.infer<typeof TaskAdded> {}
export const TaskCompleted = z.strictObject({ type: z.literal("TaskCompleted"), ...base, taskId: Id });
export interface TaskCompleted extends z.infer<typeof TaskCompleted> {}

export const fileEventSchemas = [
  NoteAdded,
  LoanAdded,
  LoanClosed,
  AddedToGroup,
  ActivityRecorded,
  TaskAdded,
  TaskCompleted,
] as const;
export type FileEvent =
  | NoteAdded
  | LoanAdded
  | LoanClosed
  | AddedToGroup
  | ActivityRecorded
  | TaskAdded
  | TaskCompleted;
