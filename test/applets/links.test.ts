import { describe, expect, it } from "vitest";
import { visibleCampaigns, visibleOpportunities, type State } from "../../src/index.js";
import { personal, run, TEAM, type Input } from "../support/office.js";
import { appletOffice } from "./world.js";

const AMY = personal("amy");

/** amy's personal contact p1 with a personal opportunity and two personal campaigns' memberships. */
function linked(): State {
  return run(
    appletOffice(),
    {
      type: "createOpportunity",
      actor: "amy",
      account: AMY,
      opportunityId: "o2",
      contactId: "p1",
      name: "Friend's condo",
      stage: "appointment",
      value: 300_000,
    },
    { type: "createCampaign", actor: "amy", account: AMY, campaignId: "m2", name: "Friends", audience: null },
    { type: "createCampaign", actor: "amy", account: AMY, campaignId: "m3", name: "Holidays", audience: null },
    { type: "addCampaignMember", actor: "amy", account: AMY, campaignId: "m2", contactId: "p1" },
    { type: "addCampaignMember", actor: "amy", account: AMY, campaignId: "m3", contactId: "p1" },
  ).state;
}

describe("Moving a contact between accounts ends its links to the old account's applets, one event each (AST-3, ACC-7)", () => {
  it("a contact moved from the personal to the team account leaves its personal opportunity and campaigns, each with an event, before it moves", () => {
    const { state, events } = run(linked(), {
      type: "moveContact",
      actor: "amy",
      account: AMY,
      contactId: "p1",
      to: TEAM,
    } as Input);
    expect(events.slice(0, 3)).toMatchObject([
      { type: "OpportunityUnlinked", opportunityId: "o2", contactId: "p1", rule: "ACC-7" },
      { type: "CampaignMemberRemoved", campaignId: "m2", contactId: "p1", rule: "ACC-7" },
      { type: "CampaignMemberRemoved", campaignId: "m3", contactId: "p1", rule: "ACC-7" },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "ContactMoved", contactId: "p1" });
    // The personal opportunity stays with amy's personal account, now linked to nobody; the team never sees it.
    expect(visibleOpportunities(state, "amy")).toMatchObject([{ id: "o2", contactId: null, account: AMY }]);
    expect(visibleOpportunities(state, "rain")).toEqual([]);
    expect(visibleCampaigns(state, "amy").map((c) => c.members)).toEqual([[], []]);
  });

  it("a team contact moved to its owner's personal account leaves the team opportunity, which its creator and the team's leaders keep (D-144)", () => {
    const s = run(
      appletOffice(),
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      {
        type: "createOpportunity",
        actor: "bob",
        account: TEAM,
        opportunityId: "o1",
        contactId: "c2",
        name: "Seller lead",
        stage: "lead",
        value: 1,
      },
      {
        type: "createOpportunity",
        actor: "amy",
        account: TEAM,
        opportunityId: "o3",
        contactId: "c1",
        name: "Buyer",
        stage: "lead",
        value: 2,
      },
    ).state;
    const { state, events } = run(s, {
      type: "moveContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      to: AMY,
    } as Input);
    expect(events.filter((e) => e.type === "OpportunityUnlinked")).toMatchObject([
      { opportunityId: "o3", contactId: "c1", rule: "ACC-7" },
    ]);
    expect(visibleOpportunities(state, "amy", { account: TEAM }).map((o) => o.id)).toEqual(["o3"]);
    expect(visibleOpportunities(state, "tc", { account: TEAM }).map((o) => o.id)).toEqual(["o1", "o3"]);
    expect(visibleOpportunities(state, "bob", { account: TEAM }).map((o) => o.id)).toEqual(["o1"]);
  });

  it("deleting a contact ends its opportunity links and campaign memberships, one event each; the opportunities stay on record (D-148)", () => {
    const { state, events } = run(linked(), {
      type: "deleteContact",
      actor: "amy",
      account: AMY,
      contactId: "p1",
    } as Input);
    expect(events.map((e) => [e.type, "rule" in e ? e.rule : ""])).toEqual([
      ["OpportunityUnlinked", "SHR-7"],
      ["CampaignMemberRemoved", "SHR-7"],
      ["CampaignMemberRemoved", "SHR-7"],
      ["ContactDeleted", expect.any(String)],
    ]);
    expect(visibleOpportunities(state, "amy")).toMatchObject([{ id: "o2", contactId: null, stage: "appointment" }]);
  });
});
