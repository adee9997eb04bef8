/**
 * The consumer's side of a listing (`npx tsx bench/sql-listing.ts`): a team lead's sorted page of a 100k-contact
 * team account in Postgres (PGlite, in process), asked two ways — with `visibilityFilter`'s parameters in the
 * documented query (`examples/sql/visible-contacts.sql`), and with every id `visibleContacts` lists — each page
 * checked against the other. Prints medians; `SQL_TEAM=20000` sets the team account's size (default 100,000).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import * as E from "fp-ts/lib/Either.js";
import {
  archiveOf,
  contactIds,
  execute,
  getContact,
  initialState,
  visibilityFilter,
  visibleContacts,
  type Command,
  type State,
} from "../src/index.js";

const TEAM = Number(process.env.SQL_TEAM ?? 100_000);
const OTHER = TEAM; // as many contacts in another team's account
const HELD = Math.round(TEAM * 0.025); // of which the lead holds this many by a grant
const RUNS = 15;
const PAGE = 50;
const AT = "2026-03-02T09:00:00Z";
const office = { kind: "office" } as const;
const t1 = { kind: "team", teamId: "t1" } as const;
const t2 = { kind: "team", teamId: "t2" } as const;

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), "utf8");
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number): string => (x >= 10 ? x.toFixed(0) : x.toFixed(2));

function apply(state: State, commands: Command[]): State {
  let s = state;
  for (const c of commands) {
    const r = execute(s, c);
    if (E.isLeft(r)) throw new Error(`${c.type}: ${r.left.message}`);
    s = r.right.state;
  }
  return s;
}

const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    contactId: `${prefix}${i}`,
    details: { name: `Client ${String((i * 7919) % n).padStart(6, "0")}` },
  }));
const t0 = performance.now();
let state = apply(initialState(), [
  {
    type: "openOffice",
    at: AT,
    actor: "ada",
    account: office,
    officeId: "o1",
    officeName: "Harbour Realty",
    adminName: "Ada",
  },
  { type: "registerUser", at: AT, actor: "ada", account: office, userId: "rita", name: "Rita" },
  { type: "registerUser", at: AT, actor: "ada", account: office, userId: "otto", name: "Otto" },
  { type: "createTeam", at: AT, actor: "ada", account: office, teamId: "t1", name: "One", rainmakerId: "rita" },
  { type: "createTeam", at: AT, actor: "ada", account: office, teamId: "t2", name: "Two", rainmakerId: "otto" },
  { type: "addTeamMember", at: AT, actor: "otto", account: t2, userId: "rita", role: "agent" }, // standard in t2
  { type: "importContacts", at: AT, actor: "rita", account: t1, rows: rows("a", TEAM) },
  { type: "importContacts", at: AT, actor: "otto", account: t2, rows: rows("b", OTHER) },
]);
state = apply(
  state,
  Array.from(
    { length: HELD },
    (_, i): Command => ({
      type: "grantAccess",
      at: AT,
      actor: "otto",
      account: t2,
      contactId: `b${i * 37}`,
      userId: "rita",
      level: "view",
    }),
  ),
);
console.log(
  `state: ${state.contacts.size.toLocaleString("en")} contacts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const db = await PGlite.create();
await db.exec(read("examples/sql/contacts-table.sql"));
const all = contactIds(state);
for (let k = 0; k < all.length; k += 20_000) {
  const chunk = all.slice(k, k + 20_000);
  await db.query(
    "INSERT INTO contacts (id, account_id, archived, name) SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[])",
    [
      chunk,
      chunk.map((id) => {
        const a = getContact(state, id)?.account;
        return a === undefined ? "" : a.kind === "team" ? `team:${a.teamId}` : `personal:${a.userId}`;
      }),
      chunk.map((id) => archiveOf(state, id) !== undefined),
      chunk.map((id) => getContact(state, id)?.details.name ?? ""),
    ],
  );
}
await db.exec("ANALYZE contacts");

const QUERY = read("examples/sql/visible-contacts.sql");
const BY_IDS = `SELECT id, name
FROM contacts
WHERE id = ANY($1::text[])
  AND ($2::text IS NULL OR (name, id) > ($2::text, $3::text))
ORDER BY name, id
LIMIT $4::integer;`;

type Page = { rows: { id: string; name: string }[] };
const timings: Record<string, number[]> = {};
const time = async <T>(name: string, body: () => Promise<T> | T): Promise<T> => {
  const start = performance.now();
  const out = await body();
  (timings[name] ??= []).push(performance.now() - start);
  return out;
};

let visibleCount = 0;
for (let run = 0; run < RUNS; run++) {
  const f = await time("library: visibilityFilter(rita)", () => visibilityFilter(state, "rita"));
  if (E.isLeft(f)) throw new Error(f.left.message);
  const ids = await time("library: visibleContacts(rita), every id", () => visibleContacts(state, "rita"));
  visibleCount = ids.length;
  for (const [where, after] of [
    ["first page", null],
    ["page after the middle", { name: `Client ${String(Math.floor(TEAM / 2)).padStart(6, "0")}`, id: "" }],
  ] as const) {
    const a = await time(
      `SQL, ${where}: the filter`,
      () =>
        db.query(QUERY, [
          f.right.accounts,
          f.right.except,
          f.right.contacts,
          f.right.archived,
          after?.name ?? null,
          after?.id ?? null,
          PAGE,
        ]) as Promise<Page>,
    );
    const b = await time(
      `SQL, ${where}: every visible id`,
      () => db.query(BY_IDS, [ids, after?.name ?? null, after?.id ?? null, PAGE]) as Promise<Page>,
    );
    if (a.rows.length !== PAGE || a.rows.map((r) => r.id).join() !== b.rows.map((r) => r.id).join())
      throw new Error(`the two queries disagree on the ${where}`);
  }
}
console.log(
  `rita sees ${visibleCount.toLocaleString("en")} contacts (${TEAM.toLocaleString("en")} in the team account she leads, ${HELD.toLocaleString("en")} by a grant in a team where she is an agent); medians of ${RUNS} runs, ms:`,
);
for (const [name, xs] of Object.entries(timings)) console.log(`| ${name} | ${ms(median(xs))} |`);
await db.close();
