import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

const dir = join(import.meta.dirname, "docs/examples");
const examples = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("every code example in README.md and docs/ runs", () => {
  it("found the examples (run `npm run docs:examples` first)", () => {
    expect(examples.length).toBeGreaterThan(3);
  });
  for (const file of examples) {
    it(file, async () => {
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
      try {
        await import(join(dir, file));
      } finally {
        log.mockRestore();
      }
    });
  }
});

describe("D-89: a documented console.log line prints what its comment says", () => {
  it("a line that printed something else, or nothing, fails its block", async () => {
    const { printed } = await import("./support/printed.js");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const out = printed("a block");
      out.log(1, [{ kind: "team" }], true);
      expect(() => out.check([[1, "[ { kind: 'team' } ] true"]])).not.toThrow();
      expect(() => out.check([[1, "[ { kind: 'team' } ] false"]])).toThrow(/line 1: printed/);
      expect(() => out.check([[2, "true"]])).toThrow(/line 2: printed nothing/);
    } finally {
      log.mockRestore();
    }
  });
  it("runs of white space compare equal and … stands for any text", async () => {
    const { matches } = await import("./support/printed.js");
    expect(matches("[\n  'a',\n  'b'\n]", "[ 'a', 'b' ]")).toBe(true);
    expect(matches("invalid_input command.actor: expected string", "invalid_input …")).toBe(true);
    expect(matches("invalid_input", "invalid_input … string")).toBe(false);
    expect(matches("true", "true: stored by number")).toBe(false);
    expect(matches("a (b) [c] $d", "a (b) [c] $d")).toBe(true);
  });
});

describe("merges leave no conflict behind", () => {
  it("no tracked text file holds a merge-conflict marker line", () => {
    const files = execFileSync("git", ["ls-files", "*.md", "*.ts", "*.mjs", "*.json", "*.txt"], { encoding: "utf8" })
      .split("\n")
      .filter((f) => f !== "" && !f.startsWith("test/store/corpus/"));
    expect(files.length).toBeGreaterThan(100);
    const marked = files.filter((f) => /^(<{7} |={7}$|>{7} )/m.test(readFileSync(f, "utf8")));
    expect(marked).toEqual([]);
  });
});
