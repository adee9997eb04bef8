import * as E from "../either.js";
import * as z from "zod";
import { OfficeRole, PermissionLevel, StaffPermissions, TeamRole, type Team, type User } from "../accounts/model.js";
import { forEach, fromEntries, transient, values, type PersistentMap } from "../collections/persistent-map.js";
import { Configuration } from "../configuration/configuration.js";
import { frozenContact, SharedValues, withContacts } from "../contacts/evolve.js";
import { ContactRecord, type Contact } from "../contacts/model.js";
import { fromZodIssue, invalidInput, type DomainError } from "../errors.js";
import { ArchiveReason, ContactAddress } from "../lifecycle/commands.js";
import { optOutKey, type ArchiveEntry, type OptOut } from "../lifecycle/model.js";
import { Channel } from "../contacts/model.js";
import { Activity, Loan, Note, Task, type ContactFile } from "../profile/model.js";
import { atVersion, initialState, type State } from "../state.js";
import { AccountRef, Id, Instant, Label } from "../wire.js";
import {
  AgentDefaults,
  enrolmentKey,
  Step,
  type Enrolment,
  type Messaging,
  type SmartPlan,
  type TextRoute,
} from "../smartplans/model.js";
import { freeze } from "immer";
import { checkInvariants, type InvariantBreach } from "./invariants.js";
import { ContactColumns, decodeContacts, encodeContacts } from "./compact.js";
import { appletsSnapshot, CampaignRecord, OpportunityRecord, restoreApplets } from "../applets/snapshot.js";
import {
  assetIndexKey,
  AssetKind,
  AssetName,
  FieldSpec,
  FieldValue,
  LeadSourceRef,
  type Asset,
  type ContactAssets,
} from "../assets/model.js";

const UserRow = z.strictObject({
  id: Id,
  name: Label,
  status: z.enum(["active", "deactivated"]),
  officeRole: OfficeRole,
  permissions: StaffPermissions,
});
const TeamRow = z.strictObject({
  id: Id,
  name: Label,
  rainmakerId: Id,
  members: z.array(z.strictObject({ userId: Id, role: TeamRole, level: PermissionLevel })),
});
const FileEntry = z.strictObject({
  contactId: Id,
  notes: z.array(Note),
  loans: z.array(Loan),
  groups: z.array(Label),
  activities: z.array(Activity),
  tasks: z.array(Task),
});

/** Snapshot format 1: every collection as a list sorted by id, so equal states write equal snapshots. */
export const SnapshotSchema = z.strictObject({
  format: z.literal("crm-access.snapshot"),
  version: z.literal(1),
  /**
   * The stream version the snapshot was taken at (`State.version`, D-105): the number of events it covers. Absent in
   * snapshots written by 0.1.0, which read as version 0 unless the caller says where they stand (`fromSnapshot`).
   */
  streamVersion: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  office: z.strictObject({ id: Id, name: Label }).nullable(),
  configuration: Configuration,
  users: z.array(UserRow),
  teams: z.array(TeamRow),
  partnerships: z.array(z.tuple([Id, Id])),
  contacts: z.array(ContactRecord),
  files: z.array(FileEntry),
  archive: z.array(z.strictObject({ contactId: Id, reason: ArchiveReason, at: Instant, by: Id })),
  optOuts: z.array(z.strictObject({ address: ContactAddress, at: Instant, channel: Channel })),
  plans: z.array(z.strictObject({ id: Id, account: AccountRef, name: Label, steps: z.array(Step) })),
  agentDefaults: z.array(z.strictObject({ teamId: Id, defaults: AgentDefaults })),
  /** `stepsRun` (SEC-6) is written only when some step has run, so snapshots without runs read as before. */
  enrolments: z.array(
    z.strictObject({ planId: Id, contactId: Id, at: Instant, by: Id, stepsRun: z.array(Id).optional() }),
  ),
  messaging: z.array(
    z.strictObject({
      userId: Id,
      emailMonthlyLimit: z.number().int().nonnegative(),
      twilio: z.boolean(),
      credits: z.number().int(),
      month: z.string().max(8), // YYYY-MM, or YYYYY-MM when 9999-12-31 is already next year in the office's zone
      emailsSent: z.number().int().nonnegative(),
      /** D-101, D-102: written only once set, so snapshots of 0.1.0 read as before. */
      twilioMonthlyCredits: z.number().int().nonnegative().optional(),
      creditedThrough: z.string().max(8).optional(),
    }),
  ),
  /** Where replies go (SP-5, D-103): absent in snapshots written by 0.1.0, which kept no routes. */
  textRoutes: z.array(z.strictObject({ phone: z.string().max(32), senderId: Id, planId: Id })).optional(),
  /** Opportunities and email campaigns (AST-4, AST-5): absent in snapshots written before them, and while there are none. */
  opportunities: z.array(OpportunityRecord).optional(),
  campaigns: z.array(CampaignRecord).optional(),
  /** Tags, custom fields and custom lead sources (AST-1): written only when there are some, so older snapshots read as before. */
  assets: z
    .array(
      z.strictObject({ id: Id, account: AccountRef, kind: AssetKind, name: AssetName, field: FieldSpec.optional() }),
    )
    .optional(),
  /** What each contact carries (AST-2), sorted by contact id; written only when some contact carries something. */
  contactAssets: z
    .array(
      z.strictObject({
        contactId: Id,
        tags: z.array(Id),
        fields: z.array(z.strictObject({ fieldId: Id, value: FieldValue })),
        source: LeadSourceRef.optional(),
      }),
    )
    .optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Snapshot format 2 (D-177): format 1 with the contacts as columns (`ContactColumns`). */
export const CompactSnapshotSchema = SnapshotSchema.extend({ version: z.literal(2), contacts: ContactColumns });
export type CompactSnapshot = z.infer<typeof CompactSnapshotSchema>;

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortedEntries<V>(map: PersistentMap<V>): [string, V][] {
  const out: [string, V][] = [];
  forEach(map, (v, k) => out.push([k, v]));
  return out.sort((a, b) => byKey(a[0], b[0]));
}

/**
 * Writes the state as a versioned, canonical JSON value. `fromSnapshot(toSnapshot(s))` answers every query as
 * `s` does, and writing it again gives an equal snapshot.
 * @example
 * import { initialState, toSnapshot } from "crm-access";
 * const snapshot = toSnapshot(initialState());
 * // Plain data: it comes back from JSON text unchanged.
 * assert.deepStrictEqual(JSON.parse(JSON.stringify(snapshot)), snapshot);
 * @since 0.1.0
 */
export function toSnapshot(state: State): Snapshot {
  return snapshotWith(
    state,
    1,
    values(state.contacts)
      .map((c) => structuredClone(c) as Snapshot["contacts"][number])
      .sort(byId),
  );
}

/**
 * Writes the state as a snapshot in format version 2 (D-177): `toSnapshot`'s value, but the contacts as columns
 * (`ContactColumns`: the ids they name listed once and named by position, their own text in arrays of strings, the
 * rest packed as base-64 digits), listed in the trie's walking order. About a fifth of version 1's JSON and read
 * faster (docs/performance.md); `fromSnapshot` reads both versions, and `fromSnapshot(toCompactSnapshot(s))` answers
 * every query as `s` does. Equal states write equal snapshots.
 * @example
 * import { fromSnapshot, initialState, toCompactSnapshot } from "crm-access";
 * const read = fromSnapshot(JSON.parse(JSON.stringify(toCompactSnapshot(initialState()))));
 * assert.strictEqual(read._tag, "Right");
 * @since 0.2.0
 */
export function toCompactSnapshot(state: State): CompactSnapshot {
  return snapshotWith(state, 2, encodeContacts(state.contacts, state.users.size + state.teams.size));
}

/** Every part of a snapshot but its contacts, which each version writes its own way, in the same order of keys. */
function snapshotWith<N extends 1 | 2, C>(state: State, version: N, contacts: C) {
  const partnerships: [string, string][] = [];
  forEach(state.partners, (partners, userId) => {
    for (const p of partners) if (userId < p) partnerships.push([userId, p]);
  });
  partnerships.sort((a, b) => byKey(`${a[0]}\u0000${a[1]}`, `${b[0]}\u0000${b[1]}`));
  const files: Snapshot["files"] = [];
  forEach(state.files, (file, contactId) => {
    files.push({
      contactId,
      notes: [...file.notes],
      loans: [...file.loans],
      groups: [...file.groups],
      activities: [...file.activities],
      tasks: [...file.tasks],
    });
  });
  const archive: Snapshot["archive"] = [];
  forEach(state.archive, (entry, contactId) => archive.push({ contactId, ...entry }));
  const optOuts = values(state.optOuts).map((o) => ({ address: { ...o.address }, at: o.at, channel: o.channel }));
  return {
    format: "crm-access.snapshot" as const,
    version,
    streamVersion: state.version,
    office: state.office === null ? null : { ...state.office },
    configuration: structuredClone(state.configuration) as Snapshot["configuration"],
    users: values(state.users)
      .map((u) => ({ ...u, permissions: { ...u.permissions } }))
      .sort(byId),
    teams: values(state.teams)
      .map((t) => ({ ...t, members: t.members.map((m) => ({ ...m })) }))
      .sort(byId),
    partnerships,
    contacts,
    files: files.sort((a, b) => byKey(a.contactId, b.contactId)),
    archive: archive.sort((a, b) => byKey(a.contactId, b.contactId)),
    optOuts: optOuts.sort((a, b) => byKey(optOutKey(a.address), optOutKey(b.address))),
    plans: values(state.plans)
      .map((p) => structuredClone(p) as Snapshot["plans"][number])
      .sort(byId),
    agentDefaults: sortedEntries(state.agentDefaults).map(([teamId, defaults]) => ({
      teamId,
      defaults: { ...defaults },
    })),
    enrolments: values(state.enrolments)
      .map(({ stepsRun, ...e }) =>
        stepsRun === undefined || stepsRun.length === 0 ? e : { ...e, stepsRun: [...stepsRun] },
      )
      .sort((a, b) => byKey(enrolmentKey(a.planId, a.contactId), enrolmentKey(b.planId, b.contactId))),
    messaging: sortedEntries(state.messaging).map(([userId, m]) => ({ userId, ...m })),
    ...(state.textRoutes.size === 0
      ? {}
      : { textRoutes: sortedEntries(state.textRoutes).map(([phone, r]) => ({ phone, ...r })) }),
    ...appletsSnapshot(state),
    ...(state.assets.size === 0
      ? {}
      : {
          assets: values(state.assets)
            .map((a) => structuredClone(a) as NonNullable<Snapshot["assets"]>[number])
            .sort(byId),
        }),
    ...(state.contactAssets.size === 0
      ? {}
      : {
          contactAssets: sortedEntries(state.contactAssets).map(([contactId, l]) => ({
            contactId,
            ...(structuredClone(l) as Omit<NonNullable<Snapshot["contactAssets"]>[number], "contactId">),
          })),
        }),
  };
}

/**
 * The invariant checker of `fromSnapshot`, on a live state: null for every state `decide` and `evolve` reach, so a
 * property test that finds a breach has found a state the library should never produce (SEC-7).
 * @example
 * import { initialState } from "crm-access";
 * import { checkStateInvariants } from "crm-access/testing";
 * assert.strictEqual(checkStateInvariants(initialState()), null);
 * @since 0.1.0
 */
export function checkStateInvariants(state: State): InvariantBreach | null {
  return checkInvariants(toSnapshot(state));
}

/** The version a read snapshot stands at: its own, the caller's, both when they agree, or 0 when neither says. */
function streamVersion(recorded: number | undefined, input: unknown): E.Either<DomainError, number> {
  const given = Number.isSafeInteger(input) && (input as number) >= 0 ? (input as number) : undefined;
  if (input !== undefined && given === undefined)
    return invalid(
      `the version given must be a whole number from 0, not ${typeof input === "number" ? String(input) : typeof input}`,
      ["streamVersion"],
    );
  if (recorded !== undefined && given !== undefined && recorded !== given)
    return invalid(`taken at version ${recorded}, not at the version given, ${given}`, ["streamVersion"]);
  return E.right(recorded ?? given ?? 0);
}

/** Adds a value to the list kept under a key; the lists are sorted once, when every value is in. */
function push(lists: Map<string, string[]>, key: string, value: string): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [value]);
  else list.push(value);
}

function invalid(message: string, path: (string | number)[] = []): E.Either<DomainError, never> {
  return E.left(invalidInput(`snapshot${path.length > 0 ? `.${path.join(".")}` : ""}: ${message}`, path));
}

/**
 * Where a snapshot stands in its stream, when the caller knows it better than the snapshot does. @since 0.2.0
 */
export interface SnapshotOptions {
  /**
   * The stream version the snapshot was taken at (the number of events it covers), as the store recorded it next to
   * the snapshot. Needed for a snapshot written by 0.1.0, which does not carry its version; for a snapshot that does,
   * it must agree, or the snapshot is refused.
   */
  readonly version?: number;
}

/**
 * Reads a snapshot from untrusted JSON: decoded by its schema, checked whole by `checkInvariants` (repeated ids,
 * dangling references, owners, primaries and grants `decide` could not produce, counts out of range: SEC-7), then
 * rebuilt with every index. The state's `version` is the snapshot's `streamVersion`; a snapshot written by 0.1.0 has
 * none and reads as version 0 unless `options.version` says where it stands (D-105). A bad snapshot is an error
 * value, never an exception.
 * @example
 * import { fromSnapshot, initialState, toSnapshot } from "crm-access";
 * assert.strictEqual(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(initialState()))))._tag, "Right");
 * assert.strictEqual(fromSnapshot({ format: "something else" })._tag, "Left");
 * @since 0.1.0
 */
export function fromSnapshot(input: unknown, options: SnapshotOptions = {}): E.Either<DomainError, State> {
  const given: unknown = typeof options === "object" && options !== null ? options.version : undefined;
  const compact = typeof input === "object" && input !== null && (input as { version?: unknown }).version === 2;
  const parsed = compact ? CompactSnapshotSchema.safeParse(input) : SnapshotSchema.safeParse(input);
  if (!parsed.success) return E.left(fromZodIssue(parsed.error.issues[0], "snapshot"));
  const version = streamVersion(parsed.data.streamVersion, given);
  if (E.isLeft(version)) return version;
  const shared = new SharedValues(initialState().shared);
  let snap: Snapshot;
  let stored: readonly Contact[] | null = null;
  if (parsed.data.version === 2) {
    const decoded = decodeContacts(parsed.data.contacts, shared);
    if (E.isLeft(decoded)) return decoded;
    stored = decoded.right;
    // The stored contacts have the shape of version 1's rows: the one checker reads both.
    snap = { ...parsed.data, version: 1, contacts: stored as Snapshot["contacts"] };
  } else snap = parsed.data;
  const broken = checkInvariants(snap);
  if (broken !== null) return E.left(invalidInput(`snapshot: ${broken.message}`, broken.path));
  return E.right(
    restore(snap, stored ?? snap.contacts.map((c) => frozenContact(c as Contact, shared)), shared, version.right),
  );
}

/** The state of a checked snapshot, its contacts already stored (sharing `shared`), every map built in bulk. */
function restore(snap: Snapshot, stored: readonly Contact[], shared: SharedValues, version: number): State {
  const users = fromEntries(snap.users.map((u) => [u.id, freeze(u as User, true)] as const));
  const byContact = new Map<string, string[]>();
  for (const e of snap.enrolments) push(byContact, e.contactId, e.planId);
  const assetIds = new Map<string, string[]>();
  for (const a of snap.assets ?? []) push(assetIds, assetIndexKey(a.account, a.kind), a.id);

  // One batch: the indexes are built in place and frozen at the end (see `transient`).
  return transient(() => {
    let state: State = initialState(snap.configuration);
    const teamsOfUser = new Map<string, string[]>();
    for (const t of snap.teams) for (const m of t.members) push(teamsOfUser, m.userId, t.id);
    const partners = new Map<string, string[]>();
    for (const [a, b] of snap.partnerships) {
      push(partners, a, b);
      push(partners, b, a);
    }
    state = Object.freeze({
      ...state,
      office: snap.office === null ? null : Object.freeze({ ...snap.office }),
      users,
      officeAdmins: Object.freeze(
        snap.users
          .filter((u) => u.officeRole !== "staff")
          .map((u) => u.id)
          .sort(),
      ),
      deactivatedUsers: Object.freeze(
        snap.users
          .filter((u) => u.status === "deactivated")
          .map((u) => u.id)
          .sort(),
      ),
      // Members sorted by user id, as `memberOf` binary-searches them, whatever order the snapshot lists them in.
      teams: fromEntries(
        snap.teams.map(
          (t) =>
            [
              t.id,
              freeze({ ...t, members: [...t.members].sort((a, b) => byKey(a.userId, b.userId)) } as Team, true),
            ] as const,
        ),
      ),
      teamsOfUser: fromEntries([...teamsOfUser].map(([u, ts]) => [u, Object.freeze(ts.sort())] as const)),
      partners: fromEntries([...partners].map(([u, ps]) => [u, Object.freeze(ps.sort())] as const)),
      files: fromEntries(
        snap.files.map(({ contactId, ...file }) => [contactId, freeze(file as ContactFile, true)] as const),
      ),
      archive: fromEntries(
        snap.archive.map(({ contactId, ...entry }) => [contactId, freeze(entry as ArchiveEntry, true)] as const),
      ),
      optOuts: fromEntries(snap.optOuts.map((o) => [optOutKey(o.address), freeze(o as OptOut, true)] as const)),
      plans: fromEntries(snap.plans.map((p) => [p.id, freeze(p as SmartPlan, true)] as const)),
      agentDefaults: fromEntries(snap.agentDefaults.map((d) => [d.teamId, freeze(d.defaults, true)] as const)),
      enrolments: fromEntries(
        snap.enrolments.map((e) => [enrolmentKey(e.planId, e.contactId), freeze(e as Enrolment, true)] as const),
      ),
      enrolmentsByContact: fromEntries([...byContact].map(([c, ps]) => [c, Object.freeze(ps.sort())] as const)),
      messaging: fromEntries(snap.messaging.map(({ userId, ...m }) => [userId, freeze(m as Messaging, true)] as const)),
      textRoutes: fromEntries(
        (snap.textRoutes ?? []).map(({ phone, ...r }) => [phone, freeze(r as TextRoute, true)] as const),
      ),
      applets: restoreApplets(snap.opportunities, snap.campaigns),
      assets: fromEntries((snap.assets ?? []).map((a) => [a.id, freeze(a as Asset, true)] as const)),
      assetsByAccount: fromEntries([...assetIds].map(([key, ids]) => [key, Object.freeze(ids.sort())] as const)),
      contactAssets: fromEntries(
        (snap.contactAssets ?? []).map(({ contactId, ...l }) => [contactId, freeze(l as ContactAssets, true)] as const),
      ),
    });
    return atVersion(withContacts(state, stored, shared.map), version);
  });
}
