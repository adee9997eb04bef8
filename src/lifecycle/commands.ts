import * as z from "zod";
import { Channel } from "../contacts/model.js";
import { AccountRef, commandBase, Id, Instant, OfficeContext } from "../wire.js";

/** LIF-2: archive reasons are a fixed list. */
export const ArchiveReason = z.enum([
  "duplicate",
  "notInterested",
  "noLongerInMarket",
  "badContactInformation",
  "doNotContact",
  "deceased",
  "other",
]);
export type ArchiveReason = z.infer<typeof ArchiveReason>;

/** An address the global opt-out registry is keyed by: a phone number (SMS) or an email address (LIF-4). */
export const ContactAddress = z.strictObject({ kind: z.enum(["phone", "email"]), value: z.string().min(1).max(320) });
export type ContactAddress = z.infer<typeof ContactAddress>;

const onContact = { ...commandBase, account: AccountRef, contactId: Id, channel: Channel };

export const ArchiveContact = z.strictObject({
  type: z.literal("archiveContact"),
  ...onContact,
  reason: ArchiveReason,
});
export interface ArchiveContact extends z.infer<typeof ArchiveContact> {}
export const UnarchiveContact = z.strictObject({ type: z.literal("unarchiveContact"), ...onContact });
export interface UnarchiveContact extends z.infer<typeof UnarchiveContact> {}

export const RecordOptOut = z.strictObject({
  type: z.literal("recordOptOut"),
  ...commandBase,
  account: OfficeContext,
  address: ContactAddress,
  channel: Channel,
});
export interface RecordOptOut extends z.infer<typeof RecordOptOut> {}

export const RecordOptIn = z.strictObject({
  type: z.literal("recordOptIn"),
  ...commandBase,
  account: OfficeContext,
  address: ContactAddress,
  channel: Channel,
  consent: z.strictObject({ reference: z.string().min(1).max(500), givenAt: Instant }).optional(),
});
/** LIF-3: resubscribing needs the support channel and the contact's recorded consent. */
export interface RecordOptIn extends z.infer<typeof RecordOptIn> {}

export const lifecycleCommandSchemas = [ArchiveContact, UnarchiveContact, RecordOptOut, RecordOptIn] as const;
export type LifecycleCommand = ArchiveContact | UnarchiveContact | RecordOptOut | RecordOptIn;
