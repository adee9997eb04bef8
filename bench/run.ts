/**
 * `npm run bench`: the benchmark suite. The memory figures need `global.gc`, so when it is missing this entry
 * point runs itself again under the same loader (tsx) with `--expose-gc` and a heap large enough for the
 * 1M-contact state plus its event log, and exits with the child's status.
 *
 * Environment: `BENCH_SIZES=10000,100000` limits the sizes (default 10k, 100k, 1M); `BENCH_TIME_MS` sets
 * tinybench's time budget per task (default 250); `BENCH_CASES=visibilityFilter,filterPermitted` times only the
 * cases whose name contains one of the words (the build and every assertion still run); `BENCH_OUT=name.json`
 * writes the results to `bench/name.json` instead of `bench/results.json`.
 */
import { spawnSync } from "node:child_process";

if (typeof globalThis.gc !== "function") {
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=16384", ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: "inherit",
    },
  );
  if (child.error !== undefined) throw child.error;
  process.exit(child.status ?? 1);
} else {
  const { main } = await import("./suite.js");
  try {
    await main();
  } catch (error) {
    console.error(`\nBENCH FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}
