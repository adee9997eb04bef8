import { freeze } from "immer";
import type { Office, Team, User } from "./accounts/model.js";
import { emptyMap, type PersistentMap, type PersistentSet } from "./collections/persistent-map.js";
import { type Configuration, DEFAULT_CONFIGURATION } from "./configuration/configuration.js";
import type { Contact } from "./contacts/model.js";
import type { ContactFile } from "./profile/model.js";
import type { ArchiveEntry, OptOut } from "./lifecycle/model.js";
import type { AgentDefaults, Enrolment, Messaging, SmartPlan, TextRoute } from "./smartplans/model.js";
import { EMPTY_APPLETS, type Applets } from "./applets/model.js";
import type { Asset, ContactAssets } from "./assets/model.js";

/**
 * The whole state of one office: frozen, plain and JSON-serialisable. Collections are persistent hash tries,
 * so a command that changes one contact copies a short path, never the collection. The fields marked `@internal`
 * are indexes derived from the others and kept by `evolve`: not part of the API, they may change in any release
 * (read through the queries instead). The same holds for `PersistentMap`'s layout.
 * @since 0.1.0
 */
export interface State {
  /**
   * The office stream's version: how many events have been applied since the empty stream. `execute` says which
   * versions its events take, so a store can append them only where it finds the version the command was decided
   * at (docs/event-store.md). Kept by `evolve`, `replay` and `replayAsync`; written and read by snapshots.
   * @since 0.2.0
   */
  readonly version: number;
  readonly office: Office | null;
  readonly configuration: Configuration;
  readonly users: PersistentMap<User>;
  /** Ids of office admins and master users, sorted. */
  readonly officeAdmins: readonly string[];
  /** Ids of deactivated users, sorted (LIF-7); while empty, nothing is frozen and queries take short cuts. */
  readonly deactivatedUsers: readonly string[];
  readonly teams: PersistentMap<Team>;
  /** user id → their co-marketing partners, sorted (symmetric). */
  readonly partners: PersistentMap<readonly string[]>;
  /** user id → ids of the teams they belong to. Derived by `evolve`; not part of the API. @internal */
  readonly teamsOfUser: PersistentMap<readonly string[]>;
  readonly contacts: PersistentMap<Contact>;
  /** contact id → its notes, loans, groups, activities and tasks; absent while empty. */
  readonly files: PersistentMap<ContactFile>;
  /**
   * account key (`team:<id>`, `personal:<id>`) → ids of its contacts.
   * Derived by `evolve`; not part of the API. @internal
   */
  readonly contactsByAccount: PersistentMap<PersistentSet>;
  /**
   * `<account key>\u0001email:<key>` or `…phone:<E.164>` → ids of contacts with that address (LIF-1 dedup).
   * Derived by `evolve`; not part of the API. @internal
   */
  readonly contactsByPoint: PersistentMap<PersistentSet>;
  /** contact id → why and when it was archived (LIF-2); absent while active. */
  readonly archive: PersistentMap<ArchiveEntry>;
  /** `phone:<E.164>` or `email:<key>` → the opt-out (LIF-3, LIF-4), independent of contacts. */
  readonly optOuts: PersistentMap<OptOut>;
  /** SmartPlans of team and personal accounts (ACC-8, ACC-5). */
  readonly plans: PersistentMap<SmartPlan>;
  /** team id → its SmartPlan agent defaults (SP-1, SP-2); absent: the documented defaults. */
  readonly agentDefaults: PersistentMap<AgentDefaults>;
  /** `<plan id>\u0000<contact id>` → the enrolment (LIF-8). */
  readonly enrolments: PersistentMap<Enrolment>;
  /** contact id → ids of the plans it is enrolled in. Derived by `evolve`; not part of the API. @internal */
  readonly enrolmentsByContact: PersistentMap<readonly string[]>;
  /** user id → email plan, Twilio subscription, credits and this month's sends (SP-4, SP-5). */
  readonly messaging: PersistentMap<Messaging>;
  /** E.164 number → the agent who sent the last SmartPlan text to it, where its replies go (SP-5, D-103). */
  readonly textRoutes: PersistentMap<TextRoute>;
  /**
   * Values many contacts hold alike (accounts, owners, grants), kept once and shared between contacts.
   * Derived by `evolve`; not part of the API. @internal
   */
  readonly shared: PersistentMap<unknown>;
  /**
   * user id → ids of contacts they own, are primary on, or hold a grant on.
   * Derived by `evolve`; not part of the API. @internal
   */
  readonly contactsByUser: PersistentMap<PersistentSet>;
  /** Opportunities and email campaigns of team and personal accounts, with their indexes (AST-4, AST-5). */
  readonly applets: Applets;
  /** Tags, custom fields and custom lead sources of team and personal accounts, by id (AST-1). */
  readonly assets: PersistentMap<Asset>;
  /**
   * `<account key>\u0001<kind>` → ids of that account's assets of that kind, sorted.
   * Derived by `evolve`; not part of the API. @internal
   */
  readonly assetsByAccount: PersistentMap<readonly string[]>;
  /** contact id → the tags, field values and lead source it carries (AST-2); absent while none. */
  readonly contactAssets: PersistentMap<ContactAssets>;
}

/**
 * The state before any event: no office yet, the given configuration (the seeds' defaults unless told).
 * @example
 * import { initialState } from "crm-access";
 * const state = initialState();
 * assert.strictEqual(state.office, null);
 * @since 0.1.0
 */
export function initialState(configuration: Configuration = DEFAULT_CONFIGURATION): State {
  return Object.freeze({
    version: 0,
    office: null,
    configuration: freeze(structuredClone(configuration), true),
    users: emptyMap<User>(),
    officeAdmins: Object.freeze([]),
    deactivatedUsers: Object.freeze([]),
    teams: emptyMap<Team>(),
    teamsOfUser: emptyMap<readonly string[]>(),
    partners: emptyMap<readonly string[]>(),
    contacts: emptyMap<Contact>(),
    files: emptyMap<ContactFile>(),
    contactsByAccount: emptyMap<PersistentSet>(),
    contactsByUser: emptyMap<PersistentSet>(),
    shared: emptyMap<unknown>(),
    contactsByPoint: emptyMap<PersistentSet>(),
    archive: emptyMap<ArchiveEntry>(),
    optOuts: emptyMap<OptOut>(),
    plans: emptyMap<SmartPlan>(),
    agentDefaults: emptyMap<AgentDefaults>(),
    enrolments: emptyMap<Enrolment>(),
    enrolmentsByContact: emptyMap<readonly string[]>(),
    messaging: emptyMap<Messaging>(),
    textRoutes: emptyMap<TextRoute>(),
    applets: EMPTY_APPLETS,
    assets: emptyMap<Asset>(),
    assetsByAccount: emptyMap<readonly string[]>(),
    contactAssets: emptyMap<ContactAssets>(),
  });
}

/** The state with its stream version set; the same state when it already has it. @internal */
export function atVersion(state: State, version: number): State {
  return state.version === version ? state : Object.freeze({ ...state, version });
}
