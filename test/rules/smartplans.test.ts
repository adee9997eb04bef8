import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONFIGURATION,
  fromSnapshot,
  getContactFile,
  messagingOf,
  openTasks,
  project,
  replay,
  replayEvent,
  toSnapshot,
  newsletterDelivery,
  resolveStep,
  type Configuration,
  type Event,
  type State,
  type StepResolution,
} from "../../src/index.js";
import { OFFICE, personal, refusal, run, TEAM, teamOffice } from "../support/office.js";

/** 16:00 UTC is 10:00 in Chicago in March (CST, before DST): inside the 10:00–19:00 window. */
const OPEN = "2026-03-02T17:00:00Z";
const CLOSED = "2026-03-02T03:00:00Z";

const steps = [
  { id: "s-task", kind: "task", title: "Call to welcome" },
  { id: "s-email", kind: "email", title: "Welcome email" },
  { id: "s-sms", kind: "sms", title: "Hello text" },
  { id: "s-mms", kind: "mms", title: "Photo text" },
  { id: "s-call", kind: "call", title: "Call reminder" },
  { id: "s-rain", kind: "email", title: "From the rainmaker", designee: "rainmaker" },
] as const;

function office(configuration?: Configuration): State {
  return run(
    teamOffice(configuration),
    { type: "createSmartPlan", actor: "rain", account: TEAM, planId: "welcome", name: "Welcome", steps: [...steps] },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: { name: "Cal", emails: ["cal@example.com"], phones: ["312 555 0147"] },
    },
    {
      type: "addContact",
      actor: "tc",
      account: TEAM,
      contactId: "c2",
      channel: "propertyEnquiry",
      listingAgentId: "bob",
      details: { name: "Dee", emails: ["dee@example.com"], phones: ["+44 20 7946 0958"] },
    },
    { type: "changePrimary", actor: "admin", account: TEAM, contactId: "c2", userId: null },
    { type: "setMessagingPlan", actor: "admin", account: OFFICE, userId: "amy", twilio: true, twilioMonthlyCredits: 0 },
    { type: "addTwilioCredits", actor: "admin", account: OFFICE, userId: "amy", credits: 10 },
    {
      type: "setMessagingPlan",
      actor: "admin",
      account: OFFICE,
      userId: "rain",
      twilio: true,
      twilioMonthlyCredits: 0,
    },
    { type: "addTwilioCredits", actor: "admin", account: OFFICE, userId: "rain", credits: 10 },
    { type: "enrolContact", actor: "amy", account: TEAM, planId: "welcome", contactId: "c1" },
  ).state;
}

/** A new enrolment of c1 in the plan: each enrolment runs a step once (SEC-6). */
const REENROL = [
  { type: "unenrolContact", actor: "amy", account: TEAM, planId: "welcome", contactId: "c1" },
  { type: "enrolContact", actor: "amy", account: TEAM, planId: "welcome", contactId: "c1" },
] as const;

function resolved(s: State, stepId: string, contactId = "c1", at = OPEN): StepResolution {
  const r = resolveStep(s, { planId: "welcome", stepId, contactId, at });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

describe("SmartPlan step resolution (seed 001)", () => {
  it("team SmartPlan steps of type task, email and SMS/MMS have a designated agent: Rainmaker or Contact Assignee (SP-1)", () => {
    const s = office();
    expect(resolved(s, "s-rain").designation).toMatchObject({ role: "rainmaker", agentId: "rain", rule: "SP-1" });
    expect(resolved(s, "s-email").designation).toMatchObject({ role: "contactAssignee", agentId: "amy" });
  });

  it("Rainmakers or Enhanced and Unlimited members designate the agent defaults; a step may override them (SP-2)", () => {
    const s = office();
    const defaults = {
      type: "setAgentDefaults",
      account: TEAM,
      defaults: { task: "rainmaker", email: "rainmaker", text: "contactAssignee" },
    } as const;
    expect(refusal(s, { ...defaults, actor: "amy" })).toMatchObject({ code: "not_permitted", rule: "SP-2" });
    const changed = run(s, { ...defaults, actor: "tc" }).state;
    expect(resolved(changed, "s-task").designation.agentId).toBe("rain");
    expect(resolved(changed, "s-sms").designation.agentId).toBe("amy");
    const overridden = run(changed, {
      type: "setStepDesignee",
      actor: "rain",
      account: TEAM,
      planId: "welcome",
      stepId: "s-task",
      designee: "contactAssignee",
    }).state;
    expect(resolved(overridden, "s-task").designation.agentId).toBe("amy");
  });

  it("Contact Assignee looks at who the primary assignee is for the specific contact (SP-3)", () => {
    const s = run(office(), {
      type: "changePrimary",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
    }).state;
    expect(resolved(s, "s-email").designation).toMatchObject({ agentId: "bob", rule: "SP-3", fallback: null });
  });

  it("a contact without a primary falls back to the rainmaker, and says so (SP-3)", () => {
    const d = resolved(office(), "s-task", "c2").designation;
    expect(d.agentId).toBe("rain");
    expect(d.fallback).toContain("no primary");
    expect(resolved(office(), "s-task", "c2").outcome).toEqual({
      kind: "task",
      assigneeId: "rain",
      reason: "taskStep",
    });
  });

  it("a stand-in rainmaker is tasked, never charged: an email or text step for a contact without a primary becomes their task (SP-3, SEC-6)", () => {
    for (const stepId of ["s-email", "s-sms", "s-mms"]) {
      const r = resolved(office(), stepId, "c2");
      expect(r.outcome).toEqual({ kind: "task", assigneeId: "rain", reason: "noContactAssignee" });
      expect(r.rules).toContain("SEC-6");
    }
    expect(resolved(office(), "s-rain", "c2").outcome).toMatchObject({ kind: "email", senderId: "rain" });
  });

  it("one enrolment runs each step once: a repeat is refused and charges nothing (SEC-6)", () => {
    const text = {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-sms",
      contactId: "c1",
      at: OPEN,
    } as const;
    const once = run(office(), text).state;
    expect(refusal(once, text)).toMatchObject({ code: "step_already_run", rule: "SEC-6" });
    expect(messagingOf(once, "amy").credits).toBe(9);
    const deferred = run(office(), { ...text, at: CLOSED });
    expect(deferred.events).toMatchObject([{ type: "StepDeferred" }]);
    expect(run(deferred.state, text).events).toMatchObject([{ type: "TextSent" }]);
  });

  it("a deactivated designee sends nothing and is charged nothing until reactivated (LIF-7, SEC-6)", () => {
    const s = run(office(), { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "rain" }).state;
    const step = {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-rain",
      contactId: "c1",
      at: OPEN,
    } as const;
    const r = run(s, step);
    expect(r.events).toMatchObject([
      { type: "StepFailed", agentId: "rain", reason: "agentDeactivated", rule: "LIF-7" },
    ]);
    const back = run(r.state, { type: "reactivateUser", actor: "admin", account: OFFICE, userId: "rain" }, step);
    expect(back.events.slice(1)).toMatchObject([{ type: "EmailSent", senderId: "rain" }]);
  });

  it("whoever is designated for an email step is who the email comes from and who is charged (SP-4)", () => {
    const r = run(office(), {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-email",
      contactId: "c1",
      at: OPEN,
    });
    expect(r.events).toMatchObject([{ type: "EmailSent", senderId: "amy", to: "cal@example.com", month: "2026-03" }]);
    expect(messagingOf(r.state, "amy").emailsSent).toBe(1);
  });

  it("Command Email gives all users 5,000 email sends a month; over the limit the step fails, is recorded and the plan moves on (SP-4)", () => {
    // The office's base allowance at 2 exercises the quota cheaply; the seed's 5,000 is the default (D-100).
    let s = office({ ...DEFAULT_CONFIGURATION, defaultEmailMonthlyLimit: 2 });
    const send = {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-email",
      contactId: "c1",
    } as const;
    s = run(s, { ...send, at: OPEN }, ...REENROL, { ...send, at: OPEN }, ...REENROL).state;
    const third = run(s, { ...send, at: OPEN }, ...REENROL);
    expect(third.events.slice(0, 1)).toMatchObject([
      { type: "StepFailed", reason: "emailLimitReached", rule: "SP-4", agentId: "amy" },
    ]);
    expect(messagingOf(third.state, "amy").emailsSent).toBe(2);
    const nextMonth = run(third.state, { ...send, at: "2026-04-01T15:00:00Z" });
    expect(third.events.slice(1).map((e) => e.type)).toEqual(["ContactUnenrolled", "ContactEnrolled"]);
    expect(nextMonth.events).toMatchObject([{ type: "EmailSent", month: "2026-04" }]);
    expect(messagingOf(nextMonth.state, "amy")).toMatchObject({ month: "2026-04", emailsSent: 1 });
    expect(messagingOf(teamOffice(), "bob").emailMonthlyLimit).toBe(5000);
  });

  it("SMS steps use the designated agent's Twilio number and credits, and responses go to that agent (SP-5)", () => {
    const r = run(office(), {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-sms",
      contactId: "c1",
      at: OPEN,
    });
    expect(r.events).toMatchObject([
      { type: "TextSent", senderId: "amy", to: "+13125550147", kind: "sms", credits: 1, international: false },
    ]);
    expect(messagingOf(r.state, "amy").credits).toBe(9);
    expect(resolved(office(), "s-sms").outcome).toMatchObject({ kind: "text", repliesTo: "amy", chargedTo: "amy" });
  });

  it("an international SMS costs 2 credits and an MMS 3; credits roll over (SP-5)", () => {
    const s = run(office(), {
      type: "changePrimary",
      actor: "admin",
      account: TEAM,
      contactId: "c2",
      userId: "rain",
    }).state;
    expect(resolved(s, "s-sms", "c2").outcome).toMatchObject({
      kind: "text",
      senderId: "rain",
      international: true,
      credits: 2,
    });
    expect(resolved(s, "s-mms").outcome).toMatchObject({ kind: "text", credits: 3 });
    const later = run(s, {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-mms",
      contactId: "c1",
      at: "2026-05-04T16:00:00Z",
    }).state;
    expect(messagingOf(later, "amy").credits).toBe(7);
  });

  it("text steps go out only inside the sending window; outside it they are deferred to the next opening (SP-5)", () => {
    expect(resolved(office(), "s-sms", "c1", CLOSED).outcome).toEqual({
      kind: "deferred",
      until: "2026-03-02T16:00:00.000Z",
    });
    const summer = resolved(office(), "s-sms", "c1", "2026-07-02T00:30:00Z").outcome;
    expect(summer).toEqual({ kind: "deferred", until: "2026-07-02T15:00:00.000Z" });
  });

  it("without enough credits the text step fails and is recorded (SP-5)", () => {
    const s = run(office(), {
      type: "changeConfiguration",
      actor: "admin",
      account: OFFICE,
      configuration: DEFAULT_CONFIGURATION,
    }).state;
    let state = s;
    const text = {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-mms",
      contactId: "c1",
      at: OPEN,
    } as const;
    state = run(state, text, ...REENROL, text, ...REENROL, text, ...REENROL).state;
    expect(messagingOf(state, "amy").credits).toBe(1);
    expect(run(state, text).events).toMatchObject([
      { type: "StepFailed", reason: "insufficientCredits", rule: "SP-5" },
    ]);
  });

  it("if the assigned user has no Twilio subscription, a task is generated for them to text the contact outside the system (SP-6)", () => {
    const s = run(office(), {
      type: "changePrimary",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
    }).state;
    const r = run(s, {
      type: "runStep",
      actor: "tc",
      account: TEAM,
      planId: "welcome",
      stepId: "s-sms",
      contactId: "c1",
      at: OPEN,
    });
    expect(r.events).toMatchObject([{ type: "TaskCreated", assigneeId: "bob", reason: "noTwilioSubscription" }]);
    expect(resolved(s, "s-sms").rules).toContain("SP-6");
  });

  it("the designated default agent for task steps has all task steps assigned to them (SP-7)", () => {
    const r = run(office(), {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-task",
      contactId: "c1",
      at: OPEN,
    });
    expect(r.events).toMatchObject([{ type: "TaskCreated", assigneeId: "amy", reason: "taskStep" }]);
    expect(resolved(office(), "s-call").outcome).toEqual({ kind: "task", assigneeId: "amy", reason: "callReminder" });
  });

  it("the designated default agent will have all Task steps of Team SmartPlans assigned to them: the task exists on the contact and in their open tasks (SP-7)", () => {
    const r = run(office(), {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-task",
      contactId: "c1",
      at: OPEN,
    });
    expect(r.events).toMatchObject([{ type: "TaskCreated", taskId: "welcome/s-task" }]);
    const task = {
      id: "welcome/s-task",
      title: "Call to welcome",
      assigneeId: "amy",
      done: false,
      source: { planId: "welcome", stepId: "s-task", reason: "taskStep" },
    };
    expect(getContactFile(r.state, "c1")?.tasks).toEqual([task]);
    expect(openTasks(r.state, "amy")).toEqual(E.right([{ contactId: "c1", task }]));
    const view = project(r.state, "amy", "c1");
    expect(E.isRight(view) && view.right.tasks).toEqual([task]);
    // Completed by its assignee, it leaves their open tasks.
    const done = run(r.state, {
      type: "completeTask",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      taskId: "welcome/s-task",
    }).state;
    expect(getContactFile(done, "c1")?.tasks[0]?.done).toBe(true);
    expect(openTasks(done, "amy")).toEqual(E.right([]));
  });

  it("the text-by-hand task of a user without a Twilio subscription is theirs to complete (SP-6)", () => {
    const s = run(office(), {
      type: "changePrimary",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
    }).state;
    const r = run(s, {
      type: "runStep",
      actor: "tc",
      account: TEAM,
      planId: "welcome",
      stepId: "s-sms",
      contactId: "c1",
      at: OPEN,
    });
    expect(openTasks(r.state, "bob")).toMatchObject(
      E.right([
        {
          contactId: "c1",
          task: { id: "welcome/s-sms", title: "Hello text", source: { reason: "noTwilioSubscription" } },
        },
      ]),
    );
    expect(openTasks(r.state, "amy")).toEqual(E.right([]));
    expect(
      run(r.state, { type: "completeTask", actor: "bob", account: TEAM, contactId: "c1", taskId: "welcome/s-sms" })
        .events,
    ).toHaveLength(1);
  });

  it("a user's open tasks come in contact order, then as added, whatever order the contacts got them in (SP-7)", () => {
    const s = run(
      office(),
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c2", userId: "amy", level: "full" },
      {
        type: "addTask",
        actor: "amy",
        account: TEAM,
        contactId: "c2",
        taskId: "k2",
        title: "Second contact",
        assigneeId: "amy",
      },
      { type: "runStep", actor: "amy", account: TEAM, planId: "welcome", stepId: "s-task", contactId: "c1", at: OPEN },
      {
        type: "addTask",
        actor: "amy",
        account: TEAM,
        contactId: "c2",
        taskId: "k1",
        title: "Added later",
        assigneeId: "amy",
      },
      {
        type: "addTask",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        taskId: "k0",
        title: "Someone else's",
        assigneeId: "tc",
      },
    ).state;
    const list = openTasks(s, "amy");
    expect(E.isRight(list) && list.right.map((t) => `${t.contactId}:${t.task.id}`)).toEqual([
      "c1:welcome/s-task",
      "c2:k2",
      "c2:k1",
    ]);
    const tc = openTasks(s, "tc");
    expect(E.isRight(tc) && tc.right.map((t) => t.task.id)).toEqual(["k0"]);
  });

  it("a step run again after a new enrolment leaves a second task, never overwriting the first (SEC-6)", () => {
    const first = run(office(), {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-task",
      contactId: "c1",
      at: OPEN,
    }).state;
    const again = run(first, ...REENROL, {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-task",
      contactId: "c1",
      at: OPEN,
    });
    expect(getContactFile(again.state, "c1")?.tasks.map((t) => t.id)).toEqual(["welcome/s-task", "welcome/s-task/2"]);
  });

  it("a task hidden from a user is not in their list: view-only access shows no tasks (ASG-3, SEC-2)", () => {
    const r = run(office(), {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-task",
      contactId: "c1",
      at: OPEN,
    });
    const s = run(
      r.state,
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "bob", level: "full" },
      { type: "addTask", actor: "amy", account: TEAM, contactId: "c1", taskId: "k1", title: "Call", assigneeId: "bob" },
    );
    expect(openTasks(s.state, "bob")).toMatchObject(E.right([{ contactId: "c1", task: { id: "k1" } }]));
    const revoked = run(s.state, {
      type: "revokeAccess",
      actor: "admin",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
    }).state;
    expect(openTasks(revoked, "bob")).toEqual(E.right([]));
    expect(openTasks(revoked, "nobody")).toMatchObject({ _tag: "Left", left: { code: "user_not_found" } });
  });

  it("a task survives a snapshot, and a 0.1.0 TaskCreated without a task id replays to the same task", () => {
    const r = run(office(), {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-task",
      contactId: "c1",
      at: OPEN,
    });
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(r.state))));
    expect(E.isRight(back) && getContactFile(back.right, "c1")?.tasks).toEqual(getContactFile(r.state, "c1")?.tasks);
    const { taskId: _omitted, ...old } = r.events[0] as Extract<Event, { type: "TaskCreated" }>;
    const replayed = replayEvent(office(), old);
    expect(E.isRight(replayed) && getContactFile(replayed.right, "c1")?.tasks).toEqual(
      getContactFile(r.state, "c1")?.tasks,
    );
  });

  it("personal SmartPlans always resolve to the personal account's user (SP-8)", () => {
    const s = run(
      teamOffice(),
      {
        type: "createSmartPlan",
        actor: "bob",
        account: personal("bob"),
        planId: "mine",
        name: "Mine",
        steps: [{ id: "t", kind: "task", title: "Follow up" }],
      },
      {
        type: "addContact",
        actor: "bob",
        account: personal("bob"),
        contactId: "p1",
        channel: "manual",
        details: { name: "Pip" },
      },
    ).state;
    const r = resolveStep(s, { planId: "mine", stepId: "t", contactId: "p1", at: OPEN });
    expect(E.isRight(r) && r.right.designation).toEqual({
      role: "accountUser",
      agentId: "bob",
      fallback: null,
      rule: "SP-8",
    });
    expect(
      refusal(teamOffice(), {
        type: "createSmartPlan",
        actor: "bob",
        account: personal("bob"),
        planId: "x",
        name: "X",
        steps: [{ id: "t", kind: "task", title: "T", designee: "rainmaker" }],
      }).rule,
    ).toBe("SP-8");
  });

  it("opted-out phone numbers are never texted and unsubscribed or invalid emails never emailed; the resolution says so (SP-9)", () => {
    const s = run(
      office(),
      {
        type: "recordOptOut",
        actor: "amy",
        account: OFFICE,
        address: { kind: "phone", value: "+1 312 555 0147" },
        channel: "api",
      },
      {
        type: "recordOptOut",
        actor: "amy",
        account: OFFICE,
        address: { kind: "email", value: "cal@example.com" },
        channel: "api",
      },
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "c3",
        channel: "manual",
        details: { name: "No mail", emails: ["nope"] },
      },
    ).state;
    expect(resolved(s, "s-sms").outcome).toEqual({
      kind: "failed",
      agentId: "amy",
      reason: "phoneOptedOut",
      rule: "SP-9",
    });
    expect(resolved(s, "s-email").outcome).toEqual({
      kind: "failed",
      agentId: "amy",
      reason: "emailOptedOut",
      rule: "SP-9",
    });
    expect(resolved(s, "s-email", "c3").outcome).toMatchObject({ reason: "noValidEmail" });
    expect(resolved(s, "s-sms", "c3").outcome).toMatchObject({ reason: "noValidPhone" });
  });
});

describe("SmartPlans and accounts (seeds 000, 003)", () => {
  it("team SmartPlans created in the team account are usable by every team member (ACC-8)", () => {
    const s = run(
      office(),
      { type: "addContact", actor: "bob", account: TEAM, contactId: "b1", channel: "manual", details: { name: "Bo" } },
      { type: "enrolContact", actor: "bob", account: TEAM, planId: "welcome", contactId: "b1" },
    ).state;
    expect(E.isRight(resolveStep(s, { planId: "welcome", stepId: "s-task", contactId: "b1", at: OPEN }))).toBe(true);
  });

  it("a team SmartPlan does not recognise a personal-account contact (ACC-6)", () => {
    const s = run(office(), {
      type: "addContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "p1",
      channel: "manual",
      details: { name: "Pat" },
    }).state;
    expect(
      refusal(s, { type: "enrolContact", actor: "amy", account: personal("amy"), planId: "welcome", contactId: "p1" })
        .code,
    ).toBe("plan_not_found");
    expect(resolveStep(s, { planId: "welcome", stepId: "s-task", contactId: "p1", at: OPEN })).toMatchObject({
      left: { code: "wrong_account", rule: "ACC-6" },
    });
  });

  it("action plans are added manually: a step runs only for an enrolled contact (LIF-8)", () => {
    const s = office();
    expect(
      refusal(s, {
        type: "runStep",
        actor: "tc",
        account: TEAM,
        planId: "welcome",
        stepId: "s-task",
        contactId: "c2",
        at: OPEN,
      }),
    ).toMatchObject({
      code: "not_enrolled",
      rule: "LIF-8",
    });
  });

  it("View Only cannot enrol a contact in automation (SHR-1)", () => {
    const s = run(office(), {
      type: "grantAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c2",
      userId: "bob",
      level: "view",
    }).state;
    expect(
      refusal(s, { type: "enrolContact", actor: "bob", account: TEAM, planId: "welcome", contactId: "c2" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-1" });
  });

  it("moving a contact to the personal account ends its team SmartPlan enrolments, each with an event (ACC-7)", () => {
    const s = run(office(), {
      type: "changeOwner",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      owner: { kind: "user", userId: "amy" },
    }).state;
    const r = run(s, { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: personal("amy") });
    expect(r.events[0]).toMatchObject({ type: "ContactUnenrolled", planId: "welcome", rule: "ACC-7" });
    expect(
      refusal(r.state, {
        type: "runStep",
        actor: "amy",
        account: personal("amy"),
        planId: "welcome",
        stepId: "s-task",
        contactId: "c1",
        at: OPEN,
      }).code,
    ).toBe("plan_not_found");
  });
});

describe("newsletters (seed 002)", () => {
  it("the newsletter is sent from the primary; with none, from the office or a specified agent (ASG-10)", () => {
    const s = office();
    expect(newsletterDelivery(s, "c1")).toMatchObject({
      right: { sender: { kind: "agent", userId: "amy", as: "primary" }, to: "cal@example.com", skipped: null },
    });
    expect(newsletterDelivery(s, "c2")).toMatchObject({ right: { sender: { kind: "office" } } });
    const agent = run(s, {
      type: "changeConfiguration",
      actor: "admin",
      account: OFFICE,
      configuration: { ...DEFAULT_CONFIGURATION, newsletterFallback: { kind: "agent", userId: "tc" } },
    }).state;
    expect(newsletterDelivery(agent, "c2")).toMatchObject({
      right: { sender: { kind: "agent", userId: "tc", as: "configuredAgent" } },
    });
  });

  it("a configuration names only registered users, so no unregistered name waits to become access or a sender (SEC-7)", () => {
    const naming = (configuration: typeof DEFAULT_CONFIGURATION) =>
      ({ type: "changeConfiguration", actor: "admin", account: OFFICE, configuration }) as const;
    expect(
      refusal(office(), naming({ ...DEFAULT_CONFIGURATION, newsletterFallback: { kind: "agent", userId: "mallory" } })),
    ).toMatchObject({ code: "user_not_found" });
    expect(
      refusal(
        office(),
        naming({ ...DEFAULT_CONFIGURATION, leadSourceShares: [{ leadSource: "Zillow", userIds: ["amy", "mallory"] }] }),
      ).message,
    ).toContain("mallory");
    expect(
      run(
        office(),
        naming({ ...DEFAULT_CONFIGURATION, leadSourceShares: [{ leadSource: "Zillow", userIds: ["amy"] }] }),
      ).events,
    ).toHaveLength(1);
  });

  it("an email sent as the last year ends reads back from a snapshot whichever zone the office keeps (SP-4, SEC-7)", () => {
    const s = run(office(), {
      type: "changeConfiguration",
      actor: "admin",
      account: OFFICE,
      configuration: { ...DEFAULT_CONFIGURATION, officeTimeZone: "Pacific/Kiritimati" },
    }).state;
    const sent = run(s, {
      type: "runStep",
      actor: "amy",
      account: TEAM,
      planId: "welcome",
      stepId: "s-email",
      contactId: "c1",
      at: "9999-12-31T23:00:00Z",
    });
    expect(sent.events).toMatchObject([{ type: "EmailSent", month: "10000-01" }]);
    expect(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(sent.state))))._tag).toBe("Right");
  });

  it("a personal SmartPlan is reached only from its own account: no team command gives its steps a designee (SP-8)", () => {
    const s = run(office(), {
      type: "createSmartPlan",
      actor: "rain",
      account: personal("rain"),
      planId: "mine",
      name: "Mine",
      steps: [{ id: "s1", kind: "email", title: "Hi" }],
    }).state;
    expect(
      refusal(s, {
        type: "setStepDesignee",
        actor: "rain",
        account: TEAM,
        planId: "mine",
        stepId: "s1",
        designee: "rainmaker",
      }),
    ).toMatchObject({ code: "plan_not_found" });
  });

  it("opted-out and invalid addresses are skipped with the reason (ASG-10)", () => {
    const s = run(office(), {
      type: "recordOptOut",
      actor: "amy",
      account: OFFICE,
      address: { kind: "email", value: "cal@example.com" },
      channel: "api",
    }).state;
    expect(newsletterDelivery(s, "c1")).toMatchObject({
      right: { skipped: "emailOptedOut", to: null, rules: ["ASG-10", "SP-9"] },
    });
  });
});

describe("Messaging: email plans, the Twilio subscription and replies (seed 001)", () => {
  const JUNE = "2026-06-02T17:00:00Z"; // 12:00 in Chicago (CDT): inside the sending window
  const sms = {
    type: "runStep",
    actor: "amy",
    account: TEAM,
    planId: "welcome",
    stepId: "s-sms",
    contactId: "c1",
  } as const;
  const reply = {
    type: "receiveText",
    actor: "admin",
    account: OFFICE,
    from: "312 555 0147",
    messageId: "m1",
  } as const;

  it("Command Email gives all users 5,000 email sends a month: no plan is set below the office's base allowance (SP-4, D-100)", () => {
    const s = teamOffice();
    expect(messagingOf(s, "amy").emailMonthlyLimit).toBe(5000);
    expect(
      refusal(s, { type: "setMessagingPlan", actor: "admin", account: OFFICE, userId: "amy", emailMonthlyLimit: 4999 }),
    ).toMatchObject({ code: "below_email_allowance", rule: "SP-4" });
    expect(
      refusal(s, { type: "setMessagingPlan", actor: "amy", account: OFFICE, userId: "amy", emailMonthlyLimit: 10 }),
    ).toMatchObject({ code: "below_email_allowance", rule: "SP-4" });
    const upgraded = run(s, {
      type: "setMessagingPlan",
      actor: "admin",
      account: OFFICE,
      userId: "amy",
      emailMonthlyLimit: 7500,
    });
    expect(upgraded.events).toMatchObject([
      { type: "MessagingPlanChanged", userId: "amy", emailMonthlyLimit: 7500, twilio: false },
    ]);
    expect(messagingOf(upgraded.state, "amy").emailMonthlyLimit).toBe(7500);
  });

  it("a base allowance raised above a user's plan lifts it: the effective limit is the larger of the two (SP-4, D-100)", () => {
    const small = { ...DEFAULT_CONFIGURATION, defaultEmailMonthlyLimit: 2 };
    const s = run(teamOffice(small), {
      type: "setMessagingPlan",
      actor: "amy",
      account: OFFICE,
      userId: "amy",
      emailMonthlyLimit: 3,
    }).state;
    expect(messagingOf(s, "amy").emailMonthlyLimit).toBe(3);
    const raised = run(s, {
      type: "changeConfiguration",
      actor: "admin",
      account: OFFICE,
      configuration: { ...small, defaultEmailMonthlyLimit: 5000 },
    }).state;
    expect(messagingOf(raised, "amy").emailMonthlyLimit).toBe(5000);
    const lowered = run(raised, {
      type: "changeConfiguration",
      actor: "admin",
      account: OFFICE,
      configuration: small,
    }).state;
    expect(messagingOf(lowered, "amy").emailMonthlyLimit).toBe(3); // the plan as set stands under the base
  });

  it("that individual can upgrade their Command Email subscription: a user sets their own plan, an office admin anyone's, nobody else (SP-4, SEC-6)", () => {
    const s = teamOffice();
    const own = run(s, {
      type: "setMessagingPlan",
      actor: "amy",
      account: OFFICE,
      userId: "amy",
      emailMonthlyLimit: 10_000,
      twilio: true,
      twilioMonthlyCredits: 50,
    });
    expect(own.events).toMatchObject([
      {
        type: "MessagingPlanChanged",
        by: "amy",
        userId: "amy",
        emailMonthlyLimit: 10_000,
        twilio: true,
        twilioMonthlyCredits: 50,
      },
      { type: "TwilioAllotmentCredited", userId: "amy" },
    ]);
    for (const actor of ["bob", "rain", "tc"]) {
      expect(
        refusal(s, { type: "setMessagingPlan", actor, account: OFFICE, userId: "amy", twilio: true }),
      ).toMatchObject({ code: "not_permitted", rule: "SEC-6" });
    }
    expect(
      refusal(s, { type: "addTwilioCredits", actor: "amy", account: OFFICE, userId: "amy", credits: 5 }),
    ).toMatchObject({ code: "not_office_admin" });
  });

  it("a monthly Twilio credit subscription: starting it credits the current office month at once, 500 credits unless the plan names its allotment (SP-5, D-101)", () => {
    const s = teamOffice();
    const started = run(s, { type: "setMessagingPlan", actor: "amy", account: OFFICE, userId: "amy", twilio: true });
    expect(started.events).toEqual([
      {
        type: "MessagingPlanChanged",
        at: "2026-03-02T09:00:00Z",
        by: "amy",
        userId: "amy",
        emailMonthlyLimit: 5000,
        twilio: true,
        twilioMonthlyCredits: 500,
      },
      {
        type: "TwilioAllotmentCredited",
        at: "2026-03-02T09:00:00Z",
        by: "amy",
        userId: "amy",
        from: "2026-03",
        through: "2026-03",
        credits: 500,
      },
    ]);
    expect(messagingOf(started.state, "amy")).toMatchObject({
      twilio: true,
      twilioMonthlyCredits: 500,
      credits: 500,
      creditedThrough: "2026-03",
    });
    // Cancelled and taken again in the same month: the month is not credited twice.
    const again = run(
      started.state,
      { type: "setMessagingPlan", actor: "amy", account: OFFICE, userId: "amy", twilio: false },
      { type: "setMessagingPlan", actor: "amy", account: OFFICE, userId: "amy", twilio: true },
    );
    expect(again.events.map((e) => e.type)).toEqual(["MessagingPlanChanged", "MessagingPlanChanged"]);
    expect(messagingOf(again.state, "amy").credits).toBe(500);
  });

  it("credits roll over, and the months since the last allotment — skipped ones included — are credited before the agent's next text (SP-5, D-102)", () => {
    const s = run(office(), {
      type: "setMessagingPlan",
      actor: "amy",
      account: OFFICE,
      userId: "amy",
      twilioMonthlyCredits: 2,
      at: OPEN,
    }).state;
    expect(messagingOf(s, "amy").credits).toBe(12); // 10 bought, March's 2
    // The preview counts April, May and June's allotment without crediting it.
    expect(messagingOf(s, "amy", JUNE)).toMatchObject({ credits: 18, creditedThrough: "2026-06" });
    expect(messagingOf(s, "amy").credits).toBe(12);
    expect(resolved(s, "s-sms", "c1", JUNE).outcome).toMatchObject({ kind: "text", senderId: "amy", credits: 1 });
    const sent = run(s, { ...sms, at: JUNE });
    expect(sent.events).toMatchObject([
      { type: "TwilioAllotmentCredited", userId: "amy", from: "2026-04", through: "2026-06", credits: 6 },
      { type: "TextSent", senderId: "amy", credits: 1 },
    ]);
    expect(messagingOf(sent.state, "amy")).toMatchObject({ credits: 17, creditedThrough: "2026-06" });
  });

  it("the allotment due lets a text go that the balance alone could not pay for (SP-5, D-102)", () => {
    const s = run(
      office(),
      { type: "setMessagingPlan", actor: "admin", account: OFFICE, userId: "amy", twilioMonthlyCredits: 1, at: OPEN },
      ...Array.from({ length: 11 }, () => [{ ...sms, at: OPEN }, ...REENROL]).flat(),
    ).state;
    expect(messagingOf(s, "amy").credits).toBe(0);
    expect(resolved(s, "s-sms").outcome).toMatchObject({ kind: "failed", reason: "insufficientCredits" });
    expect(resolved(s, "s-sms", "c1", JUNE).outcome).toMatchObject({ kind: "text" });
  });

  it("Twilio credits are how texts are sent and received: a reply goes to the agent who sent the last SmartPlan text to the number, for one credit (SP-5, D-103)", () => {
    const s = run(office(), { ...sms, at: OPEN }).state;
    const r = run(s, { ...reply, at: OPEN });
    expect(r.events).toEqual([
      {
        type: "TextReceived",
        at: OPEN,
        by: "admin",
        userId: "amy",
        from: "+13125550147",
        messageId: "m1",
        route: "sender",
        credits: 1,
      },
    ]);
    expect(messagingOf(r.state, "amy").credits).toBe(8);
  });

  it("if the Rainmaker is designated for all text messages, all responses to SmartPlan text steps go to the Rainmaker (SP-5)", () => {
    const s = run(
      office(),
      {
        type: "setStepDesignee",
        actor: "rain",
        account: TEAM,
        planId: "welcome",
        stepId: "s-sms",
        designee: "rainmaker",
      },
      { ...sms, at: OPEN },
    ).state;
    expect(run(s, { ...reply, at: OPEN }).events).toMatchObject([
      { type: "TextReceived", userId: "rain", route: "sender", credits: 1 },
    ]);
  });

  it("a reply the agent cannot pay for is delivered and recorded, never lost (SP-5, D-103)", () => {
    const s = run(
      office(),
      { ...sms, at: OPEN },
      { type: "setMessagingPlan", actor: "amy", account: OFFICE, userId: "amy", twilio: false },
    ).state;
    expect(run(s, { ...reply, at: OPEN }).events).toMatchObject([
      { type: "TextReceived", userId: "amy", credits: 0, unpaid: "noTwilioSubscription" },
    ]);
    const broke = run(
      teamOffice(),
      { type: "setMessagingPlan", actor: "amy", account: OFFICE, userId: "amy", twilio: true, twilioMonthlyCredits: 1 },
      { type: "createSmartPlan", actor: "rain", account: TEAM, planId: "welcome", name: "Welcome", steps: [...steps] },
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        channel: "manual",
        details: { name: "Cal", phones: ["312 555 0147"] },
      },
      { type: "enrolContact", actor: "amy", account: TEAM, planId: "welcome", contactId: "c1" },
      { ...sms, at: OPEN },
    ).state;
    expect(messagingOf(broke, "amy").credits).toBe(0);
    expect(run(broke, { ...reply, at: OPEN }).events).toMatchObject([
      { type: "TextReceived", userId: "amy", credits: 0, unpaid: "insufficientCredits" },
    ]);
    // Next month's allotment is credited before the reply is charged.
    expect(run(broke, { ...reply, at: JUNE }).events).toMatchObject([
      { type: "TwilioAllotmentCredited", credits: 3 },
      { type: "TextReceived", credits: 1 },
    ]);
  });

  it("a reply to a deactivated agent goes to the rainmaker of the plan's team, charged nothing; from a personal plan it reaches nobody and is recorded (LIF-7, ACC-5, D-103, D-104)", () => {
    const s = run(
      office(),
      { ...sms, at: OPEN },
      { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" },
    ).state;
    const r = run(s, { ...reply, at: OPEN });
    expect(r.events).toMatchObject([
      { type: "TextReceived", userId: "rain", route: "successor", credits: 0, unpaid: "standIn" },
    ]);
    expect(messagingOf(r.state, "rain").credits).toBe(10);
    const mine = run(
      teamOffice(),
      { type: "setMessagingPlan", actor: "bob", account: OFFICE, userId: "bob", twilio: true, twilioMonthlyCredits: 5 },
      {
        type: "createSmartPlan",
        actor: "bob",
        account: personal("bob"),
        planId: "mine",
        name: "Mine",
        steps: [{ id: "t", kind: "sms", title: "Hi" }],
      },
      {
        type: "addContact",
        actor: "bob",
        account: personal("bob"),
        contactId: "p1",
        channel: "manual",
        details: { name: "Pip", phones: ["415 555 0132"] },
      },
      { type: "enrolContact", actor: "bob", account: personal("bob"), planId: "mine", contactId: "p1" },
      {
        type: "runStep",
        actor: "bob",
        account: personal("bob"),
        planId: "mine",
        stepId: "t",
        contactId: "p1",
        at: OPEN,
      },
      { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "bob" },
    ).state;
    expect(run(mine, { ...reply, from: "+1 415 555 0132", at: OPEN }).events).toMatchObject([
      { type: "TextUnrouted", from: "+14155550132", reason: "recipientDeactivated", rule: "LIF-7" },
    ]);
  });

  it("a reply from an opted-out number is refused and recorded; START is a resubscription, which only support with consent records (LIF-3, D-104)", () => {
    const s = run(
      office(),
      { ...sms, at: OPEN },
      {
        type: "recordOptOut",
        actor: "amy",
        account: OFFICE,
        address: { kind: "phone", value: "+1 312 555 0147" },
        channel: "api",
      },
    ).state;
    const refused = run(s, { ...reply, at: OPEN });
    expect(refused.events).toMatchObject([
      { type: "TextUnrouted", from: "+13125550147", reason: "phoneOptedOut", rule: "LIF-3" },
    ]);
    expect(messagingOf(refused.state, "amy").credits).toBe(9);
    const start = run(s, { ...reply, body: " start ", at: OPEN });
    expect(start.events).toMatchObject([{ type: "TextUnrouted", reason: "resubscribeRefused", rule: "LIF-3" }]);
    expect(start.state.optOuts).toBe(s.optOuts);
  });

  it("a reply from a number no SmartPlan texted reaches nobody and is recorded (SP-5, D-104)", () => {
    expect(run(office(), { ...reply, at: OPEN }).events).toMatchObject([
      { type: "TextUnrouted", from: "+13125550147", reason: "noRoute", rule: "SP-5" },
    ]);
  });

  it("the service's integration reports replies as an office admin; a malformed number is a typed error (D-103, LIF-6)", () => {
    const s = run(office(), { ...sms, at: OPEN }).state;
    expect(refusal(s, { ...reply, actor: "amy" })).toMatchObject({ code: "not_office_admin" });
    expect(refusal(s, { ...reply, from: "12" })).toMatchObject({ code: "invalid_address", rule: "LIF-6" });
  });

  it("a reply's events name no contact, so they disclose none to the integration (SEC-2)", () => {
    const s = run(office(), { ...sms, at: OPEN }).state;
    for (const e of run(s, { ...reply, at: OPEN }).events) expect(Object.keys(e)).not.toContain("contactId");
  });

  it("routes, allotments and replies replay from events alone and survive a snapshot (SEC-7, SEC-8)", () => {
    const start = office();
    const r = run(
      start,
      { type: "setMessagingPlan", actor: "amy", account: OFFICE, userId: "amy", twilioMonthlyCredits: 2, at: OPEN },
      { ...sms, at: JUNE },
      { ...reply, at: JUNE },
    );
    const replayed = replay(r.events, start);
    expect(E.isRight(replayed) && toSnapshot(replayed.right)).toEqual(toSnapshot(r.state));
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(r.state))));
    expect(E.isRight(restored) && toSnapshot(restored.right)).toEqual(toSnapshot(r.state));
    expect(toSnapshot(r.state).textRoutes).toEqual([{ phone: "+13125550147", senderId: "amy", planId: "welcome" }]);
    // A forged allotment, or a reply charged to someone the number does not route to, does not apply.
    const forged = replayEvent(r.state, {
      type: "TwilioAllotmentCredited",
      at: JUNE,
      by: "amy",
      userId: "amy",
      from: "2026-06",
      through: "2026-06",
      credits: 2,
    });
    expect(E.isLeft(forged)).toBe(true);
    const misrouted = replayEvent(r.state, {
      type: "TextReceived",
      at: JUNE,
      by: "admin",
      userId: "bob",
      from: "+13125550147",
      route: "sender",
      credits: 0,
    });
    expect(E.isLeft(misrouted)).toBe(true);
  });
});

describe("Messaging written by 0.1.0 still reads (SEC-7, SEC-8)", () => {
  it("a 0.1.0 snapshot and MessagingPlanChanged without an allotment decode and bring no allotment (SP-5, D-101)", () => {
    const s = run(teamOffice(), {
      type: "setMessagingPlan",
      actor: "admin",
      account: OFFICE,
      userId: "amy",
      twilio: true,
      twilioMonthlyCredits: 0,
    }).state;
    const snap = JSON.parse(JSON.stringify(toSnapshot(s))) as {
      messaging: Record<string, unknown>[];
      textRoutes?: unknown;
    };
    for (const m of snap.messaging) delete m.twilioMonthlyCredits;
    delete snap.textRoutes;
    const restored = fromSnapshot(snap);
    expect(E.isRight(restored) && messagingOf(restored.right, "amy", "2026-09-01T17:00:00Z")).toMatchObject({
      twilio: true,
      credits: 0,
    });
    const old: Event = {
      type: "MessagingPlanChanged",
      at: OPEN,
      by: "admin",
      userId: "bob",
      emailMonthlyLimit: 5000,
      twilio: true,
    };
    const replayed = replayEvent(teamOffice(), old);
    expect(E.isRight(replayed) && messagingOf(replayed.right, "bob", "2026-09-01T17:00:00Z")).toEqual({
      emailMonthlyLimit: 5000,
      twilio: true,
      credits: 0,
      month: "",
      emailsSent: 0,
    });
  });
});
