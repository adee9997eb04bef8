import * as z from "zod";
import { Id, Instant } from "../wire.js";

const base = { at: Instant, by: Id };

export const PartnershipStarted = z.strictObject({ type: z.literal("PartnershipStarted"), ...base, userId: Id, partnerId: Id });
export const PartnershipEnded = z.strictObject({ type: z.literal("PartnershipEnded"), ...base, userId: Id, partnerId: Id });
export const ReassignmentRefused = z.strictObject({
  type: z.literal("ReassignmentRefused"),
  ...base,
  contactId: Id,
  code: z.string(),
  rule: z.string(),
  message: z.string(),
});
export const ContactsReassigned = z.strictObject({
  type: z.literal("ContactsReassigned"),
  ...base,
  teamId: Id,
  fromUserId: Id,
  toUserId: Id,
  reassigned: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
});

/** One contact a bulk transfer of ownership left where it was, and why. */
export const TransferRefused = z.strictObject({
  type: z.literal("TransferRefused"),
  ...base,
  contactId: Id,
  code: z.string(),
  rule: z.string(),
  message: z.string(),
});
export const ContactsTransferred = z.strictObject({
  type: z.literal("ContactsTransferred"),
  ...base,
  teamId: Id,
  fromUserId: Id,
  toUserId: Id,
  transferred: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
});

export const sharingEventSchemas = [PartnershipStarted, PartnershipEnded, ReassignmentRefused, ContactsReassigned, TransferRefused, ContactsTransferred] as const;
export type SharingEvent = z.infer<(typeof sharingEventSchemas)[number]>;
