import fc from "fast-check";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import examples from "libphonenumber-js/examples.mobile.json" with { type: "json" };
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry as maxIsSupportedCountry,
  parsePhoneNumberFromString as maxParse,
  type CountryCode,
} from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { normalizePhone } from "../../src/index.js";
import { isSupportedCountry, parsePhone } from "../../src/lifecycle/contact-points.js";

/**
 * D-86: the library reads phone numbers with libphonenumber-js's full metadata stripped of its number formats. The
 * oracle is libphonenumber-js's own `max` build, which knows nothing of the stripped copy: for any input, LIF-6's
 * answer (E.164 when the number is valid for its numbering plan, with its area code, else null) must be the same.
 */
const oracle = (raw: string, country: string): string | null => {
  const parsed = maxParse(raw, maxIsSupportedCountry(country) ? { defaultCountry: country as CountryCode } : undefined);
  return parsed?.isValid() ? parsed.number : null;
};

const COUNTRIES = getCountries();
const MAX = createRequire(import.meta.url)("libphonenumber-js/metadata.max.json") as {
  countries: Record<string, readonly unknown[]>;
};
/** The national prefix ("0" in GB, "1" in the US), position 5 of a country's array in libphonenumber's metadata. */
const nationalPrefix = (country: CountryCode): string => {
  const prefix = MAX.countries[country]?.[5];
  return typeof prefix === "string" ? prefix : "";
};
const example = (country: CountryCode): string => (examples as Record<string, string | undefined>)[country] ?? "";

/** A number as people write it: separators between groups of digits, sometimes parentheses around the first group. */
const written = (digits: string, cuts: readonly number[], separator: string, parenthesised: boolean): string => {
  const points = [...new Set(cuts.map((c) => c % (digits.length + 1)))]
    .filter((c) => c > 0 && c < digits.length)
    .sort((a, b) => a - b);
  const groups = points.map((p, i) => digits.slice(i === 0 ? 0 : points[i - 1], p));
  groups.push(digits.slice(points.at(-1) ?? 0));
  if (parenthesised && groups.length > 1) groups[0] = `(${groups[0]})`;
  return groups.join(separator);
};

/** National digits: a real example's leading digits (a real area code) kept for `keep` digits, the rest drawn. */
const arbitraryNational = (country: CountryCode): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .record({
        keep: fc.nat({ max: 12 }),
        tail: fc.stringMatching(/^\d{0,12}$/),
        shorten: fc.integer({ min: -2, max: 2 }),
      })
      .map(({ keep, tail, shorten }) => {
        const real = example(country);
        const head = real.slice(0, Math.min(keep, real.length));
        const length = Math.max(1, real.length + shorten);
        return (head + tail).padEnd(length, "5").slice(0, Math.max(length, head.length));
      }),
    fc.stringMatching(/^\d{1,17}$/),
  );

const arbitraryWritten: fc.Arbitrary<{ raw: string; country: string }> = fc
  .constantFrom(...COUNTRIES)
  .chain((country) =>
    fc.record({
      country: fc.constant<string>(country),
      national: arbitraryNational(country),
      form: fc.constantFrom("national", "withPrefix", "international", "idd", "otherPlan"),
      other: fc.constantFrom(...COUNTRIES),
      cuts: fc.array(fc.nat({ max: 20 }), { maxLength: 4 }),
      separator: fc.constantFrom("", " ", "-", ".", " - "),
      parenthesised: fc.boolean(),
    }),
  )
  .map(({ country, national, form, other, cuts, separator, parenthesised }) => {
    const body = written(national, cuts, separator, parenthesised);
    const code = getCountryCallingCode(country as CountryCode);
    const raw =
      form === "national"
        ? body
        : form === "withPrefix"
          ? `${nationalPrefix(country as CountryCode)}${body}`
          : form === "international"
            ? `+${code} ${body}`
            : form === "idd"
              ? `00${code}${separator}${body}`
              : `+${getCountryCallingCode(other)} ${body}`;
    return { raw, country };
  });

describe("D-86: phone numbers are read with libphonenumber's full metadata, formats stripped", () => {
  it("the committed src/lifecycle/phone-metadata.json is what scripts/phone-metadata.mjs makes from the installed libphonenumber-js", async () => {
    const script = (await import(
      pathToFileURL(join(import.meta.dirname, "../../scripts/phone-metadata.mjs")).href
    )) as { phoneMetadata: () => string };
    const committed = readFileSync(join(import.meta.dirname, "../../src/lifecycle/phone-metadata.json"), "utf8");
    expect(
      committed === script.phoneMetadata(),
      "run `node scripts/phone-metadata.mjs` after upgrading libphonenumber-js",
    ).toBe(true);
  });

  it("LIF-6: fixed cases — national and international forms, real and non-existent area codes", () => {
    const cases: readonly [string, string, string | null][] = [
      ["(312) 555-0147", "US", "+13125550147"],
      ["312-555-0147", "US", "+13125550147"],
      ["+1 312 555 0147", "GB", "+13125550147"],
      ["+1 999 555 0100", "US", null],
      ["(999) 555-0100", "US", null],
      ["(212) 555-0100", "US", "+12125550100"],
      ["020 7946 0018", "GB", "+442079460018"],
      ["+44 20 7946 0018", "US", "+442079460018"],
      ["07400 123456", "GB", "+447400123456"],
      ["0412 345 678", "AU", "+61412345678"],
      ["(02) 9374 4000", "AU", "+61293744000"],
      ["030 123456", "DE", "+4930123456"],
      ["01 23 45 67 89", "FR", "+33123456789"],
      ["0 800 123 4567", "US", null],
      ["12", "US", null],
      ["", "US", null],
      ["not a number", "US", null],
      ["312 555 0147", "ZZ", null],
      ["+13125550147", "ZZ", "+13125550147"],
      ["+13125550147", "us", "+13125550147"],
    ];
    for (const [raw, country, expected] of cases) {
      expect(oracle(raw, country), `the oracle on ${raw} (${country})`).toBe(expected);
      expect(normalizePhone(raw, country), `${raw} (${country})`).toBe(expected);
    }
  });

  it("LIF-6: every supported country's example mobile number, nationally, with its national prefix and internationally", () => {
    for (const country of COUNTRIES) {
      const national = example(country);
      const code = getCountryCallingCode(country);
      const digits = national.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
      for (const raw of [
        national,
        `${nationalPrefix(country)}${national}`,
        `+${code}${national}`,
        `+${code} ${digits}`,
        `${national}0`,
        national.slice(0, -1),
      ]) {
        expect(normalizePhone(raw, country), `${raw} (${country})`).toBe(oracle(raw, country));
      }
    }
  });

  it("LIF-6: normalizePhone answers as libphonenumber-js/max for numbers drawn across every supported country", () => {
    // Not vacuous: a good share of the drawn numbers is valid, and a good share is not.
    const sample = fc.sample(arbitraryWritten, 2000);
    const valid = sample.filter(({ raw, country }) => oracle(raw, country) !== null).length;
    expect(valid).toBeGreaterThan(sample.length * 0.15);
    expect(valid).toBeLessThan(sample.length * 0.85);
    fc.assert(
      fc.property(arbitraryWritten, ({ raw, country }) => {
        expect(normalizePhone(raw, country)).toBe(oracle(raw, country));
      }),
      { numRuns: 4000 },
    );
  });

  it("LIF-6: random digit strings of several lengths, with and without a plus, under any default country", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?\d{1,18}$/), fc.constantFrom(...COUNTRIES, "ZZ", "", "us"), (raw, country) => {
        expect(normalizePhone(raw, country)).toBe(oracle(raw, country));
      }),
      { numRuns: 2000 },
    );
  });

  it("SP-5: the country a stored E.164 number belongs to (domestic or international credits) is read as libphonenumber-js/max reads it", () => {
    fc.assert(
      fc.property(arbitraryWritten, ({ raw, country }) => {
        const e164 = oracle(raw, country);
        fc.pre(e164 !== null);
        expect(parsePhone(e164 as string)?.country).toBe(maxParse(e164 as string)?.country);
      }),
      { numRuns: 1000 },
    );
  });

  it("isSupportedCountry answers as libphonenumber-js/max for every two-letter code and a few that are not", () => {
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const codes = [...letters].flatMap((a) => [...letters].map((b) => a + b));
    for (const code of [...codes, "", "us", "U", "USA", "001", "constructor", "__proto__"]) {
      expect(isSupportedCountry(code), code).toBe(maxIsSupportedCountry(code as CountryCode));
    }
  });
});
