import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
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
 * isValidEmail("bea@example.com"); // true
 * isValidEmail("bea@"); // false
 * @since 0.1.0
 */
export function isValidEmail(email: string): boolean {
  return EmailAddress.safeParse(email.trim()).success;
}

/**
 * LIF-6: a phone number is valid when its area code exists, as libphonenumber's full metadata says.
 * Returns the number in E.164, or null when it is not a valid number.
 * @example
 * import { normalizePhone } from "crm-access";
 * normalizePhone("(312) 555-0147", "US"); // "+13125550147"
 * normalizePhone("+1 999 555 0100", "US"); // null: area code 999 does not exist
 * @since 0.1.0
 */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw, country === undefined ? undefined : { defaultCountry: country });
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
}

/** A stored phone that decide normalised (it only stores valid numbers in E.164 form; others as typed). */
export function isNormalizedPhone(phone: string): boolean {
  return E164.test(phone);
}
