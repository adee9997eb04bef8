import * as z from "zod";
import { describe, expect, it } from "vitest";

/**
 * Every schema is built when its module loads, so a mistake in one (an option of a union without its `type`, say)
 * throws at import. Importing inside a test makes such a failure a failing test, not a file with no tests.
 */
describe("the library loads", () => {
  it("both entry points import, with every command and event schema built", async () => {
    const lib = await import("../src/index.js");
    expect(lib.COMMAND_TYPES.length).toBeGreaterThan(40);
    expect(lib.EVENT_TYPES.length).toBeGreaterThan(40);
    const internal = await import("../src/decider.js");
    expect(internal.CommandSchema.options.length).toBe(lib.COMMAND_TYPES.length);
    expect(internal.EventSchema.options.length).toBe(lib.EVENT_TYPES.length);
    const { SnapshotSchema } = await import("../src/snapshot/snapshot.js");
    expect(SnapshotSchema.safeParse(lib.toSnapshot(lib.initialState())).success).toBe(true);
    const kit = await import("../src/testing/index.js");
    expect(kit.SETUP.length).toBeGreaterThan(0);
  });

  it("D-87: the root entry exports no zod schema; decoders, type lists and the JSON Schemas are the wire contract", async () => {
    const lib: Record<string, unknown> = await import("../src/index.js");
    const schemas = Object.entries(lib)
      .filter(([, value]) => value instanceof z.ZodType)
      .map(([name]) => name);
    expect(schemas).toEqual([]);
    expect(new Set(lib.COMMAND_TYPES as readonly string[]).size).toBe((lib.COMMAND_TYPES as readonly string[]).length);
    expect(Object.isFrozen(lib.COMMAND_TYPES) && Object.isFrozen(lib.EVENT_TYPES)).toBe(true);
  });
});
