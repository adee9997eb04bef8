import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { replay, toSnapshot, usableAssets, type Event } from "../../src/index.js";
import { checkInvariants } from "../../src/testing/index.js";
import { personal, run, TEAM, type Input } from "../support/office.js";
import { myTag, office, teamTag } from "./office.js";

const at = "2026-03-02T09:00:00Z";

/** A stored log: the office, amy's personal tags mine ("M"), other ("N") and golf (" Golf ") and number field kids, and team tag hot. */
function stored(...more: Input[]): Event[] {
  const { state, events } = office();
  const built = run(
    state,
    myTag("amy", "mine", "M"),
    myTag("amy", "other", "N"),
    myTag("amy", "golf", " Golf "),
    {
      type: "createAsset",
      actor: "amy",
      account: personal("amy"),
      assetId: "kids",
      kind: "field",
      name: "Kids",
      field: { type: "number" },
    },
    {
      type: "createAsset",
      actor: "amy",
      account: personal("amy"),
      assetId: "kids2",
      kind: "field",
      name: "Pets",
      field: { type: "number" },
    },
    teamTag("rain"),
    ...more,
  );
  return [...events, ...built.events];
}

/** Why the last of the events does not apply: the replay's error at that position, and its cause. */
function refusedAtEnd(events: readonly unknown[]) {
  const r = replay(events);
  if (E.isRight(r)) throw new Error("the forged log replayed");
  expect(r.left.position).toBe(events.length - 1);
  const { code, rule, message } = r.left.cause ?? r.left;
  return { code, rule, message };
}

const sec8 = (code: string, message: string) => ({ code, rule: "SEC-8", message });

describe("SEC-8 stored asset events are checked as decide would have checked the command", () => {
  it("a definition in an unknown account, with a taken id, a wrong definition, or a name taken in any case is refused (AST-1, SEC-8)", () => {
    const log = stored();
    const created = (over: Record<string, unknown>) => [
      ...log,
      {
        type: "AssetCreated",
        at,
        by: "amy",
        assetId: "new",
        account: personal("amy"),
        kind: "tag",
        name: "New",
        ...over,
      },
    ];
    const table: [Record<string, unknown>, ReturnType<typeof sec8>][] = [
      [{ account: personal("ghost") }, sec8("user_not_found", "no user ghost")],
      [{ account: { kind: "team", teamId: "t9" } }, sec8("team_not_found", "no team t9")],
      [{ assetId: "mine" }, sec8("duplicate_id", "asset mine already exists")],
      [{ kind: "field" }, sec8("invalid_event", "a field lacks field definition")],
      [{ field: { type: "text" } }, sec8("invalid_event", "a tag has no field definition")],
      [
        { kind: "field", field: { type: "text", options: ["a"] } },
        sec8("invalid_event", "a text field has no options"),
      ],
      [{ name: "m" }, sec8("asset_exists", "the personal account of amy already has a tag named m")],
      [{ name: " n " }, sec8("asset_exists", "the personal account of amy already has a tag named  n ")],
      [{ name: "golf" }, sec8("asset_exists", "the personal account of amy already has a tag named golf")],
    ];
    for (const [over, cause] of table) expect(refusedAtEnd(created(over)), JSON.stringify(over)).toEqual(cause);
    expect(E.isRight(replay(created({ name: "n2" })))).toBe(true);
  });

  it("a stored 101st custom field of an account is refused; the 100th applies (AST-1, D-133, SEC-8)", () => {
    const fields = (n: number): Event[] =>
      Array.from(
        { length: n },
        (_, i) =>
          ({
            type: "AssetCreated",
            at,
            by: "rain",
            assetId: `f${i}`,
            account: TEAM,
            kind: "field",
            name: `F${i}`,
            field: { type: "text" },
          }) as Event,
      );
    const base = office().events;
    expect(E.isRight(replay([...base, ...fields(100)]))).toBe(true);
    expect(refusedAtEnd([...base, ...fields(101)])).toEqual(
      sec8("asset_limit_reached", "the team account t1 holds 100 fields already"),
    );
  });

  it("a rename must start from the asset's name and not take another's; a deletion names a known asset (AST-1, AST-6, SEC-8)", () => {
    const log = stored();
    expect(refusedAtEnd([...log, { type: "AssetRenamed", at, by: "amy", assetId: "zz", from: "M", to: "X" }])).toEqual(
      sec8("asset_not_found", "no asset zz"),
    );
    expect(
      refusedAtEnd([...log, { type: "AssetRenamed", at, by: "amy", assetId: "mine", from: "X", to: "Y" }]),
    ).toEqual(sec8("invalid_event", "asset mine is named M, not X"));
    expect(
      refusedAtEnd([...log, { type: "AssetRenamed", at, by: "amy", assetId: "mine", from: "M", to: "n" }]),
    ).toEqual(sec8("asset_exists", "the personal account of amy already has a tag named n"));
    expect(
      E.isRight(replay([...log, { type: "AssetRenamed", at, by: "amy", assetId: "mine", from: "M", to: "m" }])),
    ).toBe(true);
    expect(refusedAtEnd([...log, { type: "AssetDeleted", at, by: "amy", assetId: "zz" }])).toEqual(
      sec8("asset_not_found", "no asset zz"),
    );
    // An account with no contacts at all: its asset goes without a look at any contact.
    const bobs = run(office().state, myTag("bob", "b1", "B"));
    expect(
      E.isRight(replay([...office().events, ...bobs.events, { type: "AssetDeleted", at, by: "bob", assetId: "b1" }])),
    ).toBe(true);
  });

  it("a deletion while a contact still carries the asset — as a tag, a field value or a custom lead source — is refused (AST-6, SEC-8)", () => {
    const src: Input = {
      type: "createAsset",
      actor: "amy",
      account: personal("amy"),
      assetId: "src",
      kind: "leadSource",
      name: "Src",
    };
    const cases: [string, Input[]][] = [
      ["mine", [{ type: "tagContact", actor: "amy", account: personal("amy"), contactId: "p1", tagId: "mine" }]],
      [
        "kids",
        [{ type: "setFieldValue", actor: "amy", account: personal("amy"), contactId: "p1", fieldId: "kids", value: 2 }],
      ],
      [
        "src",
        [
          src,
          {
            type: "setLeadSource",
            actor: "amy",
            account: personal("amy"),
            contactId: "p1",
            source: { kind: "custom", assetId: "src" },
          },
        ],
      ],
    ];
    for (const [assetId, links] of cases) {
      expect(refusedAtEnd([...stored(...links), { type: "AssetDeleted", at, by: "amy", assetId }]), assetId).toEqual(
        sec8("asset_in_use", `asset ${assetId} is still carried by a contact`),
      );
    }
    // A built-in lead source carries no asset: the custom one goes.
    expect(
      E.isRight(
        replay([
          ...stored(src, {
            type: "setLeadSource",
            actor: "amy",
            account: personal("amy"),
            contactId: "p1",
            source: { kind: "builtIn", name: "website" },
          }),
          { type: "AssetDeleted", at, by: "amy", assetId: "src" },
        ]),
      ),
    ).toBe(true);
  });

  it("a stored deletion of an asset nobody carries applies, whatever else the account's contacts carry (AST-6, SEC-8)", () => {
    const log = stored(
      { type: "createAsset", actor: "rain", account: TEAM, assetId: "warm", kind: "tag", name: "Warm" },
      {
        type: "createAsset",
        actor: "rain",
        account: TEAM,
        assetId: "budget",
        kind: "field",
        name: "Budget",
        field: { type: "number" },
      },
      { type: "createAsset", actor: "rain", account: TEAM, assetId: "src", kind: "leadSource", name: "Src" },
      { type: "addContact", actor: "rain", account: TEAM, contactId: "c3", channel: "manual", details: { name: "Cy" } },
      { type: "addContact", actor: "rain", account: TEAM, contactId: "c4", channel: "manual", details: { name: "Di" } },
      { type: "setFieldValue", actor: "rain", account: TEAM, contactId: "c2", fieldId: "budget", value: 1 },
      {
        type: "setLeadSource",
        actor: "rain",
        account: TEAM,
        contactId: "c3",
        source: { kind: "custom", assetId: "src" },
      },
      {
        type: "setLeadSource",
        actor: "rain",
        account: TEAM,
        contactId: "c4",
        source: { kind: "builtIn", name: "website" },
      },
      { type: "tagContact", actor: "rain", account: TEAM, contactId: "c4", tagId: "warm" },
    );
    // c1 carries nothing, c2 a value of another field, c3 another custom lead source, c4 another tag and a built-in source.
    const replayed = replay([...log, { type: "AssetDeleted", at, by: "rain", assetId: "hot" }]);
    expect(E.isRight(replayed) && usableAssets(replayed.right, "rain", TEAM, "tag").map((a) => a.id)).toEqual(["warm"]);
    for (const carried of ["warm", "budget", "src"])
      expect(refusedAtEnd([...log, { type: "AssetDeleted", at, by: "rain", assetId: carried }]), carried).toMatchObject(
        { code: "asset_in_use" },
      );
  });

  it("a link names a known contact and an asset of its kind in the contact's account, and changes something (AST-2, SEC-8)", () => {
    const log = stored(
      { type: "tagContact", actor: "amy", account: personal("amy"), contactId: "p1", tagId: "mine" },
      { type: "setFieldValue", actor: "amy", account: personal("amy"), contactId: "p1", fieldId: "kids", value: 2 },
    );
    const table: [Record<string, unknown>, ReturnType<typeof sec8>][] = [
      [{ type: "ContactTagged", contactId: "zz", tagId: "mine" }, sec8("contact_not_found", "no contact zz")],
      [{ type: "ContactTagged", contactId: "p1", tagId: "nope" }, sec8("asset_not_found", "no tag nope")],
      [{ type: "ContactTagged", contactId: "p1", tagId: "kids" }, sec8("asset_not_found", "no tag kids")],
      [
        { type: "ContactTagged", contactId: "c1", tagId: "mine" },
        sec8("wrong_account", "tag mine is not an asset of the team account t1 (AST-2)"),
      ],
      [
        { type: "ContactTagged", contactId: "p1", tagId: "mine" },
        sec8("no_change", "contact p1 already carries tag mine"),
      ],
      [
        { type: "ContactUntagged", contactId: "p1", tagId: "other", rule: "ASG-2" },
        sec8("no_change", "contact p1 does not carry tag other"),
      ],
      [
        { type: "FieldValueSet", contactId: "p1", fieldId: "kids", value: "two" },
        sec8("invalid_field_value", "kids: a number field takes a finite number"),
      ],
      [
        { type: "FieldValueSet", contactId: "c1", fieldId: "kids", value: 1 },
        sec8("wrong_account", "field kids is not an asset of the team account t1 (AST-2)"),
      ],
      [
        { type: "FieldValueCleared", contactId: "p1", fieldId: "kids2", rule: "ASG-2" },
        sec8("no_change", "contact p1 has no value for kids2"),
      ],
      [
        { type: "FieldValueCleared", contactId: "c1", fieldId: "kids", rule: "ASG-2" },
        sec8("no_change", "contact c1 has no value for kids"),
      ],
      [
        { type: "LeadSourceSet", contactId: "zz", source: { kind: "builtIn", name: "website" } },
        sec8("contact_not_found", "no contact zz"),
      ],
      [
        { type: "LeadSourceSet", contactId: "p1", source: { kind: "custom", assetId: "mine" } },
        sec8("asset_not_found", "no leadSource mine"),
      ],
      [
        { type: "LeadSourceCleared", contactId: "p1", rule: "ASG-2" },
        sec8("no_change", "contact p1 has no lead source"),
      ],
    ];
    for (const [event, cause] of table)
      expect(refusedAtEnd([...log, { at, by: "amy", ...event }]), JSON.stringify(event)).toEqual(cause);
    const fine: Record<string, unknown>[] = [
      { type: "ContactUntagged", contactId: "p1", tagId: "mine", rule: "ASG-2" },
      { type: "FieldValueCleared", contactId: "p1", fieldId: "kids", rule: "ASG-2" },
      { type: "FieldValueSet", contactId: "p1", fieldId: "kids", value: 3 },
      { type: "LeadSourceSet", contactId: "p1", source: { kind: "builtIn", name: "website" } },
    ];
    for (const event of fine)
      expect(E.isRight(replay([...log, { at, by: "amy", ...event }])), JSON.stringify(event)).toBe(true);
  });

  it("a stored move or deletion of a contact that still carries its account's assets is refused; a built-in lead source may move along (AST-3, SHR-7, SEC-8)", () => {
    const mine = personal("amy");
    const move: Input = { type: "moveContact", actor: "amy", account: mine, contactId: "p1", to: TEAM };
    const del: Input = { type: "deleteContact", actor: "amy", account: mine, contactId: "p1" };
    const links: [string, Input][] = [
      ["tag", { type: "tagContact", actor: "amy", account: mine, contactId: "p1", tagId: "mine" }],
      ["field", { type: "setFieldValue", actor: "amy", account: mine, contactId: "p1", fieldId: "kids", value: 2 }],
      [
        "custom source",
        {
          type: "setLeadSource",
          actor: "amy",
          account: mine,
          contactId: "p1",
          source: { kind: "custom", assetId: "src" },
        },
      ],
    ];
    const src: Input = {
      type: "createAsset",
      actor: "amy",
      account: mine,
      assetId: "src",
      kind: "leadSource",
      name: "Src",
    };
    for (const [what, link] of links) {
      for (const command of [move, del]) {
        const log = stored(src, link, command);
        // The stored log without the events that ended the links: the move or deletion comes while they hold.
        const forged = log.filter(
          (e) =>
            !(
              ["ContactUntagged", "FieldValueCleared", "LeadSourceCleared"].includes(e.type) &&
              "contactId" in e &&
              e.contactId === "p1"
            ),
        );
        const last = forged.findIndex((e) => e.type === "ContactMoved" || e.type === "ContactDeleted");
        expect(E.isRight(replay(log)), `${what} ${command.type}`).toBe(true);
        expect(replay(forged), `${what} ${command.type}`).toMatchObject({
          left: { code: "invalid_event", position: last },
        });
      }
    }
    const builtIn: Input = {
      type: "setLeadSource",
      actor: "amy",
      account: mine,
      contactId: "p1",
      source: { kind: "builtIn", name: "website" },
    };
    const moved = stored(builtIn, move);
    expect(moved.filter((e) => e.type === "LeadSourceCleared")).toEqual([]);
    expect(E.isRight(replay(moved))).toBe(true);
    const deleted = stored(builtIn, del);
    const forged = deleted.filter((e) => e.type !== "LeadSourceCleared");
    expect(replay(forged)).toMatchObject({ left: { code: "invalid_event", position: forged.length - 1 } });
    // A contact carrying nothing moves and goes in a replay as it did live.
    expect(E.isRight(replay(stored(move)))).toBe(true);
    expect(E.isRight(replay(stored(del)))).toBe(true);
  });
});

describe("SEC-7 a snapshot's assets are checked: the first breach, its words and its path", () => {
  const mine = personal("amy");
  const built = run(
    office().state,
    teamTag(),
    teamTag("amy", "warm", "Warm"),
    myTag(),
    {
      type: "createAsset",
      actor: "amy",
      account: TEAM,
      assetId: "budget",
      kind: "field",
      name: "Budget",
      field: { type: "number" },
    },
    {
      type: "createAsset",
      actor: "amy",
      account: TEAM,
      assetId: "stage",
      kind: "field",
      name: "Stage",
      field: { type: "choice", options: ["a", "b"] },
    },
    { type: "createAsset", actor: "amy", account: TEAM, assetId: "src", kind: "leadSource", name: "Src" },
    { type: "setLeadSource", actor: "amy", account: TEAM, contactId: "c1", source: { kind: "custom", assetId: "src" } },
    { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
    { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "warm" },
    { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c1", fieldId: "budget", value: 5 },
    { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c1", fieldId: "stage", value: "a" },
    { type: "tagContact", actor: "bob", account: TEAM, contactId: "c2", tagId: "hot" },
    {
      type: "setLeadSource",
      actor: "amy",
      account: mine,
      contactId: "p1",
      source: { kind: "builtIn", name: "website" },
    },
    // A contact carrying only a field value.
    { type: "addContact", actor: "rain", account: TEAM, contactId: "c3", channel: "manual", details: { name: "Cy" } },
    { type: "setFieldValue", actor: "rain", account: TEAM, contactId: "c3", fieldId: "budget", value: 9 },
    // Names differ unless they differ only in case and surrounding spaces: "Straße" and "STRASSE" are two names (D-133).
    teamTag("amy", "strasse1", "Straße"),
    teamTag("amy", "strasse2", "STRASSE"),
  ).state;
  const snapshot = toSnapshot(built);
  type Snap = typeof snapshot;
  const asset = (s: Snap, id: string) => s.assets!.findIndex((a) => a.id === id);
  const entry = (s: Snap, id: string) => s.contactAssets!.findIndex((c) => c.contactId === id);

  it("the snapshot as built keeps every invariant: several tags, fields and a custom source on one contact, a lone built-in source on another (AST-1, AST-2)", () => {
    expect(snapshot.contactAssets?.map((c) => c.contactId)).toEqual(["c1", "c2", "c3", "p1"]);
    expect(checkInvariants(snapshot)).toBeNull();
    // Exactly 100 fields in one account is within the limit.
    const hundred = structuredClone(snapshot);
    for (let i = 0; i < 98; i++)
      hundred.assets!.push({ id: `f${i}`, account: TEAM, kind: "field", name: `F${i}`, field: { type: "text" } });
    expect(checkInvariants(hundred)).toBeNull();
    hundred.assets!.push({ id: "f98", account: TEAM, kind: "field", name: "F98", field: { type: "text" } });
    expect(checkInvariants(hundred)).toEqual({
      message: "the team account t1 holds more than 100 fields",
      path: ["assets", hundred.assets!.length - 1],
    });
  });

  it("a snapshot of an office with no assets, or whose contacts carry none, keeps every invariant (AST-1)", () => {
    const bare = toSnapshot(office().state);
    expect(bare.assets).toBeUndefined();
    expect(checkInvariants(bare)).toBeNull();
    const unlinked = toSnapshot(run(office().state, teamTag()).state);
    expect(unlinked.contactAssets).toBeUndefined();
    expect(checkInvariants(unlinked)).toBeNull();
  });

  it("each breach of the assets is reported in words naming the ids, at its path (AST-1, AST-2, ACC-6, SEC-7)", () => {
    const table: [string, (s: Snap) => void, (s: Snap) => { message: string; path: (string | number)[] }][] = [
      [
        "an asset twice",
        (s) => void s.assets!.push({ ...s.assets![asset(s, "hot")]! }),
        (s) => ({ message: "asset hot appears twice", path: ["assets", s.assets!.length - 1, "id"] }),
      ],
      [
        "an unknown account",
        (s) => void (s.assets![asset(s, "warm")]!.account = { kind: "team", teamId: "t9" }),
        (s) => ({
          message: "asset warm is in an unknown account (team account t9)",
          path: ["assets", asset(s, "warm"), "account"],
        }),
      ],
      [
        "a tag with a definition",
        (s) => void (s.assets![asset(s, "hot")]!.field = { type: "text" }),
        (s) => ({
          message: "asset hot: only a custom field has a field definition",
          path: ["assets", asset(s, "hot"), "field"],
        }),
      ],
      [
        "a field without one",
        (s) => void delete s.assets![asset(s, "budget")]!.field,
        (s) => ({
          message: "asset budget: only a custom field has a field definition",
          path: ["assets", asset(s, "budget"), "field"],
        }),
      ],
      [
        "a choice repeating an option",
        (s) => void (s.assets![asset(s, "stage")]!.field = { type: "choice", options: ["a", "a"] }),
        (s) => ({
          message: "custom field stage: a single-choice field lists each option once",
          path: ["assets", asset(s, "stage"), "field"],
        }),
      ],
      [
        "two names alike but for case and spaces",
        (s) => void s.assets!.push({ id: "hot2", account: TEAM, kind: "tag", name: " HOT LEAD " }),
        (s) => ({
          message: "the team account t1 has two tags named  HOT LEAD  (AST-1)",
          path: ["assets", s.assets!.length - 1, "name"],
        }),
      ],
      [
        "a contact twice",
        (s) => void s.contactAssets!.push(structuredClone(s.contactAssets![entry(s, "c2")]!)),
        (s) => ({
          message: "the assets of contact c2 appear twice",
          path: ["contactAssets", s.contactAssets!.length - 1, "contactId"],
        }),
      ],
      [
        "an unknown contact",
        (s) => void (s.contactAssets![entry(s, "c2")]!.contactId = "zz"),
        (_s) => ({ message: "assets for unknown contact zz", path: ["contactAssets", 1, "contactId"] }),
      ],
      [
        "an entry carrying nothing",
        (s) => void (s.contactAssets![entry(s, "c2")]!.tags = []),
        () => ({ message: "contact c2 is listed carrying no asset", path: ["contactAssets", 1] }),
      ],
      [
        "an unknown tag",
        (s) => void (s.contactAssets![entry(s, "c2")]!.tags = ["nope"]),
        () => ({ message: "contact c2 carries unknown tag nope", path: ["contactAssets", 1, "tags", 0] }),
      ],
      [
        "a field as a tag",
        (s) => void (s.contactAssets![entry(s, "c2")]!.tags = ["budget"]),
        () => ({ message: "contact c2 carries unknown tag budget", path: ["contactAssets", 1, "tags", 0] }),
      ],
      [
        "another account's tag",
        (s) => void (s.contactAssets![entry(s, "c2")]!.tags = ["mine"]),
        () => ({
          message: "contact c2 in the team account t1 carries tag mine of the personal account of amy (AST-2, ACC-6)",
          path: ["contactAssets", 1, "tags", 0],
        }),
      ],
      [
        "tags out of order",
        (s) => void (s.contactAssets![0]!.tags = ["warm", "hot"]),
        () => ({ message: "the tags of contact c1 are not sorted once each", path: ["contactAssets", 0, "tags", 1] }),
      ],
      [
        "a tag twice",
        (s) => void (s.contactAssets![0]!.tags = ["hot", "hot"]),
        () => ({ message: "the tags of contact c1 are not sorted once each", path: ["contactAssets", 0, "tags", 1] }),
      ],
      [
        "an unknown field",
        (s) => void (s.contactAssets![0]!.fields = [{ fieldId: "nope", value: "x" }]),
        () => ({
          message: "contact c1 carries unknown field nope",
          path: ["contactAssets", 0, "fields", 0, "fieldId"],
        }),
      ],
      [
        "another account's field",
        (s) => {
          s.assets!.push({ id: "kids", account: mine, kind: "field", name: "Kids", field: { type: "text" } });
          s.contactAssets![0]!.fields = [{ fieldId: "kids", value: "x" }];
        },
        () => ({
          message: "contact c1 in the team account t1 carries field kids of the personal account of amy (AST-2, ACC-6)",
          path: ["contactAssets", 0, "fields", 0, "fieldId"],
        }),
      ],
      [
        "fields out of order",
        (s) => void s.contactAssets![0]!.fields.reverse(),
        () => ({
          message: "the field values of contact c1 are not sorted once each",
          path: ["contactAssets", 0, "fields", 1],
        }),
      ],
      [
        "a field twice",
        (s) =>
          void (s.contactAssets![0]!.fields = [
            { fieldId: "budget", value: 1 },
            { fieldId: "budget", value: 2 },
          ]),
        () => ({
          message: "the field values of contact c1 are not sorted once each",
          path: ["contactAssets", 0, "fields", 1],
        }),
      ],
      [
        "a value its field refuses",
        (s) => void (s.contactAssets![0]!.fields[1]!.value = "c"),
        () => ({
          message: "contact c1, field stage: a single-choice field takes one of its options: a, b",
          path: ["contactAssets", 0, "fields", 1, "value"],
        }),
      ],
      [
        "an unknown custom lead source",
        (s) => void (s.contactAssets![0]!.source = { kind: "custom", assetId: "hot" }),
        () => ({
          message: "contact c1 carries unknown leadSource hot",
          path: ["contactAssets", 0, "source", "assetId"],
        }),
      ],
      [
        "a breach after a contact with a custom lead source",
        (s) => void (s.contactAssets![entry(s, "p1")]!.tags = ["hot"]),
        (s) => ({
          message: "contact p1 in the personal account of amy carries tag hot of the team account t1 (AST-2, ACC-6)",
          path: ["contactAssets", entry(s, "p1"), "tags", 0],
        }),
      ],
    ];
    for (const [what, breakIt, expected] of table) {
      const copy = structuredClone(snapshot);
      breakIt(copy);
      expect(checkInvariants(copy), what).toEqual(expected(copy));
    }
  });
});
