// Packs the library, installs the tarball into a scratch consumer, and uses it the way users do:
// import from ESM, require from CommonJS (both entry points), and type-check a TypeScript consumer.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { packedConsumer, run } from "./scratch.mjs";

const EXPECTED_FUNCTIONS = [
  "initialState",
  "execute",
  "decide",
  "evolve",
  "replay",
  "can",
  "explain",
  "accessList",
  "filterPermitted",
  "visibilityFilter",
  "openTasks",
  "stepAssignments",
  "visibleContacts",
  "visiblePage",
  "visibleCount",
  "project",
  "resolveStep",
  "toSnapshot",
  "fromSnapshot",
];
const TESTING_FUNCTIONS = ["given", "arbitraryState", "arbitraryCommand"];

const { consumer, check, finish } = packedConsumer("crm-access-consumer", [
  "fast-check@4.10.2",
  "typescript@5.9.3",
  "@types/node@20.19.43",
]);

try {
  const smoke = (_m, testing) => `
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
  writeFileSync(
    join(consumer, "esm.mjs"),
    `import * as m from "crm-access";\nimport * as t from "crm-access/testing";\n${smoke("m", "t")}`,
  );
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
  writeFileSync(
    join(consumer, "cjs.cjs"),
    `const m = require("crm-access");\nconst t = require("crm-access/testing");\n${smoke("m", "t")}`,
  );
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
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ["node"],
      },
      files: ["consumer.ts"],
    }),
  );

  check("the JSON Schemas ship and name every command and event", () => run("node", ["schemas.mjs"], consumer));
  check("ESM import of crm-access and crm-access/testing", () => run("node", ["esm.mjs"], consumer));
  check("CommonJS require of crm-access and crm-access/testing", () => run("node", ["cjs.cjs"], consumer));
  check("TypeScript consumer type-checks (NodeNext, strict)", () =>
    run(join(consumer, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], consumer),
  );
  check("requiring crm-access does not load fast-check; crm-access/testing does", () =>
    run(
      "node",
      [
        "-e",
        `require("crm-access"); const loaded = () => Object.keys(require.cache).some((k) => k.includes("fast-check")); if (loaded()) throw new Error("fast-check loaded by the main entry"); require("crm-access/testing"); if (!loaded()) throw new Error("check is blind: testing did not load fast-check");`,
      ],
      consumer,
    ),
  );
  // D-88: the published declarations are one file per source module, named after it; go-to-definition from a
  // consumer lands on the declaration of the name itself (in the shipped source, through the declaration maps).
  const installed = join(consumer, "node_modules/crm-access");
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)],
    );
  const declarations = walk(join(installed, "dist")).filter((f) => /\.d\.[cm]?ts$/.test(f));
  check("no published declaration file has a hash-like name; each is named after its source module", () => {
    if (declarations.length < 20) throw new Error(`only ${declarations.length} declaration files`);
    const hashLike = (f) => /^chunk-|-(?=[\w]*[A-Z0-9])[\w]{6,12}\.d\.[cm]?ts$/.test(f.split("/").pop());
    const bad = declarations.filter(hashLike).map((f) => relative(installed, f));
    if (bad.length) throw new Error(`hash-like declaration files: ${bad.join(", ")}`);
    const orphans = declarations
      .map((f) =>
        relative(join(installed, "dist"), f)
          .replace(/^types(-cjs)?\//, "src/")
          .replace(/\.d\.[cm]?ts$/, ".ts"),
      )
      .filter((source) => !existsSync(join(installed, source)));
    if (orphans.length) throw new Error(`declarations with no source module of their name: ${orphans.join(", ")}`);
    // The declaration maps lead an editor's go-to-definition on to the shipped TypeScript source.
    const maps = walk(join(installed, "dist")).filter((f) => /\.d\.[cm]?ts\.map$/.test(f));
    if (maps.length !== declarations.length)
      throw new Error(`${declarations.length} declaration files but ${maps.length} declaration maps`);
    const unmapped = maps
      .flatMap((m) => JSON.parse(readFileSync(m, "utf8")).sources.map((source) => join(dirname(m), source)))
      .filter((f) => !existsSync(f));
    if (unmapped.length)
      throw new Error(
        `declaration maps name sources not shipped: ${unmapped.map((f) => relative(installed, f)).join(", ")}`,
      );
  });
  check("`execute`, `can` and `State` are declared under their own names, and go-to-definition reaches them", () => {
    const declared = {
      execute: /export declare function execute\b/,
      can: /export declare function can\b/,
      State: /export (type|interface) State\b/,
    };
    for (const folder of ["types", "types-cjs"]) {
      for (const [name, pattern] of Object.entries(declared)) {
        const files = declarations.filter(
          (f) => f.includes(`/dist/${folder}/`) && pattern.test(readFileSync(f, "utf8")),
        );
        if (files.length !== 1) throw new Error(`${name} is declared in ${files.length} files of dist/${folder}`);
      }
    }
    writeFileSync(
      join(consumer, "definitions.cjs"),
      `const ts = require("typescript");
const path = require("node:path");
const file = path.resolve("consumer.ts");
const config = ts.parseJsonConfigFileContent(ts.readConfigFile("tsconfig.json", ts.sys.readFile).config, ts.sys, process.cwd());
const host = {
  getScriptFileNames: () => config.fileNames,
  getScriptVersion: () => "1",
  getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)) : undefined),
  getCurrentDirectory: () => process.cwd(),
  getCompilationSettings: () => config.options,
  getDefaultLibFileName: ts.getDefaultLibFilePath,
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host);
const text = ts.sys.readFile(file);
const out = {};
for (const name of ["execute", "can", "State"]) {
  const at = text.search(new RegExp("\\\\b" + name + "\\\\b"));
  const [definition] = service.getDefinitionAtPosition(file, at) ?? [];
  if (!definition) { out[name] = null; continue; }
  const source = ts.sys.readFile(definition.fileName);
  out[name] = { file: path.relative(process.cwd(), definition.fileName), text: source.slice(definition.textSpan.start, definition.textSpan.start + definition.textSpan.length) };
}
console.log(JSON.stringify(out));
`,
    );
    const found = JSON.parse(run("node", ["definitions.cjs"], consumer));
    for (const [name, definition] of Object.entries(found)) {
      if (definition === null) throw new Error(`no definition found for ${name}`);
      if (definition.text !== name)
        throw new Error(`go-to-definition of ${name} lands on "${definition.text}" in ${definition.file}`);
      if (
        !/^node_modules\/crm-access\/(src|dist\/types)\/[\w/-]+\.(d\.)?ts$/.test(definition.file) ||
        /chunk|-[\w]*[A-Z0-9][\w]*\./.test(definition.file)
      )
        throw new Error(`${name} is defined in ${definition.file}`);
      console.log(`     ${name} → ${definition.file}`);
    }
  });
  check("every relative link of the README and the shipped docs leads to a file in the package", () => {
    const pages = [join(installed, "README.md"), ...walk(join(installed, "docs")).filter((f) => f.endsWith(".md"))];
    if (pages.length < 10) throw new Error(`only ${pages.length} pages shipped`);
    const broken = pages.flatMap((page) =>
      [...readFileSync(page, "utf8").matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1].split("#")[0])
        .filter((target) => target !== "" && !/^[a-z]+:/.test(target))
        .filter((target) => !existsSync(join(dirname(page), target)))
        .map((target) => `${relative(installed, page)} → ${target}`),
    );
    if (broken.length) throw new Error(`broken links: ${broken.join(", ")}`);
  });
} finally {
  finish("all package checks passed");
}
