import * as z from "zod";
import { RULE_IDS } from "../rules.js";
import { AccountRef, Id, Instant } from "../wire.js";
import { AssetKind, AssetName, FieldSpec, FieldValue, LeadSourceRef } from "./model.js";

const base = { at: Instant, by: Id };
const onContact = { ...base, contactId: Id };
/** Why a link ended: taken off by hand (the edit rule), ACC-7 (moved), SHR-7 (deleted), AST-6 (its asset deleted). */
const rule = z.enum(RULE_IDS);

export const AssetCreated = z.strictObject({
  type: z.literal("AssetCreated"),
  ...base,
  assetId: Id,
  account: AccountRef,
  kind: AssetKind,
  name: AssetName,
  field: FieldSpec.optional(),
});
export interface AssetCreated extends z.infer<typeof AssetCreated> {}
export const AssetRenamed = z.strictObject({
  type: z.literal("AssetRenamed"),
  ...base,
  assetId: Id,
  from: AssetName,
  to: AssetName,
});
export interface AssetRenamed extends z.infer<typeof AssetRenamed> {}
export const AssetDeleted = z.strictObject({ type: z.literal("AssetDeleted"), ...base, assetId: Id });
/** AST-6: recorded after the links it ends, one event each (or refused while in use, as configured). */
export interface AssetDeleted extends z.infer<typeof AssetDeleted> {}
export const ContactTagged = z.strictObject({ type: z.literal("ContactTagged"), ...onContact, tagId: Id });
export interface ContactTagged extends z.infer<typeof ContactTagged> {}
export const ContactUntagged = z.strictObject({ type: z.literal("ContactUntagged"), ...onContact, tagId: Id, rule });
export interface ContactUntagged extends z.infer<typeof ContactUntagged> {}
export const FieldValueSet = z.strictObject({
  type: z.literal("FieldValueSet"),
  ...onContact,
  fieldId: Id,
  value: FieldValue,
});
export interface FieldValueSet extends z.infer<typeof FieldValueSet> {}
export const FieldValueCleared = z.strictObject({
  type: z.literal("FieldValueCleared"),
  ...onContact,
  fieldId: Id,
  rule,
});
export interface FieldValueCleared extends z.infer<typeof FieldValueCleared> {}
export const LeadSourceSet = z.strictObject({ type: z.literal("LeadSourceSet"), ...onContact, source: LeadSourceRef });
export interface LeadSourceSet extends z.infer<typeof LeadSourceSet> {}
export const LeadSourceCleared = z.strictObject({ type: z.literal("LeadSourceCleared"), ...onContact, rule });
export interface LeadSourceCleared extends z.infer<typeof LeadSourceCleared> {}

export const assetEventSchemas = [
  AssetCreated,
  AssetRenamed,
  AssetDeleted,
  ContactTagged,
  ContactUntagged,
  FieldValueSet,
  FieldValueCleared,
  LeadSourceSet,
  LeadSourceCleared,
] as const;
export type AssetEvent =
  | AssetCreated
  | AssetRenamed
  | AssetDeleted
  | ContactTagged
  | ContactUntagged
  | FieldValueSet
  | FieldValueCleared
  | LeadSourceSet
  | LeadSourceCleared;
