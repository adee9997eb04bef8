import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONFIGURATION,
  decide,
  type AccountRef,
  messagingOf,
  previewCampaign,
  visibleCampaigns,
  type State,
} from "../../src/index.js";
import { AT, personal, refusal, run, TEAM, type Input } from "../support/office.js";
import { appletOffice } from "./world.js";

const MONTH = "2026-03";
const campaign = (
  actor: string,
  campaignId: string,
  audience: { primaryOnly: boolean } | null,
  account: AccountRef = TEAM,
): Input => ({ type: "createCampaign", actor, account, campaignId, name: "Spring market update", audience }) as Input;
const add = (actor: string, campaignId: string, contactId: string, account: AccountRef = TEAM): Input =>
  ({ type: "addCampaignMember", actor, account, campaignId, contactId }) as Input;
const send = (actor: string, campaignId: string, account: AccountRef = TEAM) =>
  ({ type: "sendCampaign", actor, account, campaignId, at: AT }) as const;

const preview = (s: State, actor: string, campaignId: string, account: AccountRef = TEAM) => {
  const r = previewCampaign(s, { actor, at: AT, account, campaignId });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe("Email campaigns belong to an account; members are that account's contacts only (AST-5, ACC-6)", () => {
  it("adding a personal-account contact to a team campaign is a typed error citing ACC-6", () => {
    const s = run(appletOffice(), campaign("amy", "m1", null)).state;
    expect(refusal(s, add("amy", "m1", "p1"))).toMatchObject({ code: "wrong_account", rule: "ACC-6" });
  });

  it("adding a team contact to a personal email campaign is a typed error citing ACC-6", () => {
    const s = run(appletOffice(), campaign("amy", "m2", null, personal("amy"))).state;
    expect(refusal(s, add("amy", "m2", "c1", personal("amy")))).toMatchObject({ code: "wrong_account", rule: "ACC-6" });
  });

  it("View Only cannot add a contact to a campaign: that is enrolling it in automation (ASG-3, SHR-1)", () => {
    const s = run(appletOffice(), campaign("bob", "m1", null)).state;
    expect(refusal(s, add("bob", "m1", "c1"))).toMatchObject({ code: "not_permitted" });
  });

  it("a personal email campaign is invisible to the team, the Rainmaker included (ACC-5)", () => {
    const s = run(appletOffice(), campaign("amy", "m2", null, personal("amy"))).state;
    expect(visibleCampaigns(s, "amy").map((c) => c.id)).toEqual(["m2"]);
    for (const actor of ["rain", "tc", "bob", "admin"]) expect(visibleCampaigns(s, actor)).toEqual([]);
  });

  it("a team campaign lists to each member only the members they may view (SEC-2)", () => {
    const s = run(appletOffice(), campaign("rain", "m1", null), add("rain", "m1", "c1"), add("rain", "m1", "c2")).state;
    expect(visibleCampaigns(s, "rain")[0]?.members).toEqual(["c1", "c2"]);
    expect(visibleCampaigns(s, "bob")[0]?.members).toEqual(["c1", "c2"]); // bob: View Only on c1, primary on c2
    expect(visibleCampaigns(s, "amy")[0]?.members).toEqual(["c1"]); // amy does not see bob's c2
  });

  it("removing a member is recorded; its creator or a team leader deletes the campaign, nobody else (D-145)", () => {
    const s = run(appletOffice(), campaign("amy", "m1", null), add("amy", "m1", "c1")).state;
    expect(
      run(s, { type: "removeCampaignMember", actor: "amy", account: TEAM, campaignId: "m1", contactId: "c1" }).events,
    ).toMatchObject([{ type: "CampaignMemberRemoved", contactId: "c1", rule: "AST-5" }]);
    expect(refusal(s, { type: "deleteCampaign", actor: "bob", account: TEAM, campaignId: "m1" })).toMatchObject({
      code: "not_permitted",
      rule: "AST-5",
    });
    expect(run(s, { type: "deleteCampaign", actor: "tc", account: TEAM, campaignId: "m1" }).events).toMatchObject([
      { type: "CampaignDeleted", campaignId: "m1" },
    ]);
  });
});

describe("A campaign send resolves like a SmartPlan email step (AST-5, SP-4, SP-9)", () => {
  /** m1: every team contact amy may message (audience rule), by amy. */
  const office = (limit = 5000) =>
    run(
      appletOffice({ ...DEFAULT_CONFIGURATION, defaultEmailMonthlyLimit: limit }),
      campaign("rain", "m1", { primaryOnly: false }),
    ).state;

  // Hand-written from seed 001 and the opt-out rules: by contact, what rain's send does.
  it("sender and charge per recipient: the Contact Assignee sends and pays; opted-out, invalid and unassigned are skipped with the reason", () => {
    const p = preview(office(), "rain", "m1");
    expect(p.deliveries).toEqual([
      { contactId: "c1", outcome: "sent", senderId: "amy", chargedTo: "amy", to: "cal@example.com", month: MONTH },
      { contactId: "c2", outcome: "skipped", agentId: "bob", reason: "emailOptedOut", rule: "SP-9" },
      { contactId: "c3", outcome: "skipped", agentId: "amy", reason: "noValidEmail", rule: "SP-9" },
      { contactId: "c4", outcome: "skipped", agentId: "rain", reason: "noContactAssignee", rule: "SEC-6" },
    ]);
    expect([p.sent, p.skipped]).toEqual([1, 3]);
  });

  it("over the monthly email limit the recipient is skipped and recorded, not charged (SP-4)", () => {
    const s = run(office(1), campaign("rain", "m0", null), add("rain", "m0", "c1"), send("rain", "m0")).state;
    expect(messagingOf(s, "amy").emailsSent).toBe(1);
    const p = preview(s, "rain", "m1");
    expect(p.deliveries[0]).toEqual({
      contactId: "c1",
      outcome: "skipped",
      agentId: "amy",
      reason: "emailLimitReached",
      rule: "SP-4",
    });
  });

  it("sending charges the sender's monthly count exactly as an email step does (SP-4)", () => {
    const { state, events } = run(office(), send("rain", "m1"));
    expect(events.map((e) => e.type)).toEqual([
      "CampaignEmailSent",
      "CampaignEmailSkipped",
      "CampaignEmailSkipped",
      "CampaignEmailSkipped",
      "CampaignSent",
    ]);
    expect(messagingOf(state, "amy")).toMatchObject({ month: MONTH, emailsSent: 1 });
    expect(messagingOf(state, "rain").emailsSent).toBe(0);
  });

  it("previewing spends nothing and answers what the send records (AST-5)", () => {
    const s = office();
    const p = preview(s, "rain", "m1");
    expect(messagingOf(s, "amy").emailsSent).toBe(0);
    const sent = decide(s, send("rain", "m1"));
    expect(
      E.isRight(sent) &&
        sent.right.flatMap((e) =>
          e.type === "CampaignEmailSent" || e.type === "CampaignEmailSkipped" ? [e.contactId] : [],
        ),
    ).toEqual(p.deliveries.map((d) => d.contactId));
  });

  it("a campaign is sent once (D-146)", () => {
    const s = run(office(), send("rain", "m1")).state;
    expect(refusal(s, send("rain", "m1"))).toMatchObject({ code: "no_change", rule: "SEC-6" });
    expect(refusal(s, add("rain", "m1", "c1"))).toMatchObject({ code: "no_change", rule: "AST-5" });
  });

  it("a send reaches only the contacts the sender may message; the rest are left out without a trace (SEC-2)", () => {
    // bob sees c2 (primary) and c1 (View Only, which may not message it): only c2 is a recipient.
    const p = preview(office(), "bob", "m1");
    expect(p.deliveries.map((d) => d.contactId)).toEqual(["c2"]);
  });

  it("the audience rule can take only the contacts where I am primary (ASG-9)", () => {
    const s = run(office(), campaign("tc", "m3", { primaryOnly: true })).state;
    expect(preview(s, "amy", "m3").deliveries.map((d) => d.contactId)).toEqual(["c1", "c3"]);
    expect(preview(s, "tc", "m3").deliveries).toEqual([]);
  });

  it("a personal campaign sends from and charges the account's user (SP-8)", () => {
    const s = run(
      appletOffice(),
      campaign("amy", "m2", null, personal("amy")),
      add("amy", "m2", "p1", personal("amy")),
    ).state;
    expect(preview(s, "amy", "m2", personal("amy")).deliveries).toEqual([
      { contactId: "p1", outcome: "sent", senderId: "amy", chargedTo: "amy", to: "gus@example.com", month: MONTH },
    ]);
    expect(previewCampaign(s, { actor: "rain", at: AT, account: personal("amy"), campaignId: "m2" })).toMatchObject({
      left: { code: "account_not_allowed", rule: "ACC-5" },
    });
  });

  it("a malformed preview request is a typed error, never an exception", () => {
    expect(previewCampaign(office(), null as never)).toMatchObject({ _tag: "Left", left: { code: "invalid_input" } });
  });
});

describe("Campaign limits are typed errors (AST-5, D-143)", () => {
  it("an empty or over-long name, or an audience of the wrong shape, is invalid input", () => {
    const s = appletOffice();
    expect(refusal(s, { ...campaign("amy", "m1", null), name: "" } as Input)).toMatchObject({ code: "invalid_input" });
    expect(refusal(s, { ...campaign("amy", "m1", null), name: "n".repeat(201) } as Input)).toMatchObject({
      code: "invalid_input",
    });
    expect(refusal(s, { ...campaign("amy", "m1", null), audience: { everyone: true } } as never)).toMatchObject({
      code: "invalid_input",
    });
  });
});
