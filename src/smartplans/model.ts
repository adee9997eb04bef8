import * as z from "zod";
import { AccountRef, Id, Label } from "../wire.js";

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

export const DEFAULT_AGENT_DEFAULTS: AgentDefaults = Object.freeze({ task: "contactAssignee", email: "contactAssignee", text: "contactAssignee" });

/** A user's messaging entitlements: the email plan's monthly limit and the Twilio subscription with its credits. */
export interface Messaging {
  readonly emailMonthlyLimit: number;
  readonly twilio: boolean;
  /** Credits roll over from month to month (SP-5). */
  readonly credits: number;
  /** Emails sent in `month` (the office's calendar month); unused sends do not roll over (SP-4). */
  readonly month: string;
  readonly emailsSent: number;
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
