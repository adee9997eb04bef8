import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  DEFAULT_CONFIGURATION,
  contactIds,
  explain,
  explainFor,
  fromSnapshot,
  getContact,
  getContactFile,
  getTeam,
  getUser,
  toSnapshot,
  type Action,
  type Explanation,
  type Remedy,
  type Snapshot,
  type State,
} from "../../src/index.js";
import { UNIVERSE } from "../../src/testing/index.js";
import {
  arbitraryRun,
  COVERAGE_CHECKED,
  describedAs,
  hiddenFrom,
  runs,
  show,
  showContact,
  USERS,
  withFileItem,
} from "../security/law-kit.js";
import { amysTwoContacts, details, OFFICE, run, TEAM, teamOffice } from "../support/office.js";

/**
 * The remedy law. `explain` promises, for a denied action, "the smallest change that would allow it" out of the
 * changes docs/guides/grants.md lists, in the order it lists them. The law checks the promise from outside: it
 * makes each change in the state itself — the state's snapshot with one grant, flag, level, role, owner, loan list
 * or status changed, read back by `fromSnapshot` — and asks `can`. It never asks how `explain` found its answer.
 */

const ADMIN = UNIVERSE.admin;
const STAFF_PERMISSIONS = [
  "editContacts",
  "editContactOwnership",
  "archiveContacts",
  "createContacts",
  "importContacts",
] as const;

/**
 * The documented changes for one user and one contact, smallest first, as docs/guides/grants.md states them. A
 * contact frozen by a deactivation (seed 003: "You need to reactivate the deactivated account to take action on
 * those contacts") has one: reactivation. Closing the loans is left out: it is judged apart (see `judge`).
 */
function documentedChanges(state: State, userId: string, contactId: string): Remedy[] {
  const user = getUser(state, userId);
  const contact = getContact(state, contactId);
  if (user === undefined || contact === undefined) return [];
  const ownerId = contact.owner.kind === "user" ? contact.owner.userId : null;
  if (user.status === "deactivated") return [{ kind: "reactivate", userId }];
  if (ownerId !== null && getUser(state, ownerId)?.status === "deactivated")
    return [{ kind: "reactivate", userId: ownerId }];
  const out: Remedy[] = [];
  const held = contact.grants.find((g) => g.userId === userId)?.level;
  const ownsOrPrimary =
    ownerId === userId ||
    contact.primary === userId ||
    (contact.account.kind === "personal" && contact.account.userId === userId);
  if (!ownsOrPrimary)
    for (const level of ["view", "shared", "full"] as const) if (held !== level) out.push({ kind: "grant", level });
  const lacking = user.officeRole !== "staff" ? [] : STAFF_PERMISSIONS.filter((p) => user.permissions[p] === false);
  for (const permission of lacking) out.push({ kind: "staffPermission", permission });
  if (!ownsOrPrimary && held !== "full")
    for (const permission of lacking) out.push({ kind: "grantWithStaffPermission", level: "full", permission });
  if (contact.account.kind === "team") {
    const teamId = contact.account.teamId;
    const team = getTeam(state, teamId);
    const member = team?.members.find((m) => m.userId === userId);
    if (member !== undefined && team?.rainmakerId !== userId) {
      if (member.level === "standard") out.push({ kind: "teamLevel", teamId, level: "enhanced" });
      if (member.level !== "unlimited") out.push({ kind: "teamLevel", teamId, level: "unlimited" });
      if (member.role !== "teamManager") out.push({ kind: "teamRole", teamId, role: "teamManager" });
    }
    if (member !== undefined && ownerId !== userId) out.push({ kind: "ownership" });
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type SnapshotEdit = (snapshot: Mutable<Snapshot>) => void;

/** The edit of the snapshot that makes the change for this user and contact. */
function editFor(change: Remedy, userId: string, contactId: string): SnapshotEdit {
  const withGrant =
    (level: "view" | "shared" | "full"): SnapshotEdit =>
    (s) => {
      s.contacts = s.contacts.map((c) =>
        c.id !== contactId
          ? c
          : {
              ...c,
              grants: [...c.grants.filter((g) => g.userId !== userId), { userId, level }].sort((a, b) =>
                a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0,
              ),
            },
      );
    };
  const withPermission =
    (permission: string): SnapshotEdit =>
    (s) => {
      s.users = s.users.map((u) =>
        u.id !== userId ? u : { ...u, permissions: { ...u.permissions, [permission]: true } },
      );
    };
  const member =
    (teamId: string, edit: (m: { role: string; level: string }) => object): SnapshotEdit =>
    (s) => {
      s.teams = s.teams.map((t) =>
        t.id !== teamId ? t : { ...t, members: t.members.map((m) => (m.userId !== userId ? m : { ...m, ...edit(m) })) },
      ) as Snapshot["teams"];
    };
  switch (change.kind) {
    case "grant":
      return withGrant(change.level);
    case "assignment":
      return withGrant("view");
    case "staffPermission":
      return withPermission(change.permission);
    case "grantWithStaffPermission":
      return (s) => {
        withGrant(change.level)(s);
        withPermission(change.permission)(s);
      };
    case "teamLevel":
      return member(change.teamId, () => ({ level: change.level }));
    case "teamRole":
      return member(change.teamId, () => ({ role: change.role }));
    case "ownership":
      return (s) => {
        s.contacts = s.contacts.map((c) => (c.id !== contactId ? c : { ...c, owner: { kind: "user", userId } }));
      };
    case "closeLoans":
      return (s) => {
        s.files = s.files
          .map((f) => (f.contactId !== contactId ? f : { ...f, loans: [] }))
          .filter((f) => f.notes.length + f.loans.length + f.groups.length + f.activities.length + f.tasks.length > 0);
      };
    case "reactivate":
      return (s) => {
        s.users = s.users.map((u) => (u.id !== change.userId ? u : { ...u, status: "active" }));
      };
  }
}

/** Why the last attempt at each change was refused, for failure messages. */
const refusals = new Map<string, string>();

/** The state with the change made, or null when no valid state holds it (`fromSnapshot` refuses it). */
function changedState(base: Snapshot, change: Remedy, userId: string, contactId: string): State | null {
  const snapshot = structuredClone(base) as Mutable<Snapshot>;
  editFor(change, userId, contactId)(snapshot);
  const r = fromSnapshot(snapshot);
  if (E.isLeft(r)) refusals.set(show(change), r.left.message);
  return E.isRight(r) ? r.right : null;
}

/** For one state, user and contact: which actions each change would allow (each change made once, lazily). */
class Changes {
  private readonly snapshot: Snapshot;
  private readonly allowed = new Map<string, readonly Action[] | null>();
  constructor(
    readonly state: State,
    readonly userId: string,
    readonly contactId: string,
  ) {
    this.snapshot = toSnapshot(state);
  }
  /** The actions `can` allows once the change is made; null if no valid state holds the change. */
  allows(change: Remedy): readonly Action[] | null {
    const key = show(change);
    let out = this.allowed.get(key);
    if (out === undefined) {
      const after = changedState(this.snapshot, change, this.userId, this.contactId);
      out = after === null ? null : ACTIONS.filter((a) => can(after, this.userId, a, this.contactId));
      this.allowed.set(key, out);
    }
    return out;
  }
}

/** What an explanation is judged against, per contact and user. */
interface Judging {
  readonly state: State;
  /** The same state with the contact's loans closed, if it has any. */
  readonly withoutLoans: State | null;
  readonly changes: Changes;
  readonly changesWithoutLoans: Changes | null;
}

/** Who asks: the office admin where they see the contact (support screens, `explainFor`), else the user. */
function askedExplanation(state: State, userId: string, action: Action, contactId: string): Explanation | null {
  const byAdmin = explainFor(state, ADMIN, userId, action, contactId);
  const asker = E.isRight(byAdmin) ? ADMIN : userId;
  // A contact hidden from the asker is answered as an id that does not exist (SEC-2): another law's business.
  if (hiddenFrom(state, asker, contactId)) return null;
  return E.isRight(byAdmin) ? byAdmin.right : explain(state, userId, action, contactId);
}

interface Tally {
  sound: Map<string, number>;
  nulls: number;
  minimalChecks: number;
}

/**
 * The law for one denied (user, action, contact) of a state. Where the contact's loans alone stop the action, the
 * remedy is closing them. Otherwise the loans are not told (D-61), so the remedy is judged on the state without
 * them and must be the answer given there: applying it allows the action (soundness), no change before it in the
 * documented order would (minimality), and a null remedy means no documented change would.
 */
function judge(j: Judging, action: Action, remedy: Remedy | null, tally: Tally): string | null {
  const { userId, contactId } = j.changes;
  const where = `${userId} ${action} ${contactId}: remedy ${show(remedy)}`;
  const loansAlone =
    j.withoutLoans !== null && j.changesWithoutLoans !== null && can(j.withoutLoans, userId, action, contactId);
  if (loansAlone) {
    if (remedy?.kind !== "closeLoans") return `${where}, but the contact's loans alone stop it (SHR-7, SHR-8)`;
    for (const change of documentedChanges(j.state, userId, contactId))
      if (j.changes.allows(change)?.includes(action)) return `${where}: ${show(change)} would allow it (SHR-7)`;
    tally.sound.set("closeLoans", (tally.sound.get("closeLoans") ?? 0) + 1);
    return null;
  }
  const state = j.withoutLoans ?? j.state;
  const changes = j.changesWithoutLoans ?? j.changes;
  if (j.withoutLoans !== null) {
    const told = askedExplanation(j.withoutLoans, userId, action, contactId)?.remedy ?? null;
    if (show(told) !== show(remedy)) return `${where}, but ${show(told)} without the loans the actor is not stopped by`;
  }
  const documented = documentedChanges(state, userId, contactId);
  if (remedy === null) {
    for (const change of documented)
      if (changes.allows(change)?.includes(action)) return `${where}: ${show(change)} alone would allow it`;
    tally.nulls++;
    return null;
  }
  const rank = documented.findIndex((c) => show(c) === show(remedy));
  if (rank < 0) return `${where} is not among the documented changes ${show(documented)}`;
  const after = changes.allows(remedy);
  if (after === null) return `${where}: no valid state holds that change (${refusals.get(show(remedy))})`;
  if (!after.includes(action)) return `${where}: made, it does not allow ${action} (allows ${show(after)})`;
  for (const smaller of documented.slice(0, rank)) {
    tally.minimalChecks++;
    if (changes.allows(smaller)?.includes(action)) return `${where}: the smaller ${show(smaller)} would allow it`;
  }
  tally.sound.set(remedy.kind, (tally.sound.get(remedy.kind) ?? 0) + 1);
  return null;
}

function withoutLoansOf(state: State, contactId: string): State | null {
  if ((getContactFile(state, contactId)?.loans.length ?? 0) === 0) return null;
  const after = changedState(toSnapshot(state), { kind: "closeLoans" }, "", contactId);
  if (after === null) throw new Error(`SEC-7: the state without ${contactId}'s loans is refused`);
  return after;
}

/** Every denied, explained (user, action, contact) of the state, judged; the first failure, or null. */
function lawHolds(state: State, pairs: readonly (readonly [string, string])[], tally: Tally): string | null {
  for (const [userId, contactId] of pairs) {
    if (getContact(state, contactId) === undefined || getUser(state, userId) === undefined) continue;
    let j: Judging | null = null;
    for (const action of ACTIONS) {
      const told = askedExplanation(state, userId, action, contactId);
      if (told === null) continue;
      if (told.allowed !== can(state, userId, action, contactId)) return `explain and can disagree on ${action}`;
      if (told.allowed) {
        if (told.remedy !== null) return `${userId} ${action} ${contactId} is allowed, with a remedy`;
        continue;
      }
      if (j === null) {
        const withoutLoans = withoutLoansOf(state, contactId);
        j = {
          state,
          withoutLoans,
          changes: new Changes(state, userId, contactId),
          changesWithoutLoans: withoutLoans === null ? null : new Changes(withoutLoans, userId, contactId),
        };
      }
      const failure = judge(j, action, told.remedy, tally);
      if (failure !== null) return `${failure}\n  contact ${showContact(state, contactId)}`;
    }
  }
  return null;
}

/** For a contact on a loan: the users the loan may alone stop — its account's user or its team's rainmaker. */
function leadersOnLoan(state: State, contactId: string): string[] {
  const contact = getContact(state, contactId);
  if (contact === undefined || (getContactFile(state, contactId)?.loans.length ?? 0) === 0) return [];
  if (contact.account.kind === "personal") return [contact.account.userId];
  return [getTeam(state, contact.account.teamId)?.rainmakerId ?? ADMIN];
}

describe("the remedy law: explain's smallest change, made in the state, allows the action (REA-2, SPEC §4)", () => {
  it("applying the remedy allows the action; no smaller documented change would; a null remedy means none would (REA-2, D-163)", () => {
    const tally: Tally = { sound: new Map(), nulls: 0, minimalChecks: 0 };
    fc.assert(
      fc.property(
        arbitraryRun({ maxCommands: 30 }),
        fc.array(fc.tuple(fc.constantFrom(...USERS), fc.nat(40)), { minLength: 6, maxLength: 10 }),
        fc.option(fc.nat(40), { nil: undefined }),
        (drawn, picks, loanOn) => {
          // Loans are rare in random runs; one is often added to a contact's file, as `addLoan` would.
          const onLoan = loanOn === undefined ? undefined : contactIds(drawn.state).sort()[loanOn % 8];
          const loan = { id: "loan-law", amount: 250000, status: "open" };
          const run = onLoan === undefined ? drawn : { state: withFileItem(drawn.state, onLoan, "loans", loan, true) };
          const ids = contactIds(run.state).sort();
          const pairs = describedAs(
            [
              ...picks.map(([u, i]) => [u, ids[i % Math.max(1, ids.length)] ?? "c1"] as const),
              ...ids.flatMap((c) => leadersOnLoan(run.state, c).map((u) => [u, c] as const)),
            ],
            () => show(picks),
          );
          const failure = lawHolds(run.state, pairs, tally);
          if (failure !== null) throw new Error(failure);
        },
      ),
      { numRuns: runs(0.5) },
    );
    if (COVERAGE_CHECKED) {
      // The runs reached the remedies the law is about, not only null ones.
      for (const kind of ["grant", "staffPermission", "grantWithStaffPermission", "teamLevel", "closeLoans"])
        expect(tally.sound.get(kind) ?? 0, `sound ${kind} remedies checked`).toBeGreaterThan(0);
      expect(tally.nulls).toBeGreaterThan(0);
      expect(tally.minimalChecks).toBeGreaterThan(0);
    }
  });
});

describe("remedies by hand", () => {
  const base = amysTwoContacts;

  it("you need to reactivate the deactivated account to take action — named where reactivation alone allows it (LIF-7)", () => {
    const s = run(base(), { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    // Bob holds `full` on Amy's contact: reactivating Amy gives him back edit, but never the right to delete it.
    expect(explain(s, "bob", "edit", "m1")).toMatchObject({
      rules: ["LIF-7", "ASG-2"],
      remedy: { kind: "reactivate", userId: "amy" },
    });
    expect(explain(s, "bob", "delete", "m1")).toMatchObject({ rules: ["LIF-7", "ASG-2"], remedy: null });
    const again = run(s, { type: "reactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    expect([can(again, "bob", "edit", "m1"), can(again, "bob", "delete", "m1")]).toEqual([true, false]);
  });

  it("full access that lacks only the archive permission is told the permission; without full access, the grant (LIF-2, ASG-2)", () => {
    const s = run(
      base(),
      {
        type: "changeStaffPermissions",
        actor: "admin",
        account: OFFICE,
        userId: "bob",
        permissions: { archiveContacts: true },
      },
      { type: "grantAccess", actor: "admin", account: TEAM, contactId: "c1", userId: "bob", level: "view" },
    ).state;
    // Bob may archive already: a `full` grant is all he lacks, not a grant and the permission he holds.
    expect(explain(s, "bob", "archive", "c1").remedy).toEqual({ kind: "grant", level: "full" });
    expect(explain(s, "amy", "archive", "c1").remedy).toEqual({
      kind: "staffPermission",
      permission: "archiveContacts",
    });
  });

  it("only the user the contact was initially assigned to can delete it: one who lost access is told a view grant (SHR-7)", () => {
    const s = run(
      teamOffice({ ...DEFAULT_CONFIGURATION, contactDeletion: "initialAssignee" }),
      { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: details("C") },
      { type: "changePrimary", actor: "admin", account: TEAM, contactId: "c1", userId: "bob" },
    ).state;
    expect(getContact(s, "c1")?.initialAssignee).toBe("amy");
    expect(can(s, "amy", "view", "c1")).toBe(false);
    const told = explainFor(s, "admin", "amy", "delete", "c1");
    expect(E.isRight(told) && told.right.remedy).toEqual({ kind: "grant", level: "view" });
    const granted = run(s, {
      type: "grantAccess",
      actor: "admin",
      account: TEAM,
      contactId: "c1",
      userId: "amy",
      level: "view",
    });
    expect(can(granted.state, "amy", "delete", "c1")).toBe(true);
  });

  it("a member of another team, or no team, is never told to join one: no single change lets them delete (ACC-9)", () => {
    const s = run(base(), {
      type: "grantAccess",
      actor: "admin",
      account: TEAM,
      contactId: "c1",
      userId: "tc",
      level: "full",
    }).state;
    expect(explain(s, "tc", "delete", "c1").remedy).toEqual({ kind: "teamLevel", teamId: "t1", level: "unlimited" });
    expect(explain(s, "admin", "delete", "c1")).toMatchObject({ rules: ["ACC-9", "REA-2"], remedy: null });
  });
});
