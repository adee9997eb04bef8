import * as z from "zod";
import { Id, Instant } from "../wire.js";

const base = { at: Instant, by: Id };

export const PartnershipStarted = z.strictObject({
  type: z.literal("PartnershipStarted"),
  ...base,
  userId: Id,
  partnerId: Id,
});
export const PartnershipEnded = z.strictObject({
  type: z.literal("PartnershipEnded"),
  ...base,
  userId: Id,
  partnerId: Id,
});
/** One contact a bulk command left as it was: the refusal its single command would have answered. */
const contactLeft = { ...base, contactId: Id, code: z.string(), rule: z.string(), message: z.string() };
/** Who a bulk command moved contacts from and to, in which team; then how many it moved and how many it refused. */
const bulkSummary = { ...base, teamId: Id, fromUserId: Id, toUserId: Id };
const count = z.number().int().nonnegative();

export const ReassignmentRefused = z.strictObject({ type: z.literal("ReassignmentRefused"), ...contactLeft });
export const ContactsReassigned = z.strictObject({
  type: z.literal("ContactsReassigned"),
  ...bulkSummary,
  reassigned: count,
  refused: count,
});

/** One contact a bulk transfer of ownership left where it was, and why. */
export const TransferRefused = z.strictObject({ type: z.literal("TransferRefused"), ...contactLeft });
export const ContactsTransferred = z.strictObject({
  type: z.literal("ContactsTransferred"),
  ...bulkSummary,
  transferred: count,
  refused: count,
});

export const sharingEventSchemas = [
  PartnershipStarted,
  PartnershipEnded,
  ReassignmentRefused,
  ContactsReassigned,
  TransferRefused,
  ContactsTransferred,
] as const;
export type SharingEvent = z.infer<(typeof sharingEventSchemas)[number]>;
