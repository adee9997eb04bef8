/**
 * Properties of the example service, written with the consumer test kit (crm-access/testing) as a service's own
 * tests would be: random commands from the kit's world go through the HTTP API (Fastify's `inject`, in process), and
 * the API's answers are checked against the kit's oracle — the rules restated independently of the library — and
 * against a restarted service.
 */
import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, type Command } from "../../src/index.js";
import { arbitraryOracleCommand, defineWorld, oracle, type OracleModel } from "../../src/testing/index.js";
import { DEFAULT_CONFIGURATION } from "../../src/index.js";
import { inProcess, type Running } from "./harness.js";

/** Each run drives a whole office through the API: a tenth of the laws' runs, at least 3. */
const RUNS = Math.max(3, Math.round(Number(process.env.PROPERTY_RUNS ?? 60) / 10));
const world = defineWorld();
const USERS = [world.admin, ...world.users];

let db: PGlite;
let office = 0;
beforeAll(async () => {
  db = await PGlite.create();
}, 120_000);
afterAll(async () => {
  await db.close();
});

/** The command as a client sends it: its actor is the caller, its time the service's. */
function post(s: Running, path: string, command: Command) {
  const { actor, at: _at, ...body } = command;
  return s.call(actor, "POST", `${path}/commands`, body);
}

/** Runs the world's setup and `commands` through the API of a new office; the oracle's model after them. */
async function drive(s: Running, path: string, commands: readonly Command[]): Promise<OracleModel> {
  for (const command of world.setup) {
    const a = await post(s, path, command);
    if (a.status !== 200) throw new Error(`setup refused: ${a.text}`);
  }
  let model = oracle.start(world, DEFAULT_CONFIGURATION);
  for (const command of commands) {
    const a = await post(s, path, command);
    const next = oracle.apply(model, command);
    // The API accepts what the rules accept, and refuses the rest with one of the library's codes.
    expect(a.status === 200, `${command.type} by ${command.actor}: ${a.text}`).toBe(next !== null);
    if (a.status !== 200) expect(ERROR_CODES).toContain((a.json as { code: string }).code);
    if (next !== null) model = next;
  }
  return model;
}

/** Every read of every user: contacts listed, each contact read, its access list and an explanation. */
async function answers(s: Running, path: string): Promise<string[]> {
  const out: string[] = [];
  for (const u of USERS) {
    const list = await s.call(u, "GET", `${path}/contacts?limit=100`);
    out.push(`${u} lists → ${list.status} v${list.version} ${list.text}`);
    for (const c of [...world.contacts, "missing"]) {
      for (const tail of ["", "/access", `/explain?user=${world.users[0] as string}&action=edit`]) {
        const a = await s.call(u, "GET", `${path}/contacts/${c}${tail}`);
        out.push(`${u} ${c}${tail} → ${a.status} v${a.version} ${a.text}`);
      }
    }
  }
  return out;
}

const commands = fc.array(arbitraryOracleCommand(world), { minLength: 1, maxLength: 25 });

describe("the example service, against the kit's oracle", () => {
  it("the API never returns a contact the caller cannot view, and hides it as if it did not exist (ACC-5, SEC-2)", async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (drawn) => {
        const s = await inProcess(db, 1_000);
        const path = `/offices/p${office++}`;
        try {
          const model = await drive(s, path, drawn);
          for (const u of USERS) {
            const visible = oracle.visibleContacts(model, u, "view");
            const list = await s.call(u, "GET", `${path}/contacts?limit=100`);
            expect(
              (list.json as { contacts: { id: string }[] }).contacts.map((c) => c.id).sort(),
              `${u} lists`,
            ).toEqual(visible);
            const missing = await s.call(u, "GET", `${path}/contacts/missing`);
            const missingAccess = await s.call(u, "GET", `${path}/contacts/missing/access`);
            for (const c of world.contacts) {
              const read = await s.call(u, "GET", `${path}/contacts/${c}`);
              const access = await s.call(u, "GET", `${path}/contacts/${c}/access`);
              if (oracle.can(model, u, "view", c)) {
                expect(read.status, `${u} reads ${c}`).toBe(200);
                expect((read.json as { id: string }).id).toBe(c);
                expect(access.status).not.toBe(404);
              } else {
                // Not visible: the very answer given for an id that names nothing.
                expect(read.text, `${u} reads ${c}`).toBe(missing.text.replaceAll("missing", c));
                expect(access.text, `${u} access ${c}`).toBe(missingAccess.text.replaceAll("missing", c));
              }
            }
          }
        } finally {
          await s.close();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a restarted service, from snapshot + tail, answers every read like the live one", async () => {
    await fc.assert(
      fc.asyncProperty(commands, fc.integer({ min: 1, max: 12 }), async (drawn, snapshotEvery) => {
        const live = await inProcess(db, snapshotEvery);
        const path = `/offices/p${office++}`;
        try {
          await drive(live, path, drawn);
          const before = await answers(live, path);
          const restarted = await inProcess(db, snapshotEvery);
          try {
            expect(await answers(restarted, path)).toEqual(before);
          } finally {
            await restarted.close();
          }
        } finally {
          await live.close();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
