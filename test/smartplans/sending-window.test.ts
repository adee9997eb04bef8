import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { decodeConfiguration, DEFAULT_CONFIGURATION } from "../../src/index.js";
import { isTimeZone, monthOf, nextOpening } from "../../src/smartplans/sending-window.js";
import { decodeCommand } from "../../src/index.js";

const chicago = { start: "10:00", end: "19:00", timeZone: "America/Chicago" };

describe("the text sending window and calendar months in the office's time zone (SP-4, SP-5)", () => {
  it("knows an IANA time zone from a made-up one", () => {
    expect(isTimeZone("America/Chicago")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });

  it("counts email months by the office's calendar, not UTC (SP-4)", () => {
    expect(monthOf("2026-04-01T04:59:00Z", "America/Chicago")).toBe("2026-03"); // 23:59 CDT on 31 March
    expect(monthOf("2026-04-01T05:00:00Z", "America/Chicago")).toBe("2026-04");
    expect(monthOf("2025-12-31T15:00:00Z", "Asia/Tokyo")).toBe("2026-01");
    expect(monthOf("2026-01-31T23:00:00Z", "UTC")).toBe("2026-01");
  });

  it("texts go out from the window's first minute up to, not including, its closing minute (SP-5)", () => {
    expect(nextOpening("2026-03-02T16:00:00Z", chicago)).toBeNull(); // 10:00 CST
    expect(nextOpening("2026-03-03T00:59:00Z", chicago)).toBeNull(); // 18:59
    expect(nextOpening("2026-03-03T01:00:00Z", chicago)).toBe("2026-03-03T16:00:00.000Z"); // 19:00: tomorrow at 10:00
  });

  it("before the window opens, a text waits for today's opening, to the minute", () => {
    expect(nextOpening("2026-03-02T15:59:00Z", chicago)).toBe("2026-03-02T16:00:00.000Z");
    expect(nextOpening("2026-03-02T15:59:30Z", chicago)).toBe("2026-03-02T16:00:00.000Z");
    expect(nextOpening("2026-03-02T15:15:00Z", { ...chicago, start: "09:30" })).toBe("2026-03-02T15:30:00.000Z");
  });

  it("after it closes, a text waits for tomorrow's opening", () => {
    expect(nextOpening("2026-03-02T03:00:00Z", chicago)).toBe("2026-03-02T16:00:00.000Z"); // 21:00 on 1 March
  });

  it("across the change to daylight time the opening is still 10:00 on the wall clock", () => {
    // 21:00 CST on 7 March; clocks go forward at 02:00 on 8 March, so 10:00 CDT is 15:00 UTC.
    expect(nextOpening("2026-03-08T03:00:00Z", chicago)).toBe("2026-03-08T15:00:00.000Z");
    // And back: 21:00 CDT on 31 October; 10:00 CST on 1 November is 16:00 UTC.
    expect(nextOpening("2026-11-01T02:00:00Z", chicago)).toBe("2026-11-01T16:00:00.000Z");
  });

  it("a configuration whose window closes before it opens is refused, as is an unknown time zone", () => {
    const bad = [
      { ...DEFAULT_CONFIGURATION, textWindow: { start: "19:00", end: "10:00" } },
      { ...DEFAULT_CONFIGURATION, textWindow: { start: "10:00", end: "10:00" } },
      { ...DEFAULT_CONFIGURATION, officeTimeZone: "Mars/Olympus_Mons" },
    ];
    for (const configuration of bad) expect(decodeConfiguration(configuration)._tag).toBe("Left");
    const refused = decodeCommand({
      type: "changeConfiguration",
      actor: "admin",
      at: "2026-03-02T17:00:00Z",
      account: { kind: "office" },
      configuration: bad[0],
    });
    expect(E.isLeft(refused) && refused.left.message).toMatch(/opens before it closes/);
    expect(decodeConfiguration(DEFAULT_CONFIGURATION)).toEqual(E.right(DEFAULT_CONFIGURATION));
  });
});
