import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessList,
  ACTIONS,
  can,
  DEFAULT_CONFIGURATION,
  execute,
  explain,
  getContact,
  getContactFile,
  initialState,
  messagingOf,
  newsletterDelivery,
  PRESETS,
  project,
  resolveStep,
  toSnapshot,
  visibleContacts,
  type Action,
  type Command,
  type Configuration,
  type DomainError,
  type Event,
  type Explanation,
  type State,
} from "../../src/index.js";

/**
 * Issue 14's side doors, one named example each, through the public API only. The world is the issue's:
 * admin ada; team harbour with rainmaker rita, team manager tess (enhanced), transaction coordinator tc
 * (enhanced), standard agents sam, eve and pat; lou, a loan officer outside the team who co-markets with pat;
 * zed, registered and in no team. c-sam is a team contact with sam primary; c-pat is in pat's personal account.
 */

const AT = "2026-03-02T09:00:00Z";
/** 17:00 UTC is 11:00 in Chicago in March: inside the default 10:00–19:00 text window. */
const OPEN = "2026-03-02T17:00:00Z";
/** 03:00 UTC is 21:00 in Chicago the evening before: outside it. */
const CLOSED = "2026-03-02T03:00:00Z";

const OFFICE = { kind: "office" } as const;
const HARBOUR = { kind: "team", teamId: "harbour" } as const;
const personal = (userId: string) => ({ kind: "personal", userId }) as const;

type Input = Command extends infer C ? (C extends { type: string } ? Omit<C, "at"> & { at?: string } : never) : never;

/** Runs commands in order; a refusal fails the test with the error. */
function run(state: State, ...commands: Input[]): { state: State; events: readonly Event[] } {
  const events: Event[] = [];
  let current = state;
  for (const c of commands) {
    const r = execute(current, { at: AT, ...c } as Command);
    if (E.isLeft(r))
      throw new Error(`${c.type} by ${c.actor} refused: ${r.left.code} (${r.left.rule}) ${r.left.message}`);
    current = r.right.state;
    events.push(...r.right.events);
  }
  return { state: current, events };
}

/** The error a command is refused with; fails the test if it was accepted, or if the refusal changed the state. */
function refused(state: State, command: Input): DomainError {
  const before = toSnapshot(state);
  const r = execute(state, { at: AT, ...command } as Command);
  if (E.isRight(r))
    throw new Error(`${command.type} by ${command.actor} was accepted: ${JSON.stringify(r.right.events)}`);
  expect(toSnapshot(state)).toEqual(before);
  return r.left;
}

/** A refusal with the id it names replaced, to compare refusals for a taken and a free id. */
const withoutId = (e: DomainError, id: string) => ({
  code: e.code,
  rule: e.rule,
  message: e.message.split(id).join("<id>"),
});

const USERS = ["ada", "rita", "tess", "tc", "sam", "eve", "pat", "lou", "zed"] as const;

const BEA = { name: "Bea Buyer", emails: ["bea@example.com"], phones: ["+13125550147"] };
const PERRY = { name: "Perry Prospect", emails: ["perry@example.com"], phones: ["+13125550199"] };

/** The world; `withCSam: false` leaves c-sam out, to compare answers with a world where it does not exist. */
function world(options: { configuration?: Configuration; withCSam?: boolean } = {}): State {
  const s = run(
    initialState(options.configuration),
    {
      type: "openOffice",
      actor: "ada",
      account: OFFICE,
      officeId: "o1",
      officeName: "Harbour Realty",
      adminName: "Ada Admin",
    },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "rita", name: "Rita Rainmaker" },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "tess", name: "Tess Manager" },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "tc", name: "Theo Coordinator" },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "sam", name: "Sam Agent" },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "eve", name: "Eve Agent" },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "pat", name: "Pat Agent" },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "lou", name: "Lou Loans" },
    { type: "registerUser", actor: "ada", account: OFFICE, userId: "zed", name: "Zed Nobody" },
    { type: "createTeam", actor: "ada", account: OFFICE, teamId: "harbour", name: "Harbour Team", rainmakerId: "rita" },
    { type: "addTeamMember", actor: "rita", account: HARBOUR, userId: "tess", role: "teamManager", level: "enhanced" },
    {
      type: "addTeamMember",
      actor: "rita",
      account: HARBOUR,
      userId: "tc",
      role: "transactionCoordinator",
      level: "enhanced",
    },
    { type: "addTeamMember", actor: "rita", account: HARBOUR, userId: "sam", role: "agent" },
    { type: "addTeamMember", actor: "rita", account: HARBOUR, userId: "eve", role: "agent" },
    { type: "addTeamMember", actor: "rita", account: HARBOUR, userId: "pat", role: "agent" },
    { type: "startPartnership", actor: "pat", account: OFFICE, partnerId: "lou" },
    { type: "setMessagingPlan", actor: "ada", account: OFFICE, userId: "rita", twilio: true, twilioMonthlyCredits: 0 },
    { type: "addTwilioCredits", actor: "ada", account: OFFICE, userId: "rita", credits: 100 },
    {
      type: "addContact",
      actor: "pat",
      account: personal("pat"),
      contactId: "c-pat",
      channel: "manual",
      details: PERRY,
    },
  ).state;
  if (options.withCSam === false) return s;
  return run(s, {
    type: "addContact",
    actor: "sam",
    account: HARBOUR,
    contactId: "c-sam",
    channel: "manual",
    details: BEA,
  }).state;
}

/** eve's own team contact, where she is primary. */
const addEvesContact = (
  details: { name: string; emails?: string[]; phones?: string[] } = {
    name: "Evan Client",
    emails: ["evan@example.com"],
    phones: ["+13125550123"],
  },
): Input => ({
  type: "addContact",
  actor: "eve",
  account: HARBOUR,
  contactId: "c-eve",
  channel: "manual",
  details,
});

/** c-sam owned by sam (an enhanced member moves ownership from the team to an agent, ACC-3). */
const samOwnsCSam: Input = {
  type: "changeOwner",
  actor: "tess",
  account: HARBOUR,
  contactId: "c-sam",
  owner: { kind: "user", userId: "sam" },
};

/** What `explain` answers for an id that does not exist. */
const noSuchContact = (actor: string, action: Action, contactId: string): Explanation => ({
  allowed: false,
  actor,
  action,
  contactId,
  level: null,
  rules: ["ACC-5"],
  reasons: [],
  remedy: null,
  message: `${actor} cannot ${action} ${contactId}: no such contact is visible`,
});

const SHARE = "share" as Action;

describe("1. deduplication edits and reveals hidden contacts (SEC-3, SEC-2, LIF-1)", () => {
  const probe = {
    contactId: "probe",
    details: { name: "?", phones: ["312-555-0147"], emails: ["eve-inbox@evil.test"] },
  };
  const importProbe: Input = { type: "importContacts", actor: "eve", account: HARBOUR, rows: [probe] };

  it("an import row matching a contact the importer cannot edit creates a new contact and tells nothing about the hidden one (SEC-3, LIF-1)", () => {
    const s = world();
    expect(can(s, "eve", "view", "c-sam")).toBe(false);
    const r = run(s, importProbe);
    expect(r.events).toMatchObject([
      {
        type: "ContactAdded",
        contact: { id: "probe", details: { name: "?", phones: ["+13125550147"], emails: ["eve-inbox@evil.test"] } },
      },
      { type: "ContactsImported", created: 1, matched: 0, refused: 0 },
    ]);
    expect(r.events.some((e) => e.type === "ContactMatched")).toBe(false);
    expect(JSON.stringify(r.events)).not.toContain("c-sam");
    // SEC-2: exactly what eve gets where c-sam does not exist.
    expect(r.events).toEqual(run(world({ withCSam: false }), importProbe).events);
    expect(getContact(r.state, "c-sam")).toEqual(getContact(s, "c-sam"));
  });

  it("an API add matching a contact the actor cannot edit creates a new contact, as if the hidden one did not exist (SEC-3, SEC-2, LIF-1)", () => {
    const add: Input = {
      type: "addContact",
      actor: "eve",
      account: HARBOUR,
      contactId: "probe",
      channel: "api",
      details: probe.details,
    };
    const r = run(world(), add);
    expect(r.events).toMatchObject([{ type: "ContactAdded", contact: { id: "probe" } }]);
    expect(r.events).toEqual(run(world({ withCSam: false }), add).events);
    expect(getContact(r.state, "c-sam")?.details).toEqual(BEA);
  });

  it("among several candidates only contacts the importer may edit count: a hidden contact's name never wins the tie-break (SEC-3, SEC-2, LIF-1)", () => {
    const mine = addEvesContact({ name: "Evan Client", phones: ["+13125550147"] });
    const row: Input = {
      type: "importContacts",
      actor: "eve",
      account: HARBOUR,
      rows: [{ contactId: "probe", details: { name: "Bea Buyer", phones: ["3125550147"] } }],
    };
    const r = run(run(world(), mine).state, row);
    expect(r.events).toMatchObject([
      { type: "ContactMatched", contactId: "c-eve", requestedId: "probe", matchedOn: "phone" },
      { type: "ContactsImported", matched: 1 },
    ]);
    expect(r.events).toEqual(run(run(world({ withCSam: false }), mine).state, row).events);
  });

  it("a frozen contact never matches, even for an importer who may see it (SEC-3, LIF-7, LIF-1)", () => {
    const s = run(world(), samOwnsCSam, { type: "deactivateUser", actor: "ada", account: OFFICE, userId: "sam" }).state;
    const r = run(s, {
      type: "importContacts",
      actor: "tess",
      account: HARBOUR,
      rows: [
        {
          contactId: "again",
          details: { name: "Bea Buyer", emails: ["bea@example.com"], phones: ["+1 312 555 0148"] },
        },
      ],
    });
    expect(r.events).toMatchObject([
      { type: "ContactAdded", contact: { id: "again" } },
      { type: "ContactsImported", created: 1, matched: 0 },
    ]);
    expect(getContact(r.state, "c-sam")).toEqual(getContact(s, "c-sam"));
    const api = run(s, {
      type: "addContact",
      actor: "tess",
      account: HARBOUR,
      contactId: "again",
      channel: "api",
      details: { name: "Bea Buyer", emails: ["bea@example.com"] },
    });
    expect(api.events).toMatchObject([{ type: "ContactAdded", contact: { id: "again" } }]);
  });

  it("an import row matching a contact the importer may edit still updates it (LIF-1)", () => {
    for (const importer of ["tess", "sam"]) {
      const r = run(world(), {
        type: "importContacts",
        actor: importer,
        account: HARBOUR,
        rows: [
          {
            contactId: "dup",
            details: { name: "Bea Buyer", phones: ["(312) 555-0147"], emails: ["bea.work@example.com"] },
          },
        ],
      });
      expect(r.events).toMatchObject([
        {
          type: "ContactMatched",
          contactId: "c-sam",
          requestedId: "dup",
          row: 0,
          matchedOn: "phone",
          added: { emails: ["bea.work@example.com"], phones: [] },
          channel: "import",
        },
        { type: "ContactsImported", created: 0, matched: 1, refused: 0 },
      ]);
      expect(getContact(r.state, "c-sam")?.details.emails).toEqual(["bea@example.com", "bea.work@example.com"]);
    }
  });

  it("rows of one import still match the contacts created earlier in that same import (LIF-1)", () => {
    const r = run(world(), {
      type: "importContacts",
      actor: "eve",
      account: HARBOUR,
      rows: [
        { contactId: "n1", details: { name: "Nia New", emails: ["nia@example.com"] } },
        { contactId: "n2", details: { name: "Nia New", emails: ["NIA@example.com"], phones: ["312 555 0148"] } },
      ],
    });
    expect(r.events).toMatchObject([
      { type: "ContactAdded", contact: { id: "n1" } },
      {
        type: "ContactMatched",
        contactId: "n1",
        requestedId: "n2",
        row: 1,
        matchedOn: "email",
        added: { emails: [], phones: ["+13125550148"] },
      },
      { type: "ContactsImported", created: 1, matched: 1, refused: 0 },
    ]);
  });

  it("an import row whose id is taken is refused as taken, naming nothing about the holder, visible or not (SEC-2, LIF-1)", () => {
    const s = run(world(), addEvesContact()).state;
    const r = run(s, {
      type: "importContacts",
      actor: "eve",
      account: HARBOUR,
      rows: [
        { contactId: "c-pat", details: { name: "Anyone" } },
        { contactId: "c-eve", details: { name: "Anyone" } },
      ],
    });
    expect(r.events).toMatchObject([
      {
        type: "ImportRowRefused",
        row: 0,
        contactId: "c-pat",
        code: "contact_exists",
        message: "contact id c-pat is already taken",
      },
      {
        type: "ImportRowRefused",
        row: 1,
        contactId: "c-eve",
        code: "contact_exists",
        message: "contact id c-eve is already taken",
      },
      { type: "ContactsImported", created: 0, matched: 0, refused: 2 },
    ]);
    const [hidden, own] = r.events.flatMap((e) => (e.type === "ImportRowRefused" ? [e.rule] : []));
    expect(hidden).toBe(own);
    for (const secret of ["Perry", "perry@", "personal", "pat's"])
      expect(JSON.stringify(r.events)).not.toContain(secret);
  });

  it("chained with an opt-out, a teammate's import cannot redirect a hidden contact's newsletter or SmartPlan emails to their inbox (SEC-3, LIF-3)", () => {
    const s = run(
      world(),
      importProbe,
      {
        type: "recordOptOut",
        actor: "eve",
        account: OFFICE,
        address: { kind: "email", value: "bea@example.com" },
        channel: "manual",
      },
      {
        type: "createSmartPlan",
        actor: "sam",
        account: HARBOUR,
        planId: "hello",
        name: "Hello",
        steps: [{ id: "mail", kind: "email", title: "Hello" }],
      },
      { type: "enrolContact", actor: "sam", account: HARBOUR, planId: "hello", contactId: "c-sam" },
    ).state;
    expect(getContact(s, "c-sam")?.details.emails).toEqual(["bea@example.com"]);
    expect(newsletterDelivery(s, "c-sam")).toMatchObject({
      _tag: "Right",
      right: { to: null, skipped: "emailOptedOut" },
    });
    const sent = run(s, {
      type: "runStep",
      actor: "sam",
      account: HARBOUR,
      planId: "hello",
      stepId: "mail",
      contactId: "c-sam",
      at: OPEN,
    });
    expect(sent.events).toMatchObject([{ type: "StepFailed", reason: "emailOptedOut", rule: "SP-9" }]);
    expect(JSON.stringify(sent.events)).not.toContain("evil.test");
  });
});

describe("2. explain describes hidden contacts (SEC-2)", () => {
  it("explain answers for a contact the actor holds no access to exactly as for an id that does not exist, for every action (SEC-2)", () => {
    const s = world();
    const hidden: [string, string][] = [
      ["zed", "c-sam"],
      ["zed", "c-pat"],
      ["eve", "c-sam"],
      ["eve", "c-pat"],
      ["lou", "c-sam"],
      ["lou", "c-pat"],
      ["tess", "c-pat"],
      ["rita", "c-pat"],
      ["ada", "c-pat"],
    ];
    for (const [actor, contactId] of hidden) {
      for (const action of [...ACTIONS]) {
        expect(explain(s, actor, action, contactId)).toEqual(noSuchContact(actor, action, contactId));
        expect(explain(s, actor, action, "no-such")).toEqual(noSuchContact(actor, action, "no-such"));
        expect(can(s, actor, action, contactId)).toBe(false);
      }
    }
  });

  it("explain does not name the team, the account kind or a remedy for a contact the actor cannot see (SEC-2, ACC-9)", () => {
    const s = world();
    const view = explain(s, "zed", "view", "c-sam");
    expect(view.rules).toEqual(["ACC-5"]);
    expect(view.remedy).toBeNull();
    const del = explain(s, "zed", "delete", "c-sam");
    expect(del.message).not.toContain("harbour");
    expect(del).toEqual(noSuchContact("zed", "delete", "c-sam"));
  });

  it("the loan block is explained only to an actor whom the loan alone stops; anyone else gets the answer they would get with no loan (SEC-2, SHR-7, SHR-8)", () => {
    const bare = world();
    const withLoan = run(bare, {
      type: "addLoan",
      actor: "tess",
      account: HARBOUR,
      contactId: "c-sam",
      loanId: "LN-1",
      amount: 250000,
      status: "open",
    }).state;
    // rita (unlimited) may delete but for the loan; tess (enhanced) may change the owner but for the loan.
    expect(explain(withLoan, "rita", "delete", "c-sam").remedy).toEqual({ kind: "closeLoans" });
    expect(
      refused(withLoan, { type: "deleteContact", actor: "rita", account: HARBOUR, contactId: "c-sam" }),
    ).toMatchObject({ code: "contact_on_loan", rule: "SHR-7" });
    expect(explain(withLoan, "tess", "changeOwner", "c-sam").remedy).toEqual({ kind: "closeLoans" });
    const toEve = {
      type: "changeOwner",
      account: HARBOUR,
      contactId: "c-sam",
      owner: { kind: "user", userId: "eve" },
    } as const;
    expect(refused(withLoan, { ...toEve, actor: "tess" })).toMatchObject({ code: "contact_on_loan", rule: "SHR-8" });
    // sam (standard, primary) lacks delete and changeOwner anyway: the loan is never mentioned to him.
    for (const action of ["delete", "changeOwner"] as const) {
      expect(explain(withLoan, "sam", action, "c-sam")).toEqual(explain(bare, "sam", action, "c-sam"));
      expect(explain(withLoan, "sam", action, "c-sam").remedy).not.toEqual({ kind: "closeLoans" });
    }
    const del: Input = { type: "deleteContact", actor: "sam", account: HARBOUR, contactId: "c-sam" };
    expect(refused(withLoan, del)).toEqual(refused(bare, del));
    expect(refused(withLoan, del).code).toBe("not_permitted");
    expect(refused(withLoan, { ...toEve, actor: "sam" })).toEqual(refused(bare, { ...toEve, actor: "sam" }));
    expect(refused(withLoan, { ...toEve, actor: "sam" }).code).toBe("not_permitted");
  });

  it("a frozen contact's deactivated owner is named only to those who hold access to it (SEC-2, LIF-7)", () => {
    const s = run(
      world(),
      samOwnsCSam,
      { type: "deactivateUser", actor: "ada", account: OFFICE, userId: "sam" },
      { type: "deactivateUser", actor: "ada", account: OFFICE, userId: "pat" },
    ).state;
    for (const [actor, contactId] of [
      ["eve", "c-sam"],
      ["zed", "c-sam"],
      ["zed", "c-pat"],
      ["eve", "c-pat"],
      ["lou", "c-pat"],
    ] as const) {
      for (const action of ["view", "edit", "delete"] as const)
        expect(explain(s, actor, action, contactId)).toEqual(noSuchContact(actor, action, contactId));
    }
    const note = (actor: string): Input => ({
      type: "addNote",
      actor,
      account: HARBOUR,
      contactId: "c-sam",
      noteId: "n1",
      text: "hi",
      private: false,
    });
    const hidden = refused(s, note("eve"));
    expect(hidden.code).toBe("contact_not_found");
    expect(withoutId(hidden, "c-sam").message).not.toContain("sam");
    expect(withoutId(hidden, "c-sam")).toEqual(
      withoutId(refused(s, { ...note("eve"), contactId: "no-such" } as Input), "no-such"),
    );
    // tess holds access (enhanced in the team): she is told it is frozen and by whom.
    expect(explain(s, "tess", "edit", "c-sam").remedy).toEqual({ kind: "reactivate", userId: "sam" });
    expect(refused(s, note("tess"))).toMatchObject({ code: "contact_frozen", rule: "LIF-7" });
  });
});

describe("3. existence oracles (SEC-2)", () => {
  it("adding a contact with a taken id is refused as taken, the same whether or not the actor may see the holder (SEC-2)", () => {
    const s = run(world(), addEvesContact()).state;
    for (const channel of ["manual", "api"] as const) {
      const add = (contactId: string): Input => ({
        type: "addContact",
        actor: "eve",
        account: HARBOUR,
        contactId,
        channel,
        details: { name: "Nobody Matching" },
      });
      const hidden = refused(s, add("c-pat"));
      expect(hidden).toMatchObject({ code: "contact_exists", message: "contact id c-pat is already taken" });
      const own = refused(s, add("c-eve"));
      expect(own).toMatchObject({ code: "contact_exists", message: "contact id c-eve is already taken" });
      expect(withoutId(hidden, "c-pat")).toEqual(withoutId(own, "c-eve"));
    }
  });

  it("creating a SmartPlan with a taken plan id is refused as taken, even when it is another user's personal plan (SEC-2, ACC-5)", () => {
    const s = run(
      world(),
      {
        type: "createSmartPlan",
        actor: "pat",
        account: personal("pat"),
        planId: "pat-plan",
        name: "Mine",
        steps: [{ id: "t", kind: "task", title: "Call" }],
      },
      {
        type: "createSmartPlan",
        actor: "sam",
        account: HARBOUR,
        planId: "team-plan",
        name: "Ours",
        steps: [{ id: "t", kind: "task", title: "Call" }],
      },
    ).state;
    const create = (planId: string): Input => ({
      type: "createSmartPlan",
      actor: "eve",
      account: HARBOUR,
      planId,
      name: "Probe",
      steps: [{ id: "t", kind: "task", title: "T" }],
    });
    const hidden = refused(s, create("pat-plan"));
    expect(hidden).toMatchObject({ code: "duplicate_id", message: "SmartPlan id pat-plan is already taken" });
    const visible = refused(s, create("team-plan"));
    expect(visible).toMatchObject({ code: "duplicate_id", message: "SmartPlan id team-plan is already taken" });
    expect(withoutId(hidden, "pat-plan")).toEqual(withoutId(visible, "team-plan"));
  });

  it("recording an opt-out of an address already opted out is accepted like the first; the registry keeps the first date and channel (SEC-2, LIF-3, LIF-4)", () => {
    const bare = world();
    const first = run(bare, {
      type: "recordOptOut",
      actor: "sam",
      account: OFFICE,
      address: { kind: "email", value: "bea@example.com" },
      channel: "support",
    }).state;
    const probe: Input = {
      type: "recordOptOut",
      actor: "eve",
      account: OFFICE,
      address: { kind: "email", value: "Bea@Example.com" },
      channel: "api",
      at: "2026-03-05T12:00:00Z",
    };
    const again = run(first, probe);
    expect(again.events).toEqual([
      {
        type: "OptedOut",
        at: "2026-03-05T12:00:00Z",
        by: "eve",
        address: { kind: "email", value: "bea@example.com" },
        channel: "api",
      },
    ]);
    expect(again.events).toEqual(run(bare, probe).events);
    expect(toSnapshot(again.state).optOuts).toEqual([
      { address: { kind: "email", value: "bea@example.com" }, at: AT, channel: "support" },
    ]);
    expect(toSnapshot(again.state).optOuts).toEqual(toSnapshot(first).optOuts);
  });
});

describe("4. SP-2 bypass and credit drain (SP-2, SEC-6)", () => {
  const smsByRainmaker = [{ id: "txt", kind: "sms", title: "Hello", designee: "rainmaker" }] as const;

  it("a standard agent cannot create a team SmartPlan with a designated step, as setStepDesignee refuses her (SP-2, SEC-1, SEC-6)", () => {
    const s = run(world(), {
      type: "createSmartPlan",
      actor: "sam",
      account: HARBOUR,
      planId: "p",
      name: "P",
      steps: [{ id: "txt", kind: "sms", title: "Hi" }],
    }).state;
    expect(
      refused(s, {
        type: "setStepDesignee",
        actor: "eve",
        account: HARBOUR,
        planId: "p",
        stepId: "txt",
        designee: "rainmaker",
      }),
    ).toMatchObject({
      code: "not_permitted",
      rule: "SP-2",
    });
    for (const designee of ["rainmaker", "contactAssignee"] as const) {
      const create: Input = {
        type: "createSmartPlan",
        actor: "eve",
        account: HARBOUR,
        planId: "drain",
        name: "Drain",
        steps: [{ id: "txt", kind: "sms", title: "Hi", designee }],
      };
      expect(refused(s, create)).toMatchObject({ code: "not_permitted", rule: "SP-2" });
    }
  });

  it("the rainmaker, enhanced members and office admins may create a team plan with a designee; any member may create one without (SP-2)", () => {
    for (const actor of ["rita", "tess", "tc", "ada"]) {
      const r = run(world(), {
        type: "createSmartPlan",
        actor,
        account: HARBOUR,
        planId: "p",
        name: "P",
        steps: [...smsByRainmaker],
      });
      expect(r.events).toMatchObject([{ type: "SmartPlanCreated", planId: "p", steps: [{ designee: "rainmaker" }] }]);
    }
    const plain = run(world(), {
      type: "createSmartPlan",
      actor: "eve",
      account: HARBOUR,
      planId: "p",
      name: "P",
      steps: [{ id: "txt", kind: "sms", title: "Hi" }],
    });
    expect(plain.events).toMatchObject([{ type: "SmartPlanCreated", planId: "p" }]);
  });

  it("a step runs once per enrolment: a second run is refused and charges nothing (SEC-6)", () => {
    let s = run(
      world(),
      {
        type: "createSmartPlan",
        actor: "rita",
        account: HARBOUR,
        planId: "drain",
        name: "Drain",
        steps: [...smsByRainmaker],
      },
      { type: "enrolContact", actor: "sam", account: HARBOUR, planId: "drain", contactId: "c-sam" },
    ).state;
    const step: Input = {
      type: "runStep",
      actor: "sam",
      account: HARBOUR,
      planId: "drain",
      stepId: "txt",
      contactId: "c-sam",
      at: OPEN,
    };
    const first = run(s, step);
    expect(first.events).toMatchObject([{ type: "TextSent", senderId: "rita", to: "+13125550147", credits: 1 }]);
    s = first.state;
    for (let i = 0; i < 99; i++) expect(refused(s, step)).toMatchObject({ code: "step_already_run", rule: "SEC-6" });
    expect(messagingOf(s, "rita").credits).toBe(99);
  });

  it("a deferred step has not run: it runs once the window opens, then no more (SEC-6, SP-5)", () => {
    const s = run(
      world(),
      {
        type: "createSmartPlan",
        actor: "rita",
        account: HARBOUR,
        planId: "drain",
        name: "Drain",
        steps: [...smsByRainmaker],
      },
      { type: "enrolContact", actor: "sam", account: HARBOUR, planId: "drain", contactId: "c-sam" },
    ).state;
    const step = {
      type: "runStep",
      actor: "sam",
      account: HARBOUR,
      planId: "drain",
      stepId: "txt",
      contactId: "c-sam",
    } as const;
    const deferred = run(s, { ...step, at: CLOSED });
    expect(deferred.events).toMatchObject([{ type: "StepDeferred" }]);
    const sent = run(deferred.state, { ...step, at: OPEN });
    expect(sent.events).toMatchObject([{ type: "TextSent", senderId: "rita" }]);
    expect(refused(sent.state, { ...step, at: OPEN })).toMatchObject({ code: "step_already_run", rule: "SEC-6" });
    expect(messagingOf(sent.state, "rita").credits).toBe(99);
  });

  it("re-enrolling after unenrolling starts a new enrolment, whose steps may run again (SEC-6, LIF-8)", () => {
    const step: Input = {
      type: "runStep",
      actor: "sam",
      account: HARBOUR,
      planId: "drain",
      stepId: "txt",
      contactId: "c-sam",
      at: OPEN,
    };
    const s = run(
      world(),
      {
        type: "createSmartPlan",
        actor: "rita",
        account: HARBOUR,
        planId: "drain",
        name: "Drain",
        steps: [...smsByRainmaker],
      },
      { type: "enrolContact", actor: "sam", account: HARBOUR, planId: "drain", contactId: "c-sam" },
      step,
      { type: "unenrolContact", actor: "sam", account: HARBOUR, planId: "drain", contactId: "c-sam" },
      { type: "enrolContact", actor: "sam", account: HARBOUR, planId: "drain", contactId: "c-sam" },
    ).state;
    const again = run(s, step);
    expect(again.events).toMatchObject([{ type: "TextSent", senderId: "rita" }]);
    expect(messagingOf(again.state, "rita").credits).toBe(98);
    expect(refused(again.state, step)).toMatchObject({ code: "step_already_run", rule: "SEC-6" });
  });

  it("a contact without a primary: task steps fall to the rainmaker, but email and text steps spend nobody's budget and become a task for the rainmaker (SEC-6, SP-3)", () => {
    const s = run(
      world(),
      addEvesContact(),
      { type: "changePrimary", actor: "eve", account: HARBOUR, contactId: "c-eve", userId: null },
      {
        type: "createSmartPlan",
        actor: "eve",
        account: HARBOUR,
        planId: "defaults",
        name: "Defaults",
        steps: [
          { id: "task", kind: "task", title: "Call" },
          { id: "mail", kind: "email", title: "Hello" },
          { id: "txt", kind: "sms", title: "Hi" },
        ],
      },
      { type: "enrolContact", actor: "eve", account: HARBOUR, planId: "defaults", contactId: "c-eve" },
    ).state;
    expect(can(s, "eve", "edit", "c-eve")).toBe(true); // she kept `full`
    const runIt = (stepId: string) =>
      run(s, {
        type: "runStep",
        actor: "eve",
        account: HARBOUR,
        planId: "defaults",
        stepId,
        contactId: "c-eve",
        at: OPEN,
      });
    expect(runIt("task").events).toMatchObject([{ type: "TaskCreated", assigneeId: "rita", reason: "taskStep" }]);
    for (const stepId of ["mail", "txt"]) {
      const r = runIt(stepId);
      expect(r.events).toMatchObject([{ type: "TaskCreated", assigneeId: "rita", reason: "noContactAssignee" }]);
      expect(messagingOf(r.state, "rita")).toMatchObject({ credits: 100, emailsSent: 0 });
    }
  });

  it("a deactivated primary's email and text steps spend nobody's budget: the rainmaker is tasked instead (SEC-6, LIF-7, SP-3)", () => {
    const s = run(
      world(),
      {
        type: "createSmartPlan",
        actor: "tess",
        account: HARBOUR,
        planId: "defaults",
        name: "Defaults",
        steps: [
          { id: "mail", kind: "email", title: "Hello" },
          { id: "txt", kind: "sms", title: "Hi" },
        ],
      },
      { type: "enrolContact", actor: "tess", account: HARBOUR, planId: "defaults", contactId: "c-sam" },
      { type: "deactivateUser", actor: "ada", account: OFFICE, userId: "sam" },
    ).state;
    for (const stepId of ["mail", "txt"]) {
      const r = run(s, {
        type: "runStep",
        actor: "tess",
        account: HARBOUR,
        planId: "defaults",
        stepId,
        contactId: "c-sam",
        at: OPEN,
      });
      expect(r.events).toMatchObject([{ type: "TaskCreated", assigneeId: "rita", reason: "noContactAssignee" }]);
      expect(messagingOf(r.state, "rita")).toMatchObject({ credits: 100, emailsSent: 0 });
    }
  });
});

describe("5. SHR-3 bypass (SHR-3, SEC-1)", () => {
  it("an enhanced transaction coordinator cannot share through grantAccess what shareContact refuses (SHR-3, SEC-1)", () => {
    const s = world();
    expect(
      refused(s, { type: "shareContact", actor: "tc", account: HARBOUR, contactId: "c-sam", userId: "eve" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-3" });
    expect(
      refused(s, {
        type: "grantAccess",
        actor: "tc",
        account: HARBOUR,
        contactId: "c-sam",
        userId: "eve",
        level: "shared",
      }),
    ).toMatchObject({
      code: "not_permitted",
      rule: "SHR-3",
    });
    expect(can(s, "eve", "view", "c-sam")).toBe(false);
  });

  it("an enhanced transaction coordinator cannot unshare through revokeAccess what unshareContact refuses (SHR-3, SEC-1)", () => {
    const s = run(world(), {
      type: "shareContact",
      actor: "tess",
      account: HARBOUR,
      contactId: "c-sam",
      userId: "eve",
    }).state;
    expect(
      refused(s, { type: "unshareContact", actor: "tc", account: HARBOUR, contactId: "c-sam", userId: "eve" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-3" });
    expect(
      refused(s, { type: "revokeAccess", actor: "tc", account: HARBOUR, contactId: "c-sam", userId: "eve" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-3" });
    expect(can(s, "eve", "viewDetails", "c-sam")).toBe(true);
  });

  it("the team manager shares through either command, and both make the same grant (SHR-3, SEC-1)", () => {
    const s = world();
    const viaShare = run(s, {
      type: "shareContact",
      actor: "tess",
      account: HARBOUR,
      contactId: "c-sam",
      userId: "eve",
    });
    const viaGrant = run(s, {
      type: "grantAccess",
      actor: "tess",
      account: HARBOUR,
      contactId: "c-sam",
      userId: "eve",
      level: "shared",
    });
    for (const r of [viaShare, viaGrant])
      expect(r.events).toMatchObject([{ type: "AccessGranted", contactId: "c-sam", userId: "eve", level: "shared" }]);
    expect(getContact(viaGrant.state, "c-sam")?.grants).toEqual(getContact(viaShare.state, "c-sam")?.grants);
    const back = run(viaShare.state, {
      type: "revokeAccess",
      actor: "tess",
      account: HARBOUR,
      contactId: "c-sam",
      userId: "eve",
    });
    expect(can(back.state, "eve", "view", "c-sam")).toBe(false);
  });

  it("full and view grants to team members stay with manageAccess: the transaction coordinator still grants and revokes them (ASG-2, REA-4, SEC-1)", () => {
    for (const level of ["full", "view"] as const) {
      const granted = run(world(), {
        type: "grantAccess",
        actor: "tc",
        account: HARBOUR,
        contactId: "c-sam",
        userId: "eve",
        level,
      });
      expect(granted.events).toMatchObject([{ type: "AccessGranted", userId: "eve", level }]);
      const revoked = run(granted.state, {
        type: "revokeAccess",
        actor: "tc",
        account: HARBOUR,
        contactId: "c-sam",
        userId: "eve",
      });
      expect(revoked.events).toMatchObject([{ type: "AccessRevoked", userId: "eve", level }]);
    }
  });

  it("granting to a co-marketing partner outside the team needs the authority to share, whichever command (SHR-3, SEC-1)", () => {
    const s = run(world(), { type: "startPartnership", actor: "tc", account: OFFICE, partnerId: "lou" }).state;
    expect(
      refused(s, { type: "assignToPartner", actor: "tc", account: HARBOUR, contactId: "c-sam", partnerId: "lou" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-3" });
    for (const level of ["full", "shared", "view"] as const) {
      expect(
        refused(s, { type: "grantAccess", actor: "tc", account: HARBOUR, contactId: "c-sam", userId: "lou", level }),
      ).toMatchObject({
        code: "not_permitted",
        rule: "SHR-3",
      });
    }
    expect(can(s, "lou", "view", "c-sam")).toBe(false);
  });

  it("share is an action: can, accessList and visibleContacts agree on who shares (SHR-3, SEC-1)", () => {
    const s = world();
    expect((ACTIONS as readonly string[]).includes("share")).toBe(true);
    const sharers = (contactId: string) => USERS.filter((u) => can(s, u, SHARE, contactId));
    expect(sharers("c-sam")).toEqual(["ada", "rita", "tess"]);
    expect(sharers("c-pat")).toEqual(["pat"]);
    for (const contactId of ["c-sam", "c-pat"]) {
      const list = accessList(s, contactId);
      if (E.isLeft(list)) throw new Error(list.left.message);
      const listed = list.right.filter((e) => e.actions.includes(SHARE)).map((e) => e.userId);
      expect([...listed].sort()).toEqual([...sharers(contactId)].sort());
      for (const u of USERS)
        expect(visibleContacts(s, u, { action: SHARE }).includes(contactId)).toBe(can(s, u, SHARE, contactId));
    }
    expect(explain(s, "tc", SHARE, "c-sam")).toMatchObject({
      allowed: false,
      rules: expect.arrayContaining(["SHR-3"]),
    });
  });

  it("the personal account's user still shares and assigns their own contact, by either command (SHR-3, ACC-5)", () => {
    const s = world();
    expect(
      run(s, { type: "shareContact", actor: "pat", account: personal("pat"), contactId: "c-pat", userId: "sam" })
        .events,
    ).toMatchObject([{ type: "AccessGranted", userId: "sam", level: "shared" }]);
    expect(
      run(s, {
        type: "grantAccess",
        actor: "pat",
        account: personal("pat"),
        contactId: "c-pat",
        userId: "eve",
        level: "shared",
      }).events,
    ).toMatchObject([{ type: "AccessGranted", userId: "eve", level: "shared" }]);
    const assigned = run(s, {
      type: "assignToPartner",
      actor: "pat",
      account: personal("pat"),
      contactId: "c-pat",
      partnerId: "lou",
    });
    expect(assigned.events).toMatchObject([{ type: "AccessGranted", userId: "lou", level: "full" }]);
    expect(
      refused(s, { type: "shareContact", actor: "tess", account: personal("pat"), contactId: "c-pat", userId: "sam" })
        .code,
    ).toBe("contact_not_found");
  });
});

describe("6. partners write loans they cannot see (SEC-4, SHR-5, SHR-6)", () => {
  const at = personal("pat");
  const partnered = () =>
    run(
      world(),
      { type: "assignToPartner", actor: "pat", account: at, contactId: "c-pat", partnerId: "lou" },
      {
        type: "addLoan",
        actor: "pat",
        account: at,
        contactId: "c-pat",
        loanId: "LN-42",
        amount: 450000,
        status: "application",
      },
      {
        type: "addNote",
        actor: "pat",
        account: at,
        contactId: "c-pat",
        noteId: "n-priv",
        text: "credit issue",
        private: true,
      },
      {
        type: "addTask",
        actor: "pat",
        account: at,
        contactId: "c-pat",
        taskId: "t-pat",
        title: "Check credit",
        assigneeId: "pat",
      },
    ).state;

  it("a partner cannot close a loan their projection withholds, and the refusal is the same whether the loan exists (SEC-4, SHR-5)", () => {
    const s = partnered();
    const view = project(s, "lou", "c-pat");
    expect(E.isRight(view) && view.right.loans).toBeUndefined();
    const close = (loanId: string): Input => ({
      type: "closeLoan",
      actor: "lou",
      account: at,
      contactId: "c-pat",
      loanId,
    });
    const existing = refused(s, close("LN-42"));
    expect(existing).toMatchObject({ code: "not_permitted", rule: "SHR-5" });
    expect(withoutId(existing, "LN-42")).toEqual(withoutId(refused(s, close("LN-00")), "LN-00"));
    expect(getContactFile(s, "c-pat")?.loans.map((l) => l.id)).toEqual(["LN-42"]);
    expect(can(s, "pat", "delete", "c-pat")).toBe(false);
  });

  it("a partner cannot add a loan, and a taken loan id tells them nothing (SEC-4, SHR-5)", () => {
    const s = partnered();
    const add = (loanId: string): Input => ({
      type: "addLoan",
      actor: "lou",
      account: at,
      contactId: "c-pat",
      loanId,
      amount: 1,
      status: "open",
    });
    const taken = refused(s, add("LN-42"));
    expect(taken).toMatchObject({ code: "not_permitted", rule: "SHR-5" });
    expect(withoutId(taken, "LN-42")).toEqual(withoutId(refused(s, add("LN-43")), "LN-43"));
  });

  it("a partner cannot add a private note, whether or not its id is taken (SEC-4, SHR-6)", () => {
    const s = partnered();
    const add = (noteId: string): Input => ({
      type: "addNote",
      actor: "lou",
      account: at,
      contactId: "c-pat",
      noteId,
      text: "mine",
      private: true,
    });
    const taken = refused(s, add("n-priv"));
    expect(taken).toMatchObject({ code: "not_permitted", rule: "SHR-6" });
    expect(withoutId(taken, "n-priv")).toEqual(withoutId(refused(s, add("n-new")), "n-new"));
  });

  it("a partner adds public notes; a taken note id is refused as taken, naming nothing else (SEC-2, SHR-5)", () => {
    const s = partnered();
    const add = (noteId: string): Input => ({
      type: "addNote",
      actor: "lou",
      account: at,
      contactId: "c-pat",
      noteId,
      text: "met at open house",
      private: false,
    });
    expect(run(s, add("n-pub")).events).toMatchObject([{ type: "NoteAdded", note: { id: "n-pub", private: false } }]);
    const taken = refused(s, add("n-priv"));
    expect(taken.code).toBe("duplicate_id");
    expect(taken.message).toMatch(/\bid n-priv is already taken$/);
    expect(taken.message).not.toContain("private");
  });

  it("a partner cannot add to groups or record activities, which their projection withholds (SEC-4, SHR-5)", () => {
    const s = partnered();
    expect(
      refused(s, { type: "addToGroup", actor: "lou", account: at, contactId: "c-pat", group: "Hot leads" }),
    ).toMatchObject({ code: "not_permitted", rule: "SHR-5" });
    expect(
      refused(s, {
        type: "recordActivity",
        actor: "lou",
        account: at,
        contactId: "c-pat",
        activityId: "a1",
        kind: "call",
        summary: "rates",
      }),
    ).toMatchObject({
      code: "not_permitted",
      rule: "SHR-5",
    });
  });

  it("a partner adds tasks only for themselves and completes only their own; another's task is as unknown as one that does not exist (SEC-4, SHR-5)", () => {
    const s = partnered();
    const mine = run(s, {
      type: "addTask",
      actor: "lou",
      account: at,
      contactId: "c-pat",
      taskId: "t-lou",
      title: "Pre-approve",
      assigneeId: "lou",
    });
    expect(mine.events).toMatchObject([{ type: "TaskAdded", task: { id: "t-lou", assigneeId: "lou" } }]);
    expect(
      refused(s, {
        type: "addTask",
        actor: "lou",
        account: at,
        contactId: "c-pat",
        taskId: "t-x",
        title: "For pat",
        assigneeId: "pat",
      }),
    ).toMatchObject({
      code: "not_permitted",
      rule: "SHR-5",
    });
    const complete = (taskId: string): Input => ({
      type: "completeTask",
      actor: "lou",
      account: at,
      contactId: "c-pat",
      taskId,
    });
    const others = refused(mine.state, complete("t-pat"));
    expect(others.code).toBe("item_not_found");
    expect(withoutId(others, "t-pat")).toEqual(withoutId(refused(mine.state, complete("t-none")), "t-none"));
    expect(run(mine.state, complete("t-lou")).events).toMatchObject([
      { type: "TaskCompleted", taskId: "t-lou", by: "lou" },
    ]);
  });

  it("a team contact's primary and full grantees cannot add loans or private notes they cannot read; the team's enhanced members can (SEC-4, SHR-5, SHR-6)", () => {
    const s = run(
      world(),
      { type: "grantAccess", actor: "rita", account: HARBOUR, contactId: "c-sam", userId: "eve", level: "full" },
      {
        type: "addLoan",
        actor: "tess",
        account: HARBOUR,
        contactId: "c-sam",
        loanId: "LN-7",
        amount: 1,
        status: "open",
      },
      {
        type: "addNote",
        actor: "tess",
        account: HARBOUR,
        contactId: "c-sam",
        noteId: "n-priv",
        text: "secret",
        private: true,
      },
    ).state;
    for (const actor of ["sam", "eve"]) {
      const view = project(s, actor, "c-sam");
      expect(E.isRight(view) && view.right.loans).toBeUndefined();
      for (const loanId of ["LN-7", "LN-8"]) {
        expect(
          refused(s, {
            type: "addLoan",
            actor,
            account: HARBOUR,
            contactId: "c-sam",
            loanId,
            amount: 1,
            status: "open",
          }),
        ).toMatchObject({ code: "not_permitted", rule: "SHR-5" });
        expect(refused(s, { type: "closeLoan", actor, account: HARBOUR, contactId: "c-sam", loanId })).toMatchObject({
          code: "not_permitted",
          rule: "SHR-5",
        });
      }
      for (const noteId of ["n-priv", "n-new"]) {
        expect(
          refused(s, {
            type: "addNote",
            actor,
            account: HARBOUR,
            contactId: "c-sam",
            noteId,
            text: "x",
            private: true,
          }),
        ).toMatchObject({ code: "not_permitted", rule: "SHR-6" });
      }
      expect(
        run(s, {
          type: "addNote",
          actor,
          account: HARBOUR,
          contactId: "c-sam",
          noteId: "n-pub",
          text: "x",
          private: false,
        }).events,
      ).toMatchObject([{ type: "NoteAdded" }]);
    }
    expect(
      run(s, {
        type: "addLoan",
        actor: "tess",
        account: HARBOUR,
        contactId: "c-sam",
        loanId: "LN-8",
        amount: 1,
        status: "open",
      }).events,
    ).toMatchObject([{ type: "LoanAdded" }]);
    expect(
      run(s, { type: "closeLoan", actor: "rita", account: HARBOUR, contactId: "c-sam", loanId: "LN-7" }).events,
    ).toMatchObject([{ type: "LoanClosed" }]);
    expect(
      run(s, {
        type: "addNote",
        actor: "ada",
        account: HARBOUR,
        contactId: "c-sam",
        noteId: "n-2",
        text: "x",
        private: true,
      }).events,
    ).toMatchObject([{ type: "NoteAdded" }]);
  });
});

describe("7. configuration opens personal accounts (SEC-5, ACC-5)", () => {
  const shares = [{ leadSource: "Zillow", userIds: ["rita", "eve", "lou"] }];
  const zillow = { name: "Zack Zillow", emails: ["zack@example.com"], leadSource: "Zillow" };
  const personalAdds = (): Input[] => [
    {
      type: "addContact",
      actor: "pat",
      account: personal("pat"),
      contactId: "z-sync",
      channel: "apiSync",
      details: zillow,
    },
    {
      type: "addContact",
      actor: "pat",
      account: personal("pat"),
      contactId: "z-manual",
      channel: "manual",
      details: { ...zillow, emails: ["zack2@example.com"] },
    },
    {
      type: "importContacts",
      actor: "pat",
      account: personal("pat"),
      rows: [{ contactId: "z-import", details: { ...zillow, emails: ["zack3@example.com"] } }],
    },
  ];

  const expectClosed = (s: State) => {
    for (const contactId of ["z-sync", "z-manual", "z-import"]) {
      expect(getContact(s, contactId)?.grants).toEqual([]);
      for (const u of ["rita", "eve", "lou", "tess", "ada"]) expect(can(s, u, "view", contactId)).toBe(false);
    }
  };

  it("a lead-source share configured by the admin never opens a personal-account contact, through any channel (SEC-5, ACC-5, SHR-9)", () => {
    const r = run(
      world(),
      {
        type: "changeConfiguration",
        actor: "ada",
        account: OFFICE,
        configuration: { ...DEFAULT_CONFIGURATION, leadSourceShares: shares },
      },
      ...personalAdds(),
    );
    for (const e of r.events) if (e.type === "ContactAdded") expect(e.rules).not.toContain("SHR-9");
    expectClosed(r.state);
  });

  it("no preset with lead-source shares opens a personal-account contact (SEC-5)", () => {
    for (const [name, preset] of Object.entries(PRESETS)) {
      const s = run(world({ configuration: { ...preset, leadSourceShares: shares } }), ...personalAdds()).state;
      try {
        expectClosed(s);
      } catch (e) {
        throw new Error(`preset ${name}: ${(e as Error).message}`);
      }
    }
  });

  it("lead-source shares still share new team-account contacts (SHR-9)", () => {
    const r = run(world({ configuration: { ...DEFAULT_CONFIGURATION, leadSourceShares: shares } }), {
      type: "addContact",
      actor: "sam",
      account: HARBOUR,
      contactId: "z-team",
      channel: "manual",
      details: zillow,
    });
    expect(r.events).toMatchObject([{ type: "ContactAdded", rules: expect.arrayContaining(["SHR-9"]) }]);
    expect(can(r.state, "eve", "viewDetails", "z-team")).toBe(true);
  });
});

describe("10. bulk reassignment skips ASG-4 (REA-1, ASG-4, SEC-1)", () => {
  it("bulk reassignment needs, per contact, what changePrimary needs: the rainmaker without editContactOwnership moves nothing (ASG-4, REA-1, SEC-1)", () => {
    const s = world();
    expect(
      refused(s, { type: "changePrimary", actor: "rita", account: HARBOUR, contactId: "c-sam", userId: "eve" }),
    ).toMatchObject({ code: "not_permitted", rule: "ASG-4" });
    const r = run(s, { type: "reassignContacts", actor: "rita", account: HARBOUR, fromUserId: "sam", toUserId: "eve" });
    expect(r.events).toMatchObject([
      { type: "ReassignmentRefused", contactId: "c-sam", code: "not_permitted", rule: "ASG-4" },
      { type: "ContactsReassigned", reassigned: 0, refused: 1 },
    ]);
    expect(r.events.some((e) => e.type === "PrimaryChanged")).toBe(false);
    expect(getContact(r.state, "c-sam")?.primary).toBe("sam");
  });

  it("with editContactOwnership the rainmaker reassigns in bulk as she could one by one; an office admin too (ASG-4, REA-1)", () => {
    const s = run(world(), {
      type: "changeStaffPermissions",
      actor: "ada",
      account: OFFICE,
      userId: "rita",
      permissions: { editContactOwnership: true },
    }).state;
    expect(
      run(s, { type: "changePrimary", actor: "rita", account: HARBOUR, contactId: "c-sam", userId: "eve" }).events,
    ).toMatchObject([{ type: "PrimaryChanged", to: "eve" }]);
    for (const actor of ["rita", "ada"]) {
      const r = run(s, { type: "reassignContacts", actor, account: HARBOUR, fromUserId: "sam", toUserId: "eve" });
      expect(r.events).toMatchObject([
        { type: "PrimaryChanged", contactId: "c-sam", from: "sam", to: "eve", rule: "REA-1" },
        { type: "ContactsReassigned", reassigned: 1, refused: 0 },
      ]);
    }
  });
});

describe("11. REA-1 that does not revoke (REA-1, ACC-3, SEC-1)", () => {
  it("reassigning the primary of a contact the previous primary owns says they keep the owner's access, and can agrees (REA-1, ACC-3, SEC-1)", () => {
    const s = run(world(), samOwnsCSam).state;
    const byHand = run(s, { type: "changePrimary", actor: "sam", account: HARBOUR, contactId: "c-sam", userId: "eve" });
    expect(byHand.events).toMatchObject([
      { type: "PrimaryChanged", from: "sam", to: "eve", previousKeeps: "owner", rule: "REA-1" },
    ]);
    expect(getContact(byHand.state, "c-sam")?.owner).toEqual({ kind: "user", userId: "sam" });
    expect(can(byHand.state, "sam", "edit", "c-sam")).toBe(true);
    const inBulk = run(s, {
      type: "reassignContacts",
      actor: "ada",
      account: HARBOUR,
      fromUserId: "sam",
      toUserId: "eve",
    });
    expect(inBulk.events).toMatchObject([
      { type: "PrimaryChanged", from: "sam", to: "eve", previousKeeps: "owner" },
      { type: "ContactsReassigned" },
    ]);
    expect(can(inBulk.state, "sam", "edit", "c-sam")).toBe(true);
  });

  it("when the event says the previous primary keeps nothing, they have no access left (REA-1)", () => {
    const r = run(world(), {
      type: "changePrimary",
      actor: "sam",
      account: HARBOUR,
      contactId: "c-sam",
      userId: "eve",
    });
    expect(r.events).toMatchObject([{ type: "PrimaryChanged", from: "sam", to: "eve", previousKeeps: "none" }]);
    expect(can(r.state, "sam", "view", "c-sam")).toBe(false);
  });
});

describe("12. preset contradicts SHR-8 (SHR-8, SEC-1)", () => {
  const toEve = {
    type: "changeOwner",
    account: HARBOUR,
    contactId: "c-sam",
    owner: { kind: "user", userId: "eve" },
  } as const;

  it("under mortgageCoMarketing a plain agent who owns a contact cannot transfer its ownership (SHR-8, SEC-1)", () => {
    const s = run(world({ configuration: PRESETS.mortgageCoMarketing }), samOwnsCSam).state;
    expect(getContact(s, "c-sam")?.owner).toEqual({ kind: "user", userId: "sam" });
    expect(can(s, "sam", "changeOwner", "c-sam")).toBe(false);
    expect(refused(s, { ...toEve, actor: "sam" })).toMatchObject({ code: "not_permitted", rule: "SHR-8" });
  });

  it("under mortgageCoMarketing the team manager, the rainmaker and office admins transfer ownership (SHR-8)", () => {
    const s = world({ configuration: PRESETS.mortgageCoMarketing });
    for (const actor of ["tess", "rita", "ada"]) {
      expect(can(s, actor, "changeOwner", "c-sam")).toBe(true);
      expect(run(s, { ...toEve, actor }).events).toMatchObject([
        { type: "OwnershipChanged", to: { kind: "user", userId: "eve" } },
      ]);
    }
    expect(can(s, "tc", "changeOwner", "c-sam")).toBe(false);
  });
});

describe("13. LIF-2 through API-like channels (LIF-2)", () => {
  it("unarchiving goes through the manual and support channels only; every API-like channel is refused (LIF-2)", () => {
    const s = run(
      world(),
      {
        type: "changeStaffPermissions",
        actor: "ada",
        account: OFFICE,
        userId: "sam",
        permissions: { archiveContacts: true },
      },
      {
        type: "archiveContact",
        actor: "sam",
        account: HARBOUR,
        contactId: "c-sam",
        channel: "manual",
        reason: "notInterested",
      },
    ).state;
    for (const channel of ["api", "apiSync", "import", "leadSource", "openForInspection", "propertyEnquiry"] as const) {
      expect(
        refused(s, { type: "unarchiveContact", actor: "sam", account: HARBOUR, contactId: "c-sam", channel }),
      ).toMatchObject({
        code: "channel_not_available",
        rule: "LIF-2",
      });
    }
    for (const channel of ["manual", "support"] as const) {
      expect(
        run(s, { type: "unarchiveContact", actor: "sam", account: HARBOUR, contactId: "c-sam", channel }).events,
      ).toMatchObject([{ type: "ContactUnarchived", channel }]);
    }
  });
});

describe("14. a deactivated designee still sends (LIF-7, SEC-6)", () => {
  it("a deactivated designee never sends: the step fails for them, charges nothing and does not count as run (LIF-7, SEC-6)", () => {
    const step: Input = {
      type: "runStep",
      actor: "sam",
      account: HARBOUR,
      planId: "drain",
      stepId: "txt",
      contactId: "c-sam",
      at: OPEN,
    };
    const s = run(
      world(),
      {
        type: "createSmartPlan",
        actor: "rita",
        account: HARBOUR,
        planId: "drain",
        name: "Drain",
        steps: [
          { id: "txt", kind: "sms", title: "Hi", designee: "rainmaker" },
          { id: "mail", kind: "email", title: "Hello", designee: "rainmaker" },
        ],
      },
      { type: "enrolContact", actor: "sam", account: HARBOUR, planId: "drain", contactId: "c-sam" },
      { type: "deactivateUser", actor: "ada", account: OFFICE, userId: "rita" },
    ).state;
    const preview = resolveStep(s, { planId: "drain", stepId: "txt", contactId: "c-sam", at: OPEN });
    expect(preview).toMatchObject({
      _tag: "Right",
      right: { outcome: { kind: "failed", agentId: "rita", reason: "agentDeactivated", rule: "LIF-7" } },
    });
    const failed = run(s, step);
    expect(failed.events).toMatchObject([
      { type: "StepFailed", agentId: "rita", reason: "agentDeactivated", rule: "LIF-7" },
    ]);
    expect(JSON.stringify(failed.events)).not.toContain("TextSent");
    expect(messagingOf(failed.state, "rita").credits).toBe(100);
    const mail = run(failed.state, { ...step, stepId: "mail" } as Input);
    expect(mail.events).toMatchObject([
      { type: "StepFailed", agentId: "rita", reason: "agentDeactivated", rule: "LIF-7" },
    ]);
    expect(messagingOf(mail.state, "rita").emailsSent).toBe(0);
    // Not counted as run: once she is reactivated, the step runs (once).
    const back = run(mail.state, { type: "reactivateUser", actor: "ada", account: OFFICE, userId: "rita" }).state;
    const sent = run(back, step);
    expect(sent.events).toMatchObject([{ type: "TextSent", senderId: "rita" }]);
    expect(refused(sent.state, step)).toMatchObject({ code: "step_already_run", rule: "SEC-6" });
  });
});

describe("15. decided and documented (LIF-7, ASG-3, ASG-8)", () => {
  it("a leader cannot remove a deactivated member, whose contacts are frozen, until they are reactivated (LIF-7, ACC-10)", () => {
    const s = run(world(), samOwnsCSam, { type: "deactivateUser", actor: "ada", account: OFFICE, userId: "sam" }).state;
    expect(refused(s, { type: "removeTeamMember", actor: "rita", account: HARBOUR, userId: "sam" })).toMatchObject({
      code: "user_deactivated",
      rule: "LIF-7",
    });
    expect(getContact(s, "c-sam")?.owner).toEqual({ kind: "user", userId: "sam" });
    const back = run(s, { type: "reactivateUser", actor: "ada", account: OFFICE, userId: "sam" }).state;
    const removed = run(back, { type: "removeTeamMember", actor: "rita", account: HARBOUR, userId: "sam" });
    expect(removed.events.some((e) => e.type === "TeamMemberRemoved")).toBe(true);
  });

  it("linking to a listing gives the listing agent full only when the linker manages access: a view holder cannot upgrade themselves (ASG-3, ASG-8, SEC-1)", () => {
    const s = run(world({ configuration: { ...DEFAULT_CONFIGURATION, listingAgentAccessOnExistingEnquiry: "full" } }), {
      type: "grantAccess",
      actor: "rita",
      account: HARBOUR,
      contactId: "c-sam",
      userId: "eve",
      level: "view",
    }).state;
    const self = run(s, {
      type: "linkToListing",
      actor: "eve",
      account: HARBOUR,
      contactId: "c-sam",
      listingId: "L1",
      kind: "propertyEnquiry",
    });
    expect(self.events).toMatchObject([{ type: "ContactLinkedToListing", listingId: "L1", listingAgentId: "eve" }]);
    expect(self.events.some((e) => e.type === "AccessGranted" && e.level === "full")).toBe(false);
    expect(can(self.state, "eve", "edit", "c-sam")).toBe(false);
    const byManager = run(s, {
      type: "linkToListing",
      actor: "tess",
      account: HARBOUR,
      contactId: "c-sam",
      listingId: "L2",
      listingAgentId: "eve",
      kind: "propertyEnquiry",
    });
    expect(byManager.events).toMatchObject([
      { type: "ContactLinkedToListing" },
      { type: "AccessGranted", userId: "eve", level: "full", rule: "ASG-8" },
    ]);
    expect(can(byManager.state, "eve", "edit", "c-sam")).toBe(true);
  });
});
