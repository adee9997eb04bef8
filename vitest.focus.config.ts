import { defineConfig } from "vitest/config";

/** The test files that exercise the listing filter, the task list and Either, for a mutation run with coverage off. */
export default defineConfig({
  test: {
    include: [
      "test/queries/visibility-filter.test.ts",
      "test/queries/paging.test.ts",
      "test/queries/answers.test.ts",
      "test/queries/queries.test.ts",
      "test/rules/smartplans.test.ts",
      "test/smartplans/assignments.test.ts",
      "test/either.test.ts",
      "test/rules/editing.test.ts",
    ],
    setupFiles: ["test/setup/fast-check.ts"],
    testTimeout: 60_000,
    env: { MODEL_COMMANDS: "150", PROPERTY_RUNS: "4", HISTORY_STRIDE: "9" },
  },
});
