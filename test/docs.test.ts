import { readdirSync } from "node:fs";
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
