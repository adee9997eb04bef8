import * as z from "zod";
import { AccountRef, commandBase, Id, Label, OfficeContext, TeamAccount } from "../wire.js";
import { AgentDefaults, AgentRole, MAX_TWILIO_MONTHLY_CREDITS, Step } from "./model.js";

export const CreateSmartPlan = z.strictObject({
  type: z.literal("createSmartPlan"),
  ...commandBase,
  account: AccountRef,
  planId: Id,
  name: Label,
  steps: z.array(Step).min(1).max(200),
});
export interface CreateSmartPlan extends z.infer<typeof CreateSmartPlan> {}

export const SetAgentDefaults = z.strictObject({
  type: z.literal("setAgentDefaults"),
  ...commandBase,
  account: TeamAccount,
  defaults: AgentDefaults,
});
/** SP-2: the rainmaker or an `enhanced`/`unlimited` member sets the team's agent defaults. */
export interface SetAgentDefaults extends z.infer<typeof SetAgentDefaults> {}

export const SetStepDesignee = z.strictObject({
  type: z.literal("setStepDesignee"),
  ...commandBase,
  account: TeamAccount,
  planId: Id,
  stepId: Id,
  designee: AgentRole.nullable(),
});
/** SP-2: one step of a team plan overrides the default (`null` returns it to the default). */
export interface SetStepDesignee extends z.infer<typeof SetStepDesignee> {}

export const EnrolContact = z.strictObject({
  type: z.literal("enrolContact"),
  ...commandBase,
  account: AccountRef,
  planId: Id,
  contactId: Id,
});
/** LIF-8: enrolment is always an explicit command. */
export interface EnrolContact extends z.infer<typeof EnrolContact> {}
export const UnenrolContact = z.strictObject({
  type: z.literal("unenrolContact"),
  ...commandBase,
  account: AccountRef,
  planId: Id,
  contactId: Id,
});
export interface UnenrolContact extends z.infer<typeof UnenrolContact> {}

export const SetMessagingPlan = z.strictObject({
  type: z.literal("setMessagingPlan"),
  ...commandBase,
  account: OfficeContext,
  userId: Id,
  emailMonthlyLimit: z.number().int().min(0).max(10_000_000).optional(),
  twilio: z.boolean().optional(),
  twilioMonthlyCredits: z.number().int().min(0).max(MAX_TWILIO_MONTHLY_CREDITS).optional(),
});
/**
 * A user's messaging plan, set by the user themselves or an office admin (D-100): the email plan's monthly limit
 * (never below the office's base allowance, SP-4), whether they hold a Twilio subscription, and its monthly
 * credit allotment (D-101).
 */
export interface SetMessagingPlan extends z.infer<typeof SetMessagingPlan> {}

export const ReceiveText = z.strictObject({
  type: z.literal("receiveText"),
  ...commandBase,
  account: OfficeContext,
  from: z.string().min(1).max(64),
  messageId: Id.optional(),
  body: z.string().max(1600).optional(),
});
/**
 * An inbound text from `from`, as the service's Twilio integration reports it, run by an office admin or master
 * user (D-103): routed to the agent who sent the last SmartPlan text to that number (SP-5). `body` is read only
 * for an opt-in keyword from an opted-out number (LIF-3) and is not recorded.
 */
export interface ReceiveText extends z.infer<typeof ReceiveText> {}

export const AddTwilioCredits = z.strictObject({
  type: z.literal("addTwilioCredits"),
  ...commandBase,
  account: OfficeContext,
  userId: Id,
  credits: z.number().int().min(1).max(10_000_000),
});
export interface AddTwilioCredits extends z.infer<typeof AddTwilioCredits> {}

export const RunStep = z.strictObject({
  type: z.literal("runStep"),
  ...commandBase,
  account: AccountRef,
  planId: Id,
  stepId: Id,
  contactId: Id,
});
/** Runs one step for one enrolled contact and records what happened, so quotas and balances follow from events. */
export interface RunStep extends z.infer<typeof RunStep> {}

export const smartPlanCommandSchemas = [
  CreateSmartPlan,
  SetAgentDefaults,
  SetStepDesignee,
  EnrolContact,
  UnenrolContact,
  SetMessagingPlan,
  AddTwilioCredits,
  RunStep,
  ReceiveText,
] as const;
export type SmartPlanCommand =
  | CreateSmartPlan
  | SetAgentDefaults
  | SetStepDesignee
  | EnrolContact
  | UnenrolContact
  | SetMessagingPlan
  | AddTwilioCredits
  | RunStep
  | ReceiveText;
