import * as z from "zod";
import { type AccountRef, Id, Label } from "../wire.js";

/**
 * Who a team SmartPlan step is designated to (SP-1). An open set: a new role is one more literal here and one
 * more case in `designate`.
 */
export const AgentRole = z.enum(["rainmaker", "contactAssignee"]);
export type AgentRole = z.infer<typeof AgentRole>;

export const StepKind = z.enum(["task", "email", "sms", "mms", "call"]);
export type StepKind = z.infer<typeof StepKind>;

export const Step = z.strictObject({
  id: Id,
  kind: StepKind,
  title: Label,
  /** Overrides the team's agent default for this step (SP-2). */
  designee: AgentRole.optional(),
});
export type Step = z.infer<typeof Step>;

export interface SmartPlan {
  readonly id: string;
  readonly account: AccountRef;
  readonly name: string;
  readonly steps: readonly Step[];
}

/** Team SmartPlan settings: the agent default per step type (SP-1, SP-2). Calls follow tasks; MMS follows SMS. */
export const AgentDefaults = z.strictObject({ task: AgentRole, email: AgentRole, text: AgentRole });
export type AgentDefaults = z.infer<typeof AgentDefaults>;

export const DEFAULT_AGENT_DEFAULTS: AgentDefaults = Object.freeze({
  task: "contactAssignee",
  email: "contactAssignee",
  text: "contactAssignee",
});

/**
 * A user's messaging entitlements: the email plan's monthly limit and the Twilio subscription with its credits.
 * Stored as set; `messagingOf` answers with the effective limit (never below the office's base allowance, D-100).
 */
export interface Messaging {
  readonly emailMonthlyLimit: number;
  readonly twilio: boolean;
  /** The subscription's monthly credit allotment (D-101); absent on plans written by 0.1.0, which bring none. */
  readonly twilioMonthlyCredits?: number;
  /** The last office calendar month (`YYYY-MM`) whose allotment was credited (D-102); absent while none was. */
  readonly creditedThrough?: string;
  /** Credits roll over from month to month (SP-5). */
  readonly credits: number;
  /** Emails sent in `month` (the office's calendar month); unused sends do not roll over (SP-4). */
  readonly month: string;
  readonly emailsSent: number;
}

/** D-101: the allotment of a Twilio subscription started without naming one. */
export const DEFAULT_TWILIO_MONTHLY_CREDITS = 500;
/** The most credits a subscription brings in a month (the commands' bound). */
export const MAX_TWILIO_MONTHLY_CREDITS = 1_000_000;
/** SP-5, D-103: an inbound text costs the receiving agent one credit. */
export const INBOUND_TEXT_CREDITS = 1;

/**
 * Where a reply to a number goes (SP-5, D-103): the agent who sent the last SmartPlan text to it, and the plan that sent it.
 * @since 0.2.0
 */
export interface TextRoute {
  readonly senderId: string;
  readonly planId: string;
}

export function defaultGroupOf(kind: StepKind): keyof AgentDefaults {
  switch (kind) {
    case "task":
    case "call":
      return "task";
    case "email":
      return "email";
    case "sms":
    case "mms":
      return "text";
  }
}

export interface Enrolment {
  readonly planId: string;
  readonly contactId: string;
  readonly at: string;
  readonly by: string;
  /** Ids of the plan's steps this enrolment has run, in order (SEC-6: each at most once); absent while none. */
  readonly stepsRun?: readonly string[];
}

export const enrolmentKey = (planId: string, contactId: string): string => `${planId}\u0000${contactId}`;
