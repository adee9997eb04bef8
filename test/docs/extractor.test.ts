import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// D-169: an example that states a result the code does not give fails, and one that states a result nothing would
// check stops the extractor. Shown on fixtures written here, run through the real script, so that the check over
// the repository's own examples (test/docs.test.ts) cannot pass by checking nothing.

const script = join(import.meta.dirname, "../../scripts/doc-examples.mjs");
const root = mkdtempSync(join(tmpdir(), "doc-examples-"));
const out = join(root, "extracted");

// Each fixture line is numbered in a comment of this file, so the expected messages below can name them.
const source = [
  "/**", // 1
  " * May they? A right example and a wrong one.", // 2
  " * @example", // 3
  ' * import { can, initialState } from "crm-access";', // 4
  ' * assert.strictEqual(can(initialState(), "ann", "edit", "c1"), false);', // 5
  " * @since 0.1.0", // 6
  " */", // 7
  "export const right = 1;", // 8
  "/**", // 9
  " * @example", // 10
  ' * import { explain, initialState } from "crm-access";', // 11
  ' * const why = explain(initialState(), "ann", "edit", "c1");', // 12
  ' * assert.strictEqual(why.message, "ann cannot edit c1: no such contact is visible");', // 13
  " */", // 14
  "export const wrong = 2;", // 15
  "/**", // 16
  " * @example", // 17
  ' * import { contactIds, initialState } from "crm-access";', // 18
  " * contactIds(initialState()); // []", // 19
  ' * contactIds(initialState()).join(", ");', // 20
  " * // the empty string", // 21
  " */", // 22
  "export const unchecked = 3;", // 23
].join("\n");

const guide = [
  "# A guide", // 1
  "", // 2
  "```ts", // 3
  'import assert from "node:assert";', // 4
  'import { can, initialState, visibleContacts } from "crm-access";', // 5
  "console.log(visibleContacts(initialState(), \"ann\")); // → [ 'c1' ]", // 6
  'assert.deepStrictEqual(can(initialState(), "ann", "view", "c1"), true);', // 7
  "```", // 8
  "", // 9
  "```ts", // 10
  'import { contactIds, initialState } from "crm-access";', // 11
  "const ids = contactIds(initialState()); // → []", // 12
  "console.log(ids.length);", // 13
  "// 0", // 14
  "```", // 15
].join("\n");

let run: { status: number | null; stdout: string; stderr: string };
const extracted = (name: string): string => join(out, name);

/** Runs one extracted module the way test/docs.test.ts does; its error, or null. */
async function outcome(name: string): Promise<Error | null> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    await import(extracted(name));
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    log.mockRestore();
  }
}

beforeAll(() => {
  mkdirSync(join(root, "src"), { recursive: true });
  mkdirSync(join(root, "docs"), { recursive: true });
  writeFileSync(join(root, "src/fixture.ts"), source);
  writeFileSync(join(root, "docs/guide.md"), guide);
  const r = spawnSync(process.execPath, [script, "--root", root, "--out", out], { encoding: "utf8" });
  run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("doc examples assert what they state (D-169)", () => {
  it("extracts every example of the fixture", () => {
    expect(readdirSync(out).sort()).toEqual([
      "docs_guide_md_1.ts",
      "docs_guide_md_2.ts",
      "src_fixture_ts_example_1.ts",
      "src_fixture_ts_example_2.ts",
      "src_fixture_ts_example_3.ts",
    ]);
    expect(run.stdout).toContain("extracted 5 examples");
  });

  it("an example whose assertion holds runs", async () => {
    expect(await outcome("src_fixture_ts_example_1.ts")).toBeNull();
  });

  it("an @example stating a result the code does not give fails, naming the file and line it was written at", async () => {
    const error = await outcome("src_fixture_ts_example_2.ts");
    expect(error?.name).toBe("AssertionError");
    expect(error?.message).toMatch(/^src\/fixture\.ts:13: /);
    expect(error?.message).toContain("'ann cannot edit c1: no user ann'");
  });

  it("a Markdown block fails on its first wrong statement: the printed line, then an assertion", async () => {
    const error = await outcome("docs_guide_md_1.ts");
    expect(error?.name).toBe("AssertionError");
    expect(error?.message).toMatch(/^docs\/guide\.md:7: /);
    const printedOnly = readFileSync(extracted("docs_guide_md_1.ts"), "utf8").replace(/^assert\..*$/m, "");
    writeFileSync(extracted("printed-only.ts"), printedOnly);
    expect((await outcome("printed-only.ts"))?.message).toBe(
      'docs/guide.md, line 6: printed "[]", the comment says "[ \'c1\' ]"',
    );
  });

  it("a result stated where nothing checks it stops the extractor, which names each place", () => {
    expect(run.status).toBe(1);
    const named = run.stderr
      .split("\n")
      .filter((line) => /^(src|docs)\//.test(line))
      .map((line) => line.slice(0, line.indexOf(": ")));
    expect(named).toEqual(["docs/guide.md:12", "docs/guide.md:14", "src/fixture.ts:19", "src/fixture.ts:21"]);
  });
});
