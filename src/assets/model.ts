import * as z from "zod";
import { get } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import { accountKey } from "../accounts/account-ref.js";
import { type AccountRef, Id } from "../wire.js";

/**
 * Team assets (AST-1, ACC-8): tags, custom field definitions and custom lead sources, each belonging to one
 * account — a team account, usable by every member, or a personal account, usable by its user alone.
 */
export const AssetKind = z.enum(["tag", "field", "leadSource"]);
export type AssetKind = z.infer<typeof AssetKind>;

/** An asset's name: 1 to 100 characters, not blank (D-133). */
export const AssetName = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => s.trim().length > 0, "a name must not be blank");

/** What a custom field holds (D-128): free text, a number, a calendar date (YYYY-MM-DD) or one of its options. */
export const FieldType = z.enum(["text", "number", "date", "choice"]);
export type FieldType = z.infer<typeof FieldType>;

/** A custom field's definition: its type and, for a single choice, its 1 to 50 options. */
export const FieldSpec = z.strictObject({
  type: FieldType,
  options: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

/** A field value as it arrives: text or a date as a string, a number as a number (checked against the field's type). */
export const FieldValue = z.union([z.string().max(1000), z.number()]);
export type FieldValue = z.infer<typeof FieldValue>;

/** D-129: the lead sources every account has; an account adds its own custom ones (AST-1). */
export const BUILT_IN_LEAD_SOURCES = [
  "website",
  "referral",
  "openHouse",
  "portal",
  "signCall",
  "socialMedia",
  "pastClient",
  "other",
] as const;
export const BuiltInLeadSource = z.enum(BUILT_IN_LEAD_SOURCES);

/** A contact's lead source: a built-in one, or a custom lead source of the contact's account. */
export const LeadSourceRef = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("builtIn"), name: BuiltInLeadSource }),
  z.strictObject({ kind: z.literal("custom"), assetId: Id }),
]);
export type LeadSourceRef = z.infer<typeof LeadSourceRef>;

/** D-133: the most assets of each kind one account holds. */
export const ASSET_LIMITS: Readonly<Record<AssetKind, number>> = Object.freeze({
  tag: 500,
  field: 100,
  leadSource: 100,
});

/** @since 0.3.0 */
export interface Asset {
  readonly id: string;
  readonly account: AccountRef;
  readonly kind: AssetKind;
  readonly name: string;
  /** Custom fields only. */
  readonly field?: FieldSpec;
}

/** What a contact carries (AST-2): tag ids sorted, field values sorted by field id, and its lead source. */
export interface ContactAssets {
  readonly tags: readonly string[];
  readonly fields: readonly { readonly fieldId: string; readonly value: FieldValue }[];
  readonly source?: LeadSourceRef;
}

export const NO_ASSETS: ContactAssets = Object.freeze({ tags: Object.freeze([]), fields: Object.freeze([]) });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a `YYYY-MM-DD` names a real calendar day (no clock read: pure arithmetic). */
function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** Why a value does not fit the field (D-128), or null when it does. */
export function fieldValueProblem(spec: FieldSpec, value: FieldValue): string | null {
  switch (spec.type) {
    case "text":
      return typeof value === "string" && value.length > 0 ? null : "a text field takes a non-empty string";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "a number field takes a finite number";
    case "date":
      return typeof value === "string" && isCalendarDate(value)
        ? null
        : "a date field takes a calendar date as YYYY-MM-DD";
    case "choice":
      return typeof value === "string" && (spec.options ?? []).includes(value)
        ? null
        : `a single-choice field takes one of its options: ${(spec.options ?? []).join(", ")}`;
  }
}

/** Why a field definition is not one (D-128), or null: a single choice lists distinct options; other types list none. */
export function fieldSpecProblem(spec: FieldSpec): string | null {
  if (spec.type !== "choice") return spec.options === undefined ? null : `a ${spec.type} field has no options`;
  const options = spec.options ?? [];
  if (options.length === 0) return "a single-choice field lists its options";
  return new Set(options).size === options.length ? null : "a single-choice field lists each option once";
}

/** The words a message uses for a kind. */
export const KIND_WORDS: Readonly<Record<AssetKind, string>> = Object.freeze({
  tag: "tag",
  field: "custom field",
  leadSource: "lead source",
});

/** The index key of an account's assets of one kind. */
export const assetIndexKey = (account: AccountRef, kind: AssetKind): string => `${accountKey(account)}\u0001${kind}`;

/** The assets a contact carries; none while it carries nothing. */
export const assetsOfContact = (state: State, contactId: string): ContactAssets =>
  get(state.contactAssets, contactId) ?? NO_ASSETS;
