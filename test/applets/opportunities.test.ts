import { describe, expect, it } from "vitest";
import { OPPORTUNITY_STAGES, visibleOpportunities, type State } from "../../src/index.js";
import { personal, refusal, run, TEAM, type Input } from "../support/office.js";
import { appletOffice } from "./world.js";

const create = (actor: string, contactId: string, opportunityId = "o1", account: Input["account"] = TEAM): Input =>
  ({
    type: "createOpportunity",
    actor,
    account,
    opportunityId,
    contactId,
    name: "Buy a 3-bed in Harbour Park",
    stage: "lead",
    value: 450_000,
  }) as Input;

/** Team opportunity o1 on c1 (amy's contact, bob View Only); personal opportunity o2 on p1 (amy's own). */
function withOpportunities(): State {
  return run(appletOffice(), create("amy", "c1", "o1"), create("amy", "p1", "o2", personal("amy"))).state;
}

const seen = (s: State, actor: string) =>
  visibleOpportunities(s, actor).map((o) => `${o.id}:${o.editable ? "edit" : "view"}`);

describe("Opportunities belong to an account and link only to its contacts (AST-4, ACC-6)", () => {
  it("a team opportunity for a contact in the personal account is a typed error citing ACC-6: the teamified applet does not recognise it", () => {
    expect(refusal(appletOffice(), create("amy", "p1"))).toMatchObject({ code: "wrong_account", rule: "ACC-6" });
  });

  it("a personal opportunity for a team-account contact is a typed error citing ACC-6 (AST-4)", () => {
    expect(refusal(appletOffice(), create("amy", "c1", "o1", personal("amy")))).toMatchObject({
      code: "wrong_account",
      rule: "ACC-6",
    });
  });

  it("another user's personal contact is refused exactly as a contact that does not exist (ACC-5, SEC-2)", () => {
    const s = appletOffice();
    const hidden = refusal(s, create("amy", "q1"));
    const missing = refusal(s, create("amy", "nope"));
    expect({ ...hidden, message: hidden.message.replace("q1", "X") }).toEqual({
      ...missing,
      message: missing.message.replace("nope", "X"),
    });
  });

  it("an opportunity records its account, stage, value, linked contact, creator and time (AST-4)", () => {
    const { events } = run(appletOffice(), create("amy", "c1"));
    expect(events).toEqual([
      {
        type: "OpportunityCreated",
        at: expect.any(String),
        by: "amy",
        opportunityId: "o1",
        account: TEAM,
        contactId: "c1",
        name: "Buy a 3-bed in Harbour Park",
        stage: "lead",
        value: 450_000,
      },
    ]);
  });

  it("the pipeline runs lead, appointment, signed, under contract, then closed or lost (D-141)", () => {
    expect(OPPORTUNITY_STAGES).toEqual(["lead", "appointment", "signed", "underContract", "closed", "lost"]);
  });
});

describe("Who sees and edits an opportunity follows the linked contact's access and the member's level (AST-4)", () => {
  // Hand-written: who sees what on withOpportunities(), from the seeds' rules, not from the code.
  const table: [actor: string, sees: string[], why: string][] = [
    ["amy", ["o1:edit", "o2:edit"], "primary on c1; p1 is in her own personal account"],
    [
      "rain",
      ["o1:edit"],
      "the Rainmaker is unlimited and manages all team contacts (ACC-9); amy's personal opportunity is invisible (ACC-5)",
    ],
    ["tc", ["o1:edit"], "enhanced sees and manages all team contacts (ACC-9)"],
    ["bob", ["o1:view"], "View Only on c1 sees it and cannot edit (ASG-3)"],
    ["lee", [], "outside the team"],
    ["admin", ["o1:edit"], "office admins see team-account contacts, never personal ones (ACC-5)"],
  ];
  for (const [actor, sees, why] of table) {
    it(`${actor} sees ${sees.length === 0 ? "nothing" : sees.join(", ")}: ${why}`, () => {
      expect(seen(withOpportunities(), actor)).toEqual(sees);
    });
  }

  it("View Only cannot edit the opportunity of a contact (ASG-3)", () => {
    const s = withOpportunities();
    expect(
      refusal(s, { type: "updateOpportunity", actor: "bob", account: TEAM, opportunityId: "o1", stage: "appointment" }),
    ).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
    expect(
      refusal(s, { type: "closeOpportunity", actor: "bob", account: TEAM, opportunityId: "o1", outcome: "won" }),
    ).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
  });

  it("a standard agent with no access to the contact is told the opportunity does not exist (SEC-2)", () => {
    const s = run(withOpportunities(), {
      type: "revokeAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
    }).state;
    const hidden = refusal(s, {
      type: "updateOpportunity",
      actor: "bob",
      account: TEAM,
      opportunityId: "o1",
      value: 1,
    });
    const missing = refusal(s, {
      type: "updateOpportunity",
      actor: "bob",
      account: TEAM,
      opportunityId: "o9",
      value: 1,
    });
    expect(hidden).toMatchObject({ code: "item_not_found", rule: "AST-4" });
    expect(hidden.message.replace("o1", "X")).toBe(missing.message.replace("o9", "X"));
  });

  it("personal opportunities are invisible to the team, the Rainmaker included (AST-4, ACC-5)", () => {
    const s = withOpportunities();
    for (const actor of ["rain", "tc", "bob", "admin"])
      expect(visibleOpportunities(s, actor, { account: personal("amy") })).toEqual([]);
    expect(
      refusal(s, { type: "deleteOpportunity", actor: "rain", account: personal("amy"), opportunityId: "o2" }),
    ).toMatchObject({ code: "account_not_allowed", rule: "ACC-5" });
    // The same refusal as for an id nobody holds.
    expect(
      refusal(s, { type: "deleteOpportunity", actor: "rain", account: personal("amy"), opportunityId: "zz" }),
    ).toMatchObject({ code: "account_not_allowed", rule: "ACC-5" });
  });

  it("a contact's opportunities are listed per contact, only to those who see the contact (AST-4)", () => {
    const s = withOpportunities();
    expect(visibleOpportunities(s, "bob", { contactId: "c1" }).map((o) => o.id)).toEqual(["o1"]);
    expect(visibleOpportunities(s, "lee", { contactId: "c1" })).toEqual([]);
    expect(visibleOpportunities(s, "rain", { contactId: "p1" })).toEqual([]);
  });
});

describe("Opportunities move through their stages; closing and deleting are recorded (AST-4)", () => {
  it("an editor changes the stage, value and name; a change to nothing is no change", () => {
    const s = withOpportunities();
    const { state, events } = run(s, {
      type: "updateOpportunity",
      actor: "tc",
      account: TEAM,
      opportunityId: "o1",
      stage: "signed",
      value: 460_000,
    });
    expect(events).toMatchObject([
      {
        type: "OpportunityUpdated",
        opportunityId: "o1",
        stage: "signed",
        value: 460_000,
        name: "Buy a 3-bed in Harbour Park",
      },
    ]);
    expect(visibleOpportunities(state, "amy", { contactId: "c1" })[0]).toMatchObject({
      stage: "signed",
      value: 460_000,
    });
    expect(
      refusal(state, { type: "updateOpportunity", actor: "tc", account: TEAM, opportunityId: "o1", stage: "signed" }),
    ).toMatchObject({ code: "no_change" });
  });

  it("a closed opportunity stays closed (won → closed, lost → lost)", () => {
    const won = run(withOpportunities(), {
      type: "closeOpportunity",
      actor: "amy",
      account: TEAM,
      opportunityId: "o1",
      outcome: "won",
    }).state;
    expect(visibleOpportunities(won, "amy", { contactId: "c1" })[0]?.stage).toBe("closed");
    expect(
      refusal(won, { type: "updateOpportunity", actor: "amy", account: TEAM, opportunityId: "o1", stage: "lead" }),
    ).toMatchObject({ code: "no_change", rule: "AST-4" });
    const lost = run(withOpportunities(), {
      type: "closeOpportunity",
      actor: "amy",
      account: personal("amy"),
      opportunityId: "o2",
      outcome: "lost",
    }).state;
    expect(visibleOpportunities(lost, "amy", { contactId: "p1" })[0]?.stage).toBe("lost");
  });

  it("deleting an opportunity is recorded as an event and it is gone", () => {
    const { state, events } = run(withOpportunities(), {
      type: "deleteOpportunity",
      actor: "amy",
      account: TEAM,
      opportunityId: "o1",
    });
    expect(events).toMatchObject([{ type: "OpportunityDeleted", by: "amy", opportunityId: "o1" }]);
    expect(seen(state, "amy")).toEqual(["o2:edit"]);
  });

  it("a taken id is refused without naming anything about its holder (SEC-2)", () => {
    const e = refusal(withOpportunities(), create("rain", "c2", "o2"));
    expect(e).toMatchObject({ code: "duplicate_id", rule: "input" });
    expect(e.message).not.toMatch(/amy|p1|personal/);
  });
});

describe("Opportunity limits are typed errors (AST-4, D-142, D-143)", () => {
  const cases: [string, Partial<Record<string, unknown>>][] = [
    ["an empty name", { name: "" }],
    ["a name over 200 characters", { name: "x".repeat(201) }],
    ["a negative value", { value: -1 }],
    ["a value with cents", { value: 1.5 }],
    ["a value over a trillion", { value: 1_000_000_000_001 }],
    ["a closed stage at creation", { stage: "closed" }],
  ];
  for (const [what, change] of cases) {
    it(`${what} is invalid input and changes nothing`, () => {
      expect(refusal(appletOffice(), { ...create("amy", "c1"), ...change } as Input)).toMatchObject({
        code: "invalid_input",
      });
    });
  }
  it("the largest value and a 200-character name are accepted", () => {
    const r = run(appletOffice(), { ...create("amy", "c1"), name: "x".repeat(200), value: 1_000_000_000_000 } as Input);
    expect(r.events).toMatchObject([{ type: "OpportunityCreated", value: 1_000_000_000_000 }]);
  });
});
