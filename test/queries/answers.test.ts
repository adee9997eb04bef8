import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessList,
  explainFor,
  openTasks,
  stepAssignments,
  visibilityFilter,
  visiblePage,
  type AccessEntry,
  type State,
} from "../../src/index.js";
import { details, OFFICE, personal, run, TEAM, teamOffice } from "../support/office.js";

/** c1: amy primary, bob a full grant, tc (enhanced) by level; p1: bob's own, shared with amy; admin sees all. */
const office = (): State =>
  run(
    teamOffice(),
    { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: details("Cal") },
    { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "bob", level: "full" },
    { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "tc" } },
    {
      type: "addContact",
      actor: "bob",
      account: personal("bob"),
      contactId: "p1",
      channel: "manual",
      details: details("Pat"),
    },
    { type: "grantAccess", actor: "bob", account: personal("bob"), contactId: "p1", userId: "amy", level: "view" },
    {
      type: "createSmartPlan",
      actor: "rain",
      account: TEAM,
      planId: "plan",
      name: "Plan",
      steps: [{ id: "s", kind: "task", title: "Call" }],
    },
  ).state;

const entry = (state: State, contactId: string, userId: string): AccessEntry | undefined => {
  const list = accessList(state, contactId);
  return E.isRight(list) ? list.right.find((e) => e.userId === userId) : undefined;
};

describe("what the access list says revokeAccess can end (seed 004, REA-3)", () => {
  it("admin agents can revoke access, except for admin agents or the currently assigned agent: each entry says which, and what ends it instead", () => {
    const s = office();
    expect(entry(s, "c1", "amy")?.revocation).toEqual({
      revocable: false,
      code: "cannot_revoke_primary",
      rule: "REA-3",
      instead: "changePrimary",
    });
    expect(entry(s, "c1", "admin")?.revocation).toEqual({
      revocable: false,
      code: "cannot_revoke_admin",
      rule: "REA-3",
      instead: "changeOfficeRole",
    });
    expect(entry(s, "c1", "bob")?.revocation).toEqual({ revocable: true, grant: "full", keeps: [] });
    // tc owns c1 and sees the team by level: only a change of owner ends what revoking cannot.
    expect(entry(s, "c1", "tc")?.revocation).toEqual({
      revocable: false,
      code: "not_assigned",
      rule: "REA-3",
      instead: "changeOwner",
    });
    // rain sees it by level alone: a level change ends that.
    expect(entry(s, "c1", "rain")?.revocation).toEqual({
      revocable: false,
      code: "not_assigned",
      rule: "REA-3",
      instead: "changeMemberLevel",
    });
    // A grant on top of a team level: revoking it leaves the level.
    const granted = run(s, {
      type: "grantAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      userId: "rain",
      level: "view",
    } as never);
    expect(granted.events).toHaveLength(1);
    expect(entry(granted.state, "c1", "rain")?.revocation).toMatchObject({
      revocable: true,
      grant: "view",
      keeps: [{ kind: "teamLevel", level: "unlimited" }],
    });
    expect(entry(s, "p1", "amy")?.revocation).toEqual({ revocable: true, grant: "view", keeps: [] });
  });
});

describe("the words of each query's refusal", () => {
  it("explainFor names the asker it does not know, and tells a non-admin the rule (SEC-2)", () => {
    const s = office();
    expect(explainFor(s, "ghost", "amy", "view", "c1")).toEqual(
      E.left({ code: "user_not_found", rule: "SEC-2", message: "no user ghost" }),
    );
    expect(explainFor(s, "bob", "amy", "view", "c1")).toEqual(
      E.left({
        code: "not_permitted",
        rule: "SEC-2",
        message: "bob may ask why only about themselves: explaining another user's access is for office admins",
        action: "explainOthers",
        contactId: null,
        remedy: null,
      }),
    );
  });

  it("stepAssignments answers a plan the asker cannot use as one that does not exist (SEC-2)", () => {
    const s = office();
    const missing = { code: "plan_not_found", rule: "SEC-2", message: "no SmartPlan nope is visible to amy" };
    expect(stepAssignments(s, "amy", "nope")).toEqual(E.left(missing));
    expect(stepAssignments(s, "lee", "plan")).toEqual(
      E.left({ ...missing, message: "no SmartPlan plan is visible to lee" }),
    );
    expect(E.isRight(stepAssignments(s, "admin", "plan"))).toBe(true);
  });

  it("visiblePage refuses a page length or a cursor it did not make, saying which", () => {
    const s = office();
    expect(visiblePage(s, "amy", { limit: 0 })).toEqual(
      E.left({
        code: "invalid_input",
        rule: "input",
        message: "a page holds 1 to 10000 contacts, not 0",
        path: ["limit"],
      }),
    );
    expect(visiblePage(s, "amy", { limit: 5, after: "v2.1.c1" })).toEqual(
      E.left({ code: "invalid_input", rule: "input", message: "not a cursor of this listing", path: ["after"] }),
    );
  });

  it("visibilityFilter names the action, the option or the user it cannot use", () => {
    const s = office();
    const bad = visibilityFilter(s, "amy", "fly" as never);
    expect(E.isLeft(bad) && bad.left.message).toBe(
      "no action fly: one of view, viewDetails, edit, enrol, linkToListing, manageAccess, share, changePrimary, changeOwner, move, delete, export, unassignSelf, archive",
    );
    expect(visibilityFilter(s, "ghost")).toEqual(
      E.left({ code: "actor_not_found", rule: "office", message: "no user ghost in this office" }),
    );
    expect(visibilityFilter(s, 7 as never)).toEqual(
      E.left({ code: "invalid_input", rule: "input", message: "the actor id is not a string", path: ["actorId"] }),
    );
    const option = visibilityFilter(s, "amy", "view", { archived: "yes" } as never);
    expect(option).toMatchObject({ _tag: "Left", left: { code: "invalid_input", path: ["archived"] } });
    expect(E.isLeft(option) && option.left.message).toMatch(/^options\.archived: \S/);
    expect(visibilityFilter(s, "amy", "view", { primaryOnly: true } as never)).toMatchObject({
      _tag: "Left",
      left: { code: "invalid_input", path: ["primaryOnly"], message: "options.primaryOnly: unknown field" },
    });
  });

  it("a deactivated user's filter matches nothing; an admin's lists every team (LIF-7, REA-2)", () => {
    const s = run(office(), {
      type: "createTeam",
      actor: "admin",
      account: OFFICE,
      teamId: "t2",
      name: "Two",
      rainmakerId: "lee",
    }).state;
    expect(visibilityFilter(s, "admin")).toEqual(
      E.right({
        action: "view",
        accounts: ["personal:admin", "team:t1", "team:t2"],
        except: [],
        contacts: [],
        archived: null,
      }),
    );
    const off = run(s, { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    expect(visibilityFilter(off, "amy")).toEqual(
      E.right({ action: "view", accounts: [], except: [], contacts: [], archived: null }),
    );
  });

  it("openTasks names the user it does not know", () => {
    expect(openTasks(office(), "ghost")).toEqual(
      E.left({ code: "user_not_found", rule: "SEC-2", message: "no user ghost" }),
    );
  });
});
