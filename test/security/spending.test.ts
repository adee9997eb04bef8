import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import {
  execute,
  getContact,
  getTeam,
  getUser,
  messagingOf,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { arbitraryCommand, arbitrarySmartPlanCommand, STEP_TIMES } from "../../src/testing/index.js";
import {
  arbitraryRun,
  COVERAGE_CHECKED,
  holdsSp2,
  isAdmin,
  runs,
  show,
  showCommand,
  USERS,
  type Run,
  type Step,
} from "./law-kit.js";

/**
 * SEC-6 from the ledger's side. A small model kept beside the run — from the events and the state before each
 * command, never from the resolver — knows each plan's account and steps, each step's designee and each team's
 * defaults, and whether whoever set a `rainmaker` designation held the SP-2 right when they set it. Then:
 * - every EmailSent / TextSent is sent by the step's designated agent: a personal plan's user (SP-8); the
 *   contact's active primary for `contactAssignee` (SP-3; with no active primary nobody is charged, decisions 4);
 *   the rainmaker only through an explicit `rainmaker` designation set by an SP-2 holder; never a deactivated user;
 * - nobody's credits, email count or month move except by their own TextSent / EmailSent (and credits added by an
 *   admin); credits never go negative; no month's count passes the limit;
 * - each enrolment (ContactEnrolled … ContactUnenrolled) runs each step at most once (a deferred step, or one
 *   whose agent is deactivated, has not run).
 */

type Role = "rainmaker" | "contactAssignee";
interface Designation {
  readonly role: Role;
  /** The setter held SP-2 when they set it (always true for the built-in default, contactAssignee). */
  readonly rightful: boolean;
  readonly by: string;
}
interface Plan {
  readonly account: { kind: "team"; teamId: string } | { kind: "personal"; userId: string };
  readonly steps: Map<string, { kind: string; designee: Designation | null }>;
}

const GROUP: Record<string, "task" | "email" | "text"> = {
  task: "task",
  call: "task",
  email: "email",
  sms: "text",
  mms: "text",
};
const DEFAULT: Designation = { role: "contactAssignee", rightful: true, by: "(default)" };

class Ledger {
  readonly plans = new Map<string, Plan>();
  readonly defaults = new Map<string, Record<"task" | "email" | "text", Designation>>();
  /** `plan contact` → the current enrolment's number and the steps it has run. */
  readonly enrolments = new Map<string, { n: number; ran: Map<string, number> }>();
  /** number → who sent it the last SmartPlan text: where its replies go, and who pays for them (SP-5). */
  readonly routes = new Map<string, string>();
  /** Email campaigns' accounts (AST-5): their emails are designated as a plan's email steps of that account. */
  readonly campaigns = new Map<string, Plan["account"]>();
  private next = 0;

  /** Reads one accepted command; returns every SEC-6 violation in it. */
  step(step: Step): string[] {
    const { before, after, command, events } = step;
    const out: string[] = [];
    const spent = new Map<string, { credits: number; emails: { month: string }[]; added: number }>();
    const tally = (u: string) =>
      spent.get(u) ??
      (spent.set(u, { credits: 0, emails: [], added: 0 }).get(u) as {
        credits: number;
        emails: { month: string }[];
        added: number;
      });
    for (const e of events) {
      switch (e.type) {
        case "SmartPlanCreated": {
          const team = e.account.kind === "team" ? e.account.teamId : null;
          const rightful = team !== null && holdsSp2(before, team, e.by);
          this.plans.set(e.planId, {
            account: e.account,
            steps: new Map(
              e.steps.map((s) => [
                s.id,
                { kind: s.kind, designee: s.designee === undefined ? null : { role: s.designee, rightful, by: e.by } },
              ]),
            ),
          });
          break;
        }
        case "StepDesigneeChanged": {
          const plan = this.plans.get(e.planId);
          const s = plan?.steps.get(e.stepId);
          if (plan !== undefined && s !== undefined) {
            const team = plan.account.kind === "team" ? plan.account.teamId : null;
            s.designee =
              e.designee === null
                ? null
                : { role: e.designee, rightful: team !== null && holdsSp2(before, team, e.by), by: e.by };
          }
          break;
        }
        case "AgentDefaultsChanged": {
          const d = (role: Role): Designation => ({ role, rightful: holdsSp2(before, e.teamId, e.by), by: e.by });
          this.defaults.set(e.teamId, {
            task: d(e.defaults.task),
            email: d(e.defaults.email),
            text: d(e.defaults.text),
          });
          break;
        }
        case "ContactEnrolled":
          this.enrolments.set(`${e.planId} ${e.contactId}`, { n: this.next++, ran: new Map() });
          break;
        case "ContactUnenrolled":
          this.enrolments.delete(`${e.planId} ${e.contactId}`);
          break;
        case "ContactDeleted":
          for (const key of [...this.enrolments.keys()])
            if (key.endsWith(` ${e.contactId}`))
              out.push(`${e.contactId} deleted while still enrolled (${key}): its enrolments must end with it`);
          break;
        case "TwilioCreditsAdded":
          tally(e.userId).added += e.credits;
          break;
        case "TwilioAllotmentCredited":
          // D-102: a subscriber's own allotment, credited when it starts or before they next text or receive.
          if (
            !messagingOf(before, e.userId).twilio &&
            !events.some((x) => x.type === "MessagingPlanChanged" && x.userId === e.userId && x.twilio)
          )
            out.push(`${show(e)}: an allotment for ${e.userId}, who holds no Twilio subscription`);
          tally(e.userId).added += e.credits;
          break;
        case "MessagingPlanChanged":
          // SEC-6, D-100: a user's plan is changed by that user or an office admin, nobody else.
          if (e.by !== e.userId && !isAdmin(before, e.by))
            out.push(`${e.by} changed ${e.userId}'s messaging plan: only the user or an office admin may`);
          break;
        case "TextReceived": {
          // SP-5, D-103: a reply is charged only to the agent who sent the last SmartPlan text to the number.
          const sender = this.routes.get(e.from);
          if (e.credits > 0 && (e.route !== "sender" || e.userId !== sender))
            out.push(
              `${show(e)}: a reply charged to ${e.userId}, but ${e.from} was last texted by ${sender ?? "nobody"}`,
            );
          if (e.route === "sender" && e.userId !== sender)
            out.push(
              `${show(e)}: a reply routed to ${e.userId} as the sender, but ${e.from} was last texted by ${sender ?? "nobody"}`,
            );
          tally(e.userId).credits += e.credits;
          break;
        }
        case "EmailSent":
        case "TextSent":
        case "TaskCreated":
        case "StepFailed":
        case "StepDeferred": {
          const key = `${e.planId} ${e.contactId}`;
          const enrolment = this.enrolments.get(key);
          if (enrolment === undefined) {
            out.push(`${e.type} for ${key}, which is not enrolled`);
            break;
          }
          const counts =
            e.type !== "StepDeferred" && !(e.type === "StepFailed" && (e.reason as string) === "agentDeactivated");
          if (counts) {
            const times = (enrolment.ran.get(e.stepId) ?? 0) + 1;
            enrolment.ran.set(e.stepId, times);
            if (times > 1) out.push(`step ${e.stepId} ran ${times} times in one enrolment of ${key} (${e.type})`);
          }
          if (e.type === "EmailSent" || e.type === "TextSent") {
            out.push(...this.sender(before, e));
            const t = tally(e.senderId);
            if (e.type === "TextSent") {
              t.credits += e.credits;
              this.routes.set(e.to, e.senderId);
            } else t.emails.push({ month: e.month });
          }
          break;
        }
        case "CampaignCreated":
          this.campaigns.set(e.campaignId, e.account);
          break;
        case "CampaignEmailSent": {
          // AST-5: a campaign email is charged as an email step of its account with the team's default (no override).
          const account = this.campaigns.get(e.campaignId);
          if (account === undefined) out.push(`${show(e)}: an email of unknown campaign ${e.campaignId}`);
          else
            out.push(
              ...this.sender(
                before,
                { type: "EmailSent", planId: e.campaignId, stepId: "", contactId: e.contactId, senderId: e.senderId },
                { account, steps: new Map([["", { kind: "email", designee: null }]]) },
              ),
            );
          tally(e.senderId).emails.push({ month: e.month });
          break;
        }
        default:
          break;
      }
    }
    // Balances: only their own sends (and credits an admin added) move a user's credits, count and month.
    const planned = new Set(events.flatMap((e) => (e.type === "MessagingPlanChanged" ? [e.userId] : [])));
    const effectiveLimit = (s: State, u: string) => messagingOf(s, u).emailMonthlyLimit;
    const reconfigured = events.some((e) => e.type === "ConfigurationChanged");
    for (const user of USERS) {
      const b = messagingOf(before, user);
      const a = messagingOf(after, user);
      const t = spent.get(user) ?? { credits: 0, emails: [], added: 0 };
      if (a.credits < 0) out.push(`${user}'s credits went negative (${a.credits})`);
      if (a.credits !== b.credits - t.credits + t.added)
        out.push(
          `${user}'s credits went ${b.credits} → ${a.credits}, but their own texts spent ${t.credits} and ${t.added} were added`,
        );
      if (t.emails.length === 0) {
        if (a.emailsSent !== b.emailsSent || a.month !== b.month)
          out.push(
            `${user}'s email count moved (${b.month}:${b.emailsSent} → ${a.month}:${a.emailsSent}) without an email of theirs`,
          );
      } else {
        const month = t.emails[t.emails.length - 1]?.month as string;
        const expected = (b.month === month ? b.emailsSent : 0) + t.emails.length;
        if (a.month !== month || a.emailsSent !== expected)
          out.push(
            `${user}'s email count is ${a.month}:${a.emailsSent}, expected ${month}:${expected} after ${t.emails.length} email(s)`,
          );
        if (a.emailsSent > a.emailMonthlyLimit)
          out.push(`${user} sent ${a.emailsSent} emails in ${month}, over their limit of ${a.emailMonthlyLimit}`);
      }
      if (
        !planned.has(user) &&
        !reconfigured &&
        (effectiveLimit(after, user) !== effectiveLimit(before, user) ||
          a.twilio !== b.twilio ||
          a.twilioMonthlyCredits !== b.twilioMonthlyCredits)
      )
        out.push(`${user}'s messaging plan changed without a MessagingPlanChanged`);
    }
    return out.map((v) => `${v} — in ${showCommand(command)}`);
  }

  /** Whether the sender of an EmailSent/TextSent is the designated agent whose designation was rightful. */
  private sender(
    before: State,
    e: Pick<
      Extract<Event, { type: "EmailSent" | "TextSent" }>,
      "type" | "planId" | "stepId" | "contactId" | "senderId"
    >,
    asPlan?: Plan,
  ): string[] {
    const plan = asPlan ?? this.plans.get(e.planId);
    const step = plan?.steps.get(e.stepId);
    if (plan === undefined || step === undefined) return [`${e.type} for unknown plan step ${e.planId}/${e.stepId}`];
    const senderUser = getUser(before, e.senderId);
    const out: string[] = [];
    if (senderUser?.status !== "active")
      out.push(`${e.type} sent by ${e.senderId}, who is ${senderUser?.status ?? "unknown"} (LIF-7)`);
    if (plan.account.kind === "personal") {
      if (e.senderId !== plan.account.userId)
        out.push(`${e.type} of ${plan.account.userId}'s personal plan charged to ${e.senderId} (SP-8)`);
      return out;
    }
    const teamId = plan.account.teamId;
    const designation = step.designee ?? this.defaults.get(teamId)?.[GROUP[step.kind] ?? "task"] ?? DEFAULT;
    if (designation.role === "rainmaker") {
      const rainmaker = getTeam(before, teamId)?.rainmakerId;
      if (e.senderId !== rainmaker)
        out.push(`${e.type} of a rainmaker-designated step sent by ${e.senderId}, not the rainmaker ${rainmaker}`);
      if (!designation.rightful)
        out.push(
          `${e.type} charged to the rainmaker ${e.senderId} through a designation set by ${designation.by}, who lacked SP-2 then`,
        );
      return out;
    }
    const primary = getContact(before, e.contactId)?.primary ?? null;
    const active = primary !== null && getUser(before, primary)?.status === "active";
    if (!active)
      out.push(
        `${e.type} for ${e.contactId}, which has no active primary, charged to ${e.senderId}: a contactAssignee step with nobody assigned charges nobody (decisions 4)`,
      );
    else if (e.senderId !== primary)
      out.push(`${e.type} for ${e.contactId} charged to ${e.senderId}, not its primary ${primary} (SP-3)`);
    return out;
  }
}

/** Runs weighted towards SmartPlans (after them, some of their runSteps are run again). */
const spendingRuns: fc.Arbitrary<Run> = arbitraryRun({
  maxCommands: 80,
  configurationChanges: true,
  commands: fc.oneof(
    { weight: 2, arbitrary: arbitraryCommand({ configurationChanges: true }) },
    { weight: 3, arbitrary: arbitrarySmartPlanCommand() },
  ),
});

describe("SEC-6 spending is bounded and attributable", () => {
  it("nobody's email count or Twilio credits move except by their own sends as a step's rightful designated agent; credits never go negative, no month passes the limit, and an enrolment runs each step at most once; a plan is changed only by its user or an office admin, allotments go to subscribers, and a reply is charged only to the number's last sender (SEC-6, SP-2, SP-4, SP-5, LIF-7, D-100, D-102, D-103)", () => {
    const seen = { email: 0, text: 0, rerunRefused: 0, allotment: 0, reply: 0, ownPlan: 0 };
    fc.assert(
      fc.property(
        spendingRuns,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom(...STEP_TIMES),
        (run, repeatAt, at) => {
          const ledger = new Ledger();
          for (const step of run.steps) {
            const violations = ledger.step(step);
            for (const e of step.events) {
              if (e.type === "EmailSent") seen.email++;
              if (e.type === "TextSent") seen.text++;
              if (e.type === "TwilioAllotmentCredited") seen.allotment++;
              if (e.type === "TextReceived") seen.reply++;
              if (e.type === "MessagingPlanChanged" && e.by === e.userId) seen.ownPlan++;
            }
            if (violations.length > 0) throw new Error(`SEC-6:\n  ${violations.join("\n  ")}`);
          }
          // Then run steps again: some already run in the current enrolment (a repeat must be refused and charge nothing).
          const runSteps = run.steps.filter((s) => s.command.type === "runStep");
          let state = run.state;
          for (const n of repeatAt) {
            const original = runSteps[n % Math.max(1, runSteps.length)];
            if (original === undefined) break;
            const command = { ...original.command, at } as Command;
            const r = execute(state, command);
            if (E.isLeft(r)) {
              if (r.left.code === "step_already_run") seen.rerunRefused++;
              continue;
            }
            const step: Step = { index: -1, command, before: state, events: r.right.events, after: r.right.state };
            const violations = ledger.step(step);
            if (violations.length > 0)
              throw new Error(`SEC-6 (a step of the run run again at ${at}):\n  ${violations.join("\n  ")}`);
            state = r.right.state;
          }
        },
      ),
      { numRuns: runs(4) },
    );
    if (COVERAGE_CHECKED) {
      expect(seen.email + seen.text, show(seen)).toBeGreaterThan(0);
      expect(seen.rerunRefused, show(seen)).toBeGreaterThan(0);
      expect(seen.allotment, show(seen)).toBeGreaterThan(0);
      expect(seen.ownPlan, show(seen)).toBeGreaterThan(0);
      expect(seen.reply, show(seen)).toBeGreaterThan(0);
    }
  });
});
