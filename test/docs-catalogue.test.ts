import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CommandSchema, ERROR_CODES, EventSchema, HTTP_STATUS } from "../src/index.js";

const read = (file: string): string => readFileSync(join(import.meta.dirname, "..", "docs", file), "utf8");

describe("the documentation lists what the code has", () => {
  it("docs/events.md names every event and command", () => {
    const text = read("events.md");
    for (const o of [...EventSchema.options, ...CommandSchema.options]) expect(text).toContain(`\`${o.shape.type.value}\``);
  });

  it("docs/errors.md names every error code with its suggested HTTP status", () => {
    expect(ERROR_CODES.length).toBeGreaterThan(30);
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    const text = read("errors.md");
    for (const code of ERROR_CODES) expect(text, code).toMatch(new RegExp(`^\\| \`${code}\` \\| [^|]+ \\| ${HTTP_STATUS[code]} \\|`, "m"));
  });
});
