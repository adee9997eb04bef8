import * as E from "../either.js";
import { actingOfficeAdmin, actingUser, enterAccount } from "../accounts/actor.js";
import { isOfficeAdmin, memberOf, type User } from "../accounts/model.js";
import { get, has } from "../collections/persistent-map.js";
import { reachableContact, requirePermit } from "../contacts/guard.js";
import { domainError, notPermitted, type DomainError } from "../errors.js";
import type { State } from "../state.js";
import { describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import type { SmartPlanCommand } from "./commands.js";
import type { SmartPlanEvent } from "./events.js";
import { DEFAULT_TWILIO_MONTHLY_CREDITS, enrolmentKey, INBOUND_TEXT_CREDITS, type SmartPlan } from "./model.js";
import { allotmentDue, messagingOf, resolveStep, storedMessaging } from "./resolve.js";
import { monthIndex, monthOf } from "./sending-window.js";
import { normalizePhone } from "../lifecycle/contact-points.js";
import { EMPTY_FILE, planTaskId } from "../profile/model.js";

type Decision = E.Either<DomainError, readonly SmartPlanEvent[]>;

/** SP-2: the rainmaker, `enhanced` and `unlimited` members (and office admins) designate a team's agents. */
function designates(state: State, actor: User, teamId: string): boolean {
  if (isOfficeAdmin(actor)) return true;
  const team = get(state.teams, teamId);
  const member = team === undefined ? undefined : memberOf(team, actor.id);
  return member !== undefined && (member.role === "rainmaker" || member.level !== "standard");
}

/** ACC-8: a team plan is usable by its team (and office admins); a personal plan by its user only (ACC-5). */
function usablePlan(state: State, actor: User, account: AccountRef, planId: string): E.Either<DomainError, SmartPlan> {
  const plan = get(state.plans, planId);
  // The plan lives in the account the command acts in: a personal plan is reached only from its own account (SP-8).
  const mine =
    plan !== undefined &&
    sameAccount(plan.account, account) &&
    (plan.account.kind === "team" || plan.account.userId === actor.id);
  if (plan === undefined || !mine)
    return E.left(domainError("plan_not_found", "ACC-5", `no SmartPlan ${planId} in the ${describeAccount(account)}`));
  return E.right(plan);
}

export function decideSmartPlans(state: State, command: SmartPlanCommand): Decision {
  const { at, actor: by } = command;
  if (command.type === "setMessagingPlan") return decideMessagingPlan(state, command);
  if (command.type === "receiveText") return decideReceiveText(state, command);
  if (command.type === "addTwilioCredits") {
    const actor = actingOfficeAdmin(state, by);
    if (E.isLeft(actor)) return actor;
    if (get(state.users, command.userId) === undefined)
      return E.left(domainError("user_not_found", "office", `no user ${command.userId}`));
    return E.right([{ type: "TwilioCreditsAdded", at, by, userId: command.userId, credits: command.credits }]);
  }
  const actor = actingUser(state, by);
  if (E.isLeft(actor)) return actor;
  const entered = enterAccount(state, actor.right, command.account);
  if (E.isLeft(entered)) return entered;
  switch (command.type) {
    case "createSmartPlan": {
      // A taken id is refused naming nothing about the plan that holds it, which may be another user's (SEC-2).
      if (has(state.plans, command.planId))
        return E.left(domainError("duplicate_id", "input", `SmartPlan id ${command.planId} is already taken`));
      const ids = new Set(command.steps.map((s) => s.id));
      if (ids.size !== command.steps.length)
        return E.left(domainError("duplicate_id", "input", "two steps share an id"));
      if (command.account.kind === "personal" && command.steps.some((s) => s.designee !== undefined)) {
        return E.left(
          notPermitted("SP-8", "personal SmartPlan steps always resolve to the account's user", {
            action: "designateAgent",
            contactId: null,
          }),
        );
      }
      // SP-2 whichever way a designation is made: a new plan's step overrides need the same right as setStepDesignee (SEC-1, SEC-6).
      if (
        command.account.kind === "team" &&
        command.steps.some((s) => s.designee !== undefined) &&
        !designates(state, actor.right, command.account.teamId)
      ) {
        return E.left(
          notPermitted("SP-2", `${by} may not designate a step's agent: rainmaker, enhanced or unlimited only`, {
            action: "designateAgent",
            contactId: null,
          }),
        );
      }
      return E.right([
        {
          type: "SmartPlanCreated",
          at,
          by,
          planId: command.planId,
          account: command.account,
          name: command.name,
          steps: command.steps,
        },
      ]);
    }
    case "setAgentDefaults": {
      if (!designates(state, actor.right, command.account.teamId)) {
        return E.left(
          notPermitted("SP-2", `${by} may not set agent defaults: rainmaker, enhanced or unlimited only`, {
            action: "designateAgent",
            contactId: null,
          }),
        );
      }
      return E.right([
        { type: "AgentDefaultsChanged", at, by, teamId: command.account.teamId, defaults: command.defaults },
      ]);
    }
    case "setStepDesignee": {
      const plan = usablePlan(state, actor.right, command.account, command.planId);
      if (E.isLeft(plan)) return plan;
      if (!designates(state, actor.right, command.account.teamId)) {
        return E.left(
          notPermitted(
            "SP-2",
            `${by} may not change a step's designated agent: rainmaker, enhanced or unlimited only`,
            {
              action: "designateAgent",
              contactId: null,
            },
          ),
        );
      }
      const step = plan.right.steps.find((s) => s.id === command.stepId);
      if (step === undefined)
        return E.left(
          domainError("step_not_found", "SP-2", `SmartPlan ${command.planId} has no step ${command.stepId}`),
        );
      if ((step.designee ?? null) === command.designee)
        return E.left(domainError("no_change", "input", "the step already has that designee"));
      return E.right([
        {
          type: "StepDesigneeChanged",
          at,
          by,
          planId: command.planId,
          stepId: command.stepId,
          designee: command.designee,
        },
      ]);
    }
    case "enrolContact":
    case "unenrolContact":
    case "runStep": {
      const plan = usablePlan(state, actor.right, command.account, command.planId);
      if (E.isLeft(plan)) return plan;
      const facts = reachableContact(state, actor.right, command.account, command.contactId);
      if (E.isLeft(facts)) return facts;
      if (!sameAccount(plan.right.account, facts.right.contact.account)) {
        return E.left(
          domainError(
            "wrong_account",
            "ACC-6",
            `SmartPlan ${command.planId} does not recognise contacts of the ${describeAccount(facts.right.contact.account)}`,
          ),
        );
      }
      const allowed = requirePermit(facts.right, "enrol");
      if (E.isLeft(allowed)) return allowed;
      const enrolment = get(state.enrolments, enrolmentKey(command.planId, command.contactId));
      const enrolled = enrolment !== undefined;
      const link = { at, by, planId: command.planId, contactId: command.contactId };
      if (command.type === "enrolContact") {
        if (enrolled)
          return E.left(
            domainError(
              "already_enrolled",
              "LIF-8",
              `contact ${command.contactId} is already on SmartPlan ${command.planId}`,
            ),
          );
        return E.right([{ type: "ContactEnrolled", ...link }]);
      }
      if (!enrolled)
        return E.left(
          domainError("not_enrolled", "LIF-8", `contact ${command.contactId} is not on SmartPlan ${command.planId}`),
        );
      if (command.type === "unenrolContact") return E.right([{ type: "ContactUnenrolled", ...link, rule: "LIF-8" }]);
      if (enrolment.stepsRun?.includes(command.stepId) === true) {
        return E.left(
          domainError(
            "step_already_run",
            "SEC-6",
            `step ${command.stepId} of SmartPlan ${command.planId} has already run for contact ${command.contactId}; a step runs once per enrolment`,
          ),
        );
      }
      return decideRun(state, command);
    }
  }
}

/** SP-4 … SP-9: records what the step did, so quotas, balances and tasks follow from events alone. */
function decideRun(state: State, command: Extract<SmartPlanCommand, { type: "runStep" }>): Decision {
  const resolved = resolveStep(state, command);
  if (E.isLeft(resolved)) return resolved;
  const step = {
    at: command.at,
    by: command.actor,
    planId: command.planId,
    stepId: command.stepId,
    contactId: command.contactId,
  };
  const o = resolved.right.outcome;
  switch (o.kind) {
    case "task":
      return E.right([
        {
          type: "TaskCreated",
          ...step,
          assigneeId: o.assigneeId,
          reason: o.reason,
          taskId: planTaskId(get(state.files, command.contactId) ?? EMPTY_FILE, command.planId, command.stepId),
        },
      ]);
    case "email":
      return E.right([{ type: "EmailSent", ...step, senderId: o.senderId, to: o.to, month: o.month }]);
    case "text":
      return E.right([
        ...credited(state, o.senderId, command.at, command.actor),
        {
          type: "TextSent",
          ...step,
          senderId: o.senderId,
          to: o.to,
          kind: o.textKind,
          international: o.international,
          credits: o.credits,
        },
      ]);
    case "failed":
      return E.right([{ type: "StepFailed", ...step, agentId: o.agentId, reason: o.reason, rule: o.rule }]);
    case "deferred":
      return E.right([{ type: "StepDeferred", ...step, until: o.until }]);
  }
}

/** The allotment credited before a spend or a plan change, when one is due (D-102). */
function credited(state: State, userId: string, at: string, by: string): SmartPlanEvent[] {
  const due = allotmentDue(state, userId, at);
  return due === null
    ? []
    : [{ type: "TwilioAllotmentCredited", at, by, userId, from: due.from, through: due.through, credits: due.credits }];
}

/**
 * SP-4, SP-5, SEC-6, D-100 … D-102: a user sets their own messaging plan, or an office admin sets anyone's; nobody
 * else. The email limit is never set below the office's base allowance. What the old subscription owes is
 * credited first; a subscription that starts (or starts bringing credits) is credited the current month at once.
 */
function decideMessagingPlan(state: State, command: Extract<SmartPlanCommand, { type: "setMessagingPlan" }>): Decision {
  const { at, actor: by, userId } = command;
  const actor = actingUser(state, by);
  if (E.isLeft(actor)) return actor;
  if (!isOfficeAdmin(actor.right) && by !== userId) {
    return E.left(
      notPermitted("SEC-6", `${by} may not change ${userId}'s messaging plan: only that user or an office admin`, {
        action: "setMessagingPlan",
        contactId: null,
      }),
    );
  }
  if (get(state.users, userId) === undefined)
    return E.left(domainError("user_not_found", "office", `no user ${userId}`));
  const base = state.configuration.defaultEmailMonthlyLimit;
  if (command.emailMonthlyLimit !== undefined && command.emailMonthlyLimit < base) {
    return E.left(
      domainError(
        "below_email_allowance",
        "SP-4",
        `a monthly email limit of ${command.emailMonthlyLimit} is below the ${base} sends every user has`,
      ),
    );
  }
  const current = storedMessaging(state, userId);
  const twilio = command.twilio ?? current.twilio;
  const allotment =
    command.twilioMonthlyCredits ??
    current.twilioMonthlyCredits ??
    (twilio ? DEFAULT_TWILIO_MONTHLY_CREDITS : undefined);
  const events: SmartPlanEvent[] = credited(state, userId, at, by);
  events.push({
    type: "MessagingPlanChanged",
    at,
    by,
    userId,
    emailMonthlyLimit: command.emailMonthlyLimit ?? current.emailMonthlyLimit,
    twilio,
    ...(allotment === undefined ? {} : { twilioMonthlyCredits: allotment }),
  });
  // A subscription that starts bringing credits is credited the current month at once, unless it already was.
  const wasBringing = current.twilio && (current.twilioMonthlyCredits ?? 0) > 0;
  if (twilio && allotment !== undefined && allotment > 0 && !wasBringing) {
    const month = monthOf(at, state.configuration.officeTimeZone);
    const last = current.creditedThrough === undefined ? null : monthIndex(current.creditedThrough);
    const now = monthIndex(month);
    if (now !== null && (last === null || now > last))
      events.push({ type: "TwilioAllotmentCredited", at, by, userId, from: month, through: month, credits: allotment });
  }
  return E.right(events);
}

/** LIF-3 [doc]: the carrier keywords a contact texts to opt back in. */
const OPT_IN_KEYWORDS: ReadonlySet<string> = new Set(["START", "UNSTOP", "YES"]);

/**
 * SP-5, LIF-3, LIF-7, D-103, D-104: an inbound reply goes to the agent who sent the last SmartPlan text to the
 * number, charged one credit; while that agent is deactivated, to the rainmaker of the team whose plan sent it,
 * charged nothing. A reply from an opted-out number, or one nobody can receive, is recorded as `TextUnrouted`.
 */
function decideReceiveText(state: State, command: Extract<SmartPlanCommand, { type: "receiveText" }>): Decision {
  const { at, actor: by } = command;
  const actor = actingOfficeAdmin(state, by);
  if (E.isLeft(actor)) return actor;
  const from = normalizePhone(command.from, state.configuration.defaultPhoneCountry);
  if (from === null)
    return E.left(
      domainError("invalid_address", "LIF-6", `${command.from} is not a valid phone number (its area code must exist)`),
    );
  const messageId = command.messageId === undefined ? {} : { messageId: command.messageId };
  const reply = { at, by, from, ...messageId };
  // Fields in the schema's order, so a stored event reads back as written.
  const received = (userId: string, route: "sender" | "successor") => ({
    type: "TextReceived" as const,
    at,
    by,
    userId,
    from,
    ...messageId,
    route,
  });
  if (has(state.optOuts, `phone:${from}`)) {
    // LIF-3: an opt-in keyword is a resubscription through the texting channel, which only support may record.
    const keyword = OPT_IN_KEYWORDS.has((command.body ?? "").trim().toUpperCase());
    return E.right([
      { type: "TextUnrouted", ...reply, reason: keyword ? "resubscribeRefused" : "phoneOptedOut", rule: "LIF-3" },
    ]);
  }
  const route = get(state.textRoutes, from);
  if (route === undefined) return E.right([{ type: "TextUnrouted", ...reply, reason: "noRoute", rule: "SP-5" }]);
  if (get(state.users, route.senderId)?.status === "active") {
    const events = credited(state, route.senderId, at, by);
    const m = messagingOf(state, route.senderId, at);
    const unpaid = !m.twilio ? "noTwilioSubscription" : m.credits < INBOUND_TEXT_CREDITS ? "insufficientCredits" : null;
    events.push({
      ...received(route.senderId, "sender"),
      credits: unpaid === null ? INBOUND_TEXT_CREDITS : 0,
      ...(unpaid === null ? {} : { unpaid }),
    });
    return E.right(events);
  }
  const plan = get(state.plans, route.planId);
  const team = plan?.account.kind === "team" ? get(state.teams, plan.account.teamId) : undefined;
  const successor = team?.rainmakerId;
  if (successor !== undefined && successor !== route.senderId && get(state.users, successor)?.status === "active") {
    return E.right([{ ...received(successor, "successor"), credits: 0, unpaid: "standIn" }]);
  }
  return E.right([{ type: "TextUnrouted", ...reply, reason: "recipientDeactivated", rule: "LIF-7" }]);
}
