import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
  format: ["esm", "cjs"],
  // Declarations come from tsc, one file per module (tsconfig.build.json, D-88), not a rolled-up chunk.
  dts: false,
  clean: true,
  sourcemap: true,
  target: "es2022",
  treeshake: true,
});
