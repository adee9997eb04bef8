import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as kit from "../../src/testing/index.js";

describe("docs/testing.md documents the kit", () => {
  it("names every export of crm-access/testing", () => {
    const text = readFileSync(join(import.meta.dirname, "../../docs/testing.md"), "utf8");
    const missing = Object.keys(kit).filter((name) => !text.includes(`\`${name}`) && !text.includes(`${name}(`));
    expect(missing).toEqual([]);
  });
});
