import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { initialState, replay, type Event } from "../../src/index.js";
import { personal, run, TEAM, TEAM_OFFICE_COMMANDS, type Input } from "../support/office.js";

/**
 * SEC-8 for opportunities and email campaigns (AST-3, AST-4, AST-5): a stored event is checked against the state
 * before it as `decide` would have found it. Each forged event below is refused by `replay` at its position, with
 * the check it fails as the cause; each honest neighbour of a forged event is accepted, so the checks are neither
 * missing nor too wide.
 */
const AT = "2026-03-02T09:00:00Z";
const AMY = personal("amy");

/**
 * c1 (team, amy) carries opportunities o1 (open), o2 (won) and o3 (lost); c2 (team, bob) is a member of m1;
 * p1 is in amy's personal account; m2 has been sent.
 */
const { events: LOG } = run(
  initialState(),
  ...TEAM_OFFICE_COMMANDS,
  {
    type: "addContact",
    actor: "amy",
    account: TEAM,
    contactId: "c1",
    channel: "manual",
    details: { name: "Cal Buyer", emails: ["cal@example.com"] },
  },
  {
    type: "addContact",
    actor: "bob",
    account: TEAM,
    contactId: "c2",
    channel: "manual",
    details: { name: "Dee Seller", emails: ["dee@example.com"] },
  },
  {
    type: "addContact",
    actor: "amy",
    account: AMY,
    contactId: "p1",
    channel: "manual",
    details: { name: "Gus Friend", emails: ["gus@example.com"] },
  },
  ...(["o1", "o2", "o3"].map((opportunityId) => ({
    type: "createOpportunity",
    actor: "amy",
    account: TEAM,
    opportunityId,
    contactId: "c1",
    name: "Harbour Park",
    stage: "lead",
    value: 10,
  })) as Input[]),
  { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "o2", outcome: "won" },
  { type: "closeOpportunity", actor: "amy", account: TEAM, opportunityId: "o3", outcome: "lost" },
  { type: "createCampaign", actor: "bob", account: TEAM, campaignId: "m1", name: "Spring", audience: null },
  { type: "addCampaignMember", actor: "bob", account: TEAM, campaignId: "m1", contactId: "c2" },
  { type: "createCampaign", actor: "amy", account: TEAM, campaignId: "m2", name: "Winter", audience: null },
  { type: "sendCampaign", actor: "amy", account: TEAM, campaignId: "m2" },
);

const by = { at: AT, by: "amy" };
const ev = (e: Record<string, unknown>): Event => ({ ...by, ...e }) as Event;

/** The cause `replay` gives for the last event of the tail, at its position. */
function refusedWith(tail: Event[], code: string, message: string): void {
  const r = replay([...LOG, ...tail]);
  expect(r, `${tail.map((e) => e.type).join(", ")} should be refused`).toMatchObject({
    left: {
      code: "invalid_event",
      rule: "SEC-8",
      position: LOG.length + tail.length - 1,
      cause: { code, rule: "SEC-8", message },
    },
  });
}

function accepted(tail: Event[]): void {
  const r = replay([...LOG, ...tail]);
  if (E.isLeft(r)) throw new Error(`${tail.map((e) => e.type).join(", ")} refused: ${r.left.message}`);
}

const created = (e: Record<string, unknown> = {}) =>
  ev({
    type: "OpportunityCreated",
    opportunityId: "o9",
    account: TEAM,
    contactId: "c1",
    name: "New",
    stage: "lead",
    value: 1,
    ...e,
  });

describe("A stored OpportunityCreated applies only as createOpportunity would have recorded it (AST-4, ACC-6, SEC-8)", () => {
  it("the honest event applies, in the team and in the personal account", () => {
    accepted([created()]);
    accepted([created({ account: AMY, contactId: "p1" })]);
    for (const stage of ["appointment", "signed", "underContract"]) accepted([created({ stage })]);
  });
  it("an id already taken is refused as a duplicate", () =>
    refusedWith([created({ opportunityId: "o1" })], "duplicate_id", "opportunity o1 already exists"));
  it("a new opportunity is open: one created closed or lost is refused (D-141)", () => {
    refusedWith([created({ stage: "closed" })], "invalid_event", "a new opportunity is open, not closed");
    refusedWith([created({ stage: "lost" })], "invalid_event", "a new opportunity is open, not lost");
  });
  it("its creator must be a known user", () => refusedWith([created({ by: "zed" })], "user_not_found", "no user zed"));
  it("its account must exist: an unknown team or the personal account of an unknown user", () => {
    refusedWith([created({ account: { kind: "team", teamId: "t9" } })], "team_not_found", "no team t9");
    refusedWith([created({ account: personal("zed") })], "user_not_found", "no user zed");
  });
  it("an opportunity links only to a contact of its own account (AST-4, ACC-6)", () => {
    refusedWith([created({ contactId: "nope" })], "contact_not_found", "no contact nope");
    refusedWith(
      [created({ contactId: "p1" })],
      "wrong_account",
      "contact p1 is in the personal account of amy, not the team account t1",
    );
    refusedWith(
      [created({ account: AMY, contactId: "c1" })],
      "wrong_account",
      "contact c1 is in the team account t1, not the personal account of amy",
    );
  });
  it("the checks run in order: a taken id first, then the stage, then the creator, the account and the contact", () => {
    refusedWith(
      [created({ opportunityId: "o1", stage: "lost", by: "zed" })],
      "duplicate_id",
      "opportunity o1 already exists",
    );
    refusedWith([created({ stage: "lost", by: "zed" })], "invalid_event", "a new opportunity is open, not lost");
    refusedWith([created({ by: "zed", account: { kind: "team", teamId: "t9" } })], "user_not_found", "no user zed");
    refusedWith(
      [created({ account: { kind: "team", teamId: "t9" }, contactId: "nope" })],
      "team_not_found",
      "no team t9",
    );
  });
});

describe("Stored changes to an opportunity apply only to one that exists and is open (AST-4, D-141, SEC-8)", () => {
  const updated = (e: Record<string, unknown> = {}) =>
    ev({ type: "OpportunityUpdated", opportunityId: "o1", name: "Renamed", stage: "signed", value: 5, ...e });
  const closed = (e: Record<string, unknown> = {}) =>
    ev({ type: "OpportunityClosed", opportunityId: "o1", outcome: "won", ...e });
  const deleted = (e: Record<string, unknown> = {}) => ev({ type: "OpportunityDeleted", opportunityId: "o1", ...e });
  const unlinked = (e: Record<string, unknown> = {}) =>
    ev({ type: "OpportunityUnlinked", opportunityId: "o1", contactId: "c1", rule: "ACC-7", ...e });

  it("each honest change applies", () => {
    for (const e of [
      updated(),
      updated({ stage: "lead" }),
      closed(),
      closed({ outcome: "lost" }),
      deleted(),
      unlinked(),
      unlinked({ rule: "SHR-7" }),
    ])
      accepted([e]);
  });
  it("a change to an opportunity that does not exist is refused, whatever the change", () => {
    for (const e of [
      updated({ opportunityId: "o9" }),
      closed({ opportunityId: "o9" }),
      deleted({ opportunityId: "o9" }),
      unlinked({ opportunityId: "o9" }),
    ])
      refusedWith([e], "item_not_found", "no opportunity o9");
  });
  it("a change by an unknown user is refused, whatever the change", () => {
    for (const e of [updated({ by: "zed" }), closed({ by: "zed" }), deleted({ by: "zed" }), unlinked({ by: "zed" })])
      refusedWith([e], "user_not_found", "no user zed");
  });
  it("a won or lost opportunity is neither updated nor closed again (no_change)", () => {
    refusedWith([updated({ opportunityId: "o2" })], "no_change", "opportunity o2 is already closed");
    refusedWith([closed({ opportunityId: "o2" })], "no_change", "opportunity o2 is already closed");
    refusedWith([updated({ opportunityId: "o3" })], "no_change", "opportunity o3 is already lost");
    refusedWith([closed({ opportunityId: "o3", outcome: "lost" })], "no_change", "opportunity o3 is already lost");
    refusedWith([closed(), closed()], "no_change", "opportunity o1 is already closed");
  });
  it("a closed opportunity may still be deleted, or lose its contact when the contact leaves (AST-3)", () => {
    accepted([deleted({ opportunityId: "o2" })]);
    accepted([unlinked({ opportunityId: "o3" })]);
  });
  it("an opportunity reaches closed or lost only through OpportunityClosed, never an update (D-141)", () => {
    refusedWith(
      [updated({ stage: "closed" })],
      "invalid_event",
      "an opportunity is closed by OpportunityClosed, not updated to closed",
    );
    refusedWith(
      [updated({ stage: "lost" })],
      "invalid_event",
      "an opportunity is closed by OpportunityClosed, not updated to lost",
    );
  });
  it("a link ends only where it exists: unlinking another contact, or twice, is refused (AST-3)", () => {
    refusedWith([unlinked({ contactId: "c2" })], "invalid_event", "opportunity o1 is not linked to contact c2");
    refusedWith(
      [unlinked(), unlinked({ rule: "SHR-7" })],
      "invalid_event",
      "opportunity o1 is not linked to contact c1",
    );
  });
  it("a deleted opportunity takes no further change", () => {
    refusedWith([deleted(), updated()], "item_not_found", "no opportunity o1");
    refusedWith([deleted(), deleted()], "item_not_found", "no opportunity o1");
  });
});

describe("Stored campaign events apply only as the campaign commands would have recorded them (AST-5, D-146, SEC-8)", () => {
  const createdC = (e: Record<string, unknown> = {}) =>
    ev({ type: "CampaignCreated", campaignId: "m9", account: TEAM, name: "New", audience: null, ...e });
  const c = (type: string, e: Record<string, unknown> = {}) => ev({ type, campaignId: "m1", ...e });
  const added = (e: Record<string, unknown> = {}) => c("CampaignMemberAdded", { contactId: "c1", ...e });
  const removed = (e: Record<string, unknown> = {}) =>
    c("CampaignMemberRemoved", { contactId: "c2", rule: "AST-5", ...e });
  const emailed = (e: Record<string, unknown> = {}) =>
    c("CampaignEmailSent", { contactId: "c2", senderId: "bob", to: "dee@example.com", month: "2026-03", ...e });
  const skipped = (e: Record<string, unknown> = {}) =>
    c("CampaignEmailSkipped", { contactId: "c2", agentId: "bob", reason: "noValidEmail", rule: "SP-9", ...e });
  const sent = (e: Record<string, unknown> = {}) => c("CampaignSent", { sent: 1, skipped: 0, ...e });
  const deletedC = (e: Record<string, unknown> = {}) => c("CampaignDeleted", e);

  it("each honest event applies", () => {
    for (const e of [
      createdC(),
      createdC({ account: AMY, audience: { primaryOnly: true } }),
      added(),
      removed(),
      emailed(),
      skipped(),
      sent(),
      deletedC(),
      deletedC({ campaignId: "m2" }),
    ])
      accepted([e]);
    accepted([emailed(), skipped({ contactId: "c1" }), sent({ sent: 1, skipped: 1 })]);
  });
  it("a campaign id already taken is refused as a duplicate", () =>
    refusedWith([createdC({ campaignId: "m1" })], "duplicate_id", "email campaign m1 already exists"));
  it("a new campaign needs a known creator and an existing account", () => {
    refusedWith([createdC({ by: "zed" })], "user_not_found", "no user zed");
    refusedWith([createdC({ account: { kind: "team", teamId: "t9" } })], "team_not_found", "no team t9");
    refusedWith([createdC({ account: personal("zed") })], "user_not_found", "no user zed");
    refusedWith([createdC({ campaignId: "m1", by: "zed" })], "duplicate_id", "email campaign m1 already exists");
  });
  it("any event about a campaign that does not exist is refused", () => {
    for (const e of [added(), removed(), emailed(), skipped(), sent(), deletedC()])
      refusedWith([{ ...e, campaignId: "m9" } as Event], "item_not_found", "no email campaign m9");
    refusedWith([deletedC(), added()], "item_not_found", "no email campaign m1");
  });
  it("any event about a campaign by an unknown user is refused", () => {
    for (const e of [added(), removed(), emailed(), skipped(), sent(), deletedC()])
      refusedWith([{ ...e, by: "zed" } as Event], "user_not_found", "no user zed");
  });
  it("a member is added once, and only a contact of the campaign's account (AST-5, ACC-6)", () => {
    refusedWith([added({ contactId: "c2" })], "no_change", "contact c2 is already a member of m1");
    refusedWith([added(), added()], "no_change", "contact c1 is already a member of m1");
    refusedWith(
      [added({ contactId: "p1" })],
      "wrong_account",
      "contact p1 is in the personal account of amy, not the team account t1",
    );
    refusedWith([added({ contactId: "nope" })], "contact_not_found", "no contact nope");
  });
  it("only a member is removed", () => {
    refusedWith([removed({ contactId: "c1" })], "no_change", "contact c1 is not a member of m1");
    refusedWith([removed(), removed({ rule: "ACC-7" })], "no_change", "contact c2 is not a member of m1");
  });
  it("a campaign is sent once: no second CampaignSent, and no email or skip after it (D-146)", () => {
    refusedWith([sent({ campaignId: "m2" })], "no_change", "email campaign m2 was already sent");
    refusedWith([sent(), sent()], "no_change", "email campaign m1 was already sent");
    refusedWith([emailed({ campaignId: "m2" })], "no_change", "email campaign m2 was already sent");
    refusedWith([skipped({ campaignId: "m2" })], "no_change", "email campaign m2 was already sent");
  });
  it("a sent campaign may still be deleted, and its members still end when they leave (AST-3)", () => {
    accepted([sent(), deletedC()]);
    accepted([sent(), removed({ rule: "SHR-7" })]);
  });
  it("an email or a skip names a contact of the campaign's account (ACC-6)", () => {
    for (const e of [emailed, skipped]) {
      refusedWith(
        [e({ contactId: "p1" })],
        "wrong_account",
        "contact p1 is in the personal account of amy, not the team account t1",
      );
      refusedWith([e({ contactId: "nope" })], "contact_not_found", "no contact nope");
    }
  });
  it("an email sent is counted in a month and charged to a known sender (SP-4)", () => {
    refusedWith([emailed({ month: "" })], "invalid_event", "an email is counted in a month");
    refusedWith([emailed({ senderId: "zed" })], "user_not_found", "no user zed");
    refusedWith([emailed({ by: "zed", month: "", senderId: "zed2" })], "user_not_found", "no user zed");
    refusedWith(
      [emailed({ contactId: "p1", month: "" })],
      "wrong_account",
      "contact p1 is in the personal account of amy, not the team account t1",
    );
    // A skip charges nobody: it names neither a month nor a sender.
    accepted([skipped({ agentId: "zed" })]);
  });
});

describe("A contact leaves or is deleted only once its opportunity links and campaign memberships have ended (AST-3, SEC-8)", () => {
  const deletedContact = (contactId: string) => ev({ type: "ContactDeleted", contactId, rule: "ACC-4" });
  it("a stored deletion of a contact still linked to an opportunity is refused", () => {
    refusedWith(
      [deletedContact("c1")],
      "invalid_event",
      "contact c1 is still linked to an opportunity or email campaign of its account",
    );
  });
  it("a stored deletion of a contact still a member of a campaign is refused", () => {
    refusedWith(
      [deletedContact("c2")],
      "invalid_event",
      "contact c2 is still linked to an opportunity or email campaign of its account",
    );
  });
  it("once its links have ended, the deletion applies", () => {
    accepted([
      ev({ type: "CampaignMemberRemoved", campaignId: "m1", contactId: "c2", rule: "SHR-7" }),
      deletedContact("c2"),
    ]);
    accepted([deletedContact("p1")]);
  });
});
