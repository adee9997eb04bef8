import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  type AccountRef,
  execute,
  fromSnapshot,
  replay,
  toSnapshot,
  visibleCampaigns,
  visibleOpportunities,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { AT, personal, run, TEAM, type Input } from "../support/office.js";
import { appletOffice } from "./world.js";

/**
 * SEC-7 for opportunities and email campaigns (AST-4, AST-5, D-143): a snapshot is written sorted, read back to the
 * same state with the same indexes, and a broken one is refused with the broken field's message and path.
 */
const AMY = personal("amy");
type Json = Record<string, unknown> & {
  opportunities?: Record<string, unknown>[];
  campaigns?: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
};

/** Opportunities and campaigns created out of id order, in the team and amy's personal account. */
function world(): State {
  return run(
    appletOffice(),
    {
      type: "createOpportunity",
      actor: "amy",
      account: TEAM,
      opportunityId: "o3",
      contactId: "c1",
      name: "Harbour Park",
      stage: "lead",
      value: 450_000,
    },
    {
      type: "createOpportunity",
      actor: "amy",
      account: TEAM,
      opportunityId: "o1",
      contactId: "c1",
      name: "Bay View",
      stage: "signed",
      value: 1,
    },
    {
      type: "createOpportunity",
      actor: "amy",
      account: AMY,
      opportunityId: "o2",
      contactId: "p1",
      name: "Friend",
      stage: "appointment",
      value: 0,
    },
    {
      type: "createCampaign",
      actor: "amy",
      account: TEAM,
      campaignId: "m3",
      name: "Spring",
      audience: { primaryOnly: true },
    },
    { type: "createCampaign", actor: "bob", account: TEAM, campaignId: "m1", name: "Winter", audience: null },
    { type: "createCampaign", actor: "amy", account: AMY, campaignId: "m2", name: "Friends", audience: null },
    { type: "addCampaignMember", actor: "amy", account: TEAM, campaignId: "m1", contactId: "c4" },
    { type: "addCampaignMember", actor: "amy", account: TEAM, campaignId: "m1", contactId: "c1" },
    { type: "addCampaignMember", actor: "amy", account: TEAM, campaignId: "m3", contactId: "c1" },
    { type: "addCampaignMember", actor: "amy", account: AMY, campaignId: "m2", contactId: "p1" },
    { type: "sendCampaign", actor: "amy", account: AMY, campaignId: "m2" },
  ).state;
}

const json = (s: State): Json => JSON.parse(JSON.stringify(toSnapshot(s))) as Json;
const read = (x: unknown): State => {
  const r = fromSnapshot(x);
  if (E.isLeft(r))
    throw new Error(`snapshot refused: ${r.left.message} @ ${JSON.stringify((r.left as { path?: unknown }).path)}`);
  return r.right;
};
const events = (s: State, command: Input): readonly Event[] | string => {
  const r = execute(s, { at: AT, ...command } as Command);
  return E.isLeft(r) ? `${r.left.code} ${r.left.rule} ${r.left.message}` : r.right.events;
};

describe("A snapshot keeps opportunities and campaigns, sorted by id, and reads back to the same state (AST-4, AST-5, SEC-7)", () => {
  it("the lists are sorted by id and carry every field; a campaign not yet sent has no sentAt", () => {
    const s = json(world());
    expect(s.opportunities).toEqual([
      {
        id: "o1",
        account: TEAM,
        name: "Bay View",
        stage: "signed",
        value: 1,
        contactId: "c1",
        createdBy: "amy",
        createdAt: AT,
      },
      {
        id: "o2",
        account: AMY,
        name: "Friend",
        stage: "appointment",
        value: 0,
        contactId: "p1",
        createdBy: "amy",
        createdAt: AT,
      },
      {
        id: "o3",
        account: TEAM,
        name: "Harbour Park",
        stage: "lead",
        value: 450_000,
        contactId: "c1",
        createdBy: "amy",
        createdAt: AT,
      },
    ]);
    expect(s.campaigns).toEqual([
      {
        id: "m1",
        account: TEAM,
        name: "Winter",
        audience: null,
        members: ["c1", "c4"],
        createdBy: "bob",
        createdAt: AT,
      },
      {
        id: "m2",
        account: AMY,
        name: "Friends",
        audience: null,
        members: ["p1"],
        createdBy: "amy",
        createdAt: AT,
        sentAt: AT,
      },
      {
        id: "m3",
        account: TEAM,
        name: "Spring",
        audience: { primaryOnly: true },
        members: ["c1"],
        createdBy: "amy",
        createdAt: AT,
      },
    ]);
  });

  it("an office with no opportunities or campaigns writes neither list, so older snapshots read as before", () => {
    const s = json(appletOffice());
    expect("opportunities" in s).toBe(false);
    expect("campaigns" in s).toBe(false);
    const onlyCampaigns = json(
      run(appletOffice(), {
        type: "createCampaign",
        actor: "amy",
        account: TEAM,
        campaignId: "m1",
        name: "x",
        audience: null,
      }).state,
    );
    expect("opportunities" in onlyCampaigns).toBe(false);
    expect(onlyCampaigns.campaigns).toHaveLength(1);
    const onlyOpportunities = json(
      run(appletOffice(), {
        type: "createOpportunity",
        actor: "amy",
        account: TEAM,
        opportunityId: "o1",
        contactId: "c1",
        name: "x",
        stage: "lead",
        value: 1,
      }).state,
    );
    expect("campaigns" in onlyOpportunities).toBe(false);
    expect(onlyOpportunities.opportunities).toHaveLength(1);
  });

  it("the snapshot is a copy: changing it changes nothing in the state", () => {
    const s = world();
    const snap = toSnapshot(s) as unknown as Json;
    const o = snap.opportunities![0] as { account: { teamId: string } };
    const c = snap.campaigns![2] as {
      account: { teamId: string };
      audience: { primaryOnly: boolean };
      members: string[];
    };
    o.account.teamId = "changed";
    c.account.teamId = "changed";
    c.audience.primaryOnly = false;
    c.members.push("c9");
    expect(json(s)).toEqual(json(world()));
  });

  it("what is read back answers every query and every command as the original does, its indexes included", () => {
    const original = world();
    const restored = read(json(original));
    expect(json(restored)).toEqual(json(original));
    for (const actor of ["amy", "bob", "rain", "tc", "admin", "lee"]) {
      expect(visibleOpportunities(restored, actor)).toEqual(visibleOpportunities(original, actor));
      expect(visibleOpportunities(restored, actor, { contactId: "c1" })).toEqual(
        visibleOpportunities(original, actor, { contactId: "c1" }),
      );
      expect(visibleOpportunities(restored, actor, { account: TEAM })).toEqual(
        visibleOpportunities(original, actor, { account: TEAM }),
      );
      expect(visibleCampaigns(restored, actor)).toEqual(visibleCampaigns(original, actor));
    }
    expect(visibleOpportunities(restored, "amy", { contactId: "c1" }).map((o) => o.id)).toEqual(["o1", "o3"]);
    expect(visibleOpportunities(restored, "amy", { account: TEAM }).map((o) => o.id)).toEqual(["o1", "o3"]);
    const commands: Input[] = [
      // AST-3: the by-contact indexes give one event per link, in id order.
      { type: "deleteContact", actor: "rain", account: TEAM, contactId: "c1" },
      { type: "moveContact", actor: "amy", account: AMY, contactId: "p1", to: TEAM },
      { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o3" },
      { type: "deleteCampaign", actor: "bob", account: TEAM, campaignId: "m1" },
      { type: "sendCampaign", actor: "amy", account: AMY, campaignId: "m2" },
      { type: "sendCampaign", actor: "amy", account: TEAM, campaignId: "m3" },
      { type: "addCampaignMember", actor: "amy", account: TEAM, campaignId: "m1", contactId: "c3" },
    ];
    for (const c of commands) expect(events(restored, c), c.type).toEqual(events(original, c));
    expect((events(restored, commands[0]!) as readonly Event[]).slice(0, 4)).toMatchObject([
      { type: "OpportunityUnlinked", opportunityId: "o1" },
      { type: "OpportunityUnlinked", opportunityId: "o3" },
      { type: "CampaignMemberRemoved", campaignId: "m1" },
      { type: "CampaignMemberRemoved", campaignId: "m3" },
    ]);
    // After a deletion the restored indexes shrink as the original's do.
    const afterwards = (s: State) =>
      run(
        s,
        { type: "deleteOpportunity", actor: "amy", account: TEAM, opportunityId: "o1" },
        { type: "deleteCampaign", actor: "bob", account: TEAM, campaignId: "m1" },
      ).state;
    expect(json(afterwards(restored))).toEqual(json(afterwards(original)));
    expect(events(afterwards(restored), commands[0]!)).toEqual(events(afterwards(original), commands[0]!));
  });

  it("a snapshot written by hand out of id order is read back with each contact's links in id order (AST-3, SEC-7)", () => {
    const s = json(world());
    s.opportunities!.reverse();
    s.campaigns!.reverse();
    const restored = read(s);
    expect(json(restored)).toEqual(json(world()));
    const ended = events(restored, {
      type: "deleteContact",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
    }) as readonly Event[];
    expect(
      ended.map((e) => ("opportunityId" in e ? e.opportunityId : "campaignId" in e ? e.campaignId : e.type)),
    ).toEqual(["o1", "o3", "m1", "m3", "ContactDeleted"]);
  });

  it("however many there are and whatever order they were made in, the lists are written in id order", () => {
    const ids = ["q", "b", "zz", "a", "m", "c7", "c10", "x", "k2", "e"];
    const s = run(
      appletOffice(),
      ...ids.map(
        (id): Input => ({
          type: "createOpportunity",
          actor: "amy",
          account: TEAM,
          opportunityId: `o-${id}`,
          contactId: "c1",
          name: "x",
          stage: "lead",
          value: 1,
        }),
      ),
      ...ids.map(
        (id): Input => ({
          type: "createCampaign",
          actor: "amy",
          account: TEAM,
          campaignId: `m-${id}`,
          name: "x",
          audience: null,
        }),
      ),
    ).state;
    const sorted = [...ids].sort();
    expect(json(s).opportunities!.map((o) => o.id)).toEqual(sorted.map((id) => `o-${id}`));
    expect(json(s).campaigns!.map((c) => c.id)).toEqual(sorted.map((id) => `m-${id}`));
  });

  it("a restored state is frozen: its opportunities and campaigns cannot be changed in place", () => {
    const restored = read(json(world()));
    const [o] = visibleOpportunities(restored, "amy");
    expect(Object.isFrozen(o?.account)).toBe(true);
    const [c] = visibleCampaigns(restored, "amy", AMY);
    expect(Object.isFrozen(c)).toBe(true);
  });
});

/** The snapshot of world() broken by `change`, and fromSnapshot's refusal. */
function refusal(change: (s: Json) => void): unknown {
  const s = json(world());
  change(s);
  const r = fromSnapshot(s);
  return E.isLeft(r) ? r.left : "accepted";
}
const op = (s: Json, id: string) => s.opportunities!.find((o) => o.id === id)!;
const cp = (s: Json, id: string) => s.campaigns!.find((c) => c.id === id)!;

describe("A broken snapshot of opportunities or campaigns is refused with its message and path (AST-4, AST-5, D-143, SEC-7)", () => {
  // Hand-written: each breakage, the message the check gives and the field it points at.
  const table: [what: string, change: (s: Json) => void, message: string, path: (string | number)[]][] = [
    [
      "an opportunity id twice",
      (s) => void s.opportunities!.push({ ...op(s, "o1") }),
      "opportunities o1 appears twice",
      ["opportunities", 3, "id"],
    ],
    [
      "a campaign id twice",
      (s) => void s.campaigns!.push({ ...cp(s, "m1") }),
      "campaigns m1 appears twice",
      ["campaigns", 3, "id"],
    ],
    [
      "an opportunity of an unknown team",
      (s) => void (op(s, "o3").account = { kind: "team", teamId: "t9" }),
      "opportunities o3 is in the unknown team account t9",
      ["opportunities", 2, "account"],
    ],
    [
      "an opportunity of a team named as a user",
      (s) => void (op(s, "o3").account = { kind: "team", teamId: "amy" }),
      "opportunities o3 is in the unknown team account amy",
      ["opportunities", 2, "account"],
    ],
    [
      "an opportunity of an unknown user's personal account",
      (s) => void (op(s, "o2").account = personal("zed")),
      "opportunities o2 is in the unknown personal account of zed",
      ["opportunities", 1, "account"],
    ],
    [
      "a personal account named after a team",
      (s) => void (op(s, "o2").account = personal("t1")),
      "opportunities o2 is in the unknown personal account of t1",
      ["opportunities", 1, "account"],
    ],
    [
      "a campaign of an unknown team",
      (s) => void (cp(s, "m3").account = { kind: "team", teamId: "t9" }),
      "campaigns m3 is in the unknown team account t9",
      ["campaigns", 2, "account"],
    ],
    [
      "an opportunity created by an unknown user",
      (s) => void (op(s, "o1").createdBy = "zed"),
      "opportunities o1 names unknown user zed",
      ["opportunities", 0, "createdBy"],
    ],
    [
      "a campaign created by an unknown user",
      (s) => void (cp(s, "m2").createdBy = "zed"),
      "campaigns m2 names unknown user zed",
      ["campaigns", 1, "createdBy"],
    ],
    [
      "a campaign created by a team id",
      (s) => void (cp(s, "m2").createdBy = "t1"),
      "campaigns m2 names unknown user t1",
      ["campaigns", 1, "createdBy"],
    ],
    [
      "an opportunity linked to another account's contact",
      (s) => void (op(s, "o3").contactId = "p1"),
      "opportunity o3 links contact p1, which is not a contact of its team account t1 (ACC-6)",
      ["opportunities", 2, "contactId"],
    ],
    [
      "an opportunity linked to an unknown contact",
      (s) => void (op(s, "o2").contactId = "nope"),
      "opportunity o2 links contact nope, which is not a contact of its personal account of amy (ACC-6)",
      ["opportunities", 1, "contactId"],
    ],
    [
      "campaign members out of order",
      (s) => void (cp(s, "m1").members = ["c4", "c1"]),
      "email campaign m1: members are sorted, once each",
      ["campaigns", 0, "members", 1],
    ],
    [
      "a campaign member twice",
      (s) => void (cp(s, "m1").members = ["c1", "c1", "c4"]),
      "email campaign m1: members are sorted, once each",
      ["campaigns", 0, "members", 1],
    ],
    [
      "a campaign member of another account",
      (s) => void (cp(s, "m1").members = ["c1", "p1"]),
      "email campaign m1 has member p1, which is not a contact of its team account t1 (ACC-6)",
      ["campaigns", 0, "members", 1],
    ],
    [
      "an unknown campaign member",
      (s) => void (cp(s, "m2").members = ["nope"]),
      "email campaign m2 has member nope, which is not a contact of its personal account of amy (ACC-6)",
      ["campaigns", 1, "members", 0],
    ],
  ];
  for (const [what, change, message, path] of table) {
    it(`${what} is refused: ${message}`, () => {
      expect(refusal(change)).toEqual({ code: "invalid_input", rule: "input", message: `snapshot: ${message}`, path });
    });
  }

  it("what a check does not forbid is accepted: an unlinked opportunity, a campaign with no members, one opportunity per account", () => {
    expect(refusal((s) => void (op(s, "o3").contactId = null))).toBe("accepted");
    expect(refusal((s) => void (cp(s, "m1").members = []))).toBe("accepted");
    expect(refusal((s) => void (s.opportunities = s.opportunities!.filter((o) => o.id === "o2")))).toBe("accepted");
  });
});

describe("A snapshot past the bounds of D-143 is refused, one at the bounds is read (D-143, SEC-9)", () => {
  const many = (n: number, prefix: string, make: (id: string) => Record<string, unknown>) =>
    Array.from({ length: n }, (_, i) => make(`${prefix}${String(i).padStart(5, "0")}`));
  const opportunity = (account: unknown) => (id: string) => ({
    id,
    account,
    name: "x",
    stage: "lead",
    value: 1,
    contactId: null,
    createdBy: "amy",
    createdAt: AT,
  });
  const campaign = (account: unknown) => (id: string) => ({
    id,
    account,
    name: "x",
    audience: null,
    members: [],
    createdBy: "amy",
    createdAt: AT,
  });

  it("10,000 opportunities in an account are read, and a further one is refused by createOpportunity; 10,001 are refused", () => {
    const base = json(appletOffice());
    const at = read({
      ...base,
      opportunities: [...many(10_000, "a", opportunity(TEAM)), ...many(3, "b", opportunity(AMY))],
    });
    const create = (account: AccountRef, contactId: string): Input => ({
      type: "createOpportunity",
      actor: "amy",
      account,
      opportunityId: "z1",
      contactId,
      name: "x",
      stage: "lead",
      value: 1,
    });
    expect(events(at, create(TEAM, "c1"))).toBe(
      "invalid_input input opportunities of the team account t1: at most 10,000",
    );
    expect(events(at, create(AMY, "p1"))).toMatchObject([{ type: "OpportunityCreated" }]);
    expect(fromSnapshot({ ...base, opportunities: many(10_001, "a", opportunity(TEAM)) })).toEqual(
      E.left({
        code: "invalid_input",
        rule: "input",
        message: "snapshot: the team account t1 holds more than 10000 opportunities (D-143)",
        path: ["opportunities", 10_000, "account"],
      }),
    );
    const below = read({ ...base, opportunities: many(9_999, "a", opportunity(TEAM)) });
    expect(events(below, create(TEAM, "c1"))).toMatchObject([{ type: "OpportunityCreated" }]);
    // SEC-8: a stored event past the bound is refused as the command is.
    const stored = (account: unknown, contactId: string) => ({
      type: "OpportunityCreated",
      at: AT,
      by: "amy",
      opportunityId: "z1",
      account,
      contactId,
      name: "x",
      stage: "lead",
      value: 1,
    });
    expect(replay([stored(TEAM, "c1")], at)).toMatchObject(
      E.left({
        position: 0,
        cause: { code: "invalid_event", message: "the team account t1 already holds 10000 opportunities" },
      }),
    );
    expect(E.isRight(replay([stored(AMY, "p1")], at))).toBe(true);
    expect(E.isRight(replay([stored(TEAM, "c1")], below))).toBe(true);
  });

  it("1,000 campaigns in an account are read, and a further one is refused by createCampaign; 1,001 are refused", () => {
    const base = json(appletOffice());
    const at = read({ ...base, campaigns: [...many(1_000, "a", campaign(TEAM)), ...many(2, "b", campaign(AMY))] });
    const create = (account: AccountRef): Input => ({
      type: "createCampaign",
      actor: "amy",
      account,
      campaignId: "z1",
      name: "x",
      audience: null,
    });
    expect(events(at, create(TEAM))).toBe("invalid_input input email campaigns of the team account t1: at most 1,000");
    expect(events(at, create(AMY))).toMatchObject([{ type: "CampaignCreated" }]);
    expect(events(at, { ...create(TEAM), campaignId: "a00001" } as Input)).toBe(
      "duplicate_id input email campaign id a00001 is already taken",
    );
    expect(fromSnapshot({ ...base, campaigns: many(1_001, "a", campaign(TEAM)) })).toEqual(
      E.left({
        code: "invalid_input",
        rule: "input",
        message: "snapshot: the team account t1 holds more than 1000 campaigns (D-143)",
        path: ["campaigns", 1_000, "account"],
      }),
    );
    const below = read({ ...base, campaigns: many(999, "a", campaign(TEAM)) });
    expect(events(below, create(TEAM))).toMatchObject([{ type: "CampaignCreated" }]);
    const stored = (account: unknown, campaignId = "z1") => ({
      type: "CampaignCreated",
      at: AT,
      by: "amy",
      campaignId,
      account,
      name: "x",
      audience: null,
    });
    expect(replay([stored(TEAM)], at)).toMatchObject(
      E.left({
        position: 0,
        cause: { code: "invalid_event", message: "the team account t1 already holds 1000 email campaigns" },
      }),
    );
    expect(replay([stored(TEAM, "a00001")], at)).toMatchObject(
      E.left({
        position: 0,
        cause: { code: "invalid_event", message: "the team account t1 already holds 1000 email campaigns" },
      }),
    );
    expect(E.isRight(replay([stored(AMY)], at))).toBe(true);
    expect(E.isRight(replay([stored(TEAM)], below))).toBe(true);
  });

  it("a campaign of 5,000 members is read and takes no further member; one of 5,001 is refused", () => {
    const base = json(appletOffice());
    const c1 = base.contacts.find((c) => c.id === "c1")!;
    const contacts = many(5_001, "k", (id) => ({ ...c1, id, details: { name: id } }));
    const ids = contacts.map((c) => c.id as string);
    const withMembers = (members: string[]) => ({
      ...base,
      contacts: [...base.contacts, ...contacts],
      campaigns: [{ ...campaign(TEAM)("m1"), members }],
    });
    const full = read(withMembers(ids.slice(0, 5_000)));
    expect(
      events(full, { type: "addCampaignMember", actor: "amy", account: TEAM, campaignId: "m1", contactId: "c1" }),
    ).toBe("invalid_input input members of email campaign m1: at most 5,000");
    expect(fromSnapshot(withMembers(ids))).toEqual(
      E.left({
        code: "invalid_input",
        rule: "input",
        message: "snapshot: email campaign m1 has more than 5000 members (D-143)",
        path: ["campaigns", 0, "members"],
      }),
    );
    const almost = read(withMembers(ids.slice(0, 4_999)));
    expect(
      events(almost, { type: "addCampaignMember", actor: "amy", account: TEAM, campaignId: "m1", contactId: "c1" }),
    ).toMatchObject([{ type: "CampaignMemberAdded" }]);
    const stored = { type: "CampaignMemberAdded", at: AT, by: "amy", campaignId: "m1", contactId: "c1" };
    expect(replay([stored], full)).toMatchObject(
      E.left({ position: 0, cause: { code: "invalid_event", message: "email campaign m1 already has 5000 members" } }),
    );
    expect(E.isRight(replay([stored], almost))).toBe(true);
  });
});
