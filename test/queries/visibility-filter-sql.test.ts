import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, can, visibilityFilter, type Action, type State } from "../../src/index.js";
import { OFFICE, personal, run, TEAM, teamOffice } from "../support/office.js";
import { states, table, USERS, type Row } from "./visibility-rows.js";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string): string => readFileSync(join(root, path), "utf8");
const SCHEMA = read("examples/sql/contacts-table.sql");
const QUERY = read("examples/sql/visible-contacts.sql");
/** States drawn per run, each loaded into Postgres and queried for every user and action. */
const STATES = Number(process.env.SQL_STATES ?? 20);

/** One Postgres (in WASM, in this process) for the file: starting one takes seconds. */
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(SCHEMA);
}, 120_000);
afterAll(async () => {
  await db.close();
});

/** Replaces the table's rows with the state's contacts. */
async function load(rows: readonly Row[]): Promise<void> {
  await db.exec("TRUNCATE contacts");
  await db.query(
    "INSERT INTO contacts (id, account_id, archived, name) SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[])",
    [rows.map((r) => r.id), rows.map((r) => r.accountId), rows.map((r) => r.archived), rows.map((r) => r.name)],
  );
}

/** Every page of the documented query for the filter, following the keyset (name, id) to the end. */
async function allPages(
  state: State,
  user: string,
  action: Action,
  archived: boolean | undefined,
  limit: number,
): Promise<string[]> {
  const r = visibilityFilter(state, user, action, archived === undefined ? {} : { archived });
  if (E.isLeft(r)) throw new Error(r.left.message);
  const f = r.right;
  const ids: string[] = [];
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const page: { rows: { id: string; name: string }[] } = await db.query<{ id: string; name: string }>(QUERY, [
      f.accounts,
      f.except,
      f.contacts,
      f.archived,
      after?.name ?? null,
      after?.id ?? null,
      limit,
    ]);
    ids.push(...page.rows.map((row) => row.id));
    const last: { id: string; name: string } | undefined = page.rows[page.rows.length - 1];
    if (page.rows.length < limit || last === undefined) return ids;
    after = { name: last.name, id: last.id };
  }
}

/** The library's answer in the documented order: by name, then id, bytewise (the columns' "C" collation). */
function expected(
  state: State,
  rows: readonly Row[],
  user: string,
  action: Action,
  archived: boolean | undefined,
): string[] {
  const byte = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .filter((row) => can(state, user, action, row.id) && (archived === undefined || row.archived === archived))
    .sort((a, b) => byte(a.name, b.name) || byte(a.id, b.id))
    .map((row) => row.id);
}

describe("the documented SQL applies the visibility filter in Postgres (PGlite) (ACC-5, ACC-9, ASG-3, LIF-2, LIF-7, SEC-2)", () => {
  it("the listing guide shows the schema and the query verbatim", () => {
    const blocks = [...read("docs/guides/listing.md").matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(SCHEMA);
    expect(blocks).toContain(QUERY);
  });

  it("over random states, every user, every action and each archive filter, the pages of the query hold exactly the contacts `can` allows, sorted by name then id (ACC-9, ASG-3, LIF-2, LIF-7, SEC-2)", async () => {
    const drawn = fc.sample(
      fc.tuple(
        states(),
        fc.infiniteStream(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(undefined, true, false))),
      ),
      { numRuns: STATES, seed: 4242 },
    );
    let rowsSeen = 0;
    for (const [{ state }, options] of drawn) {
      const rows = table(state);
      rowsSeen += rows.length;
      await load(rows);
      for (const user of USERS) {
        for (const action of ACTIONS) {
          const [limit, archived] = options.next().value as [number, boolean | undefined];
          expect(
            await allPages(state, user, action, archived, limit),
            `${user} ${action} archived=${String(archived)} limit=${limit}`,
          ).toEqual(expected(state, rows, user, action, archived));
        }
      }
    }
    expect(rowsSeen).toBeGreaterThan(STATES * 4);
  }, 300_000);

  it("a team lead's sorted list of a team account of 2,000 contacts, in pages of 100, with an agent's individual contacts, a frozen contact and archived ones (ACC-9, ASG-1, LIF-7, LIF-2)", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      contactId: `c${String(i).padStart(4, "0")}`,
      details: { name: `Client ${(i * 7919) % 2000}` },
    }));
    const state = run(
      teamOffice(),
      { type: "importContacts", actor: "rain", account: TEAM, rows },
      {
        type: "changeStaffPermissions",
        actor: "admin",
        account: OFFICE,
        userId: "rain",
        permissions: { archiveContacts: true, editContactOwnership: true },
      },
      { type: "changePrimary", actor: "rain", account: TEAM, contactId: "c0007", userId: "amy" },
      { type: "changePrimary", actor: "rain", account: TEAM, contactId: "c1999", userId: "amy" },
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c0100", userId: "amy", level: "view" },
      {
        type: "addContact",
        actor: "amy",
        account: personal("amy"),
        contactId: "m1",
        channel: "manual",
        details: { name: "Mine" },
      },
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c0500", owner: { kind: "user", userId: "bob" } },
      { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "bob" },
      {
        type: "archiveContact",
        actor: "rain",
        account: TEAM,
        contactId: "c0001",
        channel: "manual",
        reason: "duplicate",
      },
      {
        type: "archiveContact",
        actor: "rain",
        account: TEAM,
        contactId: "c0007",
        channel: "manual",
        reason: "duplicate",
      },
    ).state;
    const all = table(state);
    await load(all);
    const lead = visibilityFilter(state, "rain");
    expect(lead).toMatchObject({
      _tag: "Right",
      right: { accounts: ["personal:rain", "team:t1"], except: ["c0500"], contacts: [] },
    });
    for (const [user, archived] of [
      ["rain", false],
      ["rain", undefined],
      ["amy", undefined],
      ["amy", false],
      ["bob", undefined],
    ] as const) {
      const listed = await allPages(state, user, "view", archived, 100);
      expect(listed, `${user} archived=${String(archived)}`).toEqual(expected(state, all, user, "view", archived));
    }
    expect((await allPages(state, "rain", "view", false, 100)).length).toBe(2000 - 1 - 2); // less the frozen contact and the two archived
    expect(await allPages(state, "amy", "view", undefined, 2)).toEqual(expected(state, all, "amy", "view", undefined));
    expect(await allPages(state, "amy", "edit", false, 100)).toEqual(["c1999", "m1"]); // "Client …" sorts before "Mine"
  }, 120_000);
});
