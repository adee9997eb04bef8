import { defineConfig } from "vitest/config";

/** A focused mutation profile (docs/quality.md): the tests that exercise the files it mutates. */
export default defineConfig({
  test: {
    include: ["test/input/**/*.test.ts", "test/store/**/*.test.ts", "test/lifecycle/**/*.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    testTimeout: 60_000,
    env: { MODEL_COMMANDS: "150", PROPERTY_RUNS: "4", HISTORY_STRIDE: "9" },
  },
});
