import * as z from "zod";
import { AccountRef, commandBase, Id } from "../wire.js";
import { ContactDetails, GrantLevel, LeadStatus, Owner } from "./model.js";

const inAccount = { ...commandBase, account: AccountRef };

export const AddContact = z.strictObject({
  type: z.literal("addContact"),
  ...inAccount,
  contactId: Id,
  channel: z.enum(["manual", "api", "apiSync", "openForInspection", "propertyEnquiry", "leadSource", "support"]),
  details: ContactDetails,
  /** For open-for-inspection feedback and enquiries: the listing's agent (defaults to the actor). */
  listingAgentId: Id.optional(),
});
/** Add one contact by hand, through API-sync (personal accounts only), or from a listing's feedback or enquiry. */
export interface AddContact extends z.infer<typeof AddContact> {}

export const ImportRow = z.strictObject({ contactId: Id, details: ContactDetails });

export const ImportContacts = z.strictObject({
  type: z.literal("importContacts"),
  ...inAccount,
  rows: z.array(ImportRow).max(1_000_000),
  firstRow: z.number().int().nonnegative().max(1_000_000_000).optional(),
});
/**
 * Import a list of contacts as one batch; each row is created or refused with its reason. `firstRow` (D-183) numbers
 * the rows of a chunk from that row of a larger import, so a large import goes in as bounded chunks that resume from
 * the last `ContactsImported`; each chunk deduplicates against the contacts the importer may edit (SEC-3).
 */
export interface ImportContacts extends z.infer<typeof ImportContacts> {}

export const GrantAccess = z.strictObject({
  type: z.literal("grantAccess"),
  ...inAccount,
  contactId: Id,
  userId: Id,
  level: GrantLevel,
});
export interface GrantAccess extends z.infer<typeof GrantAccess> {}

export const RevokeAccess = z.strictObject({
  type: z.literal("revokeAccess"),
  ...inAccount,
  contactId: Id,
  userId: Id,
});
export interface RevokeAccess extends z.infer<typeof RevokeAccess> {}

export const ChangePrimary = z.strictObject({
  type: z.literal("changePrimary"),
  ...inAccount,
  contactId: Id,
  userId: Id.nullable(),
});
/** Set, hand on, or clear (`userId: null`) the contact's primary (ASG-1, ASG-4, REA-1). */
export interface ChangePrimary extends z.infer<typeof ChangePrimary> {}

export const UnassignSelf = z.strictObject({
  type: z.literal("unassignSelf"),
  ...inAccount,
  contactId: Id,
});
export interface UnassignSelf extends z.infer<typeof UnassignSelf> {}

export const ChangeOwner = z.strictObject({
  type: z.literal("changeOwner"),
  ...inAccount,
  contactId: Id,
  owner: Owner,
});
export interface ChangeOwner extends z.infer<typeof ChangeOwner> {}

export const MoveContact = z.strictObject({
  type: z.literal("moveContact"),
  ...inAccount,
  contactId: Id,
  to: AccountRef,
});
export interface MoveContact extends z.infer<typeof MoveContact> {}

export const LinkToListing = z.strictObject({
  type: z.literal("linkToListing"),
  ...inAccount,
  contactId: Id,
  listingId: Id,
  listingAgentId: Id.optional(),
  kind: z.enum(["openForInspection", "propertyEnquiry"]),
});
/** Add an existing contact to a listing as open-for-inspection feedback or an enquiry (ASG-3, ASG-8). */
export interface LinkToListing extends z.infer<typeof LinkToListing> {}

export const DeleteContact = z.strictObject({
  type: z.literal("deleteContact"),
  ...inAccount,
  contactId: Id,
});
export interface DeleteContact extends z.infer<typeof DeleteContact> {}

export const EditContact = z.strictObject({
  type: z.literal("editContact"),
  ...inAccount,
  contactId: Id,
  changes: ContactDetails.partial().extend({
    leadSource: ContactDetails.shape.leadSource.unwrap().nullable().optional(),
  }),
});
/**
 * Change a contact's details (seed 002: full access agents "have complete view and edit capabilities"; seed 003:
 * owner and assigned users "are able to edit the contact record, email address"). Fields left out keep their
 * value; `emails` and `phones` replace the lists; `leadSource: null` clears it. Needs `edit` (ASG-2, ASG-3, SHR-1).
 */
export interface EditContact extends z.infer<typeof EditContact> {}

/** One email address or phone number of a contact. */
export const ContactPoint = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("email"), value: ContactDetails.shape.emails.unwrap().element }),
  z.strictObject({ kind: z.literal("phone"), value: ContactDetails.shape.phones.unwrap().element }),
]);

export const AddContactPoint = z.strictObject({
  type: z.literal("addContactPoint"),
  ...inAccount,
  contactId: Id,
  point: ContactPoint,
});
/** Add one email address or phone number to a contact; needs `edit`. */
export interface AddContactPoint extends z.infer<typeof AddContactPoint> {}

export const RemoveContactPoint = z.strictObject({
  type: z.literal("removeContactPoint"),
  ...inAccount,
  contactId: Id,
  point: ContactPoint,
});
/** Remove one email address or phone number from a contact (matched as deduplication matches it); needs `edit`. */
export interface RemoveContactPoint extends z.infer<typeof RemoveContactPoint> {}

export const SetLeadStatus = z.strictObject({
  type: z.literal("setLeadStatus"),
  ...inAccount,
  contactId: Id,
  status: LeadStatus,
});
/** Set the contact's lead status from the fixed list; needs `edit` (seed 003). */
export interface SetLeadStatus extends z.infer<typeof SetLeadStatus> {}

export const contactCommandSchemas = [
  AddContact,
  ImportContacts,
  GrantAccess,
  RevokeAccess,
  ChangePrimary,
  UnassignSelf,
  ChangeOwner,
  MoveContact,
  LinkToListing,
  DeleteContact,
  EditContact,
  AddContactPoint,
  RemoveContactPoint,
  SetLeadStatus,
] as const;

export type ContactCommand =
  | AddContact
  | ImportContacts
  | GrantAccess
  | RevokeAccess
  | ChangePrimary
  | UnassignSelf
  | ChangeOwner
  | MoveContact
  | LinkToListing
  | DeleteContact
  | EditContact
  | AddContactPoint
  | RemoveContactPoint
  | SetLeadStatus;
