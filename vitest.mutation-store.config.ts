import { defineConfig } from "vitest/config";

/** The tests of stored events, snapshots, listing, projections and the rules, for a mutation run over the shared files a change touched. */
export default defineConfig({
  test: {
    include: [
      "test/store/**/*.test.ts",
      "test/security/stored-events.test.ts",
      "test/security/restore.test.ts",
      "test/input/contract.test.ts",
      "test/queries/*.test.ts",
      "test/rules/*.test.ts",
      "test/assets/**/*.test.ts",
      "test/applets/**/*.test.ts",
      "test/smartplans/*.test.ts",
      "test/presets.test.ts",
    ],
    exclude: ["test/queries/visibility-filter-sql.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    testTimeout: 60_000,
    env: { MODEL_COMMANDS: "150", PROPERTY_RUNS: "4", HISTORY_STRIDE: "9" },
  },
});
