import * as E from "../either.js";
import { get, has } from "../collections/persistent-map.js";
import type { Contact } from "../contacts/model.js";
import { domainError, invalidInput, type DomainError } from "../errors.js";
import { emailKey, isValidEmail, normalizePhone, parsePhone } from "../lifecycle/contact-points.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";
import { describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import {
  DEFAULT_AGENT_DEFAULTS,
  defaultGroupOf,
  type AgentRole,
  type Messaging,
  type SmartPlan,
  type Step,
} from "./model.js";
import { monthAt, monthIndex, monthOf, nextOpening } from "./sending-window.js";

/** Who a step was designated to, and how that was worked out (SP-1, SP-3, SP-8). */
export interface Designation {
  readonly role: AgentRole | "accountUser";
  readonly agentId: string;
  /** Why the designated role could not be used and the rainmaker stands in, or null. */
  readonly fallback: string | null;
  readonly rule: RuleId;
}

export type StepOutcome =
  | {
      readonly kind: "task";
      readonly assigneeId: string;
      readonly reason: "taskStep" | "callReminder" | "noTwilioSubscription" | "noContactAssignee";
    }
  | {
      readonly kind: "email";
      readonly senderId: string;
      readonly chargedTo: string;
      readonly to: string;
      readonly month: string;
    }
  | {
      readonly kind: "text";
      readonly senderId: string;
      readonly chargedTo: string;
      readonly repliesTo: string;
      readonly to: string;
      readonly textKind: "sms" | "mms";
      readonly international: boolean;
      readonly credits: number;
    }
  | {
      readonly kind: "failed";
      readonly agentId: string;
      readonly reason:
        | "noValidEmail"
        | "emailOptedOut"
        | "emailLimitReached"
        | "noValidPhone"
        | "phoneOptedOut"
        | "insufficientCredits"
        | "agentDeactivated";
      readonly rule: RuleId;
    }
  | { readonly kind: "deferred"; readonly until: string };

/** What a SmartPlan step would do for one contact at one moment, and why. */
export interface StepResolution {
  readonly planId: string;
  readonly stepId: string;
  readonly contactId: string;
  readonly designation: Designation;
  readonly outcome: StepOutcome;
  readonly rules: readonly RuleId[];
  readonly message: string;
}

/** A user's messaging record as stored (as set by their plan's events), or the record of a user who has none. */
export function storedMessaging(state: State, userId: string): Messaging {
  return (
    get(state.messaging, userId) ?? {
      emailMonthlyLimit: state.configuration.defaultEmailMonthlyLimit,
      twilio: false,
      credits: 0,
      month: "",
      emailsSent: 0,
    }
  );
}

/** A Twilio subscription's monthly credits due at `at`: the months after the last one credited, through `at`'s (D-102). */
export interface AllotmentDue {
  readonly from: string;
  readonly through: string;
  readonly credits: number;
}

/**
 * D-102: the allotment owed to a subscriber at `at` — every office calendar month after the last one credited,
 * through the month of `at`, skipped months included; null when nothing is owed (no subscription, no allotment,
 * nothing credited yet, or `at` not after the last month credited).
 */
export function allotmentDue(state: State, userId: string, at: string): AllotmentDue | null {
  const m = storedMessaging(state, userId);
  const allotment = m.twilioMonthlyCredits ?? 0;
  if (!m.twilio || allotment === 0 || m.creditedThrough === undefined || Number.isNaN(Date.parse(at))) return null;
  const last = monthIndex(m.creditedThrough);
  const now = monthIndex(monthOf(at, state.configuration.officeTimeZone));
  if (last === null || now === null || now <= last) return null;
  return { from: monthAt(last + 1), through: monthAt(now), credits: allotment * (now - last) };
}

/**
 * A user's email plan, Twilio subscription, credits and this month's sends, as the next step would find them:
 * the email limit is the plan's, never below the office's base allowance (`defaultEmailMonthlyLimit`, SP-4,
 * D-100); given `at`, the credits count the subscription's monthly allotment due by then (SP-5, D-102) without
 * crediting it.
 * @example
 * import { initialState, messagingOf } from "crm-access";
 * assert.strictEqual(messagingOf(initialState(), "sam").emailMonthlyLimit, 5000);
 * @since 0.1.0
 */
export function messagingOf(state: State, userId: string, at?: string): Messaging {
  const m = storedMessaging(state, userId);
  const base = state.configuration.defaultEmailMonthlyLimit;
  const due = at === undefined ? null : allotmentDue(state, userId, at);
  if (m.emailMonthlyLimit >= base && due === null) return m;
  return Object.freeze({
    ...m,
    emailMonthlyLimit: Math.max(m.emailMonthlyLimit, base),
    ...(due === null ? {} : { credits: m.credits + due.credits, creditedThrough: due.through }),
  });
}

/** The role a team plan's step is designated to: its own override (SP-2), else the team's default for its type (SP-1). */
export function designatedRole(
  state: State,
  teamId: string,
  step: Step,
): { readonly role: AgentRole; readonly overridden: boolean } {
  if (step.designee !== undefined) return { role: step.designee, overridden: true };
  const defaults = get(state.agentDefaults, teamId) ?? DEFAULT_AGENT_DEFAULTS;
  return { role: defaults[defaultGroupOf(step.kind)], overridden: false };
}

/** SP-8 for personal plans; SP-1 and SP-3 for team plans, with the rainmaker standing in for a missing assignee. */
function designate(state: State, plan: SmartPlan, step: Step, contact: Contact): Designation {
  if (plan.account.kind === "personal")
    return { role: "accountUser", agentId: plan.account.userId, fallback: null, rule: "SP-8" };
  const team = get(state.teams, plan.account.teamId);
  const rainmaker = team?.rainmakerId ?? "";
  const { role } = designatedRole(state, plan.account.teamId, step);
  switch (role) {
    case "rainmaker":
      return { role, agentId: rainmaker, fallback: null, rule: "SP-1" };
    case "contactAssignee": {
      const primary = contact.primary;
      if (primary === null)
        return {
          role,
          agentId: rainmaker,
          fallback: "the contact has no primary assignee, so the rainmaker stands in",
          rule: "SP-3",
        };
      if (get(state.users, primary)?.status !== "active") {
        return {
          role,
          agentId: rainmaker,
          fallback: `the primary assignee ${primary} is deactivated, so the rainmaker stands in`,
          rule: "SP-3",
        };
      }
      return { role, agentId: primary, fallback: null, rule: "SP-3" };
    }
  }
}

function emailOutcome(state: State, contact: Contact, agentId: string, at: string): StepOutcome {
  const valid = (contact.details.emails ?? []).filter(isValidEmail);
  if (valid.length === 0) return { kind: "failed", agentId, reason: "noValidEmail", rule: "SP-9" };
  const to = valid.find((e) => !has(state.optOuts, `email:${emailKey(e)}`));
  if (to === undefined) return { kind: "failed", agentId, reason: "emailOptedOut", rule: "SP-9" };
  const month = monthOf(at, state.configuration.officeTimeZone);
  const plan = messagingOf(state, agentId);
  const sent = plan.month === month ? plan.emailsSent : 0;
  if (sent >= plan.emailMonthlyLimit) return { kind: "failed", agentId, reason: "emailLimitReached", rule: "SP-4" };
  return { kind: "email", senderId: agentId, chargedTo: agentId, to: to.trim(), month };
}

/** 1 credit per domestic SMS, 2 international, 3 per MMS (SP-5 [doc]). */
function creditsFor(kind: "sms" | "mms", international: boolean): number {
  return kind === "mms" ? 3 : international ? 2 : 1;
}

function textOutcome(state: State, contact: Contact, agentId: string, kind: "sms" | "mms", at: string): StepOutcome {
  const country = state.configuration.defaultPhoneCountry;
  const valid = (contact.details.phones ?? [])
    .map((p) => normalizePhone(p, country))
    .filter((p): p is string => p !== null);
  if (valid.length === 0) return { kind: "failed", agentId, reason: "noValidPhone", rule: "SP-9" };
  const to = valid.find((p) => !has(state.optOuts, `phone:${p}`));
  if (to === undefined) return { kind: "failed", agentId, reason: "phoneOptedOut", rule: "SP-9" };
  const plan = messagingOf(state, agentId, at);
  if (!plan.twilio) return { kind: "task", assigneeId: agentId, reason: "noTwilioSubscription" };
  const until = nextOpening(at, { ...state.configuration.textWindow, timeZone: state.configuration.officeTimeZone });
  if (until !== null) return { kind: "deferred", until };
  const international = parsePhone(to)?.country !== country;
  const credits = creditsFor(kind, international);
  if (plan.credits < credits) return { kind: "failed", agentId, reason: "insufficientCredits", rule: "SP-5" };
  return {
    kind: "text",
    senderId: agentId,
    chargedTo: agentId,
    repliesTo: agentId,
    to,
    textKind: kind,
    international,
    credits,
  };
}

function describe(outcome: StepOutcome, designation: Designation): string {
  const who = designation.fallback === null ? designation.agentId : `${designation.agentId} (${designation.fallback})`;
  switch (outcome.kind) {
    case "task":
      if (outcome.reason === "noTwilioSubscription")
        return `task for ${who} to text the contact outside the system: no Twilio subscription`;
      if (outcome.reason === "noContactAssignee")
        return `task for ${who} to reach the contact or assign a primary: a stand-in sends nothing at their own cost`;
      return `task assigned to ${who}`;
    case "email":
      return `email to ${outcome.to} sent from and charged to ${who}`;
    case "text":
      return `${outcome.textKind.toUpperCase()} to ${outcome.to} from ${who}'s Twilio number, ${outcome.credits} credit(s); replies go to ${outcome.repliesTo}`;
    case "failed":
      return `step fails for ${who}: ${outcome.reason}`;
    case "deferred":
      return `deferred until ${outcome.until}, the next opening of the sending window`;
  }
}

/** What the step does for the designated agent, adding the rules that decide it. */
function outcomeOf(
  state: State,
  step: Step,
  contact: Contact,
  designation: Designation,
  at: string,
  rules: RuleId[],
): StepOutcome {
  const agent = designation.agentId;
  if (get(state.users, agent)?.status !== "active") {
    // LIF-7: nothing acts for a deactivated user — no send, no charge, no reply route — until reactivated.
    return { kind: "failed", agentId: agent, reason: "agentDeactivated", rule: "LIF-7" };
  }
  const spends = step.kind === "email" || step.kind === "sms" || step.kind === "mms";
  if (spends && designation.fallback !== null) {
    // SEC-6: a stand-in's quota or credits are spent only where someone with the SP-2 right designated them.
    rules.push("SEC-6", "SP-7");
    return { kind: "task", assigneeId: agent, reason: "noContactAssignee" };
  }
  switch (step.kind) {
    case "task":
      rules.push("SP-7");
      return { kind: "task", assigneeId: agent, reason: "taskStep" };
    case "call":
      rules.push("SP-7");
      return { kind: "task", assigneeId: agent, reason: "callReminder" };
    case "email":
      rules.push("SP-4");
      return emailOutcome(state, contact, agent, at);
    case "sms":
    case "mms": {
      const outcome = textOutcome(state, contact, agent, step.kind, at);
      rules.push(outcome.kind === "task" ? "SP-6" : "SP-5");
      return outcome;
    }
  }
}

/**
 * Who would send, be tasked or be charged for a SmartPlan step for one contact at `at`, and why — without
 * consuming anything. A team plan only takes team-account contacts, a personal plan only its user's (ACC-6).
 * @example
 * import { initialState, resolveStep } from "crm-access";
 * const resolution = resolveStep(initialState(), { planId: "p1", stepId: "s1", contactId: "c1",
 *   at: "2026-03-02T16:00:00Z" });
 * assert.deepStrictEqual(resolution,
 *   { _tag: "Left", left: { code: "plan_not_found", rule: "SP-1", message: "no SmartPlan p1" } });
 * @since 0.1.0
 */
export function resolveStep(
  state: State,
  request: { readonly planId: string; readonly stepId: string; readonly contactId: string; readonly at: string },
): E.Either<DomainError, StepResolution> {
  const plan = get(state.plans, request.planId);
  if (plan === undefined) return E.left(domainError("plan_not_found", "SP-1", `no SmartPlan ${request.planId}`));
  const step = plan.steps.find((s) => s.id === request.stepId);
  if (step === undefined)
    return E.left(domainError("step_not_found", "SP-1", `SmartPlan ${plan.id} has no step ${request.stepId}`));
  const contact = get(state.contacts, request.contactId);
  if (contact === undefined)
    return E.left(domainError("contact_not_found", "ACC-6", `no contact ${request.contactId}`));
  if (!sameAccount(plan.account, contact.account)) {
    return E.left(
      domainError(
        "wrong_account",
        "ACC-6",
        `SmartPlan ${plan.id} belongs to the ${describeAccount(plan.account)}; it does not recognise contacts of the ${describeAccount(contact.account)}`,
      ),
    );
  }
  if (Number.isNaN(Date.parse(request.at))) return E.left(invalidInput(`${request.at} is not a date-time`, ["at"]));
  const designation = designate(state, plan, step, contact);
  const rules: RuleId[] = [designation.rule];
  const outcome = outcomeOf(state, step, contact, designation, request.at, rules);
  if (outcome.kind === "failed" && !rules.includes(outcome.rule)) rules.push(outcome.rule);
  return E.right(
    Object.freeze({
      planId: plan.id,
      stepId: step.id,
      contactId: contact.id,
      designation,
      outcome,
      rules,
      message: describe(outcome, designation),
    }),
  );
}

const CAMPAIGN_EMAIL: Step = Object.freeze({ id: "email", kind: "email", title: "" });

/**
 * AST-5: one email of a campaign of `account` to `contact`, resolved as an email step of a plan of that account
 * with the team's default designation (SP-1, SP-3, SP-8): the sender and who is charged (SP-4), or why nothing goes
 * out (SP-9, LIF-7, SEC-6). Spends nothing.
 */
export function resolveAccountEmail(
  state: State,
  account: AccountRef,
  contact: Contact,
  at: string,
): { readonly designation: Designation; readonly outcome: StepOutcome } {
  const designation = designate(state, { id: "", account, name: "", steps: [] }, CAMPAIGN_EMAIL, contact);
  // The campaign's events carry their own rule; the rules a step's resolution collects are not needed here.
  return { designation, outcome: outcomeOf(state, CAMPAIGN_EMAIL, contact, designation, at, [designation.rule]) };
}
