import { defineConfig } from "vitest/config";

/** The tests that exercise the persistent map directly, for a mutation run over src/collections with coverage off. */
export default defineConfig({
  test: {
    include: ["test/collections/*.test.ts", "test/queries/paging.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    testTimeout: 60_000,
    env: { MODEL_COMMANDS: "150", PROPERTY_RUNS: "20", HISTORY_STRIDE: "9" },
  },
});
