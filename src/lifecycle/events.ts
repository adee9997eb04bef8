import * as z from "zod";
import { Channel } from "../contacts/model.js";
import { Id, Instant } from "../wire.js";
import { ArchiveReason, ContactAddress } from "./commands.js";

const base = { at: Instant, by: Id };

export const ContactArchived = z.strictObject({
  type: z.literal("ContactArchived"),
  ...base,
  contactId: Id,
  reason: ArchiveReason,
});
export interface ContactArchived extends z.infer<typeof ContactArchived> {}
export const ContactUnarchived = z.strictObject({
  type: z.literal("ContactUnarchived"),
  ...base,
  contactId: Id,
  channel: Channel,
});
export interface ContactUnarchived extends z.infer<typeof ContactUnarchived> {}
export const OptedOut = z.strictObject({
  type: z.literal("OptedOut"),
  ...base,
  address: ContactAddress,
  channel: Channel,
});
/** The address, normalised (E.164 phone, lower-case email), is opted out until it opts back in (LIF-3). */
export interface OptedOut extends z.infer<typeof OptedOut> {}
export const OptedIn = z.strictObject({
  type: z.literal("OptedIn"),
  ...base,
  address: ContactAddress,
  consent: z.strictObject({ reference: z.string(), givenAt: Instant }),
});
export interface OptedIn extends z.infer<typeof OptedIn> {}

export const lifecycleEventSchemas = [ContactArchived, ContactUnarchived, OptedOut, OptedIn] as const;
export type LifecycleEvent = ContactArchived | ContactUnarchived | OptedOut | OptedIn;
