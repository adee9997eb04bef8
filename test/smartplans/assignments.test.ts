import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { stepAssignments } from "../../src/index.js";
import { personal, run, TEAM, teamOffice } from "../support/office.js";

const steps = [
  { id: "t", kind: "task", title: "Call back" },
  { id: "e", kind: "email", title: "Welcome", designee: "rainmaker" },
  { id: "s", kind: "sms", title: "Hello" },
  { id: "c", kind: "call", title: "Check in" },
] as const;

const office = () =>
  run(
    teamOffice(),
    { type: "createSmartPlan", actor: "rain", account: TEAM, planId: "welcome", name: "Welcome", steps: [...steps] },
    {
      type: "setAgentDefaults",
      actor: "rain",
      account: TEAM,
      defaults: { task: "rainmaker", email: "contactAssignee", text: "contactAssignee" },
    },
    {
      type: "createSmartPlan",
      actor: "bob",
      account: personal("bob"),
      planId: "mine",
      name: "Mine",
      steps: [{ id: "t", kind: "task", title: "Follow up" }],
    },
  ).state;

const roles = (r: ReturnType<typeof stepAssignments>) =>
  E.isRight(r)
    ? r.right.map(
        (a) =>
          `${a.stepId} ${a.role} from ${a.source} → ${a.agentId ?? `each contact's assignee, else ${a.standIn}`} (${a.rule})`,
      )
    : r.left.code;

describe("verifying a team SmartPlan's step assignment (seed 001)", () => {
  it("each step shows its role — the step's override or the team's default for its type — and the user when the contact does not decide it (SP-1, SP-2, SP-3)", () => {
    expect(roles(stepAssignments(office(), "amy", "welcome"))).toEqual([
      "t rainmaker from teamDefault → rain (SP-1)",
      "e rainmaker from step → rain (SP-2)",
      "s contactAssignee from teamDefault → each contact's assignee, else rain (SP-3)",
      "c rainmaker from teamDefault → rain (SP-1)", // calls follow the task default
    ]);
  });

  it("a changed default or override shows at once (SP-2)", () => {
    const state = run(
      office(),
      { type: "setStepDesignee", actor: "rain", account: TEAM, planId: "welcome", stepId: "e", designee: null },
      {
        type: "setAgentDefaults",
        actor: "rain",
        account: TEAM,
        defaults: { task: "contactAssignee", email: "contactAssignee", text: "rainmaker" },
      },
    ).state;
    expect(roles(stepAssignments(state, "rain", "welcome"))).toEqual([
      "t contactAssignee from teamDefault → each contact's assignee, else rain (SP-3)",
      "e contactAssignee from teamDefault → each contact's assignee, else rain (SP-3)",
      "s rainmaker from teamDefault → rain (SP-1)",
      "c contactAssignee from teamDefault → each contact's assignee, else rain (SP-3)",
    ]);
  });

  it("a personal plan's steps all go to its user, and only that user may look (SP-8, ACC-5)", () => {
    expect(roles(stepAssignments(office(), "bob", "mine"))).toEqual(["t accountUser from personalPlan → bob (SP-8)"]);
    expect(stepAssignments(office(), "amy", "mine")).toMatchObject({ _tag: "Left", left: { code: "plan_not_found" } });
  });

  it("a plan the asker cannot use is answered as one that does not exist (SEC-2)", () => {
    const state = office();
    const asMissing = (asker: string, plan: string) =>
      JSON.stringify(stepAssignments(state, asker, plan)).replaceAll(plan, "P");
    expect(asMissing("lee", "welcome")).toBe(asMissing("lee", "nope")); // lee is in no team
    expect(asMissing("amy", "mine")).toBe(asMissing("amy", "nope"));
    expect(asMissing("ghost", "welcome")).toBe(asMissing("ghost", "nope"));
    expect(E.isRight(stepAssignments(state, "admin", "welcome"))).toBe(true); // office admins support every team
  });
});
