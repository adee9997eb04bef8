import * as z from "zod";
import { RULE_IDS } from "../rules.js";
import { AccountRef, Id, Instant } from "../wire.js";
import { ContactDetails, ContactRecord, GrantLevel, LeadStatus, Owner } from "./model.js";

const base = { at: Instant, by: Id };
const Rule = z.enum(RULE_IDS);

export const ContactAdded = z.strictObject({
  type: z.literal("ContactAdded"),
  ...base,
  contact: ContactRecord,
  rules: z.array(Rule),
});
export interface ContactAdded extends z.infer<typeof ContactAdded> {}
export const ContactMatched = z.strictObject({
  type: z.literal("ContactMatched"),
  ...base,
  contactId: Id,
  requestedId: Id,
  row: z.number().int().nonnegative().nullable(),
  matchedOn: z.enum(["email", "phone"]),
  added: z.strictObject({ emails: z.array(z.string()), phones: z.array(z.string()) }),
  channel: z.enum(["import", "api"]),
});
/** LIF-1: an import or API add matched an existing contact, which is updated instead of getting a twin. */
export interface ContactMatched extends z.infer<typeof ContactMatched> {}
export const ImportRowRefused = z.strictObject({
  type: z.literal("ImportRowRefused"),
  ...base,
  row: z.number().int().nonnegative(),
  contactId: Id,
  code: z.string(),
  rule: z.string(),
  message: z.string(),
});
export interface ImportRowRefused extends z.infer<typeof ImportRowRefused> {}
export const ContactsImported = z.strictObject({
  type: z.literal("ContactsImported"),
  ...base,
  account: AccountRef,
  created: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
  /** The chunk's first row within its import (D-183); absent for an import sent as one command. */
  firstRow: z.number().int().nonnegative().optional(),
});
export interface ContactsImported extends z.infer<typeof ContactsImported> {}
export const AccessGranted = z.strictObject({
  type: z.literal("AccessGranted"),
  ...base,
  contactId: Id,
  userId: Id,
  level: GrantLevel,
  previous: GrantLevel.nullable(),
  rule: Rule,
});
export interface AccessGranted extends z.infer<typeof AccessGranted> {}
export const AccessRevoked = z.strictObject({
  type: z.literal("AccessRevoked"),
  ...base,
  contactId: Id,
  userId: Id,
  level: GrantLevel,
  rule: Rule,
});
export interface AccessRevoked extends z.infer<typeof AccessRevoked> {}
export const PrimaryChanged = z.strictObject({
  type: z.literal("PrimaryChanged"),
  ...base,
  contactId: Id,
  from: Id.nullable(),
  to: Id.nullable(),
  /** What the previous primary keeps: `full` access, or nothing (REA-1). */
  previousKeeps: z.enum(["full", "none", "owner"]),
  rule: Rule,
});
export interface PrimaryChanged extends z.infer<typeof PrimaryChanged> {}
export const OwnershipChanged = z.strictObject({
  type: z.literal("OwnershipChanged"),
  ...base,
  contactId: Id,
  from: Owner,
  to: Owner,
  rule: Rule,
});
export interface OwnershipChanged extends z.infer<typeof OwnershipChanged> {}
export const ContactMoved = z.strictObject({
  type: z.literal("ContactMoved"),
  ...base,
  contactId: Id,
  from: AccountRef,
  to: AccountRef,
  owner: Owner,
});
export interface ContactMoved extends z.infer<typeof ContactMoved> {}
export const ContactLinkedToListing = z.strictObject({
  type: z.literal("ContactLinkedToListing"),
  ...base,
  contactId: Id,
  listingId: Id,
  listingAgentId: Id,
  kind: z.enum(["openForInspection", "propertyEnquiry"]),
});
export interface ContactLinkedToListing extends z.infer<typeof ContactLinkedToListing> {}
export const ContactDeleted = z.strictObject({
  type: z.literal("ContactDeleted"),
  ...base,
  contactId: Id,
  rule: Rule,
});
export interface ContactDeleted extends z.infer<typeof ContactDeleted> {}

export const ContactEdited = z.strictObject({
  type: z.literal("ContactEdited"),
  ...base,
  contactId: Id,
  details: ContactDetails,
  changed: z
    .array(z.enum(["name", "emails", "phones", "leadSource"]))
    .min(1)
    .max(4),
  rule: Rule,
});
/** A contact's details after an edit, and which fields changed; the dedup index follows them (LIF-1). */
export interface ContactEdited extends z.infer<typeof ContactEdited> {}

export const LeadStatusChanged = z.strictObject({
  type: z.literal("LeadStatusChanged"),
  ...base,
  contactId: Id,
  from: LeadStatus,
  to: LeadStatus,
  rule: Rule,
});
export interface LeadStatusChanged extends z.infer<typeof LeadStatusChanged> {}

export const contactEventSchemas = [
  ContactAdded,
  ContactMatched,
  ImportRowRefused,
  ContactsImported,
  AccessGranted,
  AccessRevoked,
  PrimaryChanged,
  OwnershipChanged,
  ContactMoved,
  ContactLinkedToListing,
  ContactDeleted,
  ContactEdited,
  LeadStatusChanged,
] as const;

export type ContactEvent =
  | ContactAdded
  | ContactMatched
  | ImportRowRefused
  | ContactsImported
  | AccessGranted
  | AccessRevoked
  | PrimaryChanged
  | OwnershipChanged
  | ContactMoved
  | ContactLinkedToListing
  | ContactDeleted
  | ContactEdited
  | LeadStatusChanged;
