import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Configuration } from "../../src/index.js";

/** The frozen corpus of 0.1.0 (test/store/corpus/0.1.0, written by 0.1.0's own code: generate-0.1.0.mjs). */
const dir = join(import.meta.dirname, "corpus/0.1.0");
const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));

export interface Stream {
  readonly name: string;
  readonly configuration: Configuration;
  /** The rows as 0.1.0 stored them: events without `schemaVersion`. */
  readonly rows: readonly Record<string, unknown>[];
  readonly snapshot: Record<string, unknown>;
}

export const STREAMS: readonly Stream[] = ["accounts", "contacts", "lifecycle", "sharing", "smartplans"].map(
  (name) => ({
    name,
    configuration: read(`${name}.configuration.json`) as Configuration,
    rows: read(`${name}.events.json`) as Record<string, unknown>[],
    snapshot: read(`${name}.snapshot.json`) as Record<string, unknown>,
  }),
);

/** Every event type 0.1.0 had. */
export const TYPES_0_1_0 = (read("event-types.json") as { eventTypes: string[] }).eventTypes;

/** The rows as a store that records each row's schema version gives them back: 0.1.0's rows are version 1. */
export const asVersion1 = (rows: readonly Record<string, unknown>[]): Record<string, unknown>[] =>
  rows.map((row) => ({ ...row, schemaVersion: 1 }));
