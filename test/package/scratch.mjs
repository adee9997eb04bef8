// What both package checks share: pack the library, install the tarball (and the given packages) into a scratch
// consumer, run named checks there, then clean up and exit non-zero if any failed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const root = new URL("../..", import.meta.url).pathname;

/** Runs a command; its output, or a thrown error carrying stdout and stderr. */
export const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * A scratch project named `name` with the packed library and `dependencies` installed. `check(name, fn)` reports
 * one check (printing what `fn` returns, if anything); `finish(success)` removes the scratch folders and exits 1
 * when a check failed, else prints `success`.
 */
export function packedConsumer(name, dependencies) {
  const packDir = mkdtempSync(join(tmpdir(), `${name}-pack-`));
  const consumer = mkdtempSync(join(tmpdir(), `${name}-`));
  const cleanUp = () => {
    rmSync(packDir, { recursive: true, force: true });
    rmSync(consumer, { recursive: true, force: true });
  };
  try {
    const tarball = join(
      packDir,
      run("npm", ["pack", "--silent", "--pack-destination", packDir], root).trim().split("\n").pop(),
    );
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
    run("npm", ["install", "--no-audit", "--no-fund", "--silent", tarball, ...dependencies], consumer);
  } catch (error) {
    cleanUp();
    throw error;
  }
  let failed = 0;
  return {
    consumer,
    check(checkName, fn) {
      try {
        const out = fn();
        console.log(
          `ok   ${checkName}${typeof out === "string" && out.trim() !== "" ? `\n${out.trim().replace(/^/gm, "     ")}` : ""}`,
        );
      } catch (error) {
        failed++;
        console.log(`FAIL ${checkName}\n${String(error.stdout ?? "")}${String(error.stderr ?? "")}${error.message}`);
      }
    },
    finish(success) {
      cleanUp();
      if (failed > 0) {
        console.log(`${failed} check(s) of ${name} failed`);
        process.exit(1);
      }
      console.log(success);
    },
  };
}
