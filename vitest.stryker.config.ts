import { defineConfig } from "vitest/config";

/**
 * The unit and property tests, without the fuzz run, the doc examples and the example service's tests (they test
 * the service, start Postgres, and would multiply each mutant's time): what each mutant is tested by.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    exclude: ["test/fuzz/**", "test/service/**", "test/docs.test.ts", "test/docs-catalogue.test.ts", "node_modules/**"],
    testTimeout: 60_000,
    // Each mutant runs the tests that cover it: keep the model-based and property runs short here.
    env: { MODEL_COMMANDS: "150", PROPERTY_RUNS: "4", HISTORY_STRIDE: "9" },
  },
});
