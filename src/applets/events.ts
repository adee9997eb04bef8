import * as z from "zod";
import { AccountRef, Id, Instant } from "../wire.js";
import { AppletName, Audience, OpportunityStage, OpportunityValue } from "./model.js";

const base = { at: Instant, by: Id };
/** Why a link ended: the contact moved (ACC-7) or was deleted (SHR-7, D-148), or was taken off by hand (AST-5). */
const Ended = z.enum(["ACC-7", "SHR-7"]);

export const OpportunityCreated = z.strictObject({
  type: z.literal("OpportunityCreated"),
  ...base,
  opportunityId: Id,
  account: AccountRef,
  contactId: Id,
  name: AppletName,
  stage: OpportunityStage,
  value: OpportunityValue,
});
export interface OpportunityCreated extends z.infer<typeof OpportunityCreated> {}
export const OpportunityUpdated = z.strictObject({
  type: z.literal("OpportunityUpdated"),
  ...base,
  opportunityId: Id,
  name: AppletName,
  stage: OpportunityStage,
  value: OpportunityValue,
});
/** The opportunity's name, stage and value after the change. */
export interface OpportunityUpdated extends z.infer<typeof OpportunityUpdated> {}
export const OpportunityClosed = z.strictObject({
  type: z.literal("OpportunityClosed"),
  ...base,
  opportunityId: Id,
  outcome: z.enum(["won", "lost"]),
});
export interface OpportunityClosed extends z.infer<typeof OpportunityClosed> {}
export const OpportunityDeleted = z.strictObject({ type: z.literal("OpportunityDeleted"), ...base, opportunityId: Id });
export interface OpportunityDeleted extends z.infer<typeof OpportunityDeleted> {}
export const OpportunityUnlinked = z.strictObject({
  type: z.literal("OpportunityUnlinked"),
  ...base,
  opportunityId: Id,
  contactId: Id,
  rule: Ended,
});
/** AST-3: the link to a contact that left the account (ACC-7) or was deleted (SHR-7) ends; the opportunity stays. */
export interface OpportunityUnlinked extends z.infer<typeof OpportunityUnlinked> {}
export const CampaignCreated = z.strictObject({
  type: z.literal("CampaignCreated"),
  ...base,
  campaignId: Id,
  account: AccountRef,
  name: AppletName,
  audience: Audience,
});
export interface CampaignCreated extends z.infer<typeof CampaignCreated> {}
export const CampaignDeleted = z.strictObject({ type: z.literal("CampaignDeleted"), ...base, campaignId: Id });
export interface CampaignDeleted extends z.infer<typeof CampaignDeleted> {}
export const CampaignMemberAdded = z.strictObject({
  type: z.literal("CampaignMemberAdded"),
  ...base,
  campaignId: Id,
  contactId: Id,
});
export interface CampaignMemberAdded extends z.infer<typeof CampaignMemberAdded> {}
export const CampaignMemberRemoved = z.strictObject({
  type: z.literal("CampaignMemberRemoved"),
  ...base,
  campaignId: Id,
  contactId: Id,
  rule: z.enum(["AST-5", "ACC-7", "SHR-7"]),
});
export interface CampaignMemberRemoved extends z.infer<typeof CampaignMemberRemoved> {}
export const CampaignEmailSent = z.strictObject({
  type: z.literal("CampaignEmailSent"),
  ...base,
  campaignId: Id,
  contactId: Id,
  senderId: Id,
  to: z.string().max(320),
  month: z.string().max(8),
});
/** SP-4 through AST-5: sent from and charged to the designated agent, in the office's calendar `month`. */
export interface CampaignEmailSent extends z.infer<typeof CampaignEmailSent> {}
export const CampaignEmailSkipped = z.strictObject({
  type: z.literal("CampaignEmailSkipped"),
  ...base,
  campaignId: Id,
  contactId: Id,
  agentId: Id,
  reason: z.enum(["noValidEmail", "emailOptedOut", "emailLimitReached", "agentDeactivated", "noContactAssignee"]),
  rule: z.enum(["SP-9", "SP-4", "LIF-7", "SEC-6"]),
});
/** SP-9, SP-4, LIF-7, SEC-6 through AST-5: a recipient not emailed, and why; nobody is charged. */
export interface CampaignEmailSkipped extends z.infer<typeof CampaignEmailSkipped> {}
export const CampaignSent = z.strictObject({
  type: z.literal("CampaignSent"),
  ...base,
  campaignId: Id,
  sent: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});
/** The send is over (after one event per recipient): the campaign is sent and stays so (D-146). */
export interface CampaignSent extends z.infer<typeof CampaignSent> {}

export const appletEventSchemas = [
  OpportunityCreated,
  OpportunityUpdated,
  OpportunityClosed,
  OpportunityDeleted,
  OpportunityUnlinked,
  CampaignCreated,
  CampaignDeleted,
  CampaignMemberAdded,
  CampaignMemberRemoved,
  CampaignEmailSent,
  CampaignEmailSkipped,
  CampaignSent,
] as const;
export type AppletEvent =
  | OpportunityCreated
  | OpportunityUpdated
  | OpportunityClosed
  | OpportunityDeleted
  | OpportunityUnlinked
  | CampaignCreated
  | CampaignDeleted
  | CampaignMemberAdded
  | CampaignMemberRemoved
  | CampaignEmailSent
  | CampaignEmailSkipped
  | CampaignSent;
