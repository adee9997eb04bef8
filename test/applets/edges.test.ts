import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { evolve, fromSnapshot, messagingOf, previewCampaign, replay, toSnapshot, visibleCampaigns, visibleOpportunities, type AccountRef, type Event, type State } from "../../src/index.js";
import { AT, OFFICE, personal, refusal, run, TEAM, type Input } from "../support/office.js";
import { appletOffice } from "./world.js";

/** Edges of the opportunity and campaign rules: exact refusals, what each event leaves behind, and the queries' filters. */
const AMY = personal("amy");
const T9 = { kind: "team", teamId: "t9" } as const;

const opp = (actor: string, opportunityId: string, contactId: string, account: AccountRef = TEAM): Input =>
  ({ type: "createOpportunity", actor, account, opportunityId, contactId, name: "Harbour Park", stage: "lead", value: 100 }) as Input;
const camp = (actor: string, campaignId: string, audience: { primaryOnly: boolean } | null = null, account: AccountRef = TEAM): Input =>
  ({ type: "createCampaign", actor, account, campaignId, name: "Spring", audience }) as Input;
const add = (actor: string, campaignId: string, contactId: string, account: AccountRef = TEAM): Input => ({ type: "addCampaignMember", actor, account, campaignId, contactId }) as Input;
const remove = (actor: string, campaignId: string, contactId: string, account: AccountRef = TEAM): Input => ({ type: "removeCampaignMember", actor, account, campaignId, contactId }) as Input;
const update = (actor: string, opportunityId: string, change: Record<string, unknown>, account: AccountRef = TEAM): Input => ({ type: "updateOpportunity", actor, account, opportunityId, ...change }) as Input;
const send = (actor: string, campaignId: string, account: AccountRef = TEAM): Input => ({ type: "sendCampaign", actor, account, campaignId }) as Input;
const plain = (e: object) => ({ ...e });

/** o1 on c1 (amy, team), o2 on p1 (amy, personal); m1 by amy with member c1; m2 amy's personal. */
function office(): State {
  return run(appletOffice(), opp("amy", "o1", "c1"), opp("amy", "o2", "p1", AMY), camp("amy", "m1"), add("amy", "m1", "c1"), camp("amy", "m2", null, AMY)).state;
}

describe("Refusals name what is refused, with the code and rule docs/errors.md gives (AST-4, AST-5, SEC-2)", () => {
  it("an opportunity that does not exist, is in another account, or is hidden is item_not_found under AST-4, naming the account asked", () => {
    const s = office();
    const expected = (id: string, where: string) => ({ code: "item_not_found", rule: "AST-4", message: `no opportunity ${id} in the ${where}` });
    expect(plain(refusal(s, update("amy", "o9", { value: 1 })))).toEqual(expected("o9", "team account t1"));
    expect(plain(refusal(s, update("amy", "o2", { value: 1 })))).toEqual(expected("o2", "team account t1"));
    expect(plain(refusal(s, update("amy", "o1", { value: 1 }, AMY)))).toEqual(expected("o1", "personal account of amy"));
    expect(plain(refusal(s, { type: "deleteOpportunity", actor: "amy", account: AMY, opportunityId: "o1" }))).toEqual(expected("o1", "personal account of amy"));
    // c2 is bob's and hidden from amy: the same refusal as for an id nobody holds (SEC-2).
    const hidden = run(s, opp("bob", "o5", "c2")).state;
    expect(plain(refusal(hidden, { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "o5", outcome: "won" }))).toEqual(expected("o5", "team account t1"));
  });

  it("a campaign that does not exist or is in another account is item_not_found under AST-5, whatever is asked of it", () => {
    const s = office();
    const expected = (id: string, where: string) => ({ code: "item_not_found", rule: "AST-5", message: `no email campaign ${id} in the ${where}` });
    expect(plain(refusal(s, { type: "deleteCampaign", actor: "amy", account: TEAM, campaignId: "m9" }))).toEqual(expected("m9", "team account t1"));
    expect(plain(refusal(s, add("amy", "m2", "c1")))).toEqual(expected("m2", "team account t1"));
    expect(plain(refusal(s, remove("amy", "m1", "p1", AMY)))).toEqual(expected("m1", "personal account of amy"));
    expect(plain(refusal(s, send("amy", "m2")))).toEqual(expected("m2", "team account t1"));
    expect(previewCampaign(s, { actor: "amy", at: AT, account: TEAM, campaignId: "m9" })).toEqual(E.left(expected("m9", "team account t1")));
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
    expect(plain(refusal(s, opp("rain", "o2", "c1")))).toEqual({ code: "duplicate_id", rule: "input", message: "opportunity id o2 is already taken" });
    expect(plain(refusal(s, camp("rain", "m2")))).toEqual({ code: "duplicate_id", rule: "input", message: "email campaign id m2 is already taken" });
  });

  it("View Only links no opportunity and changes none (ASG-3)", () => {
    const s = office();
    expect(refusal(s, opp("bob", "o7", "c1"))).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
    expect(plain(refusal(s, update("bob", "o1", { value: 1 })))).toEqual({ code: "not_permitted", rule: "ASG-3", message: "bob may view opportunity o1 but not change it: that needs edit access to its contact" });
    expect(plain(refusal(s, { type: "deleteOpportunity", actor: "bob", account: TEAM, opportunityId: "o1" }))).toEqual({ code: "not_permitted", rule: "ASG-3", message: "bob may view opportunity o1 but not change it: that needs edit access to its contact" });
  });

  it("only a campaign's creator, a team leader or an office admin deletes it (D-145)", () => {
    const s = office();
    expect(plain(refusal(s, { type: "deleteCampaign", actor: "bob", account: TEAM, campaignId: "m1" }))).toEqual({
      code: "not_permitted",
      rule: "AST-5",
      message: "bob may not delete email campaign m1: its creator, an enhanced or unlimited member or an office admin may",
    });
    for (const actor of ["amy", "rain", "tc", "admin"]) expect(run(s, { type: "deleteCampaign", actor, account: TEAM, campaignId: "m1" }).events).toEqual([{ type: "CampaignDeleted", at: AT, by: actor, campaignId: "m1" }]);
  });

  it("membership changes once: a member twice, a non-member removed, or a sent campaign's members are no_change (AST-5, D-146)", () => {
    const s = office();
    expect(plain(refusal(s, add("amy", "m1", "c1")))).toEqual({ code: "no_change", rule: "AST-5", message: "contact c1 is already a member of email campaign m1" });
    expect(plain(refusal(s, remove("amy", "m1", "c3")))).toEqual({ code: "no_change", rule: "AST-5", message: "contact c3 is not a member of email campaign m1" });
    const sent = run(s, send("amy", "m1")).state;
    expect(plain(refusal(sent, add("amy", "m1", "c3")))).toEqual({ code: "no_change", rule: "AST-5", message: `email campaign m1 was sent at ${AT}; its members stay as they were` });
    expect(plain(refusal(sent, remove("amy", "m1", "c1")))).toEqual({ code: "no_change", rule: "AST-5", message: `email campaign m1 was sent at ${AT}; its members stay as they were` });
    expect(plain(refusal(sent, send("rain", "m1")))).toEqual({ code: "no_change", rule: "SEC-6", message: `email campaign m1 was already sent at ${AT}; a campaign is sent once` });
    expect(previewCampaign(sent, { actor: "amy", at: AT, account: TEAM, campaignId: "m1" })).toEqual(E.left({ code: "no_change", rule: "SEC-6", message: `email campaign m1 was already sent at ${AT}; a campaign is sent once` }));
  });

  it("a member is added and removed by whoever may enrol the contact; View Only may do neither (SHR-1, ASG-3)", () => {
    const s = office();
    expect(refusal(s, remove("bob", "m1", "c1"))).toMatchObject({ code: "not_permitted" });
    expect(refusal(s, add("amy", "m1", "c2"))).toMatchObject({ code: "contact_not_found" });
    expect(run(s, remove("rain", "m1", "c1")).events).toEqual([{ type: "CampaignMemberRemoved", at: AT, by: "rain", campaignId: "m1", contactId: "c1", rule: "AST-5" }]);
  });

  it("a malformed preview request is invalid_input naming the field's problem", () => {
    const r = previewCampaign(office(), { actor: "amy", at: AT, account: TEAM, campaignId: "" });
    expect(E.isLeft(r) && plain(r.left)).toMatchObject({ code: "invalid_input", rule: "input", message: expect.stringMatching(/^previewCampaign: .+/) });
    expect(E.isLeft(r) && r.left.message).not.toBe("previewCampaign: invalid");
    expect(E.isLeft(r) && r.left.message).not.toContain("undefined");
  });
});

describe("An opportunity changes only where something changes; closed ones stay as they ended (AST-4, D-141)", () => {
  it("changing only the name, only the stage or only the value is recorded with the other two kept", () => {
    const s = office();
    expect(run(s, update("amy", "o1", { name: "Bay View" })).events).toEqual([{ type: "OpportunityUpdated", at: AT, by: "amy", opportunityId: "o1", name: "Bay View", stage: "lead", value: 100 }]);
    expect(run(s, update("amy", "o1", { stage: "signed" })).events).toEqual([{ type: "OpportunityUpdated", at: AT, by: "amy", opportunityId: "o1", name: "Harbour Park", stage: "signed", value: 100 }]);
    expect(run(s, update("amy", "o1", { value: 0 })).events).toEqual([{ type: "OpportunityUpdated", at: AT, by: "amy", opportunityId: "o1", name: "Harbour Park", stage: "lead", value: 0 }]);
  });

  it("a change to what it already has, field by field or with nothing given, is no_change under the input rule", () => {
    const s = office();
    const same = { code: "no_change", rule: "input", message: "opportunity o1 already has that name, stage and value" };
    for (const change of [{}, { name: "Harbour Park" }, { stage: "lead" }, { value: 100 }, { name: "Harbour Park", stage: "lead", value: 100 }]) expect(plain(refusal(s, update("amy", "o1", change)))).toEqual(same);
  });

  it("a won or lost opportunity is no longer updated or closed; it may still be deleted", () => {
    for (const outcome of ["won", "lost"] as const) {
      const s = run(office(), { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "o1", outcome }).state;
      const stage = outcome === "won" ? "closed" : "lost";
      const closed = { code: "no_change", rule: "AST-4", message: `opportunity o1 is already ${stage}` };
      expect(plain(refusal(s, update("amy", "o1", { stage: "signed" })))).toEqual(closed);
      expect(plain(refusal(s, { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "o1", outcome: "won" }))).toEqual(closed);
      expect(visibleOpportunities(s, "amy", { contactId: "c1" })).toEqual([{ id: "o1", account: TEAM, name: "Harbour Park", stage, value: 100, contactId: "c1", createdBy: "amy", createdAt: AT, editable: true }]);
      expect(run(s, { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o1" }).events).toEqual([{ type: "OpportunityDeleted", at: AT, by: "amy", opportunityId: "o1" }]);
    }
  });
});

describe("Links end exactly once: what a deletion or removal leaves behind (AST-3, D-148)", () => {
  const deleteContact = (contactId: string, account: AccountRef = TEAM): Input => ({ type: "deleteContact", actor: account.kind === "team" ? "rain" : "amy", account, contactId }) as Input;
  const types = (events: readonly Event[]) => events.map((e) => `${e.type}${"opportunityId" in e ? ` ${e.opportunityId}` : ""}${"campaignId" in e ? ` ${e.campaignId}` : ""}`);

  it("a contact with no opportunity or membership is deleted with no applet event", () => {
    expect(types(run(office(), deleteContact("c3")).events)).toEqual(["ContactDeleted"]);
  });

  it("a contact linked only to a campaign ends that membership alone; one linked only to an opportunity ends that link alone", () => {
    const s = run(office(), add("amy", "m1", "c3"), opp("amy", "o3", "c4")).state;
    expect(types(run(s, deleteContact("c3")).events)).toEqual(["CampaignMemberRemoved m1", "ContactDeleted"]);
    expect(types(run(s, deleteContact("c4")).events)).toEqual(["OpportunityUnlinked o3", "ContactDeleted"]);
  });

  it("a deleted opportunity or campaign, or a member taken off, leaves no link behind to end later", () => {
    const s = run(office(), opp("amy", "o3", "c1"), camp("amy", "m3"), add("amy", "m3", "c1"), { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o1" }, { type: "deleteCampaign", actor: "amy", account: TEAM, campaignId: "m3" }).state;
    expect(types(run(s, deleteContact("c1")).events)).toEqual(["OpportunityUnlinked o3", "CampaignMemberRemoved m1", "ContactDeleted"]);
    const all = run(s, { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o3" }, remove("amy", "m1", "c1")).state;
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
    const s = run(office(), { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } }, { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: AMY } as Input).state;
    expect(visibleOpportunities(s, "amy", { contactId: "c1" })).toEqual([]);
    expect(visibleOpportunities(s, "amy", { account: TEAM })).toMatchObject([{ id: "o1", contactId: null, editable: true }]);
  });
});

