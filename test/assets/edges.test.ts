import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONFIGURATION,
  project,
  toSnapshot,
  usableAssets,
  type Configuration,
  type State,
} from "../../src/index.js";
import { get } from "../../src/collections/persistent-map.js";
import { checkStateInvariants } from "../../src/testing/index.js";
import { personal, refusal, run, TEAM, type Input } from "../support/office.js";
import { myTag, office, teamTag } from "./office.js";

/** What a refusal promises: its code, the rule it cites and its message (docs/errors.md). */
const refused = (state: State, command: Input) => {
  const { code, rule, message } = refusal(state, command);
  return { code, rule, message };
};

const strict: Configuration = {
  ...DEFAULT_CONFIGURATION,
  teamAssets: { create: "permissionLevel", change: "rainmakerAndAdmins", onDelete: "refuse" },
};

const field = (
  assetId: string,
  name: string,
  spec: { type: "text" | "number" | "date" | "choice"; options?: string[] },
  actor = "rain",
): Input => ({ type: "createAsset", actor, account: TEAM, assetId, kind: "field", name, field: spec });
const source = (assetId: string, name: string): Input => ({
  type: "createAsset",
  actor: "rain",
  account: TEAM,
  assetId,
  kind: "leadSource",
  name,
});
const tag = (contactId: string, tagId: string, actor = "rain"): Input => ({
  type: "tagContact",
  actor,
  account: TEAM,
  contactId,
  tagId,
});
const setValue = (contactId: string, fieldId: string, value: string | number, actor = "rain"): Input => ({
  type: "setFieldValue",
  actor,
  account: TEAM,
  contactId,
  fieldId,
  value,
});
const setSource = (
  contactId: string,
  s: { kind: "builtIn"; name: "website" | "referral" | "other" } | { kind: "custom"; assetId: string },
  actor = "rain",
): Input => ({ type: "setLeadSource", actor, account: TEAM, contactId, source: s });
const types = (events: readonly { type: string }[]) =>
  events.map((e) => ("rule" in e ? `${e.type} ${String(e.rule)}` : e.type));
const linksOf = (state: State, contactId: string) =>
  toSnapshot(state).contactAssets?.find((c) => c.contactId === contactId);

/** Team tags hot and warm, fields budget (number) and stage (choice), lead sources src and radio. */
function stocked(configuration?: Configuration): State {
  return run(
    office(configuration).state,
    teamTag("rain"),
    teamTag("rain", "warm", "Warm"),
    field("budget", "Budget", { type: "number" }),
    field("stage", "Stage", { type: "choice", options: ["buyer", "seller"] }),
    source("src", "Billboard"),
    source("radio", "Radio"),
  ).state;
}

describe("AST-1 refusals name what is missing, in the library's words", () => {
  it("an unknown actor is refused as actor_not_found before any asset is looked at (AST-1)", () => {
    expect(refused(office().state, teamTag("ghost"))).toEqual({
      code: "actor_not_found",
      rule: "office",
      message: "no user ghost in this office",
    });
    expect(
      refused(office().state, { type: "tagContact", actor: "ghost", account: TEAM, contactId: "c1", tagId: "hot" }),
    ).toMatchObject({ code: "actor_not_found" });
  });

  it("renaming or deleting an asset of another account is asset_not_found in the account acted in (AST-1, SEC-2)", () => {
    const s = run(office().state, teamTag()).state;
    expect(
      refused(s, { type: "renameAsset", actor: "amy", account: personal("amy"), assetId: "hot", name: "x" }),
    ).toEqual({ code: "asset_not_found", rule: "AST-1", message: "no asset hot in the personal account of amy" });
    expect(refused(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "nope" })).toEqual({
      code: "asset_not_found",
      rule: "AST-1",
      message: "no asset nope in the team account t1",
    });
  });

  it("a tag, custom field or lead source the actor cannot use is asset_not_found, named by kind (AST-1)", () => {
    const s = stocked();
    expect(refused(s, tag("c1", "nope", "amy"))).toEqual({
      code: "asset_not_found",
      rule: "AST-1",
      message: "no tag nope usable by amy",
    });
    expect(refused(s, setValue("c1", "hot", "x", "amy"))).toEqual({
      code: "asset_not_found",
      rule: "AST-1",
      message: "no custom field hot usable by amy",
    });
    expect(refused(s, setSource("c1", { kind: "custom", assetId: "budget" }, "amy"))).toEqual({
      code: "asset_not_found",
      rule: "AST-1",
      message: "no lead source budget usable by amy",
    });
  });

  it("a tag of another account is refused citing ACC-6 with both accounts named (AST-2)", () => {
    const s = run(office().state, teamTag(), myTag()).state;
    expect(refused(s, tag("c1", "mine", "amy"))).toEqual({
      code: "wrong_account",
      rule: "ACC-6",
      message: "tag mine belongs to the personal account of amy; the contact is in the team account t1 (AST-2)",
    });
  });

  it("an asset id already taken is duplicate_id, naming nothing of the asset holding it (AST-1, SEC-2)", () => {
    const s = run(office().state, myTag()).state;
    expect(refused(s, myTag("bob", "mine", "Other"))).toEqual({
      code: "duplicate_id",
      rule: "input",
      message: "asset id mine is already taken",
    });
  });

  it("a custom field brings its definition and only a custom field has one (AST-1, D-128)", () => {
    const s = office().state;
    expect(
      refused(s, { type: "createAsset", actor: "rain", account: TEAM, assetId: "f", kind: "field", name: "F" }),
    ).toEqual({ code: "invalid_input", rule: "input", message: "a custom field brings its definition (`field`)" });
    expect(
      refused(s, {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "t",
        kind: "tag",
        name: "T",
        field: { type: "text" },
      }),
    ).toEqual({ code: "invalid_input", rule: "input", message: "a tag has no field definition" });
    expect(
      refused(s, {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "l",
        kind: "leadSource",
        name: "L",
        field: { type: "text" },
      }),
    ).toEqual({ code: "invalid_input", rule: "input", message: "a lead source has no field definition" });
    expect(refused(s, field("f", "F", { type: "choice" }))).toEqual({
      code: "invalid_input",
      rule: "input",
      message: "a single-choice field lists its options",
    });
    expect(refused(s, field("f", "F", { type: "choice", options: ["a", "a"] }))).toEqual({
      code: "invalid_input",
      rule: "input",
      message: "a single-choice field lists each option once",
    });
    expect(refused(s, field("f", "F", { type: "text", options: ["a"] }))).toEqual({
      code: "invalid_input",
      rule: "input",
      message: "a text field has no options",
    });
    expect(run(s, field("f", "F", { type: "choice", options: ["a", "b"] })).events[0]).toMatchObject({
      type: "AssetCreated",
      field: { type: "choice", options: ["a", "b"] },
    });
  });

  it("an account holds at most 100 custom fields; deleting one makes room again (AST-1, D-133)", () => {
    const full = run(
      office().state,
      ...Array.from({ length: 100 }, (_, i) => field(`f${i}`, `Field ${i}`, { type: "text" })),
    ).state;
    expect(refused(full, field("f100", "One more", { type: "text" }))).toEqual({
      code: "asset_limit_reached",
      rule: "AST-1",
      message: "the team account t1 already holds 100 custom fields, the most it may",
    });
    const roomy = run(full, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "f7" }).state;
    expect(run(roomy, field("f100", "One more", { type: "text" })).events).toHaveLength(1);
    expect(usableAssets(roomy, "amy", TEAM, "field")).toHaveLength(99);
  });

  it("a name is the same name whatever its case and surrounding spaces, on create and on rename (AST-1, D-133)", () => {
    const s = run(office().state, teamTag("rain", "golf", " Golf "), teamTag("rain", "warm", "Warm")).state;
    expect(refused(s, teamTag("rain", "golf2", "golf"))).toEqual({
      code: "asset_exists",
      rule: "AST-1",
      message: "the team account t1 already has a tag named golf",
    });
    expect(refused(s, { type: "renameAsset", actor: "rain", account: TEAM, assetId: "warm", name: "GOLF" })).toEqual({
      code: "asset_exists",
      rule: "AST-1",
      message: "the team account t1 already has a tag named GOLF",
    });
    // Renaming an asset to its own name in another case is a rename, not a clash with itself.
    expect(
      run(s, { type: "renameAsset", actor: "rain", account: TEAM, assetId: "warm", name: "WARM" }).events[0],
    ).toMatchObject({ type: "AssetRenamed", from: "Warm", to: "WARM" });
    expect(refused(s, { type: "renameAsset", actor: "rain", account: TEAM, assetId: "warm", name: "Warm" })).toEqual({
      code: "no_change",
      rule: "input",
      message: "tag warm is already named Warm",
    });
  });

  it("a blank name is refused as invalid input naming the field and why (AST-1, D-133)", () => {
    const r = refusal(office().state, teamTag("amy", "b", "   "));
    expect(r).toEqual({
      code: "invalid_input",
      rule: "input",
      message: "command.name: a name must not be blank",
      path: ["name"],
    });
  });

  it("an office admin outside the team uses the team's assets; an unknown user or team uses none (AST-1, ACC-1, ACC-8)", () => {
    const s = run(office().state, teamTag()).state;
    expect(usableAssets(s, "admin", TEAM).map((a) => a.id)).toEqual(["hot"]);
    expect(run(s, tag("c1", "hot", "admin")).events).toEqual([
      expect.objectContaining({ type: "ContactTagged", contactId: "c1", tagId: "hot" }),
    ]);
    expect(usableAssets(s, "ghost", TEAM)).toEqual([]);
    expect(usableAssets(s, "ghost", personal("ghost"))).toEqual([]);
    expect(usableAssets(s, "amy", { kind: "team", teamId: "t9" })).toEqual([]);
    expect(usableAssets(s, "lee", TEAM)).toEqual([]);
  });

  it("usableAssets orders each kind by name, not by id (AST-1)", () => {
    const s = run(
      office().state,
      teamTag("rain", "a1", "Zeta"),
      teamTag("rain", "b1", "Alpha"),
      teamTag("rain", "c1", "Mid"),
    ).state;
    expect(usableAssets(s, "amy", TEAM, "tag").map((a) => a.name)).toEqual(["Alpha", "Mid", "Zeta"]);
  });

  it("an asset carries a definition only when it is a custom field, and the state's assets are deeply frozen (AST-1)", () => {
    const s = run(office().state, teamTag(), field("budget", "Budget", { type: "number" })).state;
    const [hot, budget] = [usableAssets(s, "amy", TEAM, "tag")[0], usableAssets(s, "amy", TEAM, "field")[0]];
    expect(Object.keys(hot ?? {}).sort()).toEqual(["account", "id", "kind", "name"]);
    expect(budget).toEqual({ id: "budget", account: TEAM, kind: "field", name: "Budget", field: { type: "number" } });
    expect(Object.isFrozen(hot?.account)).toBe(true);
    expect(Object.isFrozen(budget?.field)).toBe(true);
  });
});

describe("AST-6 who manages team assets: the refusal names the policy", () => {
  it("under permissionLevel a standard agent may not create, an enhanced member may; under rainmakerAndAdmins only the rainmaker and admins change (AST-6, D-127)", () => {
    const s = run(office(strict).state, teamTag("tc")).state;
    expect(refused(s, teamTag("amy", "x", "X"))).toEqual({
      code: "not_permitted",
      rule: "AST-6",
      message: "amy may not create the assets of the team account t1 (teamAssets.create: permissionLevel)",
    });
    expect(refused(s, { type: "renameAsset", actor: "tc", account: TEAM, assetId: "hot", name: "x" })).toEqual({
      code: "not_permitted",
      rule: "AST-6",
      message: "tc may not rename or delete the assets of the team account t1 (teamAssets.change: rainmakerAndAdmins)",
    });
    expect(refused(s, { type: "deleteAsset", actor: "tc", account: TEAM, assetId: "hot" })).toMatchObject({
      code: "not_permitted",
      rule: "AST-6",
    });
    for (const actor of ["rain", "admin"])
      expect(
        run(s, { type: "renameAsset", actor, account: TEAM, assetId: "hot", name: `By ${actor}` }).events[0],
        actor,
      ).toMatchObject({ type: "AssetRenamed" });
  });

  it("under onDelete refuse a team asset nobody carries is deleted; one carried is refused, counting its carriers (AST-6)", () => {
    const s = run(stocked(strict), tag("c1", "hot"), tag("c2", "hot"), setValue("c1", "budget", 5)).state;
    expect(run(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "warm" }).events).toEqual([
      expect.objectContaining({ type: "AssetDeleted", assetId: "warm" }),
    ]);
    expect(refused(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "hot" })).toEqual({
      code: "asset_in_use",
      rule: "AST-6",
      message: "tag hot is carried by 2 contact(s); take it off them first (teamAssets.onDelete: refuse)",
    });
    expect(refused(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "budget" })).toEqual({
      code: "asset_in_use",
      rule: "AST-6",
      message: "custom field budget is carried by 1 contact(s); take it off them first (teamAssets.onDelete: refuse)",
    });
  });

  it("deleting one asset ends only the links to it, one event each, contacts in id order (AST-6)", () => {
    const s = run(
      stocked(),
      {
        type: "addContact",
        actor: "rain",
        account: TEAM,
        contactId: "zed",
        channel: "manual",
        details: { name: "Zed" },
      },
      {
        type: "addContact",
        actor: "rain",
        account: TEAM,
        contactId: "abe",
        channel: "manual",
        details: { name: "Abe" },
      },
      tag("zed", "hot"),
      tag("zed", "warm"),
      tag("abe", "hot"),
      setValue("zed", "budget", 5),
      setValue("zed", "stage", "buyer"),
      setSource("zed", { kind: "custom", assetId: "src" }),
      setSource("abe", { kind: "custom", assetId: "radio" }),
      setSource("c1", { kind: "builtIn", name: "website" }),
    ).state;
    const del = (assetId: string) =>
      run(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId }).events.map((e) =>
        "contactId" in e ? `${e.type} ${e.contactId} ${"rule" in e ? e.rule : ""}` : e.type,
      );
    expect(del("hot")).toEqual(["ContactUntagged abe AST-6", "ContactUntagged zed AST-6", "AssetDeleted"]);
    expect(del("budget")).toEqual(["FieldValueCleared zed AST-6", "AssetDeleted"]);
    expect(del("src")).toEqual(["LeadSourceCleared zed AST-6", "AssetDeleted"]);
    const after = run(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "src" }).state;
    expect(linksOf(after, "zed")).toEqual({
      contactId: "zed",
      tags: ["hot", "warm"],
      fields: [
        { fieldId: "budget", value: 5 },
        { fieldId: "stage", value: "buyer" },
      ],
    });
    expect(linksOf(after, "c1")).toEqual({
      contactId: "c1",
      tags: [],
      fields: [],
      source: { kind: "builtIn", name: "website" },
    });
  });

  it("deleting a tag leaves a carrier's built-in lead source and another contact's custom one alone, under either onDelete (AST-6, D-129)", () => {
    for (const configuration of [undefined, strict]) {
      const s = run(
        stocked(configuration),
        tag("c1", "warm"),
        setSource("c1", { kind: "builtIn", name: "referral" }),
        setSource("c2", { kind: "custom", assetId: "src" }),
      ).state;
      if (configuration === undefined)
        expect(types(run(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "warm" }).events)).toEqual([
          "ContactUntagged AST-6",
          "AssetDeleted",
        ]);
      else
        expect(refused(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "warm" })).toMatchObject({
          code: "asset_in_use",
          message: "tag warm is carried by 1 contact(s); take it off them first (teamAssets.onDelete: refuse)",
        });
      // hot is carried by nobody: the custom lead source of c2 and the built-in one of c1 do not make them carriers.
      expect(types(run(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "hot" }).events)).toEqual([
        "AssetDeleted",
      ]);
    }
  });

  it("an account without contacts deletes its assets outright (AST-6)", () => {
    const s = run(office().state, myTag("bob", "b1", "Mine")).state;
    expect(
      types(run(s, { type: "deleteAsset", actor: "bob", account: personal("bob"), assetId: "b1" }).events),
    ).toEqual(["AssetDeleted"]);
  });

  it("deleting one of two tags leaves the other usable (AST-6)", () => {
    const s = run(office().state, teamTag(), teamTag("amy", "warm", "Warm"), {
      type: "deleteAsset",
      actor: "rain",
      account: TEAM,
      assetId: "hot",
    }).state;
    expect(usableAssets(s, "amy", TEAM).map((a) => a.id)).toEqual(["warm"]);
    const none = run(s, { type: "deleteAsset", actor: "rain", account: TEAM, assetId: "warm" }).state;
    expect(usableAssets(none, "amy", TEAM)).toEqual([]);
    expect(run(none, teamTag()).events).toHaveLength(1);
  });
});

describe("AST-2 what a contact carries: each change once, refused as no_change when it changes nothing", () => {
  it("tagging twice or untagging what is not there is no_change (AST-2)", () => {
    const s = run(stocked(), tag("c1", "hot")).state;
    expect(refused(s, tag("c1", "hot"))).toEqual({
      code: "no_change",
      rule: "input",
      message: "contact c1 already carries tag hot",
    });
    expect(refused(s, { type: "untagContact", actor: "rain", account: TEAM, contactId: "c1", tagId: "warm" })).toEqual({
      code: "no_change",
      rule: "input",
      message: "contact c1 does not carry tag warm",
    });
  });

  it("tags are kept sorted once each, and taking one off keeps the others (AST-2)", () => {
    const s = run(
      stocked(),
      teamTag("rain", "mid", "Mid"),
      tag("c1", "warm"),
      tag("c1", "hot"),
      tag("c1", "mid"),
    ).state;
    expect(linksOf(s, "c1")?.tags).toEqual(["hot", "mid", "warm"]);
    const off = run(s, { type: "untagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "mid" });
    expect(off.events).toEqual([expect.objectContaining({ type: "ContactUntagged", tagId: "mid", rule: "ASG-2" })]);
    expect(linksOf(off.state, "c1")?.tags).toEqual(["hot", "warm"]);
    expect(checkStateInvariants(off.state)).toBeNull();
  });

  it("what a contact carries is deeply frozen in the state: no caller can add a tag or a value behind the events' back (AST-2)", () => {
    const s = run(
      stocked(),
      tag("c1", "hot"),
      setValue("c1", "budget", 5),
      setSource("c1", { kind: "custom", assetId: "src" }),
    ).state;
    const links = get(s.contactAssets, "c1");
    expect(links?.tags).toEqual(["hot"]);
    expect(Object.isFrozen(links)).toBe(true);
    expect(Object.isFrozen(links?.tags)).toBe(true);
    expect(Object.isFrozen(links?.fields[0])).toBe(true);
    expect(Object.isFrozen(links?.source)).toBe(true);
  });

  it("a field value is set, replaced, kept sorted by field, and cleared one field at a time (AST-2, D-128)", () => {
    const s = run(
      stocked(),
      setValue("c1", "stage", "buyer"),
      setValue("c1", "budget", 5),
      setValue("c1", "budget", 6),
    ).state;
    expect(linksOf(s, "c1")?.fields).toEqual([
      { fieldId: "budget", value: 6 },
      { fieldId: "stage", value: "buyer" },
    ]);
    expect(refused(s, setValue("c1", "budget", 6))).toEqual({
      code: "no_change",
      rule: "input",
      message: "contact c1 already holds that value for budget",
    });
    const cleared = run(s, {
      type: "clearFieldValue",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      fieldId: "budget",
    });
    expect(cleared.events).toEqual([
      {
        type: "FieldValueCleared",
        at: expect.any(String),
        by: "amy",
        contactId: "c1",
        fieldId: "budget",
        rule: "ASG-2",
      },
    ]);
    expect(linksOf(cleared.state, "c1")?.fields).toEqual([{ fieldId: "stage", value: "buyer" }]);
    expect(
      refused(cleared.state, {
        type: "clearFieldValue",
        actor: "amy",
        account: TEAM,
        contactId: "c1",
        fieldId: "budget",
      }),
    ).toEqual({ code: "no_change", rule: "input", message: "contact c1 has no value for budget" });
    const empty = run(cleared.state, {
      type: "clearFieldValue",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      fieldId: "stage",
    }).state;
    expect(linksOf(empty, "c1")).toBeUndefined();
    expect(checkStateInvariants(empty)).toBeNull();
  });

  it("a lead source changes between built-in and custom ones; setting the one held is no_change (AST-1, D-129)", () => {
    const s = stocked();
    const website = run(s, setSource("c1", { kind: "builtIn", name: "website" })).state;
    expect(refused(website, setSource("c1", { kind: "builtIn", name: "website" }))).toEqual({
      code: "no_change",
      rule: "input",
      message: "contact c1 already has that lead source",
    });
    const steps: [State, Parameters<typeof setSource>[1]][] = [
      [website, { kind: "builtIn", name: "referral" }],
      [website, { kind: "custom", assetId: "src" }],
    ];
    const custom = run(s, setSource("c1", { kind: "custom", assetId: "src" })).state;
    steps.push([custom, { kind: "custom", assetId: "radio" }], [custom, { kind: "builtIn", name: "other" }]);
    for (const [before, to] of steps)
      expect(run(before, setSource("c1", to)).events, JSON.stringify(to)).toEqual([
        expect.objectContaining({ type: "LeadSourceSet", contactId: "c1", source: to }),
      ]);
    expect(refused(custom, setSource("c1", { kind: "custom", assetId: "src" }))).toMatchObject({
      code: "no_change",
      rule: "input",
    });
    const cleared = run(custom, { type: "clearLeadSource", actor: "amy", account: TEAM, contactId: "c1" });
    expect(cleared.events).toEqual([
      expect.objectContaining({ type: "LeadSourceCleared", contactId: "c1", rule: "ASG-2" }),
    ]);
    expect(refused(cleared.state, { type: "clearLeadSource", actor: "amy", account: TEAM, contactId: "c1" })).toEqual({
      code: "no_change",
      rule: "input",
      message: "contact c1 has no lead source",
    });
  });

  it("a value its field does not take is invalid_field_value naming the field and what it takes (AST-1, D-128)", () => {
    const s = run(
      stocked(),
      field("notes", "Notes", { type: "text" }),
      field("moving", "Moving", { type: "date" }),
    ).state;
    const table: [string, string | number, string][] = [
      ["budget", "5", "budget: a number field takes a finite number"],
      ["notes", "", "notes: a text field takes a non-empty string"],
      ["notes", 4, "notes: a text field takes a non-empty string"],
      ["moving", 20260101, "moving: a date field takes a calendar date as YYYY-MM-DD"],
      ["stage", "landlord", "stage: a single-choice field takes one of its options: buyer, seller"],
    ];
    for (const [fieldId, value, message] of table)
      expect(refused(s, setValue("c1", fieldId, value)), `${fieldId}=${value}`).toEqual({
        code: "invalid_field_value",
        rule: "input",
        message,
      });
  });

  it("a date field takes real calendar days only, leap days by the Gregorian rule (D-128)", () => {
    const s = run(office().state, field("moving", "Moving", { type: "date" })).state;
    const table: [string, boolean][] = [
      ["2026-01-01", true],
      ["2026-12-31", true],
      ["2024-02-29", true],
      ["2000-02-29", true],
      ["2023-02-29", false],
      ["2100-02-29", false],
      ["2026-01-00", false],
      ["2026-13-01", false],
      ["2026-00-10", false],
      ["2026-04-31", false],
      ["x2026-01-01", false],
      ["2026-01-01x", false],
    ];
    for (const [value, ok] of table) {
      if (ok)
        expect(run(s, setValue("c1", "moving", value)).events[0], value).toMatchObject({
          type: "FieldValueSet",
          value,
        });
      else expect(refusal(s, setValue("c1", "moving", value)).code, value).toBe("invalid_field_value");
    }
  });

  it("who may not see a contact's organisation is refused naming the rule that withholds it (AST-7, SHR-1)", () => {
    const mine = personal("amy");
    const s = run(
      office().state,
      myTag(),
      { type: "startPartnership", actor: "amy", account: { kind: "office" }, partnerId: "lee" },
      { type: "assignToPartner", actor: "amy", account: mine, contactId: "p1", partnerId: "lee" },
      { type: "shareContact", actor: "amy", account: mine, contactId: "p1", userId: "bob" },
    ).state;
    expect(refused(s, { type: "tagContact", actor: "lee", account: mine, contactId: "p1", tagId: "mine" })).toEqual({
      code: "not_permitted",
      rule: "AST-7",
      message:
        "lee may not change the tags, custom fields or lead source of contact p1: the personal account of amy's organisation is withheld from their view",
    });
    // A teammate the personal contact is shared with may only view it (SHR-1).
    expect(
      refused(s, { type: "tagContact", actor: "bob", account: mine, contactId: "p1", tagId: "mine" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-1" });
  });
});

describe("AST-3 a move or a deletion ends the links, built-in lead source aside", () => {
  it("a moved contact keeps its built-in lead source and loses its tags and field values, one event each (AST-3, ACC-7, D-129)", () => {
    const s = run(
      stocked(),
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      tag("c1", "hot"),
      setValue("c1", "budget", 3),
      setValue("c1", "stage", "seller"),
      setSource("c1", { kind: "builtIn", name: "referral" }),
    ).state;
    const moved = run(s, { type: "moveContact", actor: "amy", account: TEAM, contactId: "c1", to: personal("amy") });
    expect(types(moved.events).filter((t) => !t.startsWith("Access"))).toEqual([
      "ContactUntagged ACC-7",
      "FieldValueCleared ACC-7",
      "FieldValueCleared ACC-7",
      "ContactMoved",
    ]);
    expect(linksOf(moved.state, "c1")).toEqual({
      contactId: "c1",
      tags: [],
      fields: [],
      source: { kind: "builtIn", name: "referral" },
    });
    expect(E.isRight(project(moved.state, "amy", "c1"))).toBe(true);
  });
});
