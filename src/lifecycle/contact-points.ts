import {
  isSupportedCountry as isSupportedIn,
  parsePhoneNumberFromString as parseWith,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from "libphonenumber-js/core";
import metadataJson from "./phone-metadata.json" with { type: "json" };
import * as z from "zod";

const EmailAddress = z.email();
const E164 = /^\+[1-9]\d{6,14}$/;

/** The key an email address is matched and opted out by: trimmed, lower case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * LIF-5: present and well-formed.
 * @example
 * import { isValidEmail } from "crm-access";
 * assert.strictEqual(isValidEmail("bea@example.com"), true);
 * assert.strictEqual(isValidEmail("bea@"), false);
 * @since 0.1.0
 */
export function isValidEmail(email: string): boolean {
  return EmailAddress.safeParse(email.trim()).success;
}

/**
 * libphonenumber-js's full metadata without the number formats, which nothing here reads
 * (`scripts/phone-metadata.mjs`, D-86).
 */
const METADATA = metadataJson as unknown as MetadataJson;

/** Whether libphonenumber has a numbering plan for this ISO 3166 alpha-2 code. */
export function isSupportedCountry(country: string): country is CountryCode {
  return isSupportedIn(country as CountryCode, METADATA);
}

/** libphonenumber's `parsePhoneNumberFromString` over the full metadata (its `max` build without formats). */
export function parsePhone(raw: string, defaultCountry?: CountryCode): PhoneNumber | undefined {
  return defaultCountry === undefined ? parseWith(raw, METADATA) : parseWith(raw, { defaultCountry }, METADATA);
}

/**
 * LIF-6: a phone number is valid when its area code exists, as libphonenumber's full metadata says.
 * Returns the number in E.164, or null when it is not a valid number.
 * @example
 * import { normalizePhone } from "crm-access";
 * assert.strictEqual(normalizePhone("(312) 555-0147", "US"), "+13125550147");
 * // Area code 999 does not exist.
 * assert.strictEqual(normalizePhone("+1 999 555 0100", "US"), null);
 * @since 0.1.0
 */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const parsed = parsePhone(raw, isSupportedCountry(defaultCountry) ? defaultCountry : undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/** A stored phone that decide normalised (it only stores valid numbers in E.164 form; others as typed). */
export function isNormalizedPhone(phone: string): boolean {
  return E164.test(phone);
}
