import * as z from "zod";
import { RULE_IDS } from "../rules.js";
import { AccountRef, Id, Instant, Label } from "../wire.js";
import { AgentDefaults, AgentRole, Step } from "./model.js";
import { TaskReason } from "../profile/model.js";

const base = { at: Instant, by: Id };
const onStep = { ...base, planId: Id, stepId: Id, contactId: Id };

export const SmartPlanCreated = z.strictObject({
  type: z.literal("SmartPlanCreated"),
  ...base,
  planId: Id,
  account: AccountRef,
  name: Label,
  steps: z.array(Step),
});
export interface SmartPlanCreated extends z.infer<typeof SmartPlanCreated> {}
export const AgentDefaultsChanged = z.strictObject({
  type: z.literal("AgentDefaultsChanged"),
  ...base,
  teamId: Id,
  defaults: AgentDefaults,
});
export interface AgentDefaultsChanged extends z.infer<typeof AgentDefaultsChanged> {}
export const StepDesigneeChanged = z.strictObject({
  type: z.literal("StepDesigneeChanged"),
  ...base,
  planId: Id,
  stepId: Id,
  designee: AgentRole.nullable(),
});
export interface StepDesigneeChanged extends z.infer<typeof StepDesigneeChanged> {}
export const ContactEnrolled = z.strictObject({
  type: z.literal("ContactEnrolled"),
  ...base,
  planId: Id,
  contactId: Id,
});
export interface ContactEnrolled extends z.infer<typeof ContactEnrolled> {}
export const ContactUnenrolled = z.strictObject({
  type: z.literal("ContactUnenrolled"),
  ...base,
  planId: Id,
  contactId: Id,
  rule: z.enum(RULE_IDS),
});
export interface ContactUnenrolled extends z.infer<typeof ContactUnenrolled> {}
export const MessagingPlanChanged = z.strictObject({
  type: z.literal("MessagingPlanChanged"),
  ...base,
  userId: Id,
  emailMonthlyLimit: z.number().int().nonnegative(),
  twilio: z.boolean(),
  /** The subscription's monthly allotment (D-101); events written by 0.1.0 lack it, and their plans bring none. */
  twilioMonthlyCredits: z.number().int().nonnegative().optional(),
});
export interface MessagingPlanChanged extends z.infer<typeof MessagingPlanChanged> {}
export const TwilioCreditsAdded = z.strictObject({
  type: z.literal("TwilioCreditsAdded"),
  ...base,
  userId: Id,
  credits: z.number().int().positive(),
});
export interface TwilioCreditsAdded extends z.infer<typeof TwilioCreditsAdded> {}
export const TwilioAllotmentCredited = z.strictObject({
  type: z.literal("TwilioAllotmentCredited"),
  ...base,
  userId: Id,
  from: z.string().max(8),
  through: z.string().max(8),
  credits: z.number().int().positive(),
});
/**
 * SP-5, D-102: a Twilio subscription's monthly allotment for the office calendar months `from` … `through`
 * (skipped months included), credited when the subscription starts and before its holder next spends or receives.
 */
export interface TwilioAllotmentCredited extends z.infer<typeof TwilioAllotmentCredited> {}
export const TextReceived = z.strictObject({
  type: z.literal("TextReceived"),
  ...base,
  userId: Id,
  from: z.string().max(32),
  messageId: Id.optional(),
  route: z.enum(["sender", "successor"]),
  credits: z.number().int().nonnegative(),
  unpaid: z.enum(["insufficientCredits", "noTwilioSubscription", "standIn"]).optional(),
});
/**
 * SP-5, D-103: a reply from `from` delivered to `userId` — the agent who sent the last SmartPlan text to that number
 * (`route: "sender"`, charged `credits`), or their successor while they are deactivated (`"successor"`, charged
 * nothing). `unpaid` says why nothing was charged.
 */
export interface TextReceived extends z.infer<typeof TextReceived> {}
export const TextUnrouted = z.strictObject({
  type: z.literal("TextUnrouted"),
  ...base,
  from: z.string().max(32),
  messageId: Id.optional(),
  reason: z.enum(["noRoute", "phoneOptedOut", "resubscribeRefused", "recipientDeactivated"]),
  rule: z.enum(RULE_IDS),
});
/** D-104: a reply that reaches nobody, recorded with the reason rather than lost. */
export interface TextUnrouted extends z.infer<typeof TextUnrouted> {}
export const EmailSent = z.strictObject({
  type: z.literal("EmailSent"),
  ...onStep,
  senderId: Id,
  to: z.string(),
  month: z.string(),
});
/** SP-4: sent from and charged to the designated agent, in the office's calendar `month`. */
export interface EmailSent extends z.infer<typeof EmailSent> {}
export const TextSent = z.strictObject({
  type: z.literal("TextSent"),
  ...onStep,
  senderId: Id,
  to: z.string(),
  kind: z.enum(["sms", "mms"]),
  international: z.boolean(),
  credits: z.number().int().positive(),
});
/** SP-5: the designated agent's Twilio number and credits; replies route to them. */
export interface TextSent extends z.infer<typeof TextSent> {}
export const TaskCreated = z.strictObject({
  type: z.literal("TaskCreated"),
  ...onStep,
  assigneeId: Id,
  reason: TaskReason,
  /** The task's id on the contact's file (`planTaskId`); events written by 0.1.0 lack it and get the same id on replay. */
  taskId: Id.optional(),
});
/** SP-6, SP-7: a task for the designated agent (a task step, a call reminder, or a text to send by hand). */
export interface TaskCreated extends z.infer<typeof TaskCreated> {}
export const StepFailed = z.strictObject({
  type: z.literal("StepFailed"),
  ...onStep,
  agentId: Id,
  reason: z.enum([
    "noValidEmail",
    "emailOptedOut",
    "emailLimitReached",
    "noValidPhone",
    "phoneOptedOut",
    "insufficientCredits",
    "agentDeactivated",
  ]),
  rule: z.enum(RULE_IDS),
});
/** The step failed, is recorded, and the plan moves on (SP-4, SP-9). */
export interface StepFailed extends z.infer<typeof StepFailed> {}
export const StepDeferred = z.strictObject({ type: z.literal("StepDeferred"), ...onStep, until: Instant });
export interface StepDeferred extends z.infer<typeof StepDeferred> {}

export const smartPlanEventSchemas = [
  SmartPlanCreated,
  AgentDefaultsChanged,
  StepDesigneeChanged,
  ContactEnrolled,
  ContactUnenrolled,
  MessagingPlanChanged,
  TwilioCreditsAdded,
  TwilioAllotmentCredited,
  TextReceived,
  TextUnrouted,
  EmailSent,
  TextSent,
  TaskCreated,
  StepFailed,
  StepDeferred,
] as const;
export type SmartPlanEvent =
  | SmartPlanCreated
  | AgentDefaultsChanged
  | StepDesigneeChanged
  | ContactEnrolled
  | ContactUnenrolled
  | MessagingPlanChanged
  | TwilioCreditsAdded
  | TwilioAllotmentCredited
  | TextReceived
  | TextUnrouted
  | EmailSent
  | TextSent
  | TaskCreated
  | StepFailed
  | StepDeferred;
