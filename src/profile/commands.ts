import * as z from "zod";
import { AccountRef, commandBase, Id, Label } from "../wire.js";

const onContact = { ...commandBase, account: AccountRef, contactId: Id };

export const AddNote = z.strictObject({
  type: z.literal("addNote"),
  ...onContact,
  noteId: Id,
  text: z.string().max(10_000),
  /** A private note shows only within the contact owner's account (SHR-6). */
  private: z.boolean(),
});
export interface AddNote extends z.infer<typeof AddNote> {}
export const AddLoan = z.strictObject({
  type: z.literal("addLoan"),
  ...onContact,
  loanId: Id,
  amount: z.number().nonnegative().finite(),
  status: Label,
});
export interface AddLoan extends z.infer<typeof AddLoan> {}
export const CloseLoan = z.strictObject({ type: z.literal("closeLoan"), ...onContact, loanId: Id });
/** The contact stops being a participant on the loan. */
export interface CloseLoan extends z.infer<typeof CloseLoan> {}
export const AddToGroup = z.strictObject({ type: z.literal("addToGroup"), ...onContact, group: Label.min(1) });
export interface AddToGroup extends z.infer<typeof AddToGroup> {}
export const RecordActivity = z.strictObject({
  type: z.literal("recordActivity"),
  ...onContact,
  activityId: Id,
  kind: Label,
  summary: z.string().max(10_000),
});
export interface RecordActivity extends z.infer<typeof RecordActivity> {}
export const AddTask = z.strictObject({
  type: z.literal("addTask"),
  ...onContact,
  taskId: Id,
  title: Label,
  assigneeId: Id,
});
export interface AddTask extends z.infer<typeof AddTask> {}
export const CompleteTask = z.strictObject({ type: z.literal("completeTask"), ...onContact, taskId: Id });
export interface CompleteTask extends z.infer<typeof CompleteTask> {}

export const fileCommandSchemas = [
  AddNote,
  AddLoan,
  CloseLoan,
  AddToGroup,
  RecordActivity,
  AddTask,
  CompleteTask,
] as const;
export type FileCommand = AddNote | AddLoan | CloseLoan | AddToGroup | RecordActivity | AddTask | CompleteTask;
