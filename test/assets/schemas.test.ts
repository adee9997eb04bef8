import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";

const at = "2026-03-02T09:00:00Z";
const team = { kind: "team", teamId: "t1" };

/**
 * The library is loaded inside the test, not at the file's top: a schema that cannot even be built fails this
 * test by name instead of failing the file before any test runs.
 */
const library = () => import("../../src/index.js");

describe("the asset commands and events have their published shapes", () => {
  it("one well-formed example of each asset command decodes, and the same with a field too many is refused (AST-1, AST-2, AST-6)", async () => {
    const { decodeCommand } = await library();
    const examples: Record<string, unknown>[] = [
      { type: "createAsset", assetId: "f", kind: "field", name: "Budget", field: { type: "choice", options: ["a"] } },
      { type: "renameAsset", assetId: "f", name: "Cost" },
      { type: "deleteAsset", assetId: "f" },
      { type: "tagContact", contactId: "c1", tagId: "t" },
      { type: "untagContact", contactId: "c1", tagId: "t" },
      { type: "setFieldValue", contactId: "c1", fieldId: "f", value: 3 },
      { type: "clearFieldValue", contactId: "c1", fieldId: "f" },
      { type: "setLeadSource", contactId: "c1", source: { kind: "builtIn", name: "website" } },
      { type: "setLeadSource", contactId: "c1", source: { kind: "custom", assetId: "s" } },
      { type: "clearLeadSource", contactId: "c1" },
    ];
    for (const example of examples) {
      const command = { actor: "amy", at, account: team, ...example };
      expect(decodeCommand(command), JSON.stringify(example)).toEqual(E.right(command));
      expect(decodeCommand({ ...command, extra: 1 }), JSON.stringify(example)).toMatchObject({
        left: { code: "invalid_input" },
      });
    }
    expect(
      decodeCommand({
        actor: "amy",
        at,
        account: team,
        type: "setLeadSource",
        contactId: "c1",
        source: { kind: "builtIn", name: "website", assetId: "s" },
      }),
    ).toMatchObject({ left: { code: "invalid_input" } });
  });

  it("one well-formed example of each asset event decodes as stored (AST-1, AST-2, AST-6, SEC-8)", async () => {
    const { decodeEvent } = await library();
    const examples: Record<string, unknown>[] = [
      { type: "AssetCreated", assetId: "f", account: team, kind: "field", name: "Budget", field: { type: "number" } },
      { type: "AssetRenamed", assetId: "f", from: "Budget", to: "Cost" },
      { type: "AssetDeleted", assetId: "f" },
      { type: "ContactTagged", contactId: "c1", tagId: "t" },
      { type: "ContactUntagged", contactId: "c1", tagId: "t", rule: "ASG-2" },
      { type: "FieldValueSet", contactId: "c1", fieldId: "f", value: "x" },
      { type: "FieldValueCleared", contactId: "c1", fieldId: "f", rule: "AST-6" },
      { type: "LeadSourceSet", contactId: "c1", source: { kind: "builtIn", name: "referral" } },
      { type: "LeadSourceCleared", contactId: "c1", rule: "ACC-7" },
    ];
    for (const example of examples) {
      const event = { at, by: "amy", ...example };
      expect(decodeEvent(event), JSON.stringify(example)).toEqual(E.right(event));
    }
  });
});
