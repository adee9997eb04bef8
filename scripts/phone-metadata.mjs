// Writes src/lifecycle/phone-metadata.json: libphonenumber-js's full ("max") metadata without the number formats
// (index 4 of each country's array), which only formatting, as-you-type input and findNumbers read. crm-access parses,
// validates against the full type patterns (LIF-6: the area code must exist) and outputs E.164, none of which reads a
// format; the formats were about 9 KB of a browser bundle, gzipped (D-86). `test/lifecycle/phone-metadata.test.ts`
// checks that the committed file is what this script makes from the installed libphonenumber-js, so an upgrade that
// is not followed by `node scripts/phone-metadata.mjs` fails the tests.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const FORMATS = 4; // the position of `formats` in a country's array, metadata version 4
export const OUTPUT = new URL("../src/lifecycle/phone-metadata.json", import.meta.url);

/** The text of phone-metadata.json, one country per line so an upgrade reads as a diff. */
export function phoneMetadata() {
  const require = createRequire(import.meta.url);
  const max = JSON.parse(readFileSync(require.resolve("libphonenumber-js/metadata.max.json"), "utf8"));
  if (max.version !== 4)
    throw new Error(
      `libphonenumber-js metadata version ${max.version}: check the position of formats before regenerating`,
    );
  // 0 is the compressed metadata's "absent": `formats()` then answers [] (libphonenumber-js source/metadata.js).
  const strip = (plans) =>
    Object.entries(plans).map(
      ([key, plan]) => `${JSON.stringify(key)}:${JSON.stringify(plan.map((v, i) => (i === FORMATS ? 0 : v)))}`,
    );
  const block = (lines) => `{\n${lines.join(",\n")}\n}`;
  const PLANS = new Set(["countries", "nonGeographic"]);
  const fields = Object.entries(max).map(
    ([key, value]) => `${JSON.stringify(key)}:${PLANS.has(key) ? block(strip(value)) : JSON.stringify(value)}`,
  );
  return `{${fields.join(",\n")}}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeFileSync(OUTPUT, phoneMetadata());
  console.log(`wrote ${OUTPUT.pathname}`);
}
