import { emailKey, isNormalizedPhone } from "../lifecycle/contact-points.js";
import { optOutKey } from "../lifecycle/model.js";
import { enrolmentKey, MAX_TWILIO_MONTHLY_CREDITS } from "../smartplans/model.js";
import { monthIndex } from "../smartplans/sending-window.js";
import { describeAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import type { Snapshot } from "./snapshot.js";
import { checkApplets } from "../applets/snapshot.js";
import { checkAssets } from "../assets/invariants.js";

/**
 * The first invariant a snapshot breaks: what is wrong, naming the ids involved and the rule that keeps it, and
 * where in the snapshot it is.
 * @since 0.1.0
 */
export interface InvariantBreach {
  readonly message: string;
  readonly path: readonly (string | number)[];
}

type Path = readonly (string | number)[];
type Breach = InvariantBreach | null;
type Members = ReadonlyMap<string, Snapshot["teams"][number]["members"][number]>;
type Contacts = ReadonlyMap<string, Snapshot["contacts"][number]>;

/** The most a user's email plan allows in a month (the commands' and configuration's bound, SP-4). */
const MAX_EMAIL_MONTHLY_LIMIT = 10_000_000;

const breach = (message: string, path: Path): InvariantBreach =>
  Object.freeze({ message, path: Object.freeze([...path]) });

/** What the checks look ids up in: built once, one entry per user, team, contact and plan. */
interface Index {
  readonly users: ReadonlySet<string>;
  readonly members: ReadonlyMap<string, Members>;
  readonly contacts: Contacts;
  readonly plans: ReadonlyMap<string, Snapshot["plans"][number]>;
}

/**
 * Every invariant the library keeps, checked on a decoded snapshot (SEC-7): ids are unique; every reference —
 * users, teams, contacts, plans, steps — resolves; each contact's owner, primary and grants are ones `decide` and
 * `evolve` can produce (ACC-2, ACC-3, ACC-4, ACC-10, ASG-1); teams keep their rainmaker at `unlimited` (ACC-9);
 * counts are in range (SP-4, SP-5); enrolments stay in their plan's account (ACC-6) and run each step at most
 * once (SEC-6). `fromSnapshot` refuses a snapshot this answers for, and property tests check live states with it.
 * One pass per collection, with maps: linear in the size of the snapshot.
 * @example
 * import { initialState, toSnapshot } from "crm-access";
 * import { checkInvariants } from "crm-access/testing";
 * assert.strictEqual(checkInvariants(toSnapshot(initialState())), null);
 * @since 0.1.0
 */
export function checkInvariants(snapshot: Snapshot): InvariantBreach | null {
  const users = new Set<string>();
  const found = checkUsers(snapshot, users);
  if (found !== null) return found;
  const members = new Map<string, Members>();
  const contacts = new Map<string, Snapshot["contacts"][number]>();
  const plans = new Map<string, Snapshot["plans"][number]>();
  const index: Index = { users, members, contacts, plans };
  return (
    checkTeams(snapshot, users, members) ??
    checkPartnerships(snapshot, users) ??
    checkContacts(snapshot, index, contacts) ??
    checkFiles(snapshot, index) ??
    checkArchive(snapshot, index) ??
    checkOptOuts(snapshot) ??
    checkPlans(snapshot, index, plans) ??
    checkAgentDefaults(snapshot, index) ??
    checkEnrolments(snapshot, index) ??
    checkMessaging(snapshot, index) ??
    checkTextRoutes(snapshot, index) ??
    checkApplets(snapshot, index) ??
    checkAssets(
      snapshot,
      (account) => knownAccount(account, index),
      (contactId) => index.contacts.get(contactId)?.account,
    )
  );
}

/** Nothing happens before the office opens; once open, it keeps one active admin or master user (`last_office_admin`). */
function checkUsers(snapshot: Snapshot, users: Set<string>): Breach {
  let activeAdmins = 0;
  for (const [i, u] of snapshot.users.entries()) {
    if (users.has(u.id)) return breach(`user ${u.id} appears twice`, ["users", i, "id"]);
    users.add(u.id);
    if (u.officeRole !== "staff" && u.status === "active") activeAdmins++;
  }
  if (snapshot.office === null) {
    const first = snapshot.users[0];
    if (first !== undefined) return breach(`no office is open, yet user ${first.id} is registered`, ["users", 0]);
    const optOut = snapshot.optOuts[0];
    if (optOut !== undefined)
      return breach(`no office is open, yet ${optOut.address.value} is opted out`, ["optOuts", 0]);
    return null;
  }
  return activeAdmins === 0 ? breach("the office has no active admin or master user", ["users"]) : null;
}

/** Members are registered users, once each; the rainmaker is the one member with that role, always `unlimited` (ACC-9). */
function checkTeams(snapshot: Snapshot, users: ReadonlySet<string>, teams: Map<string, Members>): Breach {
  for (const [i, t] of snapshot.teams.entries()) {
    if (teams.has(t.id)) return breach(`team ${t.id} appears twice`, ["teams", i, "id"]);
    if (!users.has(t.rainmakerId))
      return breach(`team ${t.id} names unknown rainmaker ${t.rainmakerId}`, ["teams", i, "rainmakerId"]);
    const members = new Map<string, Snapshot["teams"][number]["members"][number]>();
    for (const [j, m] of t.members.entries()) {
      const at = ["teams", i, "members", j, "userId"];
      if (members.has(m.userId)) return breach(`member of team ${t.id}: ${m.userId} appears twice`, at);
      if (!users.has(m.userId)) return breach(`team ${t.id} names unknown user ${m.userId}`, at);
      if (m.role === "rainmaker" && m.userId !== t.rainmakerId) {
        return breach(
          `team ${t.id}: ${m.userId} has the role rainmaker, but the team's rainmaker is ${t.rainmakerId} (ACC-9)`,
          ["teams", i, "members", j, "role"],
        );
      }
      members.set(m.userId, m);
    }
    const rainmaker = members.get(t.rainmakerId);
    if (rainmaker === undefined || rainmaker.role !== "rainmaker") {
      return breach(`team ${t.id}: its rainmaker ${t.rainmakerId} is not a member with the role rainmaker (ACC-9)`, [
        "teams",
        i,
        "rainmakerId",
      ]);
    }
    if (rainmaker.level !== "unlimited") {
      return breach(
        `team ${t.id}: its rainmaker ${t.rainmakerId} is at level ${rainmaker.level}, not unlimited (ACC-9)`,
        ["teams", i, "members", t.members.indexOf(rainmaker), "level"],
      );
    }
    teams.set(t.id, members);
  }
  return null;
}

/** A partnership links two registered users, never one with themselves, each pair once (SHR-3). */
function checkPartnerships(snapshot: Snapshot, users: ReadonlySet<string>): Breach {
  /** Each user → the partners listed after them in id order; a map of sets, since an id may hold every character. */
  const pairs = new Map<string, Set<string>>();
  for (const [i, [a, b]] of snapshot.partnerships.entries()) {
    if (!users.has(a)) return breach(`partnership of ${a} and ${b} names unknown user ${a}`, ["partnerships", i, 0]);
    if (!users.has(b)) return breach(`partnership of ${a} and ${b} names unknown user ${b}`, ["partnerships", i, 1]);
    if (a === b) return breach(`user ${a} is partnered with themselves (SHR-3)`, ["partnerships", i]);
    const [first, second] = a < b ? [a, b] : [b, a];
    const partners = pairs.get(first) ?? new Set<string>();
    if (partners.has(second)) return breach(`partnership of ${a} and ${b} appears twice`, ["partnerships", i]);
    pairs.set(first, partners.add(second));
  }
  return null;
}

const knownAccount = (account: AccountRef, index: Index): boolean =>
  account.kind === "team" ? index.members.has(account.teamId) : index.users.has(account.userId);

/** Why an account is unknown (ACC-1), once `knownAccount` has said it is. */
function unknownAccount(account: AccountRef, what: string, path: Path): InvariantBreach {
  return account.kind === "team"
    ? breach(`${what} is in the team account of unknown team ${account.teamId}`, [...path, "teamId"])
    : breach(`${what} is in the personal account of unknown user ${account.userId}`, [...path, "userId"]);
}

/**
 * A contact is placed as `decide` places it and kept as `evolve` keeps it: a team-owned contact lives in that
 * team's account (ACC-2); a user owning a team contact is on the team (ACC-3, ACC-10); a personal contact is owned
 * by and assigned to its account's user (ACC-4); grants are sorted by user, one each, never the primary's (ASG-1).
 */
function checkContacts(snapshot: Snapshot, index: Index, contacts: Map<string, Snapshot["contacts"][number]>): Breach {
  const users = index.users;
  const list = snapshot.contacts;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as Snapshot["contacts"][number];
    if (contacts.has(c.id)) return breach(`contact ${c.id} appears twice`, ["contacts", i, "id"]);
    contacts.set(c.id, c);
    if (!knownAccount(c.account, index))
      return unknownAccount(c.account, `contact ${c.id}`, ["contacts", i, "account"]);
    const owner = c.owner;
    if (owner.kind === "team") {
      if (c.account.kind !== "team" || c.account.teamId !== owner.teamId) {
        return breach(
          `contact ${c.id} is owned by team ${owner.teamId} but lives in the ${describeAccount(c.account)} (ACC-2)`,
          ["contacts", i, "owner", "teamId"],
        );
      }
    } else if (!users.has(owner.userId)) {
      return breach(`contact ${c.id} is owned by unknown user ${owner.userId}`, ["contacts", i, "owner", "userId"]);
    } else if (c.account.kind === "team") {
      if (index.members.get(c.account.teamId)?.has(owner.userId) !== true) {
        return breach(
          `contact ${c.id} is owned by ${owner.userId}, who is not a member of team ${c.account.teamId} (ACC-3, ACC-10)`,
          ["contacts", i, "owner", "userId"],
        );
      }
    } else if (owner.userId !== c.account.userId) {
      return breach(
        `contact ${c.id} in the personal account of ${c.account.userId} is owned by ${owner.userId} (ACC-4)`,
        ["contacts", i, "owner", "userId"],
      );
    }
    if (c.primary !== null && !users.has(c.primary))
      return breach(`contact ${c.id}: its primary names unknown user ${c.primary}`, ["contacts", i, "primary"]);
    if (c.account.kind === "personal" && c.primary !== c.account.userId) {
      return breach(
        `contact ${c.id} in the personal account of ${c.account.userId} has primary ${c.primary ?? "none"}, not its user (ACC-4)`,
        ["contacts", i, "primary"],
      );
    }
    const grants = c.grants;
    for (let j = 0; j < grants.length; j++) {
      const userId = (grants[j] as (typeof grants)[number]).userId;
      if (!users.has(userId))
        return breach(`contact ${c.id}: a grant names unknown user ${userId}`, ["contacts", i, "grants", j, "userId"]);
      if (userId === c.primary)
        return breach(`contact ${c.id}: its primary ${userId} also holds a grant (ASG-1)`, [
          "contacts",
          i,
          "grants",
          j,
          "userId",
        ]);
      if (j > 0 && userId <= (grants[j - 1] as (typeof grants)[number]).userId) return unsortedGrants(c, i, j);
    }
    if (!users.has(c.createdBy))
      return breach(`contact ${c.id} was created by unknown user ${c.createdBy}`, ["contacts", i, "createdBy"]);
    if (c.initialAssignee !== undefined && !users.has(c.initialAssignee)) {
      return breach(`contact ${c.id} was first assigned to unknown user ${c.initialAssignee}`, [
        "contacts",
        i,
        "initialAssignee",
      ]);
    }
    // SHR-2: the one assignee holds the `full` grant the assignment gave.
    if (c.assignedTo !== undefined && !c.grants.some((g) => g.userId === c.assignedTo && g.level === "full")) {
      return breach(`contact ${c.id} is assigned to ${c.assignedTo}, who holds no full grant on it`, [
        "contacts",
        i,
        "assignedTo",
      ]);
    }
  }
  return null;
}

/** Grants are sorted by user id, one per user (ASG-1): the first grant out of order is a repeat, or the list is unsorted. */
function unsortedGrants(c: Snapshot["contacts"][number], i: number, j: number): InvariantBreach {
  const seen = new Set<string>();
  for (const [k, g] of c.grants.entries()) {
    if (seen.has(g.userId))
      return breach(`contact ${c.id}: two grants for user ${g.userId} (ASG-1)`, ["contacts", i, "grants", k, "userId"]);
    seen.add(g.userId);
  }
  return breach(`contact ${c.id}: its grants are not sorted by user id`, ["contacts", i, "grants", j]);
}

/** The index of the first item whose id appeared before, or -1; `seen` is cleared and reused, so a file costs no new set. */
function repeatIn<T>(items: readonly T[], idOf: (item: T) => string, seen: Set<string>): number {
  seen.clear();
  for (let k = 0; k < items.length; k++) {
    const id = idOf(items[k] as T);
    if (seen.has(id)) return k;
    seen.add(id);
  }
  return -1;
}

const idOf = (item: { readonly id: string }): string => item.id;
const itself = (s: string): string => s;

function twiceInFile(
  contactId: string,
  i: number,
  what: string,
  field: string,
  k: number,
  id: string,
): InvariantBreach {
  return breach(`file of contact ${contactId}: ${what} ${id} appears twice`, ["files", i, field, k]);
}

/** A file belongs to one known contact; its notes, loans, activities, tasks and groups are each listed once; authors and assignees are users. */
function checkFiles(snapshot: Snapshot, index: Index): Breach {
  const files = new Set<string>();
  const seen = new Set<string>();
  const list = snapshot.files;
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as Snapshot["files"][number];
    const c = f.contactId;
    if (files.has(c)) return breach(`file ${c} appears twice`, ["files", i, "contactId"]);
    files.add(c);
    if (!index.contacts.has(c)) return breach(`file for unknown contact ${c}`, ["files", i, "contactId"]);
    let k = repeatIn(f.notes, idOf, seen);
    if (k >= 0) return twiceInFile(c, i, "note", "notes", k, f.notes[k]?.id ?? "");
    k = repeatIn(f.loans, idOf, seen);
    if (k >= 0) return twiceInFile(c, i, "loan", "loans", k, f.loans[k]?.id ?? "");
    k = repeatIn(f.activities, idOf, seen);
    if (k >= 0) return twiceInFile(c, i, "activity", "activities", k, f.activities[k]?.id ?? "");
    k = repeatIn(f.tasks, idOf, seen);
    if (k >= 0) return twiceInFile(c, i, "task", "tasks", k, f.tasks[k]?.id ?? "");
    k = repeatIn(f.groups, itself, seen);
    if (k >= 0) return twiceInFile(c, i, "group", "groups", k, f.groups[k] ?? "");
    for (let n = 0; n < f.notes.length; n++) {
      const note = f.notes[n] as (typeof f.notes)[number];
      if (!index.users.has(note.by))
        return breach(`file of contact ${c}: note ${note.id} names unknown user ${note.by}`, [
          "files",
          i,
          "notes",
          n,
          "by",
        ]);
    }
    for (let n = 0; n < f.activities.length; n++) {
      const activity = f.activities[n] as (typeof f.activities)[number];
      if (!index.users.has(activity.by))
        return breach(`file of contact ${c}: activity ${activity.id} names unknown user ${activity.by}`, [
          "files",
          i,
          "activities",
          n,
          "by",
        ]);
    }
    for (let n = 0; n < f.tasks.length; n++) {
      const task = f.tasks[n] as (typeof f.tasks)[number];
      if (!index.users.has(task.assigneeId))
        return breach(`file of contact ${c}: task ${task.id} is assigned to unknown user ${task.assigneeId}`, [
          "files",
          i,
          "tasks",
          n,
          "assigneeId",
        ]);
    }
  }
  return null;
}

/** One archive entry per known contact, made by a user (LIF-2). */
function checkArchive(snapshot: Snapshot, index: Index): Breach {
  const archived = new Set<string>();
  const list = snapshot.archive;
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as Snapshot["archive"][number];
    if (archived.has(a.contactId))
      return breach(`archive entry ${a.contactId} appears twice`, ["archive", i, "contactId"]);
    archived.add(a.contactId);
    if (!index.contacts.has(a.contactId))
      return breach(`archive entry for unknown contact ${a.contactId}`, ["archive", i, "contactId"]);
    if (!index.users.has(a.by))
      return breach(`archive entry of contact ${a.contactId} names unknown user ${a.by}`, ["archive", i, "by"]);
  }
  return null;
}

/** One opt-out per address, in the registry's form (E.164 phone, LIF-6; trimmed lower-case email, LIF-5), or it would match nothing. */
function checkOptOuts(snapshot: Snapshot): Breach {
  const keys = new Set<string>();
  const list = snapshot.optOuts;
  for (let i = 0; i < list.length; i++) {
    const address = (list[i] as Snapshot["optOuts"][number]).address;
    const { kind, value } = address;
    const key = optOutKey(address);
    if (keys.has(key)) return breach(`opt-out of ${kind} ${value} appears twice`, ["optOuts", i, "address"]);
    keys.add(key);
    if (kind === "phone" ? !isNormalizedPhone(value) : emailKey(value) !== value) {
      const form = kind === "phone" ? "an E.164 number (LIF-6)" : "trimmed and lower case (LIF-5)";
      return breach(`opt-out of ${kind} ${value} is not ${form}, so it would match nothing`, [
        "optOuts",
        i,
        "address",
        "value",
      ]);
    }
  }
  return null;
}

/** A plan belongs to a known account, its step ids are unique, and a personal plan's steps name no designee (SP-8). */
function checkPlans(snapshot: Snapshot, index: Index, plans: Map<string, Snapshot["plans"][number]>): Breach {
  const seen = new Set<string>();
  for (const [i, p] of snapshot.plans.entries()) {
    if (plans.has(p.id)) return breach(`SmartPlan ${p.id} appears twice`, ["plans", i, "id"]);
    plans.set(p.id, p);
    if (!knownAccount(p.account, index)) return unknownAccount(p.account, `SmartPlan ${p.id}`, ["plans", i, "account"]);
    const k = repeatIn(p.steps, idOf, seen);
    if (k >= 0)
      return breach(`SmartPlan ${p.id}: step ${p.steps[k]?.id ?? ""} appears twice`, ["plans", i, "steps", k, "id"]);
    if (p.account.kind === "personal") {
      const j = p.steps.findIndex((s) => s.designee !== undefined);
      if (j >= 0)
        return breach(
          `personal SmartPlan ${p.id}: step ${p.steps[j]?.id ?? ""} names a designee; personal steps resolve to the account's user (SP-8)`,
          ["plans", i, "steps", j, "designee"],
        );
    }
  }
  return null;
}

/** Agent defaults belong to a known team, one set each (SP-2). */
function checkAgentDefaults(snapshot: Snapshot, index: Index): Breach {
  const teams = new Set<string>();
  for (const [i, d] of snapshot.agentDefaults.entries()) {
    if (teams.has(d.teamId))
      return breach(`agent defaults of team ${d.teamId} appears twice`, ["agentDefaults", i, "teamId"]);
    teams.add(d.teamId);
    if (!index.members.has(d.teamId))
      return breach(`agent defaults of unknown team ${d.teamId}`, ["agentDefaults", i, "teamId"]);
  }
  return null;
}

function sameAccount(a: AccountRef, b: AccountRef): boolean {
  return a.kind === "team"
    ? b.kind === "team" && a.teamId === b.teamId
    : b.kind === "personal" && a.userId === b.userId;
}

/**
 * An enrolment joins a known plan and a known contact of the same account (ACC-6), made by a user (LIF-8); the
 * steps it has run are steps of that plan, each once (SEC-6).
 */
function checkEnrolments(snapshot: Snapshot, index: Index): Breach {
  const keys = new Set<string>();
  const seen = new Set<string>();
  /** Step ids of the plans whose enrolments have run steps, made on first need. */
  const stepsOf = new Map<string, ReadonlySet<string>>();
  const list = snapshot.enrolments;
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as Snapshot["enrolments"][number];
    const key = enrolmentKey(e.planId, e.contactId);
    if (keys.has(key)) return breach(`enrolment of ${e.contactId} in ${e.planId} appears twice`, ["enrolments", i]);
    keys.add(key);
    const contact = index.contacts.get(e.contactId);
    const plan = index.plans.get(e.planId);
    if (contact === undefined || plan === undefined) {
      return breach(`enrolment of ${e.contactId} in ${e.planId} names an unknown contact or plan`, [
        "enrolments",
        i,
        contact === undefined ? "contactId" : "planId",
      ]);
    }
    if (!sameAccount(plan.account, contact.account)) {
      const accounts = `the plan belongs to the ${describeAccount(plan.account)}, the contact to the ${describeAccount(contact.account)}`;
      return breach(`enrolment of ${e.contactId} in ${e.planId}: ${accounts} (ACC-6)`, ["enrolments", i, "planId"]);
    }
    if (!index.users.has(e.by))
      return breach(`enrolment of ${e.contactId} in ${e.planId} names unknown user ${e.by}`, ["enrolments", i, "by"]);
    const run = e.stepsRun;
    if (run === undefined || run.length === 0) continue;
    const k = repeatIn(run, itself, seen);
    if (k >= 0)
      return breach(
        `enrolment of ${e.contactId} in ${e.planId}: step ${run[k] ?? ""} is recorded as run twice (SEC-6)`,
        ["enrolments", i, "stepsRun", k],
      );
    let steps = stepsOf.get(plan.id);
    if (steps === undefined) {
      steps = new Set(plan.steps.map(idOf));
      stepsOf.set(plan.id, steps);
    }
    for (let j = 0; j < run.length; j++) {
      const stepId = run[j] as string;
      if (!steps.has(stepId))
        return breach(`enrolment of ${e.contactId} in ${e.planId}: ${stepId} is not a step of the plan`, [
          "enrolments",
          i,
          "stepsRun",
          j,
        ]);
    }
  }
  return null;
}

/** One messaging record per known user; credits never go below zero (SP-5); sends are counted in a month (SP-4). */
function checkMessaging(snapshot: Snapshot, index: Index): Breach {
  const holders = new Set<string>();
  for (const [i, m] of snapshot.messaging.entries()) {
    const at = (field: string): Path => ["messaging", i, field];
    if (holders.has(m.userId)) return breach(`messaging of user ${m.userId} appears twice`, at("userId"));
    holders.add(m.userId);
    if (!index.users.has(m.userId)) return breach(`messaging of unknown user ${m.userId}`, at("userId"));
    if (m.credits < 0)
      return breach(
        `messaging of user ${m.userId}: ${m.credits} credits; a balance never goes below zero (SP-5)`,
        at("credits"),
      );
    if (m.emailsSent > 0 && m.month === "")
      return breach(`messaging of user ${m.userId}: ${m.emailsSent} emails sent in no month (SP-4)`, at("month"));
    if (m.emailMonthlyLimit > MAX_EMAIL_MONTHLY_LIMIT) {
      return breach(
        `messaging of user ${m.userId}: a monthly email limit of ${m.emailMonthlyLimit} is over ${MAX_EMAIL_MONTHLY_LIMIT} (SP-4)`,
        at("emailMonthlyLimit"),
      );
    }
    if ((m.twilioMonthlyCredits ?? 0) > MAX_TWILIO_MONTHLY_CREDITS) {
      return breach(
        `messaging of user ${m.userId}: a monthly allotment of ${m.twilioMonthlyCredits ?? 0} credits is over ${MAX_TWILIO_MONTHLY_CREDITS} (SP-5)`,
        at("twilioMonthlyCredits"),
      );
    }
    if (m.creditedThrough !== undefined && monthIndex(m.creditedThrough) === null) {
      return breach(
        `messaging of user ${m.userId}: allotments credited through ${m.creditedThrough}, which is not a month (SP-5)`,
        at("creditedThrough"),
      );
    }
  }
  return null;
}

/** One route per number, in E.164 (LIF-6), to a known user through a known plan (SP-5, D-103). */
function checkTextRoutes(snapshot: Snapshot, index: Index): Breach {
  const numbers = new Set<string>();
  for (const [i, r] of (snapshot.textRoutes ?? []).entries()) {
    const at = (field: string): Path => ["textRoutes", i, field];
    if (numbers.has(r.phone)) return breach(`the reply route of ${r.phone} appears twice`, at("phone"));
    numbers.add(r.phone);
    if (!isNormalizedPhone(r.phone))
      return breach(`reply route ${r.phone} is not an E.164 number (LIF-6)`, at("phone"));
    if (!index.users.has(r.senderId))
      return breach(`replies from ${r.phone} route to unknown user ${r.senderId} (SP-5)`, at("senderId"));
    if (!index.plans.has(r.planId))
      return breach(`replies from ${r.phone} route through unknown SmartPlan ${r.planId} (SP-5)`, at("planId"));
  }
  return null;
}
