import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { project, visibleContacts, visiblePage } from "../../src/index.js";
import { run, TEAM, teamOffice } from "../support/office.js";

/** Four team contacts of Amy's: tagged or not, with a budget of 1, of 2, or none. */
function office() {
  return run(
    teamOffice(),
    ...["c1", "c2", "c3", "c4"].map((contactId) => ({
      type: "addContact" as const,
      actor: "amy",
      account: TEAM,
      contactId,
      channel: "manual" as const,
      details: { name: contactId },
    })),
    { type: "createAsset", actor: "amy", account: TEAM, assetId: "hot", kind: "tag", name: "Hot" },
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
      assetId: "area",
      kind: "field",
      name: "Area",
      field: { type: "text" },
    },
    { type: "tagContact", actor: "amy", account: TEAM, contactId: "c1", tagId: "hot" },
    { type: "tagContact", actor: "amy", account: TEAM, contactId: "c2", tagId: "hot" },
    { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c1", fieldId: "budget", value: 1 },
    { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c2", fieldId: "budget", value: 2 },
    { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c3", fieldId: "budget", value: 1 },
    { type: "setFieldValue", actor: "amy", account: TEAM, contactId: "c4", fieldId: "area", value: "Harbour" },
  ).state;
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe("listing by the team's tags and custom fields (AST-1, AST-2)", () => {
  const state = office();

  it("a tag lists the contacts carrying it; a field lists those holding it, or holding one value of it", () => {
    expect(sorted(visibleContacts(state, "rain", { tag: "hot" }))).toEqual(["c1", "c2"]);
    expect(sorted(visibleContacts(state, "rain", { field: { id: "budget" } }))).toEqual(["c1", "c2", "c3"]);
    expect(sorted(visibleContacts(state, "rain", { field: { id: "budget", value: 1 } }))).toEqual(["c1", "c3"]);
    expect(sorted(visibleContacts(state, "rain", { field: { id: "area", value: "Harbour" } }))).toEqual(["c4"]);
    expect(sorted(visibleContacts(state, "rain", { field: { id: "area", value: "Elsewhere" } }))).toEqual([]);
    expect(sorted(visibleContacts(state, "rain", { tag: "hot", field: { id: "budget", value: 2 } }))).toEqual(["c2"]);
    expect(sorted(visibleContacts(state, "rain", {}))).toEqual(["c1", "c2", "c3", "c4"]);
  });

  it("paging with a filter walks the same contacts", () => {
    const page = visiblePage(state, "rain", { limit: 10, field: { id: "budget", value: 1 } });
    expect(E.isRight(page) ? sorted(page.right.contactIds) : page.left).toEqual(["c1", "c3"]);
  });

  it("someone who does not use the team's assets lists nothing by them (AST-1)", () => {
    expect(sorted(visibleContacts(state, "lee", { tag: "hot" }))).toEqual([]);
    expect(sorted(visibleContacts(state, "lee", { field: { id: "budget" } }))).toEqual([]);
  });

  it("the projection names each tag and field with its value (AST-7: to those who use the account's assets)", () => {
    const view = project(state, "rain", "c1");
    if (E.isLeft(view)) throw new Error(view.left.message);
    expect(view.right.tags).toEqual([{ id: "hot", name: "Hot" }]);
    expect(view.right.customFields).toEqual([{ id: "budget", name: "Budget", value: 1 }]);
  });
});
