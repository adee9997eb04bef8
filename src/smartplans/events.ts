import * as z from "zod";
import { RULE_IDS } from "../rules.js";
import { AccountRef, Id, Instant, Label } from "../wire.js";
import { AgentDefaults, AgentRole, Step } from "./model.js";
import { TaskReason } from "../profile/model.js";

const base = { at: Instant, by: Id };
const onStep = { ...base, planId: Id, stepId: Id, contactId: Id };

export const SmartPlanCreated = z.strictObject({ type: z.literal("SmartPlanCreated"), ...base, planId: Id, account: AccountRef, name: Label, steps: z.array(Step) });
export const AgentDefaultsChanged = z.strictObject({ type: z.literal("AgentDefaultsChanged"), ...base, teamId: Id, defaults: AgentDefaults });
export const StepDesigneeChanged = z.strictObject({ type: z.literal("StepDesigneeChanged"), ...base, planId: Id, stepId: Id, designee: AgentRole.nullable() });
export const ContactEnrolled = z.strictObject({ type: z.literal("ContactEnrolled"), ...base, planId: Id, contactId: Id });
export const ContactUnenrolled = z.strictObject({ type: z.literal("ContactUnenrolled"), ...base, planId: Id, contactId: Id, rule: z.enum(RULE_IDS) });
export const MessagingPlanChanged = z.strictObject({
  type: z.literal("MessagingPlanChanged"),
  ...base,
  userId: Id,
  emailMonthlyLimit: z.number().int().nonnegative(),
  twilio: z.boolean(),
});
export const TwilioCreditsAdded = z.strictObject({ type: z.literal("TwilioCreditsAdded"), ...base, userId: Id, credits: z.number().int().positive() });
/** SP-4: sent from and charged to the designated agent, in the office's calendar `month`. */
export const EmailSent = z.strictObject({ type: z.literal("EmailSent"), ...onStep, senderId: Id, to: z.string(), month: z.string() });
/** SP-5: the designated agent's Twilio number and credits; replies route to them. */
export const TextSent = z.strictObject({
  type: z.literal("TextSent"),
  ...onStep,
  senderId: Id,
  to: z.string(),
  kind: z.enum(["sms", "mms"]),
  international: z.boolean(),
  credits: z.number().int().positive(),
});
/** SP-6, SP-7: a task for the designated agent (a task step, a call reminder, or a text to send by hand). */
export const TaskCreated = z.strictObject({
  type: z.literal("TaskCreated"),
  ...onStep,
  assigneeId: Id,
  reason: TaskReason,
  /** The task's id on the contact's file (`planTaskId`); events written by 0.1.0 lack it and get the same id on replay. */
  taskId: Id.optional(),
});
/** The step failed, is recorded, and the plan moves on (SP-4, SP-9). */
export const StepFailed = z.strictObject({
  type: z.literal("StepFailed"),
  ...onStep,
  agentId: Id,
  reason: z.enum(["noValidEmail", "emailOptedOut", "emailLimitReached", "noValidPhone", "phoneOptedOut", "insufficientCredits", "agentDeactivated"]),
  rule: z.enum(RULE_IDS),
});
export const StepDeferred = z.strictObject({ type: z.literal("StepDeferred"), ...onStep, until: Instant });

export const smartPlanEventSchemas = [
  SmartPlanCreated,
  AgentDefaultsChanged,
  StepDesigneeChanged,
  ContactEnrolled,
  ContactUnenrolled,
  MessagingPlanChanged,
  TwilioCreditsAdded,
  EmailSent,
  TextSent,
  TaskCreated,
  StepFailed,
  StepDeferred,
] as const;
export type SmartPlanEvent = z.infer<(typeof smartPlanEventSchemas)[number]>;
