import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import {
  execute,
  fromSnapshot,
  getContact,
  getContactFile,
  getTeam,
  getUser,
  initialState,
  toSnapshot,
  type Command,
  type Configuration,
  type DomainError,
  type Event,
  type Snapshot,
  type State,
} from "../../src/index.js";
import {
  arbitraryCommand,
  arbitraryConfiguration,
  arbitraryPopulation,
  SETUP,
  UNIVERSE,
  type CommandOptions,
} from "../../src/testing/index.js";

/**
 * What the SEC laws share: random runs that keep the state before each accepted command, facts about users and
 * contacts read from the public lookups (never from the rules under test), snapshot surgery for the differential
 * laws, and readable descriptions for failures.
 */

/** The base run count; the long profile sets PROPERTY_RUNS higher. Each law scales it to its own cost. */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
export const runs = (factor: number): number => Math.max(1, Math.round(RUNS * factor));
/** Whether a law also checks that its runs reached the effects it is about: not in the mutation profile's few runs. */
export const COVERAGE_CHECKED = RUNS >= 30;

export const USERS: readonly string[] = [UNIVERSE.admin, ...UNIVERSE.users];
export const AT = "2026-03-02T17:00:00Z";

/** One accepted command of a run, with the state it was decided on and the state it left. */
export interface Step {
  readonly index: number;
  readonly command: Command;
  readonly before: State;
  readonly events: readonly Event[];
  readonly after: State;
}

export interface Run {
  readonly state: State;
  /** Every event from the start (the setup's included), in order. */
  readonly log: readonly Event[];
  /** The accepted commands after the setup. */
  readonly steps: readonly Step[];
  readonly commands: readonly Command[];
}

/**
 * How a drawn command is aimed before it runs: as drawn; at the account its contact (and plan) live in now; or
 * also by one of the users tied to the contact (its primary, owner, a grantee, its team's leader). Most random
 * commands would otherwise miss — a contact in another account than the one drawn — and the laws would see few
 * accepted effects. The aim is read from the state the command runs on; the law reads the command as run.
 */
export type Aim = "asDrawn" | "account" | "accountAndActor";

export interface Drawn {
  readonly command: Command;
  readonly aim: Aim;
  readonly pick: number;
}

/** What the runner remembers to aim commands: plans (account and step ids) and current enrolments. */
interface Aims {
  readonly plans: Map<string, { account: string; steps: string[] }>;
  readonly enrolments: Map<string, { planId: string; contactId: string }>;
}

function aimed(state: State, aims: Aims, drawn: Drawn): Command {
  const { command, aim, pick } = drawn;
  if (aim === "asDrawn" || !("contactId" in command) || !("account" in command)) return command;
  let out: Command = command;
  if (out.type === "runStep" || out.type === "unenrolContact") {
    const enrolments = [...aims.enrolments.values()];
    const e = enrolments[pick % Math.max(1, enrolments.length)];
    if (e !== undefined) {
      const steps = aims.plans.get(e.planId)?.steps ?? [];
      out = {
        ...out,
        planId: e.planId,
        contactId: e.contactId,
        ...(out.type === "runStep" && steps.length > 0 ? { stepId: steps[pick % steps.length] as string } : {}),
      };
    }
  }
  const contact = getContact(state, out.contactId);
  if (contact === undefined) return out;
  out = { ...out, account: contact.account } as Command;
  if (out.type === "enrolContact") {
    const key = show(contact.account);
    const candidates = [...aims.plans].filter(([, plan]) => plan.account === key).map(([id]) => id);
    if (candidates.length > 0) out = { ...out, planId: candidates[pick % candidates.length] as string };
  }
  const file = getContactFile(state, contact.id);
  if (out.type === "closeLoan" && file !== undefined && file.loans.length > 0)
    out = { ...out, loanId: (file.loans[pick % file.loans.length] as { id: string }).id };
  if (out.type === "completeTask" && file !== undefined && file.tasks.length > 0)
    out = { ...out, taskId: (file.tasks[pick % file.tasks.length] as { id: string }).id };
  if (aim === "accountAndActor") {
    const tied = [
      contact.owner.kind === "user" ? contact.owner.userId : null,
      contact.primary,
      ...contact.grants.map((g) => g.userId),
    ];
    if (contact.account.kind === "team") tied.push(getTeam(state, contact.account.teamId)?.rainmakerId ?? null);
    const users = tied.filter((u): u is string => u !== null);
    if (users.length > 0) out = { ...out, actor: users[pick % users.length] as string };
  }
  return out;
}

export function runCommands(configuration: Configuration, commands: readonly (Command | Drawn)[]): Run {
  let state = initialState(configuration);
  const log: Event[] = [];
  for (const command of SETUP) {
    const r = execute(state, command);
    if (E.isLeft(r)) throw new Error(`setup refused: ${r.left.message}`);
    state = r.right.state;
    log.push(...r.right.events);
  }
  const steps: Step[] = [];
  const ran: Command[] = [];
  const aims: Aims = { plans: new Map(), enrolments: new Map() };
  commands.forEach((entry, index) => {
    const command = "aim" in entry ? aimed(state, aims, entry) : entry;
    ran.push(command);
    const r = execute(state, command);
    if (E.isLeft(r)) return;
    steps.push({ index, command, before: state, events: r.right.events, after: r.right.state });
    state = r.right.state;
    log.push(...r.right.events);
    for (const e of r.right.events) {
      if (e.type === "SmartPlanCreated")
        aims.plans.set(e.planId, { account: show(e.account), steps: e.steps.map((x) => x.id) });
      if (e.type === "ContactEnrolled")
        aims.enrolments.set(`${e.planId} ${e.contactId}`, { planId: e.planId, contactId: e.contactId });
      if (e.type === "ContactUnenrolled") aims.enrolments.delete(`${e.planId} ${e.contactId}`);
    }
  });
  return describedAs(
    { state, log, steps, commands: ran },
    () =>
      `run of ${ran.length} commands (${steps.length} accepted) under ${show(configuration)}:\n    ${ran.map(showCommand).join("\n    ")}`,
  );
}

/** Counterexamples print as `describe()` says, not as the whole state (fast-check's `toStringMethod`). */
export function describedAs<T extends object>(value: T, describe: () => string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: describe, enumerable: false });
  return value;
}

/**
 * Random runs over every configuration field and preset (mid-run configuration changes when asked) and every
 * command family: a populated world (contacts in every kind of account, partnerships, plans, credits,
 * enrolments), then random commands — imports, API adds, file commands, SmartPlans, partnerships, … — most of
 * them aimed at the account their contact lives in (see `Aim`).
 */
export function arbitraryRun(
  options: CommandOptions & {
    maxCommands?: number;
    commands?: fc.Arbitrary<Command>;
    configuration?: fc.Arbitrary<Configuration>;
  } = {},
): fc.Arbitrary<Run> {
  const command = options.commands ?? arbitraryCommand(options);
  const max = options.maxCommands ?? 60;
  const drawn: fc.Arbitrary<Drawn> = fc.record({
    command,
    aim: fc.constantFrom<Aim>("asDrawn", "account", "account", "accountAndActor"),
    pick: fc.nat(20),
  });
  return fc
    .tuple(
      options.configuration ?? arbitraryConfiguration(),
      arbitraryPopulation(),
      fc.array(drawn, { minLength: Math.floor(max / 2), maxLength: max }),
    )
    .map(([configuration, population, commands]) => runCommands(configuration, [...population, ...commands]));
}

/** A compact one-line form for failure messages. */
export const show = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (v === undefined ? null : v));

export function showCommand(command: Command): string {
  const { at: _at, ...rest } = command as Command & { at: string };
  return show(rest);
}

/** A contact as the lookups show it, for failure messages. */
export function showContact(state: State, contactId: string): string {
  const c = getContact(state, contactId);
  if (c === undefined) return `${contactId} (absent)`;
  return show({ id: c.id, account: c.account, owner: c.owner, primary: c.primary, grants: c.grants });
}

/**
 * What an actor gets back from a command: the whole refusal — its code, rule and message and every field its
 * code carries (a `not_permitted`'s action, contact and remedy; an `invalid_input`'s path) — or the events.
 */
export function answerOf(r: E.Either<DomainError, { readonly events: readonly Event[] }>): string {
  return E.isLeft(r) ? show({ refused: r.left }) : show({ events: r.right.events });
}

// ---------------------------------------------------------------------------------------------------------
// Facts read from the public lookups, stated from the spec's words (not from the rules under test).

export const isAdmin = (state: State, userId: string): boolean => {
  const u = getUser(state, userId);
  return u !== undefined && u.officeRole !== "staff";
};

export const memberOfTeam = (state: State, teamId: string, userId: string) =>
  getTeam(state, teamId)?.members.find((m) => m.userId === userId);

/** ACC-10's leadership: the rainmaker, an `unlimited` member, or an office admin. */
export const leadsTeam = (state: State, teamId: string, userId: string): boolean =>
  isAdmin(state, userId) ||
  getTeam(state, teamId)?.rainmakerId === userId ||
  memberOfTeam(state, teamId, userId)?.level === "unlimited";

/** SP-2: the rainmaker, `enhanced`/`unlimited` members and office admins designate a team's agents. */
export const holdsSp2 = (state: State, teamId: string, userId: string): boolean => {
  if (isAdmin(state, userId)) return true;
  if (getTeam(state, teamId)?.rainmakerId === userId) return true;
  const level = memberOfTeam(state, teamId, userId)?.level;
  return level === "enhanced" || level === "unlimited";
};

/** Two users share a team. */
export function teammates(state: State, a: string, b: string): boolean {
  return UNIVERSE.teams.some((t) => memberOfTeam(state, t, a) !== undefined && memberOfTeam(state, t, b) !== undefined);
}

/** Inside the contact's team: a member of its team, or for a personal contact a teammate of its user (SHR-3). */
export function onContactsTeam(state: State, contactId: string, userId: string): boolean {
  const c = getContact(state, contactId);
  if (c === undefined) return false;
  if (c.account.kind === "personal") return c.account.userId === userId || teammates(state, c.account.userId, userId);
  return memberOfTeam(state, c.account.teamId, userId) !== undefined;
}

/**
 * The decisions' "hidden": the user holds no access relation at all to the contact — not owner, not the personal
 * account's user, not primary, no grant, no team-level scope (an enhanced/unlimited member of the contact's team),
 * not an office admin for a team contact. Read from the contact, the team and the user, not from `can`.
 */
export function hiddenFrom(state: State, userId: string, contactId: string): boolean {
  const c = getContact(state, contactId);
  if (c === undefined) return false;
  if (c.account.kind === "personal" && c.account.userId === userId) return false;
  if (c.owner.kind === "user" && c.owner.userId === userId) return false;
  if (c.primary === userId) return false;
  if (c.grants.some((g) => g.userId === userId)) return false;
  if (c.account.kind === "team") {
    if (isAdmin(state, userId)) return false;
    const level = memberOfTeam(state, c.account.teamId, userId)?.level;
    if (level === "enhanced" || level === "unlimited") return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Snapshot surgery: the same state without a contact, with it renamed, or with it belonging to someone else.

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads an edited snapshot back; if refused, says whether the unedited state itself is refused (a SEC-7 finding). */
export function restore(snapshot: Snapshot, what: string, original: State): State {
  const r = fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
  if (E.isRight(r)) return r.right;
  const unedited = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(original))));
  if (E.isLeft(unedited))
    throw new Error(`SEC-7: a state reached by accepted commands is refused by fromSnapshot: ${unedited.left.message}`);
  throw new Error(`${what}: the edited snapshot is refused: ${r.left.message}`);
}

/** Every list in the snapshot with the entries about `contactId` dropped (whatever lists the snapshot holds). */
function dropEntries(snapshot: Snapshot, contactId: string): Snapshot {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    out[key] = Array.isArray(value)
      ? value.filter((entry: unknown) => {
          if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return true;
          const e = entry as { contactId?: unknown; id?: unknown };
          return key === "contacts" ? e.id !== contactId : e.contactId !== contactId;
        })
      : value;
  }
  return out as Snapshot;
}

/** The same state as if the contact had never existed. */
export function withoutContact(state: State, contactId: string): State {
  return restore(dropEntries(toSnapshot(state), contactId), `without ${contactId}`, state);
}

/** The same state with the contact (and every entry about it) under a fresh id. */
export function renamedContact(state: State, contactId: string, fresh: string): State {
  const snapshot = toSnapshot(state);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    out[key] = Array.isArray(value)
      ? value.map((entry: unknown) => {
          if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return entry;
          const e = entry as { contactId?: unknown; id?: unknown };
          if (key === "contacts" && e.id === contactId) return { ...e, id: fresh };
          if (key !== "contacts" && e.contactId === contactId) return { ...e, contactId: fresh };
          return entry;
        })
      : value;
  }
  const sorted = out as Mutable<Snapshot>;
  const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  sorted.contacts = [...sorted.contacts].sort((a, b) => byKey(a.id, b.id));
  sorted.files = [...sorted.files].sort((a, b) => byKey(a.contactId, b.contactId));
  sorted.archive = [...sorted.archive].sort((a, b) => byKey(a.contactId, b.contactId));
  return restore(sorted, `${contactId} renamed ${fresh}`, state);
}

/**
 * The same id held by a different contact: another user's personal contact with other details, no file, no
 * archive entry, no enrolment — what a taken id must not tell apart (SEC-2).
 */
export function otherHolder(state: State, contactId: string, holder: string): State {
  const snapshot = dropEntries(toSnapshot(state), contactId) as Mutable<Snapshot>;
  const original = toSnapshot(state).contacts.find((c) => c.id === contactId);
  if (original === undefined) throw new Error(`no contact ${contactId}`);
  const { assignedTo: _assignee, leadStatus: _status, ...kept } = original;
  const contact = {
    ...kept,
    initialAssignee: holder,
    account: { kind: "personal" as const, userId: holder },
    owner: { kind: "user" as const, userId: holder },
    primary: holder,
    grants: [],
    details: { name: "Someone Else", emails: ["someone@else.test"], phones: ["+1 202 555 0191"] },
    channel: "manual" as const,
    createdBy: holder,
  };
  snapshot.contacts = [...snapshot.contacts, contact].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return restore(snapshot, `${contactId} held by ${holder}`, state);
}

export type FileField = "notes" | "loans" | "groups" | "activities" | "tasks";

/** The state with one item of the contact's file added (or replaced) or removed by id (a group by its name). */
export function withFileItem(
  state: State,
  contactId: string,
  field: FileField,
  item: unknown,
  present: boolean,
): State {
  const snapshot = toSnapshot(state) as Mutable<Snapshot>;
  const files = snapshot.files.map((f) => ({ ...f }));
  let file = files.find((f) => f.contactId === contactId);
  if (file === undefined) {
    file = { contactId, notes: [], loans: [], groups: [], activities: [], tasks: [] };
    files.push(file);
    files.sort((a, b) => (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0));
  }
  const key = (x: unknown): string => (typeof x === "string" ? x : (x as { id: string }).id);
  const list = (file[field] as unknown[]).filter((x) => key(x) !== key(item));
  (file as Record<FileField, unknown[]>)[field] = present ? [...list, item] : list;
  snapshot.files = files.filter(
    (f) => f.notes.length + f.loans.length + f.groups.length + f.activities.length + f.tasks.length > 0,
  );
  return restore(snapshot, `${contactId} ${field} ${present ? "with" : "without"} ${key(item)}`, state);
}
