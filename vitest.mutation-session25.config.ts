import { defineConfig } from "vitest/config";

/**
 * The focused mutation profile for the lines changed by the code-health and import work (docs/quality.md): the rule,
 * query, input, store and domain tests, without the broad security laws, the model-based test, the golden scenes,
 * the fuzzers and the example service, which cover every module and would make each mutant run for seconds.
 * A mutant these tests do not kill may still be killed by the full suite: the score is a lower bound.
 */
export default defineConfig({
  test: {
    include: [
      "test/rules/**/*.test.ts",
      "test/errors.test.ts",
      "test/input/**/*.test.ts",
      "test/queries/**/*.test.ts",
      "test/lifecycle/**/*.test.ts",
      "test/store/**/*.test.ts",
      "test/applets/**/*.test.ts",
      "test/assets/**/*.test.ts",
      "test/smartplans/**/*.test.ts",
      "test/history/**/*.test.ts",
      "test/collections/**/*.test.ts",
      "test/testing-kit.test.ts",
      "test/either.test.ts",
      "test/presets.test.ts",
    ],
    setupFiles: ["test/setup/fast-check.ts"],
    testTimeout: 60_000,
    env: { MODEL_COMMANDS: "150", PROPERTY_RUNS: "4", HISTORY_STRIDE: "9" },
  },
});
