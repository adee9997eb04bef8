import * as z from "zod";
import { AccountRef, commandBase, Id } from "../wire.js";
import { AppletName, Audience, OpenStage, OpportunityValue } from "./model.js";

const inAccount = { ...commandBase, account: AccountRef };

/** AST-4: an opportunity of the account, linked to one of its contacts the actor may edit (ACC-6). */
export const CreateOpportunity = z.strictObject({
  type: z.literal("createOpportunity"),
  ...inAccount,
  opportunityId: Id,
  contactId: Id,
  name: AppletName,
  stage: OpenStage,
  value: OpportunityValue,
});
/** AST-4: a new name, open stage or value; one that changes none of them is `no_change`. */
export const UpdateOpportunity = z.strictObject({
  type: z.literal("updateOpportunity"),
  ...inAccount,
  opportunityId: Id,
  name: AppletName.optional(),
  stage: OpenStage.optional(),
  value: OpportunityValue.optional(),
});
export const CloseOpportunity = z.strictObject({
  type: z.literal("closeOpportunity"),
  ...inAccount,
  opportunityId: Id,
  outcome: z.enum(["won", "lost"]),
});
export const DeleteOpportunity = z.strictObject({
  type: z.literal("deleteOpportunity"),
  ...inAccount,
  opportunityId: Id,
});

/** AST-5: an email campaign of the account, with explicit members added later and/or an audience rule. */
export const CreateCampaign = z.strictObject({
  type: z.literal("createCampaign"),
  ...inAccount,
  campaignId: Id,
  name: AppletName,
  audience: Audience,
});
export const DeleteCampaign = z.strictObject({ type: z.literal("deleteCampaign"), ...inAccount, campaignId: Id });
export const AddCampaignMember = z.strictObject({
  type: z.literal("addCampaignMember"),
  ...inAccount,
  campaignId: Id,
  contactId: Id,
});
export const RemoveCampaignMember = z.strictObject({
  type: z.literal("removeCampaignMember"),
  ...inAccount,
  campaignId: Id,
  contactId: Id,
});
/** AST-5: sends the campaign once; `previewCampaign` answers what this would do without spending. */
export const SendCampaign = z.strictObject({ type: z.literal("sendCampaign"), ...inAccount, campaignId: Id });

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
export type AppletCommand = z.infer<(typeof appletCommandSchemas)[number]>;
