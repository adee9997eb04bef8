import * as z from "zod";
import { memberOf } from "../accounts/model.js";
import type { Configuration } from "../configuration/configuration.js";
import { accountEventSchemas } from "../accounts/events.js";
import { get, has, keys } from "../collections/persistent-map.js";
import { contactEventSchemas } from "../contacts/events.js";
import { grantOf, type Contact, type Owner } from "../contacts/model.js";
import type { Event } from "../decider.js";
import { domainError, type DomainError, type PlainErrorCode } from "../errors.js";
import { lifecycleEventSchemas } from "../lifecycle/events.js";
import { emailKey, isNormalizedPhone } from "../lifecycle/contact-points.js";
import { optOutKey } from "../lifecycle/model.js";
import { fileEventSchemas, type FileEvent } from "../profile/events.js";
import { EMPTY_FILE, type ContactFile } from "../profile/model.js";
import { sharingEventSchemas } from "../sharing/events.js";
import { smartPlanEventSchemas } from "../smartplans/events.js";
import { appletApplicable, appletLinksRemain } from "../applets/applicable.js";
import { appletEventSchemas } from "../applets/events.js";
import { enrolmentKey, INBOUND_TEXT_CREDITS, MAX_TWILIO_MONTHLY_CREDITS, type SmartPlan } from "../smartplans/model.js";
import { monthIndex } from "../smartplans/sending-window.js";
import { messagingOf } from "../smartplans/resolve.js";
import type { State } from "../state.js";
import { STRICT, type Leniency } from "./versions.js";
import { describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import { assetEventSchemas } from "../assets/events.js";
import { assetApplicable, carriesAssets } from "../assets/applicable.js";

/**
 * What a stored event must find in the state before it to apply (SEC-8): the things it names exist, the things
 * it creates do not yet, what it says it changes `from` is what the state holds, and the state after it keeps
 * the invariants `fromSnapshot` checks (SEC-7). Every event `execute` emits passes, each checked against the
 * state after the events before it; `replay` reports the first that does not. A check reads a few entries — a
 * user's contacts when they leave a team, as `decide` does — so it costs about what applying the event costs.
 */

const refuse = (code: PlainErrorCode, message: string): DomainError => domainError(code, "SEC-8", message);

/** The most a user's email plan allows in a month (the commands' bound, SP-4). */
const MAX_EMAIL_MONTHLY_LIMIT = 10_000_000;

function user(state: State, userId: string): DomainError | null {
  return has(state.users, userId) ? null : refuse("user_not_found", `no user ${userId}`);
}

function account(state: State, ref: AccountRef): DomainError | null {
  if (ref.kind === "personal") return user(state, ref.userId);
  return has(state.teams, ref.teamId) ? null : refuse("team_not_found", `no team ${ref.teamId}`);
}

const sameOwner = (a: Owner, b: Owner): boolean =>
  a.kind === "team" ? b.kind === "team" && a.teamId === b.teamId : b.kind === "user" && a.userId === b.userId;
const describeOwner = (o: Owner): string => (o.kind === "team" ? `team ${o.teamId}` : `user ${o.userId}`);

/**
 * ACC-2 … ACC-4, ACC-10: a personal contact is owned by and assigned to its user; a team contact is owned by its
 * team or by a member of it; the primary is a user.
 */
function placement(state: State, where: AccountRef, owner: Owner, primary: string | null): DomainError | null {
  if (where.kind === "personal") {
    if (owner.kind !== "user" || owner.userId !== where.userId || primary !== where.userId) {
      return refuse(
        "invalid_event",
        `a contact in the ${describeAccount(where)} is owned by and assigned to ${where.userId}`,
      );
    }
    return user(state, where.userId);
  }
  if (owner.kind === "team" && owner.teamId !== where.teamId)
    return refuse(
      "invalid_event",
      `a contact in the ${describeAccount(where)} cannot be owned by team ${owner.teamId}`,
    );
  if (owner.kind === "user") {
    const team = get(state.teams, where.teamId);
    if (team === undefined || memberOf(team, owner.userId) === undefined)
      return refuse("not_team_member", `${owner.userId} cannot own a contact of team ${where.teamId}: not a member`);
  }
  return primary === null ? null : user(state, primary);
}

function newContact(state: State, c: Contact): DomainError | null {
  if (has(state.contacts, c.id)) return refuse("contact_exists", `contact ${c.id} already exists`);
  const problem =
    account(state, c.account) ??
    placement(state, c.account, c.owner, c.primary) ??
    user(state, c.createdBy) ??
    (c.initialAssignee === undefined ? null : user(state, c.initialAssignee));
  if (problem !== null) return problem;
  let previous: string | null = null;
  for (const g of c.grants) {
    // ASG-1: one grant per user, sorted by user id, none for the primary.
    if (g.userId === c.primary || (previous !== null && g.userId <= previous))
      return refuse("invalid_event", `contact ${c.id}: grants sorted by user, one each, none for the primary`);
    const missing = user(state, g.userId);
    if (missing !== null) return missing;
    previous = g.userId;
  }
  return null;
}

/** The office keeps one active admin or master user besides `userId`. */
function anotherActiveAdmin(state: State, userId: string): DomainError | null {
  for (const id of state.officeAdmins) if (id !== userId && get(state.users, id)?.status === "active") return null;
  return refuse("last_office_admin", "the office must keep one active admin");
}

/** ACC-10: a member leaves a team only after giving up the team's contacts they own, are primary on or hold a grant on. */
function leavesNothing(state: State, teamId: string, userId: string): DomainError | null {
  const theirs = get(state.contactsByUser, userId);
  if (theirs === undefined) return null;
  for (const contactId of keys(theirs)) {
    const c = get(state.contacts, contactId);
    if (c !== undefined && c.account.kind === "team" && c.account.teamId === teamId) {
      return refuse(
        "invalid_event",
        `${userId} still owns, is primary on or holds a grant on contact ${contactId} of team ${teamId}`,
      );
    }
  }
  return null;
}

/** SEC-7: a configuration names registered users only, so no name waits to become access when someone registers it. */
function configured(state: State, configuration: Configuration): DomainError | null {
  for (const share of configuration.leadSourceShares) {
    for (const userId of share.userIds) {
      const missing = user(state, userId);
      if (missing !== null) return missing;
    }
  }
  return configuration.newsletterFallback.kind === "agent"
    ? user(state, configuration.newsletterFallback.userId)
    : null;
}

/** LIF-5, LIF-6: the registry holds an address in its one form, or it would match nothing. */
function registryForm(address: { readonly kind: "phone" | "email"; readonly value: string }): DomainError | null {
  const normal =
    address.kind === "phone" ? isNormalizedPhone(address.value) : emailKey(address.value) === address.value;
  return normal ? null : refuse("invalid_address", `${address.value} is not in the opt-out registry's form`);
}

function contactOf(state: State, contactId: string): Contact | DomainError {
  return get(state.contacts, contactId) ?? refuse("contact_not_found", `no contact ${contactId}`);
}

const isError = (x: object): x is DomainError => "code" in x;

/** A file keeps its item ids unique, and only an item that is there is closed or completed. */
function fileChange(state: State, file: ContactFile, event: FileEvent): DomainError | null {
  const id = event.contactId;
  const fresh = (taken: boolean, what: string, itemId: string): DomainError | null =>
    taken ? refuse("duplicate_id", `${what} ${itemId} already exists on contact ${id}`) : null;
  switch (event.type) {
    case "NoteAdded":
      return (
        fresh(
          file.notes.some((n) => n.id === event.note.id),
          "note",
          event.note.id,
        ) ?? user(state, event.note.by)
      );
    case "LoanAdded":
      return fresh(
        file.loans.some((l) => l.id === event.loan.id),
        "loan",
        event.loan.id,
      );
    case "LoanClosed":
      return file.loans.some((l) => l.id === event.loanId)
        ? null
        : refuse("item_not_found", `contact ${id} is not on loan ${event.loanId}`);
    case "AddedToGroup":
      return file.groups.includes(event.group)
        ? refuse("no_change", `contact ${id} is already in ${event.group}`)
        : null;
    case "ActivityRecorded":
      return (
        fresh(
          file.activities.some((a) => a.id === event.activity.id),
          "activity",
          event.activity.id,
        ) ?? user(state, event.activity.by)
      );
    case "TaskAdded":
      return (
        fresh(
          file.tasks.some((t) => t.id === event.task.id),
          "task",
          event.task.id,
        ) ?? user(state, event.task.assigneeId)
      );
    case "TaskCompleted":
      return file.tasks.some((t) => t.id === event.taskId && !t.done)
        ? null
        : refuse("item_not_found", `no open task ${event.taskId} on contact ${id}`);
  }
}

function planStep(state: State, planId: string, stepId: string): SmartPlan | DomainError {
  const plan = get(state.plans, planId);
  if (plan === undefined) return refuse("plan_not_found", `no SmartPlan ${planId}`);
  return plan.steps.some((s) => s.id === stepId)
    ? plan
    : refuse("step_not_found", `SmartPlan ${planId} has no step ${stepId}`);
}

/**
 * A step ran for an enrolment: the plan has the step, the contact is on the plan (LIF-8), the step has not run for it
 * (SEC-6) — unless the row was written by 0.1.0, when a step could run again (D-107).
 */
function enrolledStep(
  state: State,
  e: { planId: string; stepId: string; contactId: string },
  leniency: Leniency,
): DomainError | null {
  const plan = planStep(state, e.planId, e.stepId);
  if (isError(plan)) return plan;
  const enrolment = get(state.enrolments, enrolmentKey(e.planId, e.contactId));
  if (enrolment === undefined) return refuse("not_enrolled", `contact ${e.contactId} is not on SmartPlan ${e.planId}`);
  return !leniency.stepsRanAgain && enrolment.stepsRun?.includes(e.stepId) === true
    ? refuse("step_already_run", `step ${e.stepId} has already run for contact ${e.contactId}`)
    : null;
}

/**
 * Whether the event applies to the state: null, or the reason it does not. Checks what `decide` guarantees
 * about the things an event names; pure records (refused rows, import and reassignment summaries) only need
 * to decode. The event itself must already be decoded.
 */
export function applicable(state: State, event: Event, leniency: Leniency = STRICT): DomainError | null {
  if (event.type !== "OfficeOpened" && state.office === null)
    return refuse("office_not_open", "no office has been opened yet");
  switch (event.type) {
    case "OfficeOpened":
      return state.office === null ? null : refuse("office_already_open", `office ${state.office.id} is already open`);
    case "UserRegistered":
      return has(state.users, event.userId)
        ? refuse("user_exists", `user ${event.userId} is already registered`)
        : null;
    case "StaffPermissionsChanged":
    case "TwilioCreditsAdded":
      return user(state, event.userId);
    case "MessagingPlanChanged":
      if ((event.twilioMonthlyCredits ?? 0) > MAX_TWILIO_MONTHLY_CREDITS)
        return refuse(
          "invalid_event",
          `a monthly allotment of ${event.twilioMonthlyCredits ?? 0} credits is over ${MAX_TWILIO_MONTHLY_CREDITS}`,
        );
      return event.emailMonthlyLimit > MAX_EMAIL_MONTHLY_LIMIT
        ? refuse(
            "invalid_event",
            `a monthly email limit of ${event.emailMonthlyLimit} is over ${MAX_EMAIL_MONTHLY_LIMIT}`,
          )
        : user(state, event.userId);
    case "TwilioAllotmentCredited":
      return user(state, event.userId) ?? allotment(state, event);
    case "TextReceived": {
      const problem =
        user(state, event.userId) ??
        (isNormalizedPhone(event.from) ? null : refuse("invalid_address", `${event.from} is not an E.164 number`));
      if (problem !== null) return problem;
      return inbound(state, event);
    }
    case "TextUnrouted":
      return isNormalizedPhone(event.from) ? null : refuse("invalid_address", `${event.from} is not an E.164 number`);
    case "OfficeRoleChanged":
    case "UserDeactivated":
    case "UserReactivated": {
      const u = get(state.users, event.userId);
      if (u === undefined) return refuse("user_not_found", `no user ${event.userId}`);
      if (event.type === "UserReactivated")
        return u.status === "deactivated" ? null : refuse("no_change", `${event.userId} is already active`);
      if (event.type === "UserDeactivated" && u.status !== "active")
        return refuse("no_change", `${event.userId} is already deactivated`);
      const demoted = event.type === "UserDeactivated" || event.officeRole === "staff";
      return demoted && u.officeRole !== "staff" && u.status === "active" ? anotherActiveAdmin(state, u.id) : null;
    }
    case "ConfigurationChanged":
      return configured(state, event.configuration);
    case "ImportRowRefused":
    case "ContactsImported":
    case "ReassignmentRefused":
    case "ContactsReassigned":
    case "TransferRefused":
    case "ContactsTransferred":
      return null;
    case "OptedOut": // a repeat leaves the first opt-out standing (LIF-3)
      return registryForm(event.address);
    case "TeamCreated":
      return has(state.teams, event.teamId)
        ? refuse("team_exists", `team ${event.teamId} already exists`)
        : user(state, event.rainmakerId);
    case "TeamMemberAdded":
    case "MemberLevelChanged":
    case "TeamMemberRemoved": {
      const team = get(state.teams, event.teamId);
      if (team === undefined) return refuse("team_not_found", `no team ${event.teamId}`);
      const member = memberOf(team, event.userId);
      if (event.type === "TeamMemberAdded") {
        if (member !== undefined) return refuse("already_team_member", `${event.userId} is already in team ${team.id}`);
        return event.role === "rainmaker"
          ? refuse("invalid_event", `team ${team.id} has one rainmaker, ${team.rainmakerId}`)
          : user(state, event.userId);
      }
      if (member === undefined) return refuse("not_team_member", `${event.userId} is not in team ${team.id}`);
      if (event.type === "TeamMemberRemoved") {
        return event.userId === team.rainmakerId
          ? refuse("rainmaker_cannot_leave", `${event.userId} leads team ${team.id}`)
          : leavesNothing(state, team.id, event.userId);
      }
      if (event.userId !== team.rainmakerId || event.level === "unlimited") return null;
      return refuse("rainmaker_always_unlimited", `${event.userId} leads team ${team.id} and stays unlimited`);
    }
    case "ContactAdded":
      return newContact(state, event.contact);
    case "AccessGranted": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      if (c.primary === event.userId)
        return refuse("already_primary", `${event.userId} is the primary of contact ${c.id}`);
      const held = grantOf(c, event.userId) ?? null;
      if (held !== event.previous)
        return refuse(
          "invalid_event",
          `${event.userId} holds ${held ?? "no grant"} on contact ${c.id}, not ${event.previous ?? "no grant"}`,
        );
      // SHR-2: assigned to one user at a time, in full.
      if (
        event.rule === "SHR-2" &&
        (event.level !== "full" || (c.assignedTo !== undefined && c.assignedTo !== event.userId))
      ) {
        return refuse(
          "partner_already_assigned",
          `contact ${c.id} is assigned to ${c.assignedTo ?? "nobody"}; an assignment gives full access to one user`,
        );
      }
      return user(state, event.userId);
    }
    case "AccessRevoked": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      const held = grantOf(c, event.userId);
      return held === event.level
        ? null
        : refuse("not_assigned", `${event.userId} holds ${held ?? "no grant"} on contact ${c.id}, not ${event.level}`);
    }
    case "PrimaryChanged": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      if (c.primary !== event.from)
        return refuse(
          "invalid_event",
          `the primary of contact ${c.id} is ${c.primary ?? "nobody"}, not ${event.from ?? "nobody"}`,
        );
      if (c.account.kind === "personal")
        return refuse(
          "invalid_event",
          `contact ${c.id} is in the ${describeAccount(c.account)}, whose user is always its primary`,
        );
      return event.to === null ? null : user(state, event.to);
    }
    case "OwnershipChanged": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      if (!sameOwner(c.owner, event.from))
        return refuse(
          "invalid_event",
          `contact ${c.id} is owned by ${describeOwner(c.owner)}, not ${describeOwner(event.from)}`,
        );
      return placement(state, c.account, event.to, c.primary);
    }
    case "ContactMoved": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      if (!sameAccount(c.account, event.from))
        return refuse(
          "invalid_event",
          `contact ${c.id} is in the ${describeAccount(c.account)}, not the ${describeAccount(event.from)}`,
        );
      // ACC-7: the contact's enrolments end, one event each, before it moves.
      if (has(state.enrolmentsByContact, c.id))
        return refuse("invalid_event", `contact ${c.id} is still on a SmartPlan of the ${describeAccount(c.account)}`);
      // AST-3: and its links to the old account's tags, field values and custom lead source.
      if (carriesAssets(state, c.id, true))
        return refuse("invalid_event", `contact ${c.id} still carries assets of the ${describeAccount(c.account)}`);
      return (
        appletLinksRemain(state, c.id) ?? account(state, event.to) ?? placement(state, event.to, event.owner, c.primary)
      );
    }
    case "LeadStatusChanged": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      const held = c.leadStatus ?? "new";
      return held === event.from ? null : refuse("invalid_event", `contact ${c.id} is ${held}, not ${event.from}`);
    }
    case "ContactEdited":
    case "ContactMatched":
    case "ContactLinkedToListing":
    case "ContactArchived":
    case "ContactUnarchived": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      if (event.type === "ContactArchived")
        return has(state.archive, c.id)
          ? refuse("no_change", `contact ${c.id} is already archived`)
          : user(state, event.by);
      if (event.type === "ContactUnarchived" && !has(state.archive, c.id))
        return refuse("no_change", `contact ${c.id} is not archived`);
      return null;
    }
    case "ContactDeleted": {
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      // SHR-7: the contact's enrolments end, one event each, before it goes.
      if (carriesAssets(state, c.id, false))
        return refuse("invalid_event", `contact ${c.id} still carries tags, field values or a lead source`);
      return has(state.enrolmentsByContact, c.id)
        ? refuse("invalid_event", `contact ${c.id} is still on a SmartPlan`)
        : appletLinksRemain(state, c.id);
    }
    case "NoteAdded":
    case "LoanAdded":
    case "LoanClosed":
    case "AddedToGroup":
    case "ActivityRecorded":
    case "TaskAdded":
    case "TaskCompleted": {
      const c = contactOf(state, event.contactId);
      return isError(c) ? c : fileChange(state, get(state.files, c.id) ?? EMPTY_FILE, event);
    }
    case "PartnershipStarted":
    case "PartnershipEnded": {
      const partners = (get(state.partners, event.userId) ?? []).includes(event.partnerId);
      if (event.type === "PartnershipEnded")
        return partners
          ? null
          : refuse("not_partner", `${event.userId} and ${event.partnerId} are not co-marketing partners`);
      if (partners) return refuse("already_partners", `${event.userId} and ${event.partnerId} already co-market`);
      if (event.userId === event.partnerId) return refuse("invalid_event", "a user cannot partner with themselves");
      return user(state, event.userId) ?? user(state, event.partnerId);
    }
    case "OptedIn":
      return has(state.optOuts, optOutKey(event.address))
        ? null
        : refuse("no_change", `${event.address.value} is not opted out`);
    case "SmartPlanCreated": {
      if (has(state.plans, event.planId)) return refuse("duplicate_id", `SmartPlan ${event.planId} already exists`);
      if (new Set(event.steps.map((s) => s.id)).size !== event.steps.length)
        return refuse("duplicate_id", `two steps of SmartPlan ${event.planId} share an id`);
      if (event.account.kind === "personal" && event.steps.some((s) => s.designee !== undefined))
        return personalDesignee(event.planId);
      return account(state, event.account);
    }
    case "AgentDefaultsChanged":
      return account(state, { kind: "team", teamId: event.teamId });
    case "StepDesigneeChanged": {
      const plan = planStep(state, event.planId, event.stepId);
      if (isError(plan)) return plan;
      return plan.account.kind === "personal" && event.designee !== null ? personalDesignee(plan.id) : null;
    }
    case "ContactEnrolled":
    case "ContactUnenrolled": {
      const enrolled = has(state.enrolments, enrolmentKey(event.planId, event.contactId));
      if (event.type === "ContactUnenrolled")
        return enrolled
          ? null
          : refuse("not_enrolled", `contact ${event.contactId} is not on SmartPlan ${event.planId}`);
      if (enrolled)
        return refuse("already_enrolled", `contact ${event.contactId} is already on SmartPlan ${event.planId}`);
      const plan = get(state.plans, event.planId);
      if (plan === undefined) return refuse("plan_not_found", `no SmartPlan ${event.planId}`);
      const c = contactOf(state, event.contactId);
      if (isError(c)) return c;
      if (!sameAccount(plan.account, c.account))
        return refuse(
          "wrong_account",
          `SmartPlan ${plan.id} does not take contacts of the ${describeAccount(c.account)}`,
        );
      return user(state, event.by);
    }
    case "EmailSent":
      if (event.month === "") return refuse("invalid_event", "an email is counted in a month");
      return enrolledStep(state, event, leniency) ?? user(state, event.senderId);
    case "TextSent": {
      const problem =
        enrolledStep(state, event, leniency) ??
        user(state, event.senderId) ??
        (isNormalizedPhone(event.to) ? null : refuse("invalid_address", `${event.to} is not an E.164 number`));
      if (problem !== null) return problem;
      // SP-5: a text is sent only on credits the sender holds.
      const credits = messagingOf(state, event.senderId).credits;
      return credits >= event.credits
        ? null
        : refuse("invalid_event", `${event.senderId} holds ${credits} credit(s), fewer than ${event.credits}`);
    }
    case "TaskCreated": {
      const problem = enrolledStep(state, event, leniency) ?? user(state, event.assigneeId);
      if (problem !== null || event.taskId === undefined) return problem;
      const file = get(state.files, event.contactId);
      return file?.tasks.some((t) => t.id === event.taskId) === true
        ? refuse("duplicate_id", `task ${event.taskId} already exists on contact ${event.contactId}`)
        : null;
    }
    case "StepFailed":
    case "StepDeferred":
      return enrolledStep(state, event, leniency);
    case "OpportunityCreated":
    case "OpportunityUpdated":
    case "OpportunityClosed":
    case "OpportunityDeleted":
    case "OpportunityUnlinked":
    case "CampaignCreated":
    case "CampaignDeleted":
    case "CampaignMemberAdded":
    case "CampaignMemberRemoved":
    case "CampaignEmailSent":
    case "CampaignEmailSkipped":
    case "CampaignSent":
      return appletApplicable(state, event);
    case "AssetCreated":
    case "AssetRenamed":
    case "AssetDeleted":
    case "ContactTagged":
    case "ContactUntagged":
    case "FieldValueSet":
    case "FieldValueCleared":
    case "LeadSourceSet":
    case "LeadSourceCleared":
      return assetApplicable(state, event);
    default:
      return unknownEvent(event);
  }
}

/**
 * D-102: an allotment is credited to a subscriber whose plan brings one, for the months after the last credited,
 * at the plan's figure per month: a forged allotment cannot mint credits.
 */
function allotment(state: State, e: Extract<Event, { type: "TwilioAllotmentCredited" }>): DomainError | null {
  const m = messagingOf(state, e.userId);
  const from = monthIndex(e.from);
  const through = monthIndex(e.through);
  const last = m.creditedThrough === undefined ? null : monthIndex(m.creditedThrough);
  if (!m.twilio || (m.twilioMonthlyCredits ?? 0) === 0)
    return refuse("invalid_event", `${e.userId} holds no Twilio subscription that brings credits`);
  if (from === null || through === null || through < from)
    return refuse("invalid_event", `${e.from} … ${e.through} is not a span of months`);
  if (last !== null && from !== last + 1 && !(from === through && from > last))
    return refuse(
      "invalid_event",
      `${e.userId}'s allotment is credited through ${m.creditedThrough ?? ""}; the next is due from the month after`,
    );
  const expected = (m.twilioMonthlyCredits ?? 0) * (through - from + 1);
  return e.credits === expected
    ? null
    : refuse(
        "invalid_event",
        `${through - from + 1} month(s) of ${m.twilioMonthlyCredits ?? 0} credits are ${expected}, not ${e.credits}`,
      );
}

/** SP-5, D-103: a reply goes to the last sender to the number, or to a successor while they are deactivated, charged on credits held. */
function inbound(state: State, e: Extract<Event, { type: "TextReceived" }>): DomainError | null {
  const route = get(state.textRoutes, e.from);
  if (route === undefined) return refuse("invalid_event", `no SmartPlan text was sent to ${e.from}`);
  if (e.route === "sender" && e.userId !== route.senderId)
    return refuse("invalid_event", `replies from ${e.from} go to ${route.senderId}, not ${e.userId}`);
  if (e.route === "successor" && (e.credits !== 0 || e.userId === route.senderId))
    return refuse(
      "invalid_event",
      `a successor receives a reply from ${e.from} in ${route.senderId}'s place and is charged nothing`,
    );
  if (e.credits > INBOUND_TEXT_CREDITS)
    return refuse("invalid_event", `a reply costs ${INBOUND_TEXT_CREDITS} credit, not ${e.credits}`);
  const credits = messagingOf(state, e.userId).credits;
  return credits >= e.credits
    ? null
    : refuse("invalid_event", `${e.userId} holds ${credits} credit(s), fewer than ${e.credits}`);
}

/** SP-8: a personal plan's steps resolve to the account's user. */
function personalDesignee(planId: string): DomainError {
  return refuse("invalid_event", `personal SmartPlan ${planId}: its steps name no designee`);
}

function unknownEvent(event: never): DomainError {
  return refuse("invalid_event", `unknown event ${String((event as { type?: unknown }).type)}`);
}

/** The JavaScript kinds a field may hold, read once from its schema: enough to tell an event from a look-alike. */
type Kind = "string" | "number" | "boolean" | "object" | "array" | "null" | "undefined";

function kindsOf(schema: z.ZodType): readonly Kind[] | null {
  if (schema instanceof z.ZodNullable) return [...(kindsOf(schema.unwrap() as z.ZodType) ?? []), "null"];
  if (schema instanceof z.ZodOptional) return [...(kindsOf(schema.unwrap() as z.ZodType) ?? []), "undefined"];
  if (schema instanceof z.ZodString || schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral) return ["string"];
  if (schema instanceof z.ZodNumber) return ["number"];
  if (schema instanceof z.ZodBoolean) return ["boolean"];
  if (schema instanceof z.ZodArray) return ["array"];
  if (schema instanceof z.ZodObject || schema instanceof z.ZodUnion) return ["object"];
  return null;
}

const SHAPES: ReadonlyMap<string, readonly (readonly [string, readonly Kind[]])[]> = new Map(
  [
    ...accountEventSchemas,
    ...contactEventSchemas,
    ...fileEventSchemas,
    ...sharingEventSchemas,
    ...lifecycleEventSchemas,
    ...smartPlanEventSchemas,
    ...appletEventSchemas,
    ...assetEventSchemas,
  ].map((schema) => [
    schema.shape.type.value,
    Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]) => {
      const kinds = kindsOf(field);
      return kinds === null ? [] : [[key, kinds] as const];
    }),
  ]),
);

const kindOf = (value: unknown): Kind =>
  value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as Kind);

/**
 * A cheap look at an input: an object with a known event `type` whose fields have the kinds its schema says
 * (the top level only; nested records are not looked into). Every decodable event passes.
 */
export function eventShaped(input: unknown): input is Event {
  if (typeof input !== "object" || input === null) return false;
  const type: unknown = (input as { type?: unknown }).type;
  const shape = typeof type === "string" ? SHAPES.get(type) : undefined;
  if (shape === undefined) return false;
  for (const [key, kinds] of shape) if (!kinds.includes(kindOf((input as Record<string, unknown>)[key]))) return false;
  return true;
}
