import { describe, expect, it } from "vitest";

/**
 * Every schema is built when its module loads, so a mistake in one (an option of a union without its `type`, say)
 * throws at import. Importing inside a test makes such a failure a failing test, not a file with no tests.
 */
describe("the library loads", () => {
  it("both entry points import, with every command and event schema built", async () => {
    const lib = await import("../src/index.js");
    expect(lib.CommandSchema.options.length).toBeGreaterThan(40);
    expect(lib.EventSchema.options.length).toBeGreaterThan(40);
    expect(lib.SnapshotSchema.safeParse(lib.toSnapshot(lib.initialState())).success).toBe(true);
    const kit = await import("../src/testing/index.js");
    expect(kit.SETUP.length).toBeGreaterThan(0);
  });
});
