import * as z from "zod";
import { AccountRef, commandBase, Id } from "../wire.js";
import { AppletName, Audience, OpenStage, OpportunityValue } from "./model.js";

const inAccount = { ...commandBase, account: AccountRef };

export const CreateOpportunity = z.strictObject({
  type: z.literal("createOpportunity"),
  ...inAccount,
  opportunityId: Id,
  contactId: Id,
  name: AppletName,
  stage: OpenStage,
  value: OpportunityValue,
});
/** AST-4: an opportunity of the account, linked to one of its contacts the actor may edit (ACC-6). */
export interface CreateOpportunity extends z.infer<typeof CreateOpportunity> {}
export const UpdateOpportunity = z.strictObject({
  type: z.literal("updateOpportunity"),
  ...inAccount,
  opportunityId: Id,
  name: AppletName.optional(),
  stage: OpenStage.optional(),
  value: OpportunityValue.optional(),
});
/** AST-4: a new name, open stage or value; one that changes none of them is `no_change`. */
export interface UpdateOpportunity extends z.infer<typeof UpdateOpportunity> {}
export const CloseOpportunity = z.strictObject({
  type: z.literal("closeOpportunity"),
  ...inAccount,
  opportunityId: Id,
  outcome: z.enum(["won", "lost"]),
});
export interface CloseOpportunity extends z.infer<typeof CloseOpportunity> {}
export const DeleteOpportunity = z.strictObject({
  type: z.literal("deleteOpportunity"),
  ...inAccount,
  opportunityId: Id,
});
export interface DeleteOpportunity extends z.infer<typeof DeleteOpportunity> {}

export const CreateCampaign = z.strictObject({
  type: z.literal("createCampaign"),
  ...inAccount,
  campaignId: Id,
  name: AppletName,
  audience: Audience,
});
/** AST-5: an email campaign of the account, with explicit members added later and/or an audience rule. */
export interface CreateCampaign extends z.infer<typeof CreateCampaign> {}
export const DeleteCampaign = z.strictObject({ type: z.literal("deleteCampaign"), ...inAccount, campaignId: Id });
export interface DeleteCampaign extends z.infer<typeof DeleteCampaign> {}
export const AddCampaignMember = z.strictObject({
  type: z.literal("addCampaignMember"),
  ...inAccount,
  campaignId: Id,
  contactId: Id,
});
export interface AddCampaignMember extends z.infer<typeof AddCampaignMember> {}
export const RemoveCampaignMember = z.strictObject({
  type: z.literal("removeCampaignMember"),
  ...inAccount,
  campaignId: Id,
  contactId: Id,
});
export interface RemoveCampaignMember extends z.infer<typeof RemoveCampaignMember> {}
export const SendCampaign = z.strictObject({ type: z.literal("sendCampaign"), ...inAccount, campaignId: Id });
/** AST-5: sends the campaign once; `previewCampaign` answers what this would do without spending. */
export interface SendCampaign extends z.infer<typeof SendCampaign> {}

export const appletCommandSchemas = [
  CreateOpportunity,
  UpdateOpportunity,
  CloseOpportunity,
  DeleteOpportunity,
  CreateCampaign,
  DeleteCampaign,
  AddCampaignMember,
  RemoveCampaignMember,
  SendCampaign,
] as const;
export type AppletCommand =
  | CreateOpportunity
  | UpdateOpportunity
  | CloseOpportunity
  | DeleteOpportunity
  | CreateCampaign
  | DeleteCampaign
  | AddCampaignMember
  | RemoveCampaignMember
  | SendCampaign;
