// The bundle budget (issue "the consumer's side"): what the built package costs a browser bundle, minified and
// gzipped, for the whole entry and for an import of `can` alone. Bundles `dist/` with esbuild as an app would
// (browser platform, ESM, tree-shaking on) and fails past a budget. Run after `npm run build`.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
/** Bytes after gzip (D-75, docs/performance.md). */
const BUDGETS = [
  { name: "the whole entry", entry: 'export * from "./dist/index.js";', budget: 140_000 },
  { name: "`can` alone", entry: 'export { can } from "./dist/index.js";', budget: 40_000 },
];

let failed = false;
for (const { name, entry, budget } of BUDGETS) {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const bytes = gzipSync(result.outputFiles[0].contents).length;
  const over = bytes > budget;
  failed ||= over;
  console.log(
    `${over ? "over budget" : "within budget"}: ${name} ${bytes.toLocaleString("en-US")} B gzipped (budget ${budget.toLocaleString("en-US")} B)`,
  );
}
if (failed) process.exit(1);
