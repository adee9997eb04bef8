import * as z from "zod";
import { AccountRef, commandBase, Id } from "../wire.js";
import { AssetKind, AssetName, FieldSpec, FieldValue, LeadSourceRef } from "./model.js";

const inAccount = { ...commandBase, account: AccountRef };
const onContact = { ...inAccount, contactId: Id };

/**
 * AST-1, AST-6: a tag, custom field or custom lead source in the account the command acts in; a custom field
 * brings its definition (`field`), the other kinds none.
 */
export const CreateAsset = z.strictObject({
  type: z.literal("createAsset"),
  ...inAccount,
  assetId: Id,
  kind: AssetKind,
  name: AssetName,
  field: FieldSpec.optional(),
});
export const RenameAsset = z.strictObject({
  type: z.literal("renameAsset"),
  ...inAccount,
  assetId: Id,
  name: AssetName,
});
/** AST-6: what happens to contacts carrying it follows `teamAssets.onDelete` (a personal asset always unlinks). */
export const DeleteAsset = z.strictObject({ type: z.literal("deleteAsset"), ...inAccount, assetId: Id });
/** AST-2: a tag of the contact's own account, by someone who may edit the contact (ASG-2, ASG-3). */
export const TagContact = z.strictObject({ type: z.literal("tagContact"), ...onContact, tagId: Id });
export const UntagContact = z.strictObject({ type: z.literal("untagContact"), ...onContact, tagId: Id });
export const SetFieldValue = z.strictObject({
  type: z.literal("setFieldValue"),
  ...onContact,
  fieldId: Id,
  value: FieldValue,
});
export const ClearFieldValue = z.strictObject({ type: z.literal("clearFieldValue"), ...onContact, fieldId: Id });
/** D-129: a built-in lead source, or a custom lead source of the contact's account. */
export const SetLeadSource = z.strictObject({ type: z.literal("setLeadSource"), ...onContact, source: LeadSourceRef });
export const ClearLeadSource = z.strictObject({ type: z.literal("clearLeadSource"), ...onContact });

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
export type AssetCommand = z.infer<(typeof assetCommandSchemas)[number]>;
