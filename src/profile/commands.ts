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
export const AddLoan = z.strictObject({
  type: z.literal("addLoan"),
  ...onContact,
  loanId: Id,
  amount: z.number().nonnegative().finite(),
  status: Label,
});
/** The contact stops being a participant on the loan. */
export const CloseLoan = z.strictObject({ type: z.literal("closeLoan"), ...onContact, loanId: Id });
export const AddToGroup = z.strictObject({ type: z.literal("addToGroup"), ...onContact, group: Label.min(1) });
export const RecordActivity = z.strictObject({
  type: z.literal("recordActivity"),
  ...onContact,
  activityId: Id,
  kind: Label,
  summary: z.string().max(10_000),
});
export const AddTask = z.strictObject({
  type: z.literal("addTask"),
  ...onContact,
  taskId: Id,
  title: Label,
  assigneeId: Id,
});
export const CompleteTask = z.strictObject({ type: z.literal("completeTask"), ...onContact, taskId: Id });

export const fileCommandSchemas = [
  AddNote,
  AddLoan,
  CloseLoan,
  AddToGroup,
  RecordActivity,
  AddTask,
  CompleteTask,
] as const;
export type FileCommand = z.infer<(typeof fileCommandSchemas)[number]>;
