import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CommandSchema, EventSchema } from "../src/index.js";

const read = (file: string): string => readFileSync(join(import.meta.dirname, "..", "docs", file), "utf8");

describe("the documentation lists what the code has", () => {
  it("docs/events.md names every event and command", () => {
    const text = read("events.md");
    for (const o of [...EventSchema.options, ...CommandSchema.options]) expect(text).toContain(`\`${o.shape.type.value}\``);
  });

  it("docs/errors.md names every error code", () => {
    const source = readFileSync(join(import.meta.dirname, "..", "src", "errors.ts"), "utf8");
    const codes = [...source.matchAll(/\| "([a-z_]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(30);
    const text = read("errors.md");
    for (const code of codes) expect(text).toContain(`\`${code}\``);
  });
});
