import { defineConfig } from "vitest/config";

/** The assets' own tests and the input contract, for a mutation run over src/assets. */
export default defineConfig({
  test: {
    include: ["test/assets/**/*.test.ts", "test/input/contract.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    testTimeout: 60_000,
    env: { MODEL_COMMANDS: "150", PROPERTY_RUNS: "4", HISTORY_STRIDE: "9" },
  },
});
