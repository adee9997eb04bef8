import * as z from "zod";
import { Id, Instant, Label } from "../wire.js";

/** What a contact's file holds beyond its details: notes, loans, groups, activities and tasks (SHR-5, SHR-6). */
export const Note = z.strictObject({ id: Id, text: z.string().max(10_000), private: z.boolean(), by: Id, at: Instant });
export type Note = z.infer<typeof Note>;

export const Loan = z.strictObject({ id: Id, amount: z.number().nonnegative().finite(), status: Label });
export type Loan = z.infer<typeof Loan>;

export const Activity = z.strictObject({ id: Id, kind: Label, summary: z.string().max(10_000), by: Id, at: Instant });
export type Activity = z.infer<typeof Activity>;

export const Task = z.strictObject({ id: Id, title: Label, assigneeId: Id, done: z.boolean() });
export type Task = z.infer<typeof Task>;

export interface ContactFile {
  readonly notes: readonly Note[];
  readonly loans: readonly Loan[];
  readonly groups: readonly string[];
  readonly activities: readonly Activity[];
  readonly tasks: readonly Task[];
}

export const EMPTY_FILE: ContactFile = Object.freeze({
  notes: Object.freeze([]),
  loans: Object.freeze([]),
  groups: Object.freeze([]),
  activities: Object.freeze([]),
  tasks: Object.freeze([]),
});
