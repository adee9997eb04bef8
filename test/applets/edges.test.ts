import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  evolve,
  fromSnapshot,
  messagingOf,
  previewCampaign,
  replay,
  toSnapshot,
  visibleCampaigns,
  visibleOpportunities,
  type AccountRef,
  type Event,
  type State,
} from "../../src/index.js";
import { AT, OFFICE, personal, refusal, run, TEAM, type Input } from "../support/office.js";
import { appletOffice } from "./world.js";

/** Edges of the opportunity and campaign rules: exact refusals, what each event leaves behind, and the queries' filters. */
const AMY = personal("amy");
const T9 = { kind: "team", teamId: "t9" } as const;

const opp = (actor: string, opportunityId: string, contactId: string, account: AccountRef = TEAM): Input =>
  ({
    type: "createOpportunity",
    actor,
    account,
    opportunityId,
    contactId,
    name: "Harbour Park",
    stage: "lead",
    value: 100,
  }) as Input;
const camp = (
  actor: string,
  campaignId: string,
  audience: { primaryOnly: boolean } | null = null,
  account: AccountRef = TEAM,
): Input => ({ type: "createCampaign", actor, account, campaignId, name: "Spring", audience }) as Input;
const add = (actor: string, campaignId: string, contactId: string, account: AccountRef = TEAM): Input =>
  ({ type: "addCampaignMember", actor, account, campaignId, contactId }) as Input;
const remove = (actor: string, campaignId: string, contactId: string, account: AccountRef = TEAM): Input =>
  ({ type: "removeCampaignMember", actor, account, campaignId, contactId }) as Input;
const update = (
  actor: string,
  opportunityId: string,
  change: Record<string, unknown>,
  account: AccountRef = TEAM,
): Input => ({ type: "updateOpportunity", actor, account, opportunityId, ...change }) as Input;
const send = (actor: string, campaignId: string, account: AccountRef = TEAM): Input =>
  ({ type: "sendCampaign", actor, account, campaignId }) as Input;
const plain = (e: object) => ({ ...e });

/** o1 on c1 (amy, team), o2 on p1 (amy, personal); m1 by amy with member c1; m2 amy's personal. */
function office(): State {
  return run(
    appletOffice(),
    opp("amy", "o1", "c1"),
    opp("amy", "o2", "p1", AMY),
    camp("amy", "m1"),
    add("amy", "m1", "c1"),
    camp("amy", "m2", null, AMY),
  ).state;
}

describe("Refusals name what is refused, with the code and rule docs/errors.md gives (AST-4, AST-5, SEC-2)", () => {
  it("an opportunity that does not exist, is in another account, or is hidden is item_not_found under AST-4, naming the account asked", () => {
    const s = office();
    const expected = (id: string, where: string) => ({
      code: "item_not_found",
      rule: "AST-4",
      message: `no opportunity ${id} in the ${where}`,
    });
    expect(plain(refusal(s, update("amy", "o9", { value: 1 })))).toEqual(expected("o9", "team account t1"));
    expect(plain(refusal(s, update("amy", "o2", { value: 1 })))).toEqual(expected("o2", "team account t1"));
    expect(plain(refusal(s, update("amy", "o1", { value: 1 }, AMY)))).toEqual(
      expected("o1", "personal account of amy"),
    );
    expect(plain(refusal(s, { type: "deleteOpportunity", actor: "amy", account: AMY, opportunityId: "o1" }))).toEqual(
      expected("o1", "personal account of amy"),
    );
    // c2 is bob's and hidden from amy: the same refusal as for an id nobody holds (SEC-2).
    const hidden = run(s, opp("bob", "o5", "c2")).state;
    expect(
      plain(
        refusal(hidden, { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "o5", outcome: "won" }),
      ),
    ).toEqual(expected("o5", "team account t1"));
  });

  it("a campaign that does not exist or is in another account is item_not_found under AST-5, whatever is asked of it", () => {
    const s = office();
    const expected = (id: string, where: string) => ({
      code: "item_not_found",
      rule: "AST-5",
      message: `no email campaign ${id} in the ${where}`,
    });
    expect(plain(refusal(s, { type: "deleteCampaign", actor: "amy", account: TEAM, campaignId: "m9" }))).toEqual(
      expected("m9", "team account t1"),
    );
    expect(plain(refusal(s, add("amy", "m2", "c1")))).toEqual(expected("m2", "team account t1"));
    expect(plain(refusal(s, remove("amy", "m1", "p1", AMY)))).toEqual(expected("m1", "personal account of amy"));
    expect(plain(refusal(s, send("amy", "m2")))).toEqual(expected("m2", "team account t1"));
    expect(previewCampaign(s, { actor: "amy", at: AT, account: TEAM, campaignId: "m9" })).toEqual(
      E.left(expected("m9", "team account t1")),
    );
  });

  it("an unknown actor or an account the actor is outside is refused before anything else", () => {
    const s = office();
    expect(refusal(s, update("zed", "o1", { value: 1 }))).toMatchObject({ code: "actor_not_found" });
    expect(refusal(s, opp("zed", "o7", "c1"))).toMatchObject({ code: "actor_not_found" });
    expect(refusal(s, send("lee", "m1"))).toMatchObject({ code: "account_not_allowed" });
    expect(refusal(s, camp("amy", "m7", null, T9))).toMatchObject({ code: "team_not_found" });
  });

  it("a taken id is duplicate_id under the input rule, naming only the id", () => {
    const s = office();
    expect(plain(refusal(s, opp("rain", "o2", "c1")))).toEqual({
      code: "duplicate_id",
      rule: "input",
      message: "opportunity id o2 is already taken",
    });
    expect(plain(refusal(s, camp("rain", "m2")))).toEqual({
      code: "duplicate_id",
      rule: "input",
      message: "email campaign id m2 is already taken",
    });
  });

  it("View Only links no opportunity and changes none (ASG-3)", () => {
    const s = office();
    expect(refusal(s, opp("bob", "o7", "c1"))).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
    const viewOnly = {
      code: "not_permitted",
      rule: "ASG-3",
      message: "bob may view opportunity o1 but not change it: that needs edit access to its contact",
      action: "edit",
      contactId: "c1",
      remedy: { kind: "grant", level: "full" },
    };
    expect(plain(refusal(s, update("bob", "o1", { value: 1 })))).toEqual(viewOnly);
    expect(plain(refusal(s, { type: "deleteOpportunity", actor: "bob", account: TEAM, opportunityId: "o1" }))).toEqual(
      viewOnly,
    );
  });

  it("only a campaign's creator, a team leader or an office admin deletes it (D-145)", () => {
    const s = office();
    expect(plain(refusal(s, { type: "deleteCampaign", actor: "bob", account: TEAM, campaignId: "m1" }))).toEqual({
      code: "not_permitted",
      rule: "AST-5",
      message:
        "bob may not delete email campaign m1: its creator, an enhanced or unlimited member or an office admin may",
      action: "deleteCampaign",
      contactId: null,
      remedy: null,
    });
    for (const actor of ["amy", "rain", "tc", "admin"])
      expect(run(s, { type: "deleteCampaign", actor, account: TEAM, campaignId: "m1" }).events).toEqual([
        { type: "CampaignDeleted", at: AT, by: actor, campaignId: "m1" },
      ]);
  });

  it("membership changes once: a member twice, a non-member removed, or a sent campaign's members are no_change (AST-5, D-146)", () => {
    const s = office();
    expect(plain(refusal(s, add("amy", "m1", "c1")))).toEqual({
      code: "no_change",
      rule: "AST-5",
      message: "contact c1 is already a member of email campaign m1",
    });
    expect(plain(refusal(s, remove("amy", "m1", "c3")))).toEqual({
      code: "no_change",
      rule: "AST-5",
      message: "contact c3 is not a member of email campaign m1",
    });
    const sent = run(s, send("amy", "m1")).state;
    expect(plain(refusal(sent, add("amy", "m1", "c3")))).toEqual({
      code: "no_change",
      rule: "AST-5",
      message: `email campaign m1 was sent at ${AT}; its members stay as they were`,
    });
    expect(plain(refusal(sent, remove("amy", "m1", "c1")))).toEqual({
      code: "no_change",
      rule: "AST-5",
      message: `email campaign m1 was sent at ${AT}; its members stay as they were`,
    });
    expect(plain(refusal(sent, send("rain", "m1")))).toEqual({
      code: "no_change",
      rule: "SEC-6",
      message: `email campaign m1 was already sent at ${AT}; a campaign is sent once`,
    });
    expect(previewCampaign(sent, { actor: "amy", at: AT, account: TEAM, campaignId: "m1" })).toEqual(
      E.left({
        code: "no_change",
        rule: "SEC-6",
        message: `email campaign m1 was already sent at ${AT}; a campaign is sent once`,
      }),
    );
  });

  it("a member is added and removed by whoever may enrol the contact; View Only may do neither (SHR-1, ASG-3)", () => {
    const s = office();
    expect(refusal(s, remove("bob", "m1", "c1"))).toMatchObject({ code: "not_permitted" });
    expect(refusal(s, add("amy", "m1", "c2"))).toMatchObject({ code: "contact_not_found" });
    expect(run(s, remove("rain", "m1", "c1")).events).toEqual([
      { type: "CampaignMemberRemoved", at: AT, by: "rain", campaignId: "m1", contactId: "c1", rule: "AST-5" },
    ]);
  });

  it("a malformed preview request is invalid_input naming the field's problem", () => {
    const r = previewCampaign(office(), { actor: "amy", at: AT, account: TEAM, campaignId: "" });
    expect(E.isLeft(r) && plain(r.left)).toMatchObject({
      code: "invalid_input",
      rule: "input",
      message: "previewCampaign.campaignId: an id must not be empty",
      path: ["campaignId"],
    });
    expect(E.isLeft(r) && r.left.message).not.toBe("previewCampaign: invalid");
    expect(E.isLeft(r) && r.left.message).not.toContain("undefined");
  });
});

describe("An opportunity changes only where something changes; closed ones stay as they ended (AST-4, D-141)", () => {
  it("changing only the name, only the stage or only the value is recorded with the other two kept", () => {
    const s = office();
    expect(run(s, update("amy", "o1", { name: "Bay View" })).events).toEqual([
      {
        type: "OpportunityUpdated",
        at: AT,
        by: "amy",
        opportunityId: "o1",
        name: "Bay View",
        stage: "lead",
        value: 100,
      },
    ]);
    expect(run(s, update("amy", "o1", { stage: "signed" })).events).toEqual([
      {
        type: "OpportunityUpdated",
        at: AT,
        by: "amy",
        opportunityId: "o1",
        name: "Harbour Park",
        stage: "signed",
        value: 100,
      },
    ]);
    expect(run(s, update("amy", "o1", { value: 0 })).events).toEqual([
      {
        type: "OpportunityUpdated",
        at: AT,
        by: "amy",
        opportunityId: "o1",
        name: "Harbour Park",
        stage: "lead",
        value: 0,
      },
    ]);
  });

  it("a change to what it already has, field by field or with nothing given, is no_change under the input rule", () => {
    const s = office();
    const same = { code: "no_change", rule: "input", message: "opportunity o1 already has that name, stage and value" };
    for (const change of [
      {},
      { name: "Harbour Park" },
      { stage: "lead" },
      { value: 100 },
      { name: "Harbour Park", stage: "lead", value: 100 },
    ])
      expect(plain(refusal(s, update("amy", "o1", change)))).toEqual(same);
  });

  it("a won or lost opportunity is no longer updated or closed; it may still be deleted", () => {
    for (const outcome of ["won", "lost"] as const) {
      const s = run(office(), {
        type: "closeOpportunity",
        actor: "amy",
        account: TEAM,
        opportunityId: "o1",
        outcome,
      }).state;
      const stage = outcome === "won" ? "closed" : "lost";
      const closed = { code: "no_change", rule: "AST-4", message: `opportunity o1 is already ${stage}` };
      expect(plain(refusal(s, update("amy", "o1", { stage: "signed" })))).toEqual(closed);
      expect(
        plain(
          refusal(s, { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "o1", outcome: "won" }),
        ),
      ).toEqual(closed);
      expect(visibleOpportunities(s, "amy", { contactId: "c1" })).toEqual([
        {
          id: "o1",
          account: TEAM,
          name: "Harbour Park",
          stage,
          value: 100,
          contactId: "c1",
          createdBy: "amy",
          createdAt: AT,
          editable: true,
        },
      ]);
      expect(run(s, { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o1" }).events).toEqual([
        { type: "OpportunityDeleted", at: AT, by: "amy", opportunityId: "o1" },
      ]);
    }
  });
});

describe("Links end exactly once: what a deletion or removal leaves behind (AST-3, D-148)", () => {
  const deleteContact = (contactId: string, account: AccountRef = TEAM): Input =>
    ({ type: "deleteContact", actor: account.kind === "team" ? "rain" : "amy", account, contactId }) as Input;
  const types = (events: readonly Event[]) =>
    events.map(
      (e) =>
        `${e.type}${"opportunityId" in e ? ` ${e.opportunityId}` : ""}${"campaignId" in e ? ` ${e.campaignId}` : ""}`,
    );

  it("a contact with no opportunity or membership is deleted with no applet event", () => {
    expect(types(run(office(), deleteContact("c3")).events)).toEqual(["ContactDeleted"]);
  });

  it("a contact linked only to a campaign ends that membership alone; one linked only to an opportunity ends that link alone", () => {
    const s = run(office(), add("amy", "m1", "c3"), opp("amy", "o3", "c4")).state;
    expect(types(run(s, deleteContact("c3")).events)).toEqual(["CampaignMemberRemoved m1", "ContactDeleted"]);
    expect(types(run(s, deleteContact("c4")).events)).toEqual(["OpportunityUnlinked o3", "ContactDeleted"]);
  });

  it("a deleted opportunity or campaign, or a member taken off, leaves no link behind to end later", () => {
    const s = run(
      office(),
      opp("amy", "o3", "c1"),
      camp("amy", "m3"),
      add("amy", "m3", "c1"),
      { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o1" },
      { type: "deleteCampaign", actor: "amy", account: TEAM, campaignId: "m3" },
    ).state;
    expect(types(run(s, deleteContact("c1")).events)).toEqual([
      "OpportunityUnlinked o3",
      "CampaignMemberRemoved m1",
      "ContactDeleted",
    ]);
    const all = run(
      s,
      { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o3" },
      remove("amy", "m1", "c1"),
    ).state;
    expect(types(run(all, deleteContact("c1")).events)).toEqual(["ContactDeleted"]);
    expect(visibleOpportunities(all, "rain", { contactId: "c1" })).toEqual([]);
    expect(visibleCampaigns(all, "rain").map((c) => c.id)).toEqual(["m1"]);
  });

  it("the same office rebuilt by replay lets the contact go once its links have ended (SEC-8)", () => {
    const commands: Input[] = [
      opp("amy", "o3", "c1"),
      { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o1" },
      { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o3" },
      remove("amy", "m1", "c1"),
      { type: "deleteCampaign", actor: "amy", account: TEAM, campaignId: "m1" },
      deleteContact("c1"),
    ];
    const { state, events } = run(office(), ...commands);
    const r = replay(events, office());
    expect(E.isRight(r) && toSnapshot(r.right)).toEqual(toSnapshot(state));
  });

  it("an unlinked opportunity keeps its account, is listed by account but no longer by its old contact", () => {
    const s = run(
      office(),
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: AMY } as Input,
    ).state;
    expect(visibleOpportunities(s, "amy", { contactId: "c1" })).toEqual([]);
    expect(visibleOpportunities(s, "amy", { account: TEAM })).toMatchObject([
      { id: "o1", contactId: null, editable: true },
    ]);
  });
});

describe("evolve trusts its input but never throws: an event about an opportunity or campaign that is gone changes nothing (SEC-8)", () => {
  const by = { at: AT, by: "amy" };
  const gone: Event[] = [
    { type: "OpportunityUpdated", ...by, opportunityId: "o9", name: "x", stage: "lead", value: 1 },
    { type: "OpportunityClosed", ...by, opportunityId: "o9", outcome: "won" },
    { type: "OpportunityDeleted", ...by, opportunityId: "o9" },
    { type: "OpportunityUnlinked", ...by, opportunityId: "o9", contactId: "c1", rule: "ACC-7" },
    { type: "CampaignDeleted", ...by, campaignId: "m9" },
    { type: "CampaignMemberAdded", ...by, campaignId: "m9", contactId: "c1" },
    { type: "CampaignMemberRemoved", ...by, campaignId: "m9", contactId: "c1", rule: "AST-5" },
    { type: "CampaignSent", ...by, campaignId: "m9", sent: 0, skipped: 0 },
    {
      type: "CampaignEmailSkipped",
      ...by,
      campaignId: "m1",
      contactId: "c1",
      agentId: "amy",
      reason: "noValidEmail",
      rule: "SP-9",
    },
  ] as Event[];
  for (const e of gone) {
    it(`${e.type} of ${"opportunityId" in e ? e.opportunityId : "campaignId" in e ? e.campaignId : ""} leaves the state as it was`, () => {
      const s = office();
      // The stream version counts the event; nothing else moves.
      expect({ ...toSnapshot(evolve(s, e)), streamVersion: 0 }).toEqual({ ...toSnapshot(s), streamVersion: 0 });
      expect(visibleOpportunities(evolve(s, e), "amy")).toEqual(visibleOpportunities(s, "amy"));
      expect(visibleCampaigns(evolve(s, e), "amy")).toEqual(visibleCampaigns(s, "amy"));
    });
  }
  it("a skip between emails leaves the campaign open until CampaignSent: replay takes emails after a skip", () => {
    const s = run(office(), add("amy", "m1", "c3")).state;
    const stored = [
      {
        type: "CampaignEmailSkipped",
        ...by,
        campaignId: "m1",
        contactId: "c3",
        agentId: "amy",
        reason: "noValidEmail",
        rule: "SP-9",
      },
      {
        type: "CampaignEmailSent",
        ...by,
        campaignId: "m1",
        contactId: "c1",
        senderId: "amy",
        to: "cal@example.com",
        month: "2026-03",
      },
      { type: "CampaignSent", ...by, campaignId: "m1", sent: 1, skipped: 1 },
    ];
    const r = replay(stored, s);
    expect(E.isRight(r) && visibleCampaigns(r.right, "amy", TEAM).map((c) => c.sentAt)).toEqual([AT]);
  });
});

describe("Each event leaves what it says: created, closed, deleted, members in order (AST-4, AST-5)", () => {
  it("a campaign without an audience rule keeps none; one with a rule keeps it as given", () => {
    const s = run(office(), camp("rain", "m3", { primaryOnly: false })).state;
    expect(visibleCampaigns(s, "rain", TEAM).map((c) => [c.id, c.audience])).toEqual([
      ["m1", null],
      ["m3", { primaryOnly: false }],
    ]);
  });

  it("a deleted campaign is gone from every list and its id is free again", () => {
    const s = run(office(), { type: "deleteCampaign", actor: "amy", account: TEAM, campaignId: "m1" }).state;
    expect(visibleCampaigns(s, "amy").map((c) => c.id)).toEqual(["m2"]);
    expect(run(s, camp("amy", "m1")).events).toMatchObject([{ type: "CampaignCreated", campaignId: "m1" }]);
  });

  it("members are kept sorted as they are added and lose only the one removed", () => {
    const s = run(office(), add("amy", "m1", "c4"), add("amy", "m1", "c3")).state;
    expect(visibleCampaigns(s, "rain", TEAM)[0]?.members).toEqual(["c1", "c3", "c4"]);
    const less = run(s, remove("amy", "m1", "c3")).state;
    expect(visibleCampaigns(less, "rain", TEAM)[0]?.members).toEqual(["c1", "c4"]);
  });

  it("a deleted opportunity frees its place under the bound of its account; the index of the account shrinks and grows again (D-143)", () => {
    const snap = JSON.parse(JSON.stringify(toSnapshot(appletOffice()))) as Record<string, unknown>;
    const opportunities = Array.from({ length: 10_000 }, (_, i) => ({
      id: `a${String(i).padStart(5, "0")}`,
      account: TEAM,
      name: "x",
      stage: "lead",
      value: 1,
      contactId: null,
      createdBy: "amy",
      createdAt: AT,
    }));
    const read = fromSnapshot({ ...snap, opportunities });
    if (E.isLeft(read)) throw new Error(read.left.message);
    const s = run(
      read.right,
      { type: "deleteOpportunity", actor: "rain", account: TEAM, opportunityId: "a00000" },
      opp("amy", "z1", "c1"),
    ).state;
    expect(refusal(s, opp("amy", "z2", "c1"))).toMatchObject({
      code: "invalid_input",
      message: "opportunities of the team account t1: at most 10,000",
    });
    const campaigns = Array.from({ length: 999 }, (_, i) => ({
      id: `a${String(i).padStart(5, "0")}`,
      account: TEAM,
      name: "x",
      audience: null,
      members: [],
      createdBy: "amy",
      createdAt: AT,
    }));
    const readC = fromSnapshot({ ...snap, campaigns });
    if (E.isLeft(readC)) throw new Error(readC.left.message);
    const full = run(readC.right, camp("amy", "z1")).state;
    expect(refusal(full, camp("amy", "z2"))).toMatchObject({
      code: "invalid_input",
      message: "email campaigns of the team account t1: at most 1,000",
    });
    const freed = run(
      full,
      { type: "deleteCampaign", actor: "rain", account: TEAM, campaignId: "a00000" },
      camp("amy", "z2"),
    ).state;
    expect(refusal(freed, camp("amy", "z3"))).toMatchObject({
      code: "invalid_input",
      message: "email campaigns of the team account t1: at most 1,000",
    });
  });

  it("the last opportunity or campaign of an account leaves no count behind: the account starts again from none", () => {
    const s = run(
      office(),
      { type: "deleteOpportunity", actor: "amy", account: AMY, opportunityId: "o2" },
      { type: "deleteCampaign", actor: "amy", account: AMY, campaignId: "m2" },
    ).state;
    expect(visibleOpportunities(s, "amy", { account: AMY })).toEqual([]);
    expect(visibleCampaigns(s, "amy", AMY)).toEqual([]);
    expect(run(s, opp("amy", "o2", "p1", AMY), camp("amy", "m2", null, AMY)).events).toHaveLength(2);
  });
});

describe("A send resolves recipient by recipient, counts what it did and charges each sender once per email (AST-5, SP-4, D-147, D-149)", () => {
  it("CampaignSent counts the emails sent and the recipients skipped", () => {
    // rain's audience send: c1 emailed (amy), c2 opted out, c3 no email, c4 no assignee.
    const s = run(appletOffice(), camp("rain", "m1", { primaryOnly: false })).state;
    const { events } = run(s, send("rain", "m1"));
    expect(events.at(-1)).toEqual({ type: "CampaignSent", at: AT, by: "rain", campaignId: "m1", sent: 1, skipped: 3 });
    const none = run(appletOffice(), camp("rain", "m2")).state;
    expect(run(none, send("rain", "m2")).events).toEqual([
      { type: "CampaignSent", at: AT, by: "rain", campaignId: "m2", sent: 0, skipped: 0 },
    ]);
  });

  it("two emails from one sender in a month are both charged to that sender (SP-4)", () => {
    const s = run(
      appletOffice(),
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "c5",
        channel: "manual",
        details: { name: "Ivy Buyer", emails: ["ivy@example.com"] },
      },
      camp("amy", "m1"),
      add("amy", "m1", "c1"),
      add("amy", "m1", "c5"),
    ).state;
    const { state, events } = run(s, send("amy", "m1"));
    expect(events.map((e) => e.type)).toEqual(["CampaignEmailSent", "CampaignEmailSent", "CampaignSent"]);
    expect(events.at(-1)).toMatchObject({ sent: 2, skipped: 0 });
    expect(messagingOf(state, "amy")).toMatchObject({ month: "2026-03", emailsSent: 2 });
    // A later month starts the count again.
    const april = run(state, camp("amy", "m2"), add("amy", "m2", "c1"), {
      ...send("amy", "m2"),
      at: "2026-04-02T15:00:00Z",
    } as Input).state;
    expect(messagingOf(april, "amy")).toMatchObject({ month: "2026-04", emailsSent: 1 });
  });

  it("recipients go in id order: explicit members and the audience rule together, each once", () => {
    const s = run(
      appletOffice(),
      camp("rain", "m1", { primaryOnly: false }),
      add("rain", "m1", "c4"),
      add("rain", "m1", "c1"),
    ).state;
    const p = previewCampaign(s, { actor: "rain", at: AT, account: TEAM, campaignId: "m1" });
    expect(E.isRight(p) && p.right.deliveries.map((d) => d.contactId)).toEqual(["c1", "c2", "c3", "c4"]);
    const onlyMembers = run(appletOffice(), camp("rain", "m2"), add("rain", "m2", "c4"), add("rain", "m2", "c1")).state;
    const q = previewCampaign(onlyMembers, { actor: "rain", at: AT, account: TEAM, campaignId: "m2" });
    expect(E.isRight(q) && q.right.deliveries.map((d) => d.contactId)).toEqual(["c1", "c4"]);
  });

  it("an archived contact is left out of the audience rule but stays a recipient as an explicit member (D-147)", () => {
    const s = run(
      appletOffice(),
      {
        type: "archiveContact",
        actor: "admin",
        account: TEAM,
        contactId: "c3",
        channel: "manual",
        reason: "other",
      } as Input,
      camp("rain", "m1", { primaryOnly: false }),
      camp("rain", "m2", { primaryOnly: false }),
    ).state;
    const ids = (campaignId: string, st: State) => {
      const p = previewCampaign(st, { actor: "rain", at: AT, account: TEAM, campaignId });
      return E.isRight(p) ? p.right.deliveries.map((d) => d.contactId) : p.left.code;
    };
    expect(ids("m1", s)).toEqual(["c1", "c2", "c4"]);
    const withMember = run(s, add("rain", "m2", "c3")).state;
    expect(ids("m2", withMember)).toEqual(["c1", "c2", "c3", "c4"]);
  });

  it("an audience rule in an account with no contacts reaches nobody and the send records only that it is over (AST-5)", () => {
    const s = run(appletOffice(), camp("lee", "m1", { primaryOnly: false }, personal("lee"))).state;
    expect(previewCampaign(s, { actor: "lee", at: AT, account: personal("lee"), campaignId: "m1" })).toEqual(
      E.right({ campaignId: "m1", deliveries: [], sent: 0, skipped: 0 }),
    );
    expect(run(s, send("lee", "m1", personal("lee"))).events).toEqual([
      { type: "CampaignSent", at: AT, by: "lee", campaignId: "m1", sent: 0, skipped: 0 },
    ]);
  });

  it("a campaign with no audience rule reaches its explicit members only", () => {
    const s = run(appletOffice(), camp("rain", "m1"), add("rain", "m1", "c3")).state;
    const p = previewCampaign(s, { actor: "rain", at: AT, account: TEAM, campaignId: "m1" });
    expect(E.isRight(p) && p.right).toEqual({
      campaignId: "m1",
      deliveries: [{ contactId: "c3", outcome: "skipped", agentId: "amy", reason: "noValidEmail", rule: "SP-9" }],
      sent: 0,
      skipped: 1,
    });
  });
});

describe("Who sees and manages what: standing inside the account (AST-4, AST-5, D-144, D-145, LIF-7)", () => {
  const manageable = (s: State, actor: string, account?: AccountRef) =>
    visibleCampaigns(s, actor, account).map((c) => `${c.id}:${c.manageable ? "manage" : "use"}`);

  it("every team member uses the team's campaigns; their creator, enhanced and unlimited members and office admins manage them (D-145)", () => {
    const s = office();
    expect(manageable(s, "amy")).toEqual(["m1:manage", "m2:manage"]);
    expect(manageable(s, "bob")).toEqual(["m1:use"]);
    expect(manageable(s, "tc")).toEqual(["m1:manage"]);
    expect(manageable(s, "rain")).toEqual(["m1:manage"]);
    expect(manageable(s, "admin")).toEqual(["m1:manage"]);
    expect(manageable(s, "lee")).toEqual([]);
  });

  it("the account filter lists one account's campaigns only", () => {
    const s = office();
    expect(manageable(s, "amy", TEAM)).toEqual(["m1:manage"]);
    expect(manageable(s, "amy", AMY)).toEqual(["m2:manage"]);
    expect(manageable(s, "amy", T9)).toEqual([]);
  });

  it("campaigns are listed in id order whatever order they were created in", () => {
    const s = run(
      appletOffice(),
      ...["m5", "m3", "m9", "m1", "m7", "m2"].map((id) => camp("rain", id)),
      camp("amy", "m0", null, AMY),
    ).state;
    expect(visibleCampaigns(s, "rain").map((c) => c.id)).toEqual(["m1", "m2", "m3", "m5", "m7", "m9"]);
    expect(visibleCampaigns(s, "amy").map((c) => c.id)).toEqual(["m0", "m1", "m2", "m3", "m5", "m7", "m9"]);
  });

  it("the personal account's user manages its campaigns and unlinked opportunities whoever is recorded as creator (ACC-5)", () => {
    const snap = JSON.parse(JSON.stringify(toSnapshot(office()))) as {
      opportunities: { contactId: string | null; createdBy: string }[];
      campaigns: { createdBy: string }[];
    };
    for (const c of snap.campaigns) c.createdBy = "bob";
    for (const o of snap.opportunities) [o.createdBy, o.contactId] = ["bob", null];
    const r = fromSnapshot(snap);
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(manageable(r.right, "amy", AMY)).toEqual(["m2:manage"]);
    expect(visibleOpportunities(r.right, "amy", { account: AMY }).map((o) => [o.id, o.editable])).toEqual([
      ["o2", true],
    ]);
    // In the team, an unlinked opportunity is its creator's and the leaders' (D-144): amy no longer sees o1.
    expect(visibleOpportunities(r.right, "amy", { account: TEAM })).toEqual([]);
    expect(visibleOpportunities(r.right, "bob", { account: TEAM }).map((o) => [o.id, o.editable])).toEqual([
      ["o1", true],
    ]);
    for (const leader of ["rain", "tc", "admin"])
      expect(visibleOpportunities(r.right, leader, { account: TEAM }).map((o) => [o.id, o.editable])).toEqual([
        ["o1", true],
      ]);
    expect(manageable(r.right, "bob", TEAM)).toEqual(["m1:manage"]);
    expect(manageable(r.right, "amy", TEAM)).toEqual(["m1:use"]);
  });

  it("a deactivated user sees no opportunity and no campaign, even one they created (LIF-7)", () => {
    const s = run(office(), { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" } as Input).state;
    expect(visibleOpportunities(s, "amy")).toEqual([]);
    expect(visibleCampaigns(s, "amy")).toEqual([]);
  });

  it("a member who leaves the team loses even the unlinked opportunity and the campaign they created (ACC-1, D-144)", () => {
    const moved = run(
      office(),
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: AMY } as Input,
    ).state;
    expect(visibleOpportunities(moved, "amy", { account: TEAM }).map((o) => o.id)).toEqual(["o1"]);
    const left = run(moved, { type: "removeTeamMember", actor: "rain", account: TEAM, userId: "amy" } as Input).state;
    expect(visibleOpportunities(left, "amy", { account: TEAM })).toEqual([]);
    expect(visibleCampaigns(left, "amy", TEAM)).toEqual([]);
  });
});

describe("The queries' filters and their bad input (AST-4, AST-5)", () => {
  it("a contact filter and an account filter together keep only what matches both", () => {
    const s = office();
    expect(visibleOpportunities(s, "amy", { contactId: "c1", account: AMY })).toEqual([]);
    expect(visibleOpportunities(s, "amy", { contactId: "c1", account: TEAM }).map((o) => o.id)).toEqual(["o1"]);
    expect(visibleOpportunities(s, "amy", { contactId: "c3" })).toEqual([]);
    expect(visibleOpportunities(s, "amy", { account: T9 })).toEqual([]);
  });

  it("an unknown user, a user id that is not a string, or a malformed filter sees nothing", () => {
    const s = office();
    expect(visibleOpportunities(s, "zed")).toEqual([]);
    expect(visibleOpportunities(s, 7 as unknown as string)).toEqual([]);
    expect(visibleOpportunities(s, "amy", { account: { kind: "team" } } as never)).toEqual([]);
    expect(visibleOpportunities(s, "amy", { contactId: "" })).toEqual([]);
    expect(visibleCampaigns(s, "zed")).toEqual([]);
    expect(visibleCampaigns(s, 7 as unknown as string)).toEqual([]);
    expect(visibleCampaigns(s, "amy", { kind: "team" } as never)).toEqual([]);
    expect(visibleCampaigns(s, "amy", "t1" as never)).toEqual([]);
    // The same user with good input sees what is theirs.
    expect(visibleOpportunities(s, "amy").map((o) => o.id)).toEqual(["o1", "o2"]);
    expect(visibleCampaigns(s, "amy").map((o) => o.id)).toEqual(["m1", "m2"]);
  });
});
