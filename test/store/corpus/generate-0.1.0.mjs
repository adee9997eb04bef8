// Writes the frozen corpus of crm-access 0.1.0 (commit 361b9fe) with 0.1.0's own code. Not run by the tests: the
// corpus is frozen, and this records how it was made. To regenerate (it should never be needed):
//   git worktree add /tmp/v010 361b9fe && ln -s "$PWD/node_modules" /tmp/v010/node_modules
//   cp test/store/corpus/generate-0.1.0.mjs /tmp/v010/ && (cd /tmp/v010 && npx tsx generate-0.1.0.mjs "$OLDPWD/test/store/corpus/0.1.0")
//   git worktree remove --force /tmp/v010
// Each of 0.1.0's five hand-written golden scenes (test/golden/scenes.ts) runs after the test kit's SETUP as one
// office's stream: the configuration its state began with (`initialState(configuration)`), its events as stored
// JSON, and the snapshot 0.1.0 wrote at its end; event-types.json lists every event type 0.1.0 had.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EventSchema, execute, initialState, toSnapshot } from "./src/index.ts";
import { SETUP } from "./src/testing/index.ts";
import { ACCOUNTS, AT, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS } from "./test/golden/scenes.ts";

const out = process.argv[2];
if (out === undefined) throw new Error("usage: generate-0.1.0.mjs <output directory>");
const seen = new Set();
for (const [name, scene] of Object.entries({ accounts: ACCOUNTS, contacts: CONTACTS, lifecycle: LIFECYCLE, sharing: SHARING, smartplans: SMARTPLANS })) {
  let state = initialState(scene.configuration);
  const events = [];
  for (const command of [...SETUP, ...scene.commands.map((loose) => ({ at: AT, ...loose }))]) {
    const r = execute(state, command);
    if (r._tag === "Left") continue; // refusals leave no trace, as in the scene
    state = r.right.state;
    events.push(...r.right.events);
  }
  for (const event of events) seen.add(event.type);
  writeFileSync(join(out, `${name}.configuration.json`), `${JSON.stringify(scene.configuration)}\n`);
  writeFileSync(join(out, `${name}.events.json`), `${JSON.stringify(events, null, 1)}\n`);
  writeFileSync(join(out, `${name}.snapshot.json`), `${JSON.stringify(toSnapshot(state))}\n`);
}
const all = EventSchema.options.map((schema) => schema.shape.type.value);
const missing = all.filter((type) => !seen.has(type));
writeFileSync(join(out, "event-types.json"), `${JSON.stringify({ version: "0.1.0", commit: "361b9fe", eventTypes: all }, null, 1)}\n`);
console.log(`${seen.size} of ${all.length} event types written; missing: ${missing.join(", ") || "none"}`);
