import * as z from "zod";
import { AccountRef, commandBase, Id } from "../wire.js";
import { AssetKind, AssetName, FieldSpec, FieldValue, LeadSourceRef } from "./model.js";

const inAccount = { ...commandBase, account: AccountRef };
const onContact = { ...inAccount, contactId: Id };

export const CreateAsset = z.strictObject({
  type: z.literal("createAsset"),
  ...inAccount,
  assetId: Id,
  kind: AssetKind,
  name: AssetName,
  field: FieldSpec.optional(),
});
/**
 * AST-1, AST-6: a tag, custom field or custom lead source in the account the command acts in; a custom field
 * brings its definition (`field`), the other kinds none.
 */
export interface CreateAsset extends z.infer<typeof CreateAsset> {}
export const RenameAsset = z.strictObject({
  type: z.literal("renameAsset"),
  ...inAccount,
  assetId: Id,
  name: AssetName,
});
export interface RenameAsset extends z.infer<typeof RenameAsset> {}
export const DeleteAsset = z.strictObject({ type: z.literal("deleteAsset"), ...inAccount, assetId: Id });
/** AST-6: what happens to contacts carrying it follows `teamAssets.onDelete` (a personal asset always unlinks). */
export interface DeleteAsset extends z.infer<typeof DeleteAsset> {}
export const TagContact = z.strictObject({ type: z.literal("tagContact"), ...onContact, tagId: Id });
/** AST-2: a tag of the contact's own account, by someone who may edit the contact (ASG-2, ASG-3). */
export interface TagContact extends z.infer<typeof TagContact> {}
export const UntagContact = z.strictObject({ type: z.literal("untagContact"), ...onContact, tagId: Id });
export interface UntagContact extends z.infer<typeof UntagContact> {}
export const SetFieldValue = z.strictObject({
  type: z.literal("setFieldValue"),
  ...onContact,
  fieldId: Id,
  value: FieldValue,
});
export interface SetFieldValue extends z.infer<typeof SetFieldValue> {}
export const ClearFieldValue = z.strictObject({ type: z.literal("clearFieldValue"), ...onContact, fieldId: Id });
export interface ClearFieldValue extends z.infer<typeof ClearFieldValue> {}
export const SetLeadSource = z.strictObject({ type: z.literal("setLeadSource"), ...onContact, source: LeadSourceRef });
/** D-129: a built-in lead source, or a custom lead source of the contact's account. */
export interface SetLeadSource extends z.infer<typeof SetLeadSource> {}
export const ClearLeadSource = z.strictObject({ type: z.literal("clearLeadSource"), ...onContact });
export interface ClearLeadSource extends z.infer<typeof ClearLeadSource> {}

export const assetCommandSchemas = [
  CreateAsset,
  RenameAsset,
  DeleteAsset,
  TagContact,
  UntagContact,
  SetFieldValue,
  ClearFieldValue,
  SetLeadSource,
  ClearLeadSource,
] as const;
export type AssetCommand =
  | CreateAsset
  | RenameAsset
  | DeleteAsset
  | TagContact
  | UntagContact
  | SetFieldValue
  | ClearFieldValue
  | SetLeadSource
  | ClearLeadSource;
