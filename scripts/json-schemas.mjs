// Writes JSON Schemas of the wire formats into dist/schemas/, generated from the library's zod schemas, for OpenAPI
// documents and clients not written in TypeScript. Run by `npm run build`, after tsup, under tsx: the schemas are
// internal to the package (D-87), so they are read from src/.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { Configuration } from "../src/configuration/configuration.ts";
import { CommandSchema, EventSchema } from "../src/decider.ts";
import { CompactSnapshotSchema, SnapshotSchema } from "../src/snapshot/snapshot.ts";

const out = new URL("../dist/schemas/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const SCHEMAS = [
  ["command", CommandSchema, "A crm-access command, as `decodeCommand` accepts it."],
  [
    "event",
    EventSchema,
    "A crm-access event, as `execute` returns it and `decodeEvent` accepts it; a stored row may add `schemaVersion` and a `meta` object (docs/event-store.md).",
  ],
  [
    "snapshot",
    SnapshotSchema,
    "A crm-access snapshot, as `fromSnapshot` accepts it (before its invariants are checked).",
  ],
  [
    "snapshot-v2",
    CompactSnapshotSchema,
    "A crm-access snapshot in format version 2 (contacts as columns), as `toCompactSnapshot` writes it and `fromSnapshot` accepts it (before its records and invariants are checked).",
  ],
  ["configuration", Configuration, "A crm-access office configuration."],
];
for (const [name, schema, description] of SCHEMAS) {
  // "throw": a schema JSON Schema cannot express fails the build instead of being written loosely.
  const { $schema, ...body } = z.toJSONSchema(schema, { unrepresentable: "throw" });
  const json = { $schema, title: `crm-access ${name}`, description, ...body };
  writeFileSync(join(out, `${name}.schema.json`), `${JSON.stringify(json, null, 2)}\n`);
}
console.log(`wrote ${SCHEMAS.length} JSON Schemas to dist/schemas/`);
