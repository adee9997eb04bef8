// Uses crm-access/testing as a consumer would, from the packed package (run after `npm run build`): packs the
// library, installs the tarball and fast-check into a scratch project, and runs there a small property with the
// kit's world and its oracle — the library held to the oracle after every command, and a deliberately wrong
// service caught — plus the readable output of a generated state. Exits non-zero when any check fails.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packedConsumer, run } from "./scratch.mjs";

const property = `import fc from "fast-check";
import { contactIds, can, DEFAULT_CONFIGURATION } from "crm-access";
import { defineWorld, librarySystem, modelRun, oracle, oracleCommands } from "crm-access/testing";

// 1. The kit's world: states with many contacts, in which the admin sees every team contact (REA-2).
const world = defineWorld({ users: 10, teams: 3, contacts: 60, configuration: "any" });
let sizes = [];
fc.assert(
  fc.property(world.state({ maxCommands: 20 }), ({ state }) => {
    sizes.push(contactIds(state).length);
    return contactIds(state).filter((c) => world.homes[c].kind === "team").every((c) => can(state, world.admin, "view", c));
  }),
  { numRuns: 20, seed: 7 },
);
if (Math.min(...sizes) < 30) throw new Error("the world drew small states: " + sizes.join(","));

// 2. The library against the oracle, after every command.
const small = defineWorld({ contacts: 4 });
fc.assert(fc.property(small.configuration(), oracleCommands(small, { maxCommands: 20 }), (configuration, commands) => modelRun(small, configuration, commands)), { numRuns: 30, seed: 7 });

// 3. The same property fails on a wrong service: one that lets any editor delete (ACC-9 says only unlimited may).
const wrong = (state) => {
  const inner = librarySystem(state);
  return { ...inner, can: (u, action, c) => (action === "delete" ? inner.can(u, "edit", c) : inner.can(u, action, c)) };
};
const report = fc.check(fc.property(oracleCommands(small, { maxCommands: 20 }), (commands) => modelRun(small, DEFAULT_CONFIGURATION, commands, wrong)), { numRuns: 100, seed: 7 });
if (!report.failed) throw new Error("the oracle did not catch a wrong service");

// 4. The oracle answers on its own.
if (oracle.visibleContacts(oracle.start(small, DEFAULT_CONFIGURATION), "u1").length !== 0) throw new Error("oracle: contacts before any add");

// 5. A generated state prints as a summary, not as tries.
const [generated] = fc.sample(world.state({ maxCommands: 5 }), { numRuns: 1, seed: 1 });
const printed = fc.stringify(generated);
if (!printed.startsWith("State(office: o1") || printed.includes('"root"') || printed.length > 4000) throw new Error("unreadable: " + printed.slice(0, 300));
console.log("states of " + Math.min(...sizes) + "–" + Math.max(...sizes) + " contacts; the wrong service was caught: " + String(report.errorInstance).split("\\n")[0]);
`;

const { consumer, check, finish } = packedConsumer("crm-access-kit-consumer", ["fast-check@4.10.2"]);
try {
  writeFileSync(join(consumer, "property.mjs"), property);
  writeFileSync(
    join(consumer, "require.cjs"),
    `const fc = require("fast-check");
const t = require("crm-access/testing");
for (const name of ["defineWorld", "oracle", "oracleCommands", "modelRun", "librarySystem", "describeState", "given", "SetupRefused"]) if (t[name] === undefined) throw new Error("missing: " + name);
const world = t.defineWorld({ contacts: 3 });
fc.assert(fc.property(t.oracleCommands(world, { maxCommands: 10 }), (commands) => t.modelRun(world, require("crm-access").DEFAULT_CONFIGURATION, commands)), { numRuns: 5, seed: 1 });
`,
  );
  check("a property with the kit's world and oracle, from the packed package (ESM)", () =>
    run("node", ["property.mjs"], consumer),
  );
  check("the kit from CommonJS", () => run("node", ["require.cjs"], consumer));
} finally {
  finish("the kit works from the packed package");
}
