import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  fromSnapshot,
  initialState,
  replay,
  replayEvent,
  toSnapshot,
  usableAssets,
  visibleCampaigns,
  visibleOpportunities,
  type Event,
  type State,
} from "../../src/index.js";
import { OFFICE, personal, run, TEAM, TEAM_OFFICE_COMMANDS, teamOffice } from "../support/office.js";

/** The events that open the team office of test/support. */
const SETUP_LOG = run(initialState(), ...TEAM_OFFICE_COMMANDS).events;

/**
 * One office that emits every asset and applet event: a team tag, field and lead source on a contact, an opportunity
 * and a campaign member on it, a campaign sent, then the contact moved to its owner's personal account (ending every
 * link, AST-3) and another deleted (SHR-7), and the assets renamed and deleted (AST-6).
 */
function organisedOffice(): { state: State; log: Event[] } {
  const mine = personal("amy");
  const office = run(
    teamOffice(),
    {
      type: "addContact",
      actor: "amy",
      account: mine,
      contactId: "c1",
      channel: "manual",
      details: { name: "Cal Buyer", emails: ["cal@example.com"] },
    },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c2",
      channel: "manual",
      details: { name: "Dee Seller", emails: ["dee@example.com"] },
    },
    // Amy's own organisation of her personal contact, which a move to the team ends (AST-3).
    { type: "createAsset", actor: "amy", account: mine, assetId: "golf", kind: "tag", name: "Golf" },
    {
      type: "createAsset",
      actor: "amy",
      account: mine,
      assetId: "budget",
      kind: "field",
      name: "Budget",
      field: { type: "number" },
    },
    { type: "createAsset", actor: "amy", account: mine, assetId: "club", kind: "leadSource", name: "Club" },
    { type: "tagContact", actor: "amy", account: mine, contactId: "c1", tagId: "golf" },
    { type: "setFieldValue", actor: "amy", account: mine, contactId: "c1", fieldId: "budget", value: 450000 },
    {
      type: "setLeadSource",
      actor: "amy",
      account: mine,
      contactId: "c1",
      source: { kind: "custom", assetId: "club" },
    },
    {
      type: "createOpportunity",
      actor: "amy",
      account: mine,
      contactId: "c1",
      opportunityId: "deal",
      name: "Cal buys",
      stage: "lead",
      value: 450000,
    },
    { type: "updateOpportunity", actor: "amy", account: mine, opportunityId: "deal", stage: "signed" },
    { type: "createCampaign", actor: "amy", account: mine, campaignId: "friends", name: "Friends", audience: null },
    { type: "addCampaignMember", actor: "amy", account: mine, contactId: "c1", campaignId: "friends" },
    // The team's, on a team contact that is later deleted (SHR-7).
    { type: "createAsset", actor: "amy", account: TEAM, assetId: "hot", kind: "tag", name: "Hot" },
    { type: "tagContact", actor: "amy", account: TEAM, contactId: "c2", tagId: "hot" },
    {
      type: "createOpportunity",
      actor: "amy",
      account: TEAM,
      contactId: "c2",
      opportunityId: "deal-2",
      name: "Dee sells",
      stage: "lead",
      value: 1,
    },
    { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "deal-2", outcome: "lost" },
    {
      type: "createOpportunity",
      actor: "amy",
      account: TEAM,
      contactId: "c2",
      opportunityId: "deal-3",
      name: "Dee again",
      stage: "lead",
      value: 2,
    },
    { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "deal-3" },
    {
      type: "createOpportunity",
      actor: "amy",
      account: TEAM,
      contactId: "c2",
      opportunityId: "deal-4",
      name: "Dee twice",
      stage: "lead",
      value: 3,
    },
    { type: "createCampaign", actor: "amy", account: TEAM, campaignId: "news", name: "News", audience: null },
    { type: "addCampaignMember", actor: "amy", account: TEAM, contactId: "c2", campaignId: "news" },
    { type: "removeCampaignMember", actor: "amy", account: TEAM, contactId: "c2", campaignId: "news" },
    { type: "addCampaignMember", actor: "amy", account: TEAM, contactId: "c2", campaignId: "news" },
    {
      type: "recordOptOut",
      actor: "admin",
      account: OFFICE,
      address: { kind: "email", value: "dee@example.com" },
      channel: "manual",
    },
    { type: "sendCampaign", actor: "amy", account: TEAM, campaignId: "news" },
    { type: "sendCampaign", actor: "amy", account: mine, campaignId: "friends" },
    { type: "createCampaign", actor: "amy", account: TEAM, campaignId: "old", name: "Old", audience: null },
    { type: "deleteCampaign", actor: "amy", account: TEAM, campaignId: "old" },
    { type: "moveContact", actor: "amy", account: mine, contactId: "c1", to: TEAM },
    { type: "deleteContact", actor: "rain", account: TEAM, contactId: "c2" },
    { type: "renameAsset", actor: "amy", account: mine, assetId: "golf", name: "Golf club" },
    { type: "deleteAsset", actor: "amy", account: mine, assetId: "golf" },
  );
  return { state: office.state, log: [...SETUP_LOG, ...office.events] };
}

describe("a log of tags, fields, lead sources, opportunities and campaigns replays (AST-1 … AST-6, SEC-8)", () => {
  const { state, log } = organisedOffice();
  const setupEvents = SETUP_LOG.length;

  it("holds every asset and applet event type, and replays to the state that wrote it", () => {
    const organising = EVENT_TYPES.filter((t) =>
      /Asset|Tagged|Untagged|FieldValue|LeadSource|Opportunit|Campaign/.test(t),
    );
    const present = new Set(log.map((e) => e.type));
    expect(organising.filter((t) => !present.has(t))).toEqual([]);
    const replayed = replay(log);
    expect(E.isRight(replayed) ? toSnapshot(replayed.right) : replayed.left).toEqual(toSnapshot(state));
  });

  it("refuses a stored move or deletion while the contact still carries its account's assets or applet links (AST-3)", () => {
    const moved = log.findIndex((e) => e.type === "ContactMoved");
    const deleted = log.findIndex((e) => e.type === "ContactDeleted");
    // The events that end the links come just before the move and the deletion; leave each kind out in turn.
    for (const [at, gone] of [
      [moved, "ContactUntagged"],
      [moved, "FieldValueCleared"],
      [moved, "LeadSourceCleared"],
      [moved, "OpportunityUnlinked"],
      [moved, "CampaignMemberRemoved"],
      [deleted, "ContactUntagged"],
      [deleted, "OpportunityUnlinked"],
    ] as const) {
      let cut = -1;
      for (let i = at - 1; i >= 0 && cut < 0; i--) if (log[i]?.type === gone) cut = i;
      expect(cut, `${gone} before event ${at}`).toBeGreaterThan(setupEvents);
      const forged = [...log.slice(0, cut), ...log.slice(cut + 1, at + 1)];
      const r = replay(forged);
      expect(E.isLeft(r) ? { code: r.left.code, position: r.left.position } : "accepted", `without ${gone}`).toEqual({
        code: "invalid_event",
        position: at - 1,
      });
      if (E.isLeft(r)) expect(r.left.message).toMatch(/still|carries|link|member|opportunit/i);
    }
  });

  it("takes each event of the log one at a time with replayEvent, as replay does", () => {
    let s: State | null = null;
    const first = replay([]);
    if (E.isLeft(first)) throw new Error(first.left.message);
    s = first.right;
    for (const event of log) {
      const next = replayEvent(s, event);
      if (E.isLeft(next)) throw new Error(`${event.type}: ${next.left.message}`);
      s = next.right;
    }
    expect(toSnapshot(s)).toEqual(toSnapshot(state));
  });

  it("a state read back from its snapshot, or replayed, offers each user the same assets and applets (AST-1, AST-4, AST-5)", () => {
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(state))));
    const replayed = replay(log);
    if (E.isLeft(restored) || E.isLeft(replayed)) throw new Error("not restored");
    const offered = (s: State) =>
      ["rain", "tc", "amy", "bob", "lee", "admin"].map((u) => ({
        u,
        team: usableAssets(s, u, TEAM).map((a) => a.id),
        own: usableAssets(s, u, personal(u)).map((a) => a.id),
        opportunities: visibleOpportunities(s, u).map((o) => o.id),
        campaigns: visibleCampaigns(s, u).map((c) => c.id),
      }));
    expect(offered(state).find((o) => o.u === "amy")).toEqual({
      u: "amy",
      team: ["hot"],
      own: ["budget", "club"],
      opportunities: ["deal", "deal-2", "deal-4"],
      campaigns: ["friends", "news"],
    });
    expect(offered(restored.right)).toEqual(offered(state));
    expect(offered(replayed.right)).toEqual(offered(state));
  });
});
