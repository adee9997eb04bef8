import * as z from "zod";
import { Id, Instant } from "../wire.js";

const base = { at: Instant, by: Id };

export const PartnershipStarted = z.strictObject({
  type: z.literal("PartnershipStarted"),
  ...base,
  userId: Id,
  partnerId: Id,
});
export interface PartnershipStarted extends z.infer<typeof PartnershipStarted> {}
export const PartnershipEnded = z.strictObject({
  type: z.literal("PartnershipEnded"),
  ...base,
  userId: Id,
  partnerId: Id,
});
export interface PartnershipEnded extends z.infer<typeof PartnershipEnded> {}
/** One contact a bulk command left as it was: the refusal its single command would have answered. */
const contactLeft = { ...base, contactId: Id, code: z.string(), rule: z.string(), message: z.string() };
/** Who a bulk command moved contacts from and to, in which team; then how many it moved and how many it refused. */
const bulkSummary = { ...base, teamId: Id, fromUserId: Id, toUserId: Id };
const count = z.number().int().nonnegative();

export const ReassignmentRefused = z.strictObject({ type: z.literal("ReassignmentRefused"), ...contactLeft });
export interface ReassignmentRefused extends z.infer<typeof ReassignmentRefused> {}
export const ContactsReassigned = z.strictObject({
  type: z.literal("ContactsReassigned"),
  ...bulkSummary,
  reassigned: count,
  refused: count,
});
export interface ContactsReassigned extends z.infer<typeof ContactsReassigned> {}

export const TransferRefused = z.strictObject({ type: z.literal("TransferRefused"), ...contactLeft });
/** One contact a bulk transfer of ownership left where it was, and why. */
export interface TransferRefused extends z.infer<typeof TransferRefused> {}
export const ContactsTransferred = z.strictObject({
  type: z.literal("ContactsTransferred"),
  ...bulkSummary,
  transferred: count,
  refused: count,
});
export interface ContactsTransferred extends z.infer<typeof ContactsTransferred> {}

export const sharingEventSchemas = [
  PartnershipStarted,
  PartnershipEnded,
  ReassignmentRefused,
  ContactsReassigned,
  TransferRefused,
  ContactsTransferred,
] as const;
export type SharingEvent =
  | PartnershipStarted
  | PartnershipEnded
  | ReassignmentRefused
  | ContactsReassigned
  | TransferRefused
  | ContactsTransferred;
