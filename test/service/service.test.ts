/**
 * The example service (examples/service) over HTTP on 127.0.0.1: a scripted office, a restart from snapshot +
 * tail, and two instances racing on one stream. Each request is a real `fetch` to a listening Fastify.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, EVENT_SCHEMA_VERSIONS, HTTP_STATUS, type Event } from "../../src/index.js";
import { start, type Answer, type Running } from "./harness.js";

const office = { kind: "office" } as const;
const team = { kind: "team", teamId: "harbour" } as const;
const personal = (userId: string) => ({ kind: "personal", userId }) as const;
const USERS = ["ada", "sam", "bea", "tom"];
const CONTACTS = ["c1", "c2", "c3", "nope"];

/** The commands of the scripted office, each by its caller. */
const SCRIPT: [string, Record<string, unknown>][] = [
  ["ada", { type: "openOffice", account: office, officeId: "o1", officeName: "Harbour Realty", adminName: "Ada" }],
  ["ada", { type: "registerUser", account: office, userId: "sam", name: "Sam" }],
  ["ada", { type: "registerUser", account: office, userId: "bea", name: "Bea" }],
  ["ada", { type: "registerUser", account: office, userId: "tom", name: "Tom" }],
  ["ada", { type: "createTeam", account: office, teamId: "harbour", name: "Harbour", rainmakerId: "sam" }],
  ["sam", { type: "addTeamMember", account: team, userId: "bea", role: "agent" }],
  ["sam", { type: "addTeamMember", account: team, userId: "tom", role: "agent" }],
  [
    "sam",
    {
      type: "addContact",
      account: team,
      contactId: "c1",
      channel: "manual",
      details: { name: "Carla", emails: ["carla@example.com"] },
    },
  ],
  [
    "bea",
    { type: "addContact", account: personal("bea"), contactId: "c2", channel: "manual", details: { name: "Dan" } },
  ],
  ["tom", { type: "addContact", account: team, contactId: "c3", channel: "manual", details: { name: "Eve" } }],
  ["sam", { type: "grantAccess", account: team, contactId: "c1", userId: "bea", level: "view" }],
];

/** Every read the service answers, for every user: what a restarted service must answer alike. */
async function everything(s: Running, path = "/offices/harbour"): Promise<string[]> {
  const out: string[] = [];
  const show = (what: string, a: Answer) => `${what} → ${a.status} v${a.version} ${a.text}`;
  for (const u of USERS) {
    out.push(show(`${u} lists`, await s.call(u, "GET", `${path}/contacts`)));
    for (const c of CONTACTS) {
      out.push(show(`${u} reads ${c}`, await s.call(u, "GET", `${path}/contacts/${c}`)));
      out.push(show(`${u} access ${c}`, await s.call(u, "GET", `${path}/contacts/${c}/access`)));
      for (const v of USERS)
        out.push(
          show(
            `${u} explains ${v} on ${c}`,
            await s.call(u, "GET", `${path}/contacts/${c}/explain?user=${v}&action=edit`),
          ),
        );
    }
  }
  return out;
}

let db: PGlite;
let live: Running;
beforeAll(async () => {
  db = await PGlite.create();
  live = await start(db, 5);
}, 120_000);
afterAll(async () => {
  await live.close();
  await db.close();
});

describe("the example service over HTTP", () => {
  it("runs the scripted office: each command answered with the versions its events take", async () => {
    let version = 0;
    for (const [user, command] of SCRIPT) {
      const a = await live.call(user, "POST", "/offices/harbour/commands", command);
      expect(a.status, `${user} ${String(command.type)}: ${a.text}`).toBe(200);
      const body = a.json as { version: number; events: string[] };
      expect(body.version).toBe(version + body.events.length);
      expect(a.version).toBe(String(body.version));
      version = body.version;
    }
    const rows = await db.query<{ position: number; data: { type: Event["type"]; schemaVersion: number } }>(
      "SELECT position, data FROM events WHERE office = 'harbour' ORDER BY position",
    );
    expect(rows.rows.map((r) => r.position)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    // Each row says which schema version of its type it was written at, for later releases to upcast.
    for (const { data } of rows.rows) expect(data.schemaVersion).toBe(EVENT_SCHEMA_VERSIONS[data.type]);
  });

  it("answers no caller with 401, before reading anything", async () => {
    const a = await live.call(null, "GET", "/offices/harbour/contacts/c1");
    expect(a.status).toBe(401);
    expect(a.json).toMatchObject({ code: "unauthenticated" });
  });

  it("takes actor and time from the caller and the clock, never from the body", async () => {
    const a = await live.call("tom", "POST", "/offices/harbour/commands", {
      type: "setLeadStatus",
      actor: "sam",
      at: "2020-01-01T00:00:00Z",
      account: team,
      contactId: "c3",
      status: "contacted",
    });
    expect(a.status, a.text).toBe(200);
    const stored = await db.query<{ data: unknown }>(
      "SELECT data FROM events WHERE office = 'harbour' ORDER BY position DESC LIMIT 1",
    );
    expect(stored.rows[0]?.data).toMatchObject({ by: "tom", at: "2026-03-02T09:00:00Z" });
  });

  it("a standard agent sees only their own contacts and those granted to them (ACC-9, ASG-2)", async () => {
    const list = await live.call("bea", "GET", "/offices/harbour/contacts");
    expect((list.json as { contacts: { id: string }[] }).contacts.map((c) => c.id).sort()).toEqual(["c1", "c2"]);
    const tom = await live.call("tom", "GET", "/offices/harbour/contacts");
    expect((tom.json as { contacts: { id: string }[] }).contacts.map((c) => c.id)).toEqual(["c3"]);
  });

  it("View Only shows the basic information, not the contact details (ASG-3)", async () => {
    const a = await live.call("bea", "GET", "/offices/harbour/contacts/c1");
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ id: "c1", level: "view", name: "Carla" });
    expect(a.json).not.toHaveProperty("emails");
    const sam = await live.call("sam", "GET", "/offices/harbour/contacts/c1");
    expect(sam.json).toMatchObject({ level: "full", emails: ["carla@example.com"] });
  });

  it("a contact the caller may not see is answered exactly as one that does not exist: 404 (SEC-2)", async () => {
    // c2 is in bea's personal account: nobody else sees it, the office admin included (ACC-5).
    for (const u of ["ada", "sam", "tom"]) {
      for (const path of ["", "/access"]) {
        const hidden = await live.call(u, "GET", `/offices/harbour/contacts/c2${path}`);
        const missing = await live.call(u, "GET", `/offices/harbour/contacts/nope${path}`);
        expect(hidden.status).toBe(404);
        expect([missing.status, missing.text.replaceAll("nope", "c2")]).toEqual([404, hidden.text]);
      }
      const edit = await live.call(u, "POST", "/offices/harbour/commands", {
        type: "editContact",
        account: personal("bea"),
        contactId: "c2",
        changes: { name: "X" },
      });
      const editMissing = await live.call(u, "POST", "/offices/harbour/commands", {
        type: "editContact",
        account: personal("bea"),
        contactId: "nope",
        changes: { name: "X" },
      });
      expect(edit.status).toBe(editMissing.status);
      expect(edit.text.replaceAll("c2", "nope")).toBe(editMissing.text);
    }
  });

  it("the access list goes to those who may manage access or share, and office admins (REA-2)", async () => {
    const sam = await live.call("sam", "GET", "/offices/harbour/contacts/c1/access");
    expect(sam.status).toBe(200);
    expect((sam.json as { userId: string }[]).map((e) => e.userId)).toEqual(["ada", "bea", "sam"]);
    const ada = await live.call("ada", "GET", "/offices/harbour/contacts/c1/access");
    expect(ada.text).toBe(sam.text);
    // bea sees c1 (view) but may not manage its access: refused, and the refusal names the rule.
    const bea = await live.call("bea", "GET", "/offices/harbour/contacts/c1/access");
    expect([bea.status, (bea.json as { code: string }).code]).toEqual([403, "not_permitted"]);
    // tom does not see c1 at all: as if it did not exist.
    expect((await live.call("tom", "GET", "/offices/harbour/contacts/c1/access")).status).toBe(404);
    const filtered = await live.call("sam", "GET", "/offices/harbour/contacts/c1/access?action=edit");
    expect((filtered.json as { userId: string }[]).map((e) => e.userId)).toEqual(["ada", "sam"]);
    expect((await live.call("sam", "GET", "/offices/harbour/contacts/c1/access?action=fly")).status).toBe(400);
  });

  it("explains to oneself, to office admins about anyone, and to nobody else (SEC-2)", async () => {
    const self = await live.call("bea", "GET", "/offices/harbour/contacts/c1/explain?action=edit");
    expect(self.json).toMatchObject({ allowed: false, actor: "bea", level: "view" });
    const admin = await live.call("ada", "GET", "/offices/harbour/contacts/c1/explain?user=bea&action=edit");
    expect(admin.text).toBe(self.text);
    const other = await live.call("sam", "GET", "/offices/harbour/contacts/c1/explain?user=bea&action=edit");
    const otherMissing = await live.call("sam", "GET", "/offices/harbour/contacts/nope/explain?user=bea&action=edit");
    expect([other.status, (other.json as { code: string }).code]).toEqual([403, "not_permitted"]);
    expect(otherMissing.text).toBe(other.text);
  });

  it("answers each refusal with the library's status for its code", async () => {
    const cases: [string, string, unknown, string][] = [
      ["sam", "POST", { type: "launchRocket" }, "invalid_input"],
      ["sam", "POST", [1, 2], "invalid_input"],
      [
        "sam",
        "POST",
        { type: "addContact", account: team, contactId: "c1", channel: "manual", details: { name: "Again" } },
        "contact_exists",
      ],
      [
        "sam",
        "POST",
        { type: "grantAccess", account: team, contactId: "c1", userId: "bea", level: "view" },
        "no_change",
      ],
      [
        "ada",
        "POST",
        { type: "openOffice", account: office, officeId: "o2", officeName: "Again", adminName: "Ada" },
        "office_already_open",
      ],
      ["bea", "POST", { type: "editContact", account: team, contactId: "c1", changes: { name: "X" } }, "not_permitted"],
      [
        "sam",
        "POST",
        { type: "createTeam", account: office, teamId: "t9", name: "T9", rainmakerId: "sam" },
        "not_office_admin",
      ],
      [
        "zed",
        "POST",
        { type: "addContact", account: team, contactId: "c9", channel: "manual", details: { name: "Z" } },
        "actor_not_found",
      ],
      ["sam", "GET", "/offices/harbour/contacts?limit=0", "invalid_input"],
    ];
    for (const [user, method, body, code] of cases) {
      const a =
        method === "GET"
          ? await live.call(user, "GET", body as string)
          : await live.call(user, "POST", "/offices/harbour/commands", body);
      expect([a.status, (a.json as { code: string }).code], a.text).toEqual([
        HTTP_STATUS[code as (typeof ERROR_CODES)[number]],
        code,
      ]);
    }
    // The statuses themselves are the library's table; the service adds none of its own for a domain code.
    expect(new Set(ERROR_CODES.map((c) => HTTP_STATUS[c]))).toEqual(new Set([400, 403, 404, 409, 422, 500]));
  });

  it("a restarted service, from the snapshot and the events after it, answers byte for byte like the live one", async () => {
    const before = await everything(live);
    const snap = await db.query<{ version: number }>("SELECT version FROM snapshots WHERE office = 'harbour'");
    const head = await db.query<{ max: number }>("SELECT max(position) AS max FROM events WHERE office = 'harbour'");
    const snapshotAt = snap.rows[0]?.version ?? 0;
    // A snapshot every 5 events: the restart reads one, then a tail of events after it.
    expect(snapshotAt).toBeGreaterThan(0);
    expect(head.rows[0]?.max).toBeGreaterThan(snapshotAt);
    const restarted = await start(db, 5);
    try {
      expect(await everything(restarted)).toEqual(before);
    } finally {
      await restarted.close();
    }
    // And from the log alone: without the snapshot, the full replay answers alike.
    await db.query("DELETE FROM snapshots WHERE office = 'harbour'");
    const replayed = await start(db, 1_000);
    try {
      expect(await everything(replayed)).toEqual(before);
    } finally {
      await replayed.close();
    }
  });

  it("a stored row that cannot be read stops the load with its position: 500 invalid_event, nothing skipped (SEC-8)", async () => {
    const writer = await start(db, 1_000);
    try {
      for (const [user, command] of SCRIPT.slice(0, 3))
        expect((await writer.call(user, "POST", "/offices/broken/commands", command)).status).toBe(200);
    } finally {
      await writer.close();
    }
    // Someone with write access to the table damages the second row.
    await db.query(`UPDATE events SET data = data || '{"userId": 7}'::jsonb WHERE office = 'broken' AND position = 2`);
    const reader = await start(db, 1_000);
    try {
      const a = await reader.call("ada", "GET", "/offices/broken/contacts");
      expect([a.status, a.json]).toEqual([
        HTTP_STATUS.invalid_event,
        expect.objectContaining({ code: "invalid_event", rule: "SEC-8", position: 2 }),
      ]);
      // The other offices of the store are unaffected.
      expect((await reader.call("ada", "GET", "/offices/harbour/contacts")).status).toBe(200);
    } finally {
      await reader.close();
    }
  });

  it("two instances on one stream: the stale writer is refused with 409, and its retry after reloading succeeds", async () => {
    const a = await start(db, 4);
    const b = await start(db, 4);
    try {
      const setup = await a.call("ada", "POST", "/offices/race/commands", {
        type: "openOffice",
        account: office,
        officeId: "o3",
        officeName: "Race",
        adminName: "Ada",
      });
      expect(setup.status).toBe(200);
      // b reads the office at version 1, then a writes version 2 behind its back.
      expect((await b.call("ada", "GET", "/offices/race/contacts")).version).toBe("1");
      const first = await a.call("ada", "POST", "/offices/race/commands", {
        type: "registerUser",
        account: office,
        userId: "sam",
        name: "Sam",
      });
      expect([first.status, first.version]).toEqual([200, "2"]);
      // b decides against version 1: its event would take position 2, which a holds.
      const stale = await b.call("ada", "POST", "/offices/race/commands", {
        type: "registerUser",
        account: office,
        userId: "bea",
        name: "Bea",
      });
      expect([stale.status, (stale.json as { code: string }).code]).toEqual([409, "version_conflict"]);
      const retry = await b.call("ada", "POST", "/offices/race/commands", {
        type: "registerUser",
        account: office,
        userId: "bea",
        name: "Bea",
      });
      expect([retry.status, retry.version]).toEqual([200, "3"]);
      // Retrying a's command on b, now current, is refused by the rules, not by the store: sam exists.
      const again = await b.call("ada", "POST", "/offices/race/commands", {
        type: "registerUser",
        account: office,
        userId: "sam",
        name: "Sam",
      });
      expect((again.json as { code: string }).code).toBe("user_exists");
      const rows = await db.query<{ position: number; type: string }>(
        "SELECT position, type FROM events WHERE office = 'race' ORDER BY position",
      );
      expect(rows.rows).toEqual([
        { position: 1, type: "OfficeOpened" },
        { position: 2, type: "UserRegistered" },
        { position: 3, type: "UserRegistered" },
      ]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
