import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONFIGURATION,
  fromSnapshot,
  PRESETS,
  project,
  replay,
  toSnapshot,
  usableAssets,
  visibleContacts,
  visiblePage,
  type Configuration,
  type Event,
  type State,
} from "../../src/index.js";
import { checkStateInvariants } from "../../src/testing/index.js";
import { OFFICE, personal, refusal, run, TEAM, type Input } from "../support/office.js";
import { myTag, office, teamTag } from "./office.js";

const tagsOf = (s: State, viewer: string, contactId: string) => {
  const view = project(s, viewer, contactId);
  if (E.isLeft(view)) throw new Error(view.left.message);
  return view.right.tags?.map((t) => t.name);
};

describe("AST-1 assets belong to one account", () => {
  it("a tag made in the team account is usable by every team member: each tags a contact they may edit with it (AST-1, ACC-8)", () => {
    const s = run(
      office().state,
      teamTag("bob"),
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
      { type: "tagContact", actor: "bob", account: TEAM, contactId: "c2", tagId: "hot" },
    ).state;
    for (const member of ["rain", "tc", "amy", "bob"])
      expect(usableAssets(s, member, TEAM).map((a) => a.id)).toEqual(["hot"]);
    expect(tagsOf(s, "rain", "c1")).toEqual(["Hot lead"]);
    expect(visibleContacts(s, "rain", { tag: "hot" }).slice().sort()).toEqual(["c1", "c2"]);
  });

  it("made in a personal account, only its user may use it, and nobody else can tell it exists (AST-1, ACC-5, SEC-2)", () => {
    const s = run(office().state, myTag(), {
      type: "tagContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "p1",
      tagId: "mine",
    }).state;
    expect(usableAssets(s, "amy", personal("amy")).map((a) => a.name)).toEqual(["Golf buddies"]);
    const cases: [string, Input][] = [
      ["rain", { type: "tagContact", actor: "rain", account: TEAM, contactId: "c1", tagId: "mine" }],
      ["bob", { type: "tagContact", actor: "bob", account: TEAM, contactId: "c2", tagId: "mine" }],
      ["rain", { type: "renameAsset", actor: "rain", account: personal("amy"), assetId: "mine", name: "x" }],
      ["lee", { type: "untagContact", actor: "lee", account: personal("amy"), contactId: "p1", tagId: "mine" }],
    ];
    for (const [who, command] of cases) {
      const ghost = { ...command, ...("tagId" in command ? { tagId: "no-such" } : { assetId: "no-such" }) } as Input;
      const a = refusal(s, command);
      const b = refusal(s, ghost);
      expect({ code: a.code, rule: a.rule, message: a.message.replace("mine", "X") }, who).toEqual({
        code: b.code,
        rule: b.rule,
        message: b.message.replace("no-such", "X"),
      });
    }
    expect(usableAssets(s, "rain", personal("amy"))).toEqual([]);
  });

  it("a tag's name is 1 to 100 characters, unique in its account whatever its case, and an account holds at most 500 tags (AST-1, D-133)", () => {
    const s = run(office().state, teamTag()).state;
    expect(refusal(s, teamTag("amy", "hot2", " hot LEAD ")).code).toBe("asset_exists");
    expect(refusal(s, teamTag("amy", "long", "x".repeat(101))).code).toBe("invalid_input");
    expect(refusal(s, teamTag("amy", "blank", "   ")).code).toBe("invalid_input");
    // Another account may reuse the name: the names of a personal account never clash with the team's.
    expect(run(s, myTag("amy", "mine", "Hot lead")).events).toHaveLength(1);
    const full = run(
      office().state,
      ...Array.from({ length: 500 }, (_, i) => teamTag("rain", `t${i}`, `Tag ${i}`)),
    ).state;
    expect(refusal(full, teamTag("rain", "t500", "One more"))).toMatchObject({
      code: "asset_limit_reached",
      rule: "AST-1",
    });
  });

  it("custom fields are typed: text, number, date and single choice take only values of their type, refused as invalid_field_value (AST-1, D-128)", () => {
    const s = run(
      office().state,
      {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "budget",
        kind: "field",
        name: "Budget",
        field: { type: "number" },
      },
      {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "moving",
        kind: "field",
        name: "Moving date",
        field: { type: "date" },
      },
      {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "stage",
        kind: "field",
        name: "Stage",
        field: { type: "choice", options: ["buyer", "seller"] },
      },
      {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "notes",
        kind: "field",
        name: "Notes",
        field: { type: "text" },
      },
    ).state;
    const set = (fieldId: string, value: string | number): Input => ({
      type: "setFieldValue",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      fieldId,
      value,
    });
    const table: [string, string | number, boolean][] = [
      ["budget", 450000, true],
      ["budget", "450000", false],
      ["moving", "2026-06-30", true],
      ["moving", "2026-02-30", false],
      ["moving", "30/06/2026", false],
      ["stage", "buyer", true],
      ["stage", "landlord", false],
      ["notes", "Wants a garden", true],
      ["notes", 3, false],
    ];
    for (const [fieldId, value, ok] of table) {
      if (ok)
        expect(run(s, set(fieldId, value)).events[0], `${fieldId}=${value}`).toMatchObject({
          type: "FieldValueSet",
          fieldId,
          value,
        });
      else expect(refusal(s, set(fieldId, value)).code, `${fieldId}=${value}`).toBe("invalid_field_value");
    }
    expect(
      refusal(s, {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "bad",
        kind: "field",
        name: "Bad",
        field: { type: "choice" },
      }).code,
    ).toBe("invalid_input");
    expect(
      refusal(s, {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "bad",
        kind: "tag",
        name: "Bad",
        field: { type: "text" },
      }).code,
    ).toBe("invalid_input");
    expect(
      refusal(s, { type: "createAsset", actor: "rain", account: TEAM, assetId: "bad", kind: "field", name: "Bad" })
        .code,
    ).toBe("invalid_input");
  });

  it("a lead source is a built-in one or a custom lead source of the contact's account (AST-1, D-129)", () => {
    const s = run(office().state, {
      type: "createAsset",
      actor: "amy",
      account: TEAM,
      assetId: "zillow",
      kind: "leadSource",
      name: "Zillow Premier",
    }).state;
    const custom = run(s, {
      type: "setLeadSource",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      source: { kind: "custom", assetId: "zillow" },
    }).state;
    expect(E.isRight(project(custom, "rain", "c1")) && project(custom, "rain", "c1")).toMatchObject({
      right: { source: { kind: "custom", id: "zillow", name: "Zillow Premier" } },
    });
    const builtIn = run(s, {
      type: "setLeadSource",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      source: { kind: "builtIn", name: "openHouse" },
    }).state;
    expect(project(builtIn, "amy", "c1")).toMatchObject({ right: { source: { kind: "builtIn", name: "openHouse" } } });
  });

  it("applying an asset needs edit access: a View Only holder cannot tag the contact (AST-1, ASG-3)", () => {
    const s = run(office().state, teamTag(), {
      type: "grantAccess",
      actor: "rain",
      account: TEAM,
      contactId: "c1",
      userId: "bob",
      level: "view",
    }).state;
    expect(
      refusal(s, { type: "tagContact", actor: "bob", account: TEAM, contactId: "c1", tagId: "hot" }),
    ).toMatchObject({ code: "not_permitted", rule: "ASG-3" });
  });
});

describe("AST-2 a contact carries only its own account's assets", () => {
  it("naming another account's tag, field or lead source is wrong_account citing ACC-6, never a silent no-op (AST-2, ACC-6)", () => {
    const s = run(
      office().state,
      teamTag(),
      myTag(),
      {
        type: "createAsset",
        actor: "amy",
        account: personal("amy"),
        assetId: "myField",
        kind: "field",
        name: "Kids",
        field: { type: "number" },
      },
      {
        type: "createAsset",
        actor: "amy",
        account: TEAM,
        assetId: "teamSource",
        kind: "leadSource",
        name: "Team website",
      },
    ).state;
    const table: Input[] = [
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "mine" },
      { type: "tagContact", actor: "amy", account: personal("amy"), contactId: "p1", tagId: "hot" },
      { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c1", fieldId: "myField", value: 2 },
      {
        type: "setLeadSource",
        actor: "amy",
        account: personal("amy"),
        contactId: "p1",
        source: { kind: "custom", assetId: "teamSource" },
      },
      { type: "untagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "mine" },
    ];
    for (const command of table)
      expect(refusal(s, command), command.type).toMatchObject({ code: "wrong_account", rule: "ACC-6" });
  });

  it("a tag of one kind is not another kind: a field id used as a tag is not found (AST-2)", () => {
    const s = run(office().state, {
      type: "createAsset",
      actor: "amy",
      account: TEAM,
      assetId: "f",
      kind: "field",
      name: "F",
      field: { type: "text" },
    }).state;
    expect(refusal(s, { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "f" }).code).toBe(
      "asset_not_found",
    );
  });
});

describe("AST-3 moving a contact ends its links to the old account's assets", () => {
  it("a move from the team to the owner's personal account ends each tag, field value and custom lead source with one event, before ContactMoved (AST-3, ACC-7)", () => {
    const s = run(
      office().state,
      teamTag(),
      teamTag("amy", "warm", "Warm"),
      {
        type: "createAsset",
        actor: "amy",
        account: TEAM,
        assetId: "budget",
        kind: "field",
        name: "Budget",
        field: { type: "number" },
      },
      { type: "createAsset", actor: "amy", account: TEAM, assetId: "src", kind: "leadSource", name: "Billboard" },
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "warm" },
      { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c1", fieldId: "budget", value: 5 },
      {
        type: "setLeadSource",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        source: { kind: "custom", assetId: "src" },
      },
    ).state;
    const moved = run(s, { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: personal("amy") });
    const types = moved.events.map((e) => ("rule" in e ? `${e.type} ${e.rule}` : e.type));
    expect(types.filter((t) => t.endsWith("ACC-7") && !t.startsWith("Access"))).toEqual([
      "ContactUntagged ACC-7",
      "ContactUntagged ACC-7",
      "FieldValueCleared ACC-7",
      "LeadSourceCleared ACC-7",
    ]);
    expect(types[types.length - 1]).toBe("ContactMoved");
    expect(project(moved.state, "amy", "c1")).toMatchObject({ right: { tags: [], customFields: [] } });
    expect(checkStateInvariants(moved.state)).toBeNull();
  });

  it("a built-in lead source belongs to no account and stays with a moved contact; a deleted contact ends every link (AST-3, SHR-7, D-129, D-131)", () => {
    const s = run(
      office().state,
      myTag(),
      { type: "tagContact", actor: "amy", account: personal("amy"), contactId: "p1", tagId: "mine" },
      {
        type: "setLeadSource",
        actor: "amy",
        account: personal("amy"),
        contactId: "p1",
        source: { kind: "builtIn", name: "referral" },
      },
    ).state;
    const moved = run(s, { type: "moveContact", actor: "amy", account: personal("amy"), contactId: "p1", to: TEAM });
    expect(moved.events.map((e) => e.type)).toEqual(["ContactUntagged", "ContactMoved"]);
    expect(project(moved.state, "rain", "p1")).toMatchObject({
      right: { source: { kind: "builtIn", name: "referral" } },
    });
    const deleted = run(s, { type: "deleteContact", actor: "amy", account: personal("amy"), contactId: "p1" });
    expect(deleted.events.map((e) => ("rule" in e ? `${e.type} ${e.rule}` : e.type))).toEqual([
      "ContactUntagged SHR-7",
      "LeadSourceCleared SHR-7",
      "ContactDeleted SHR-7",
    ]);
  });
});

describe("AST-6 who manages team assets, and what deleting one does", () => {
  const byDefault = () =>
    run(
      office().state,
      teamTag("bob"),
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
      { type: "tagContact", actor: "bob", account: TEAM, contactId: "c2", tagId: "hot" },
    ).state;

  it("by default any member creates a team asset; the rainmaker, enhanced and unlimited members and office admins rename and delete it (AST-6, D-127)", () => {
    const s = byDefault();
    const rename = (actor: string): Input => ({
      type: "renameAsset",
      actor,
      account: TEAM,
      assetId: "hot",
      name: `Hot (${actor})`,
    });
    const table: [string, boolean][] = [
      ["rain", true],
      ["tc", true],
      ["admin", true],
      ["amy", false],
      ["bob", false],
    ];
    for (const [actor, ok] of table) {
      if (ok)
        expect(run(s, rename(actor)).events[0], actor).toMatchObject({
          type: "AssetRenamed",
          from: "Hot lead",
          to: `Hot (${actor})`,
        });
      else expect(refusal(s, rename(actor)), actor).toMatchObject({ code: "not_permitted", rule: "AST-6" });
    }
    expect(refusal(s, rename("lee")).code).toBe("account_not_allowed");
  });

  it("deleting a carried team tag takes it off each contact with its own event, then records the deletion (AST-6)", () => {
    const deleted = run(byDefault(), { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "hot" });
    expect(deleted.events).toEqual([
      expect.objectContaining({ type: "ContactUntagged", contactId: "c1", tagId: "hot", rule: "AST-6" }),
      expect.objectContaining({ type: "ContactUntagged", contactId: "c2", tagId: "hot", rule: "AST-6" }),
      expect.objectContaining({ type: "AssetDeleted", assetId: "hot" }),
    ]);
    expect(usableAssets(deleted.state, "amy", TEAM)).toEqual([]);
    expect(tagsOf(deleted.state, "rain", "c1")).toEqual([]);
  });

  it("each preset's policy: the mortgage preset lets only the rainmaker and admins change team assets, and refuses deleting one in use (AST-6, D-127)", () => {
    const table: [keyof typeof PRESETS, string, string][] = [
      ["teamAndPersonal", "amy", "accepted"],
      ["officeOwnership", "amy", "not_permitted"],
      ["mortgageCoMarketing", "amy", "not_permitted"],
      ["mortgageCoMarketing", "rain", "accepted"],
      ["leadReassignment", "bob", "accepted"],
    ];
    for (const [preset, actor, outcome] of table) {
      const s = office(PRESETS[preset]).state;
      const command = teamTag(actor);
      expect(
        outcome === "accepted" ? run(s, command).events[0]?.type : refusal(s, command).code,
        `${preset} ${actor}`,
      ).toBe(outcome === "accepted" ? "AssetCreated" : outcome);
    }
    const mortgage = run(office(PRESETS.mortgageCoMarketing).state, teamTag("rain"), {
      type: "tagContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      tagId: "hot",
    }).state;
    expect(
      refusal(mortgage, { type: "renameAsset", actor: "tc", account: TEAM, assetId: "hot", name: "x" }),
    ).toMatchObject({ code: "not_permitted", rule: "AST-6" });
    expect(refusal(mortgage, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "hot" })).toMatchObject({
      code: "asset_in_use",
      rule: "AST-6",
    });
    const untagged = run(
      mortgage,
      { type: "untagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
      { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "hot" },
    );
    expect(untagged.events.map((e) => e.type)).toEqual(["ContactUntagged", "AssetDeleted"]);
  });

  it("a personal account's user alone manages its assets, under any configuration (AST-6, ACC-5)", () => {
    const strict: Configuration = {
      ...DEFAULT_CONFIGURATION,
      teamAssets: { create: "permissionLevel", change: "rainmakerAndAdmins", onDelete: "refuse" },
    };
    const s = run(
      office(strict).state,
      myTag("bob"),
      {
        type: "addContact",
        actor: "bob",
        account: personal("bob"),
        contactId: "pb",
        channel: "manual",
        details: { name: "Q" },
      },
      { type: "tagContact", actor: "bob", account: personal("bob"), contactId: "pb", tagId: "mine" },
    ).state;
    expect(
      run(s, { type: "deleteAsset", actor: "bob", account: personal("bob"), assetId: "mine" }).events.map(
        (e) => e.type,
      ),
    ).toEqual(["ContactUntagged", "AssetDeleted"]);
    expect(refusal(s, { type: "deleteAsset", actor: "admin", account: personal("bob"), assetId: "mine" }).code).toBe(
      "account_not_allowed",
    );
  });
});

describe("AST-7 a co-marketing partner's projection withholds the owner's organisation", () => {
  it("field by field: tags, custom fields and lead source are withheld from the partner, as groups are; the owner's team sees them (AST-7, SHR-5, D-132)", () => {
    const s = run(
      office().state,
      teamTag(),
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
      { type: "addToGroup", actor: "amy", account: TEAM, contactId: "c1", group: "Buyers" },
      { type: "assignToPartner", actor: "rain", account: TEAM, contactId: "c1", partnerId: "lee" },
    ).state;
    const partner = project(s, "lee", "c1");
    if (E.isLeft(partner)) throw new Error(partner.left.message);
    expect(partner.right.tags).toBeUndefined();
    expect(partner.right.customFields).toBeUndefined();
    expect(partner.right.groups).toBeUndefined();
    expect(
      partner.right.withheld.filter((w) => ["tags", "customFields", "source", "groups"].includes(w.field)),
    ).toEqual([
      { field: "groups", rule: "SHR-5" },
      { field: "tags", rule: "AST-7" },
      { field: "customFields", rule: "AST-7" },
      { field: "source", rule: "AST-7" },
    ]);
    expect(tagsOf(s, "tc", "c1")).toEqual(["Hot lead"]);
  });

  it("a partner who may edit the contact still cannot write what their view withholds: the refusal does not depend on whether a tag is there (AST-7, SEC-4)", () => {
    const mine = personal("amy");
    const s = run(
      office().state,
      myTag(),
      { type: "startPartnership", actor: "amy", account: OFFICE, partnerId: "lee" },
      { type: "assignToPartner", actor: "amy", account: mine, contactId: "p1", partnerId: "lee" },
    ).state;
    const tagged = run(
      s,
      { type: "tagContact", actor: "amy", account: mine, contactId: "p1", tagId: "mine" },
      {
        type: "setLeadSource",
        actor: "amy",
        account: mine,
        contactId: "p1",
        source: { kind: "builtIn", name: "website" },
      },
    ).state;
    expect(project(tagged, "lee", "p1")).toMatchObject({
      right: {
        level: "full",
        withheld: expect.arrayContaining([
          { field: "tags", rule: "AST-7" },
          { field: "source", rule: "AST-7" },
        ]),
      },
    });
    for (const command of [
      { type: "clearLeadSource", actor: "lee", account: mine, contactId: "p1" },
      {
        type: "setLeadSource",
        actor: "lee",
        account: mine,
        contactId: "p1",
        source: { kind: "builtIn", name: "other" },
      },
      { type: "untagContact", actor: "lee", account: mine, contactId: "p1", tagId: "mine" },
    ] as Input[]) {
      expect(refusal(tagged, command), command.type).toEqual(refusal(s, command));
      expect(refusal(s, command), command.type).toMatchObject({ code: "not_permitted", rule: "AST-7" });
    }
  });

  it("a personal contact shared with a teammate shows them none of its user's personal organisation (AST-7, AST-1, ACC-5)", () => {
    const s = run(
      office().state,
      myTag(),
      { type: "tagContact", actor: "amy", account: personal("amy"), contactId: "p1", tagId: "mine" },
      { type: "shareContact", actor: "amy", account: personal("amy"), contactId: "p1", userId: "bob" },
    ).state;
    const seen = project(s, "bob", "p1");
    expect(seen).toMatchObject({ right: { withheld: expect.arrayContaining([{ field: "tags", rule: "AST-1" }]) } });
    expect(visibleContacts(s, "bob", { tag: "mine" })).toEqual([]);
    expect(tagsOf(s, "amy", "p1")).toEqual(["Golf buddies"]);
  });
});

describe("queries over assets", () => {
  it("usableAssets lists an account's tags, then fields, then lead sources, each by name; visibleContacts and visiblePage filter by a field's value (AST-1, AST-2)", () => {
    const s = run(
      office().state,
      { type: "createAsset", actor: "rain", account: TEAM, assetId: "z", kind: "leadSource", name: "Radio" },
      {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "y",
        kind: "field",
        name: "Stage",
        field: { type: "choice", options: ["buyer", "seller"] },
      },
      teamTag("rain", "b", "Warm"),
      teamTag("rain", "a", "Cold"),
      { type: "setFieldValue", actor: "rain", account: TEAM, contactId: "c1", fieldId: "y", value: "buyer" },
      { type: "setFieldValue", actor: "rain", account: TEAM, contactId: "c2", fieldId: "y", value: "seller" },
    ).state;
    expect(usableAssets(s, "bob", TEAM).map((a) => `${a.kind}:${a.name}`)).toEqual([
      "tag:Cold",
      "tag:Warm",
      "field:Stage",
      "leadSource:Radio",
    ]);
    expect(usableAssets(s, "bob", TEAM, "field").map((a) => a.id)).toEqual(["y"]);
    expect(usableAssets(s, "lee", TEAM)).toEqual([]);
    expect(visibleContacts(s, "rain", { field: { id: "y", value: "seller" } })).toEqual(["c2"]);
    expect([...visibleContacts(s, "rain", { field: { id: "y" } })].sort()).toEqual(["c1", "c2"]);
    // bob sees only his own c2 (ACC-9 standard), and its value.
    expect(visibleContacts(s, "bob", { field: { id: "y" } })).toEqual(["c2"]);
    expect(visiblePage(s, "rain", { limit: 1, field: { id: "y", value: "buyer" } })).toEqual(
      E.right({ contactIds: ["c1"], next: null }),
    );
  });

  it("renaming an asset keeps every link and every view shows the new name (AST-6, D-134)", () => {
    const s = run(
      office().state,
      teamTag(),
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
      { type: "renameAsset", actor: "rain", account: TEAM, assetId: "hot", name: "Very hot" },
    ).state;
    expect(tagsOf(s, "amy", "c1")).toEqual(["Very hot"]);
    expect(
      refusal(s, { type: "renameAsset", actor: "rain", account: TEAM, assetId: "hot", name: "Very hot" }).code,
    ).toBe("no_change");
  });
});

describe("assets survive snapshots and replay", () => {
  it("toSnapshot → fromSnapshot and replay(events) rebuild the assets and what each contact carries (AST-1, AST-2, SEC-7, SEC-8)", () => {
    const built = run(
      office().state,
      teamTag(),
      myTag(),
      {
        type: "createAsset",
        actor: "amy",
        account: TEAM,
        assetId: "stage",
        kind: "field",
        name: "Stage",
        field: { type: "choice", options: ["a", "b"] },
      },
      { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
      { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c1", fieldId: "stage", value: "b" },
      { type: "tagContact", actor: "amy", account: personal("amy"), contactId: "p1", tagId: "mine" },
      {
        type: "setLeadSource",
        actor: "amy",
        account: personal("amy"),
        contactId: "p1",
        source: { kind: "builtIn", name: "pastClient" },
      },
    );
    const all = [...office().events, ...built.events];
    const snapshot = toSnapshot(built.state);
    expect(snapshot.assets?.map((a) => a.id)).toEqual(["hot", "mine", "stage"]);
    expect(snapshot.contactAssets?.map((c) => c.contactId)).toEqual(["c1", "p1"]);
    const restored = fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
    expect(E.isRight(restored) && toSnapshot(restored.right)).toEqual(snapshot);
    const replayed = replay(all);
    expect(E.isRight(replayed) && toSnapshot(replayed.right)).toEqual(snapshot);
    if (E.isRight(restored))
      expect(visiblePage(restored.right, "rain", { limit: 10, tag: "hot" })).toEqual(
        E.right({ contactIds: ["c1"], next: null }),
      );
  });

  it("a snapshot whose contact carries another account's tag, an unknown field, or a value its field refuses is refused (AST-2, SEC-7)", () => {
    const built = run(office().state, teamTag(), myTag(), {
      type: "tagContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      tagId: "hot",
    }).state;
    const snapshot = toSnapshot(built);
    const breakings: [string, (s: typeof snapshot) => void][] = [
      ["another account's tag", (s) => void (s.contactAssets![0]!.tags = ["mine"])],
      ["an unknown tag", (s) => void (s.contactAssets![0]!.tags = ["nope"])],
      ["a value no field takes", (s) => void (s.contactAssets![0]!.fields = [{ fieldId: "hot", value: 1 }])],
      ["a tag twice", (s) => void (s.contactAssets![0]!.tags = ["hot", "hot"])],
      [
        "two tags of one name",
        (s) => void s.assets!.push({ id: "hot2", account: TEAM, kind: "tag", name: "HOT LEAD" }),
      ],
      ["a tag with a field definition", (s) => void (s.assets![0]!.field = { type: "text" })],
    ];
    for (const [what, breakIt] of breakings) {
      const copy = structuredClone(snapshot);
      breakIt(copy);
      expect(fromSnapshot(copy), what).toMatchObject({ left: { code: "invalid_input" } });
    }
  });

  it("stored asset events that do not apply are refused with their position: a tag of another account, an untag of nothing, a deletion before its links end (AST-2, AST-6, SEC-8)", () => {
    const { events } = office();
    const at = "2026-03-02T09:00:00Z";
    const base: Event[] = [
      ...events,
      { type: "AssetCreated", at, by: "amy", assetId: "mine", account: personal("amy"), kind: "tag", name: "M" },
    ];
    const forged: Event[][] = [
      [{ type: "ContactTagged", at, by: "amy", contactId: "c1", tagId: "mine" }],
      [{ type: "ContactUntagged", at, by: "amy", contactId: "p1", tagId: "mine", rule: "ASG-2" }],
      [
        { type: "ContactTagged", at, by: "amy", contactId: "p1", tagId: "mine" },
        { type: "AssetDeleted", at, by: "amy", assetId: "mine" },
      ],
      [
        { type: "ContactTagged", at, by: "amy", contactId: "p1", tagId: "mine" },
        { type: "ContactDeleted", at, by: "amy", contactId: "p1", rule: "ACC-4" },
      ],
    ];
    for (const tail of forged) {
      const r = replay([...base, ...tail]);
      expect(r, tail.map((e) => e.type).join(", ")).toMatchObject({
        left: { code: "invalid_event", position: base.length + tail.length - 1 },
      });
    }
  });
});
