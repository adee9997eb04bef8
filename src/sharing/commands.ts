import * as z from "zod";
import { AccountRef, commandBase, Id, OfficeContext, TeamAccount } from "../wire.js";

export const StartPartnership = z.strictObject({
  type: z.literal("startPartnership"),
  ...commandBase,
  account: OfficeContext,
  partnerId: Id,
});
/** A co-marketing partnership between the actor and another user, e.g. a loan officer and an agent (SHR-3). */
export interface StartPartnership extends z.infer<typeof StartPartnership> {}
export const EndPartnership = z.strictObject({
  type: z.literal("endPartnership"),
  ...commandBase,
  account: OfficeContext,
  partnerId: Id,
});
/** Ending a partnership unshares nothing (SHR-4). */
export interface EndPartnership extends z.infer<typeof EndPartnership> {}

const onContact = { ...commandBase, account: AccountRef, contactId: Id };

export const ShareContact = z.strictObject({ type: z.literal("shareContact"), ...onContact, userId: Id });
/** Share with a teammate or partner: they see all details and may enrol the contact in automation, not edit (SHR-1). */
export interface ShareContact extends z.infer<typeof ShareContact> {}
export const UnshareContact = z.strictObject({ type: z.literal("unshareContact"), ...onContact, userId: Id });
export interface UnshareContact extends z.infer<typeof UnshareContact> {}
export const AssignToPartner = z.strictObject({ type: z.literal("assignToPartner"), ...onContact, partnerId: Id });
/** Assign to a co-marketing partner: `full` access, one partner per contact (SHR-2). */
export interface AssignToPartner extends z.infer<typeof AssignToPartner> {}

export const AssignContact = z.strictObject({ type: z.literal("assignContact"), ...onContact, userId: Id });
/**
 * Assign the contact to one user — a teammate or a co-marketing partner — who gets `full` access (seed 003: "When a
 * LO is on a team with another LO or co-marketing with an agent, the ability to share or assign the lead becomes
 * available. You can only assign the contact to one partner"): one assignee per contact (SHR-2), by whoever shares
 * (the manager rule, SHR-3).
 */
export interface AssignContact extends z.infer<typeof AssignContact> {}

export const ReassignContacts = z.strictObject({
  type: z.literal("reassignContacts"),
  ...commandBase,
  account: TeamAccount,
  fromUserId: Id,
  toUserId: Id,
});
/** Hand every contact one agent is primary on in this team account to another agent (REA-1), one event each. */
export interface ReassignContacts extends z.infer<typeof ReassignContacts> {}

export const TransferContacts = z.strictObject({
  type: z.literal("transferContacts"),
  ...commandBase,
  account: TeamAccount,
  fromUserId: Id,
  toUserId: Id,
});
/**
 * Transfer every contact one user owns in this team account to another member (seed 003: "Contacts would move if
 * those contacts are transferred by the change ownership function"), one `OwnershipChanged` each, under the same
 * authority as one change of owner (ACC-3, SHR-8).
 */
export interface TransferContacts extends z.infer<typeof TransferContacts> {}

export const sharingCommandSchemas = [
  StartPartnership,
  EndPartnership,
  ShareContact,
  UnshareContact,
  AssignToPartner,
  AssignContact,
  ReassignContacts,
  TransferContacts,
] as const;
export type SharingCommand =
  | StartPartnership
  | EndPartnership
  | ShareContact
  | UnshareContact
  | AssignToPartner
  | AssignContact
  | ReassignContacts
  | TransferContacts;
