import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_TYPES, ERROR_CODES, EVENT_TYPES, HTTP_STATUS } from "../src/index.js";

const read = (file: string): string => readFileSync(join(import.meta.dirname, "..", "docs", file), "utf8");

describe("the documentation lists what the code has", () => {
  it("docs/events.md names every event and command", () => {
    const text = read("events.md");
    for (const type of [...EVENT_TYPES, ...COMMAND_TYPES]) expect(text).toContain(`\`${type}\``);
  });

  it("docs/errors.md names every error code with its suggested HTTP status", () => {
    expect(ERROR_CODES.length).toBeGreaterThan(30);
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    const text = read("errors.md");
    for (const code of ERROR_CODES)
      expect(text, code).toMatch(new RegExp(`^\\| \`${code}\` \\| [^|]+ \\| ${HTTP_STATUS[code]} \\|`, "m"));
  });
});
