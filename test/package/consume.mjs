// Packs the library, installs the tarball into a scratch consumer, and uses it the way users do:
// import from ESM, require from CommonJS (both entry points), and type-check a TypeScript consumer.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const EXPECTED_FUNCTIONS = ["initialState", "execute", "decide", "evolve", "replay", "can", "explain", "accessList", "filterPermitted", "visibleContacts", "visiblePage", "visibleCount", "project", "resolveStep", "toSnapshot", "fromSnapshot"];
const TESTING_FUNCTIONS = ["given", "arbitraryState", "arbitraryCommand"];

const root = new URL("../..", import.meta.url).pathname;
const packDir = mkdtempSync(join(tmpdir(), "crm-access-pack-"));
const consumer = mkdtempSync(join(tmpdir(), "crm-access-consumer-"));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
let failed = 0;
const check = (name, fn) => {
  try {
    fn();
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n${String(error.stdout ?? "")}${String(error.stderr ?? "")}${error.message}`);
  }
};

try {
  const tarball = join(packDir, run("npm", ["pack", "--silent", "--pack-destination", packDir], root).trim().split("\n").pop());
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--silent", tarball, "fast-check@4.10.2", "typescript@5.9.3", "@types/node@20.19.43"], consumer);

  const smoke = (m, testing) => `
const missing = ${JSON.stringify(EXPECTED_FUNCTIONS)}.filter((n) => typeof m[n] !== "function");
if (missing.length) throw new Error("missing exports: " + missing.join(", "));
const missingTesting = ${JSON.stringify(TESTING_FUNCTIONS)}.filter((n) => typeof ${testing}[n] !== "function");
if (missingTesting.length) throw new Error("missing testing exports: " + missingTesting.join(", "));
const s = m.initialState();
if (!Object.isFrozen(s)) throw new Error("initialState() is not frozen");
const r = m.execute(s, { type: "openOffice", actor: "ada", at: "2026-03-02T09:00:00Z", account: { kind: "office" }, officeId: "o", officeName: "O", adminName: "Ada" });
if (r._tag !== "Right" || r.right.state.office.name !== "O") throw new Error("execute did not open the office");
if (m.normalizePhone("(312) 555-0147", "US") !== "+13125550147") throw new Error("phone numbers are not read");
`;
  writeFileSync(join(consumer, "esm.mjs"), `import * as m from "crm-access";\nimport * as t from "crm-access/testing";\n${smoke("m", "t")}`);
  // The JSON Schemas ship with the package, and each names every command and event type.
  writeFileSync(
    join(consumer, "schemas.mjs"),
    `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as m from "crm-access";
const read = (name) => JSON.parse(readFileSync(createRequire(import.meta.url).resolve("crm-access/schemas/" + name + ".schema.json"), "utf8"));
for (const [name, types] of [["command", m.COMMAND_TYPES], ["event", m.EVENT_TYPES]]) {
  const text = JSON.stringify(read(name));
  if (!(types.length > 40)) throw new Error(name + " types are not listed");
  const missing = types.filter((type) => !text.includes(JSON.stringify(type)));
  if (missing.length) throw new Error(name + " schema lacks " + missing.join(", "));
}
for (const name of ["snapshot", "configuration"]) if (read(name).type !== "object") throw new Error(name + " schema is not an object schema");
`,
  );
  writeFileSync(join(consumer, "cjs.cjs"), `const m = require("crm-access");\nconst t = require("crm-access/testing");\n${smoke("m", "t")}`);
  writeFileSync(
    join(consumer, "consumer.ts"),
    `import { can, execute, initialState, type Command, type State } from "crm-access";
import { given } from "crm-access/testing";
const open: Command = { type: "openOffice", actor: "ada", at: "2026-03-02T09:00:00Z", account: { kind: "office" }, officeId: "o", officeName: "O", adminName: "Ada" };
const r = execute(initialState(), open);
const state: State | null = r._tag === "Right" ? r.right.state : null;
const allowed: boolean = state === null ? false : can(state, "ada", "view", "c1");
given([]).when(open).then([]);
export { allowed };
`,
  );
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] }, files: ["consumer.ts"] }),
  );

  check("the JSON Schemas ship and name every command and event", () => run("node", ["schemas.mjs"], consumer));
  check("ESM import of crm-access and crm-access/testing", () => run("node", ["esm.mjs"], consumer));
  check("CommonJS require of crm-access and crm-access/testing", () => run("node", ["cjs.cjs"], consumer));
  check("TypeScript consumer type-checks (NodeNext, strict)", () => run(join(consumer, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], consumer));
  check("requiring crm-access does not load fast-check; crm-access/testing does", () =>
    run(
      "node",
      ["-e", `require("crm-access"); const loaded = () => Object.keys(require.cache).some((k) => k.includes("fast-check")); if (loaded()) throw new Error("fast-check loaded by the main entry"); require("crm-access/testing"); if (!loaded()) throw new Error("check is blind: testing did not load fast-check");`],
      consumer,
    ),
  );
} finally {
  rmSync(packDir, { recursive: true, force: true });
  rmSync(consumer, { recursive: true, force: true });
}
if (failed > 0) {
  console.log(`${failed} package check(s) failed`);
  process.exit(1);
}
console.log("all package checks passed");
