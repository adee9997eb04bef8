import { describe, expect, it } from "vitest";
import { isValidEmail, normalizePhone } from "../../src/index.js";
import { emailKey, isNormalizedPhone } from "../../src/lifecycle/contact-points.js";

describe("email addresses and phone numbers (LIF-5, LIF-6)", () => {
  it("an email address is matched and opted out by its trimmed, lower-case form", () => {
    expect(emailKey("  Ann@Example.COM ")).toBe("ann@example.com");
  });

  it("an email is valid when present and well formed, spaces around it aside (LIF-5)", () => {
    expect(isValidEmail(" bea@example.com ")).toBe(true);
    expect(isValidEmail("bea@")).toBe(false);
    expect(isValidEmail("")).toBe(false);
    expect(isValidEmail("bea example.com")).toBe(false);
  });

  it("a phone number is valid when its area code exists, read in the office's country unless it says its own (LIF-6)", () => {
    expect(normalizePhone("(312) 555-0147", "US")).toBe("+13125550147");
    expect(normalizePhone("020 7946 0018", "GB")).toBe("+442079460018");
    expect(normalizePhone("+44 20 7946 0018", "US")).toBe("+442079460018");
    expect(normalizePhone("+1 999 555 0100", "US")).toBeNull();
    expect(normalizePhone("12", "US")).toBeNull();
    // A country the numbering plan does not know: only numbers with their own country code are read.
    expect(normalizePhone("(312) 555-0147", "ZZ")).toBeNull();
    expect(normalizePhone("+1 312 555 0147", "ZZ")).toBe("+13125550147");
  });

  it("only a whole E.164 number counts as normalised", () => {
    expect(isNormalizedPhone("+13125550147")).toBe(true);
    expect(isNormalizedPhone("13125550147")).toBe(false);
    expect(isNormalizedPhone("+13125550147 ext 2")).toBe(false);
    expect(isNormalizedPhone("tel:+13125550147")).toBe(false);
    expect(isNormalizedPhone("+0123456789")).toBe(false);
  });
});
