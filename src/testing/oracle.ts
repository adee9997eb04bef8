/**
 * The oracle: an independent, brute-force reading of the kernel's rules (ACC, ASG, SHR, REA, LIF-7) and decisions
 * D-1 … D-22, for model-based testing. Facts are plain arrays, every question scans them. It imports nothing from
 * the library but types: no decision code, no queries, no state — so where it agrees with the library, two
 * readings of the rules agree (test/testing/oracle.test.ts checks the imports).
 */
import type { Configuration } from "../configuration/configuration.js";
import type { Command } from "../decider.js";
import type { Action } from "../permissions/access.js";

/** A user as the oracle holds it. */
export interface OracleUser {
  id: string;
  active: boolean;
  admin: boolean;
  editOwnership: boolean;
  archive: boolean /** The staff card's `editContacts` (seed 002), on unless withdrawn. */;
  edit: boolean;
}
/** A team membership as the oracle holds it. */
export interface OracleMember {
  team: string;
  user: string;
  role: string;
  level: "standard" | "enhanced" | "unlimited";
}
/** A contact as the oracle holds it: its account, owner, primary and grants. */
export interface OracleContact {
  id: string;
  team: string | null; // null: personal account of `personalUser`
  personalUser: string | null;
  ownerUser: string | null; // null: owned by the team
  primary: string | null;
  grants: { user: string; level: "full" | "shared" | "view" }[];
  /** Who added it by hand: the model adds contacts only that way, and whoever adds one is assigned to it (seed 003). */
  addedBy: string;
  /** The one user it was assigned to by an assignment (SHR-2), while they keep the `full` grant it gave. */
  assignee: string | null;
  /** Its lead status: `new` until set (seed 003). */
  status: string;
}
/** The oracle's facts: plain arrays of users, memberships, contacts and partnerships. */
export interface OracleModel {
  config: Configuration;
  users: OracleUser[];
  members: OracleMember[];
  rainmakers: Record<string, string>;
  contacts: OracleContact[];
  partners: [string, string][];
}

type MCommand =
  | { type: "addContact"; actor: string; account: Acc; contactId: string }
  | {
      type: "grantAccess";
      actor: string;
      account: Acc;
      contactId: string;
      userId: string;
      level: "full" | "shared" | "view";
    }
  | { type: "revokeAccess"; actor: string; account: Acc; contactId: string; userId: string }
  | { type: "changePrimary"; actor: string; account: Acc; contactId: string; userId: string | null }
  | { type: "unassignSelf"; actor: string; account: Acc; contactId: string }
  | {
      type: "changeOwner";
      actor: string;
      account: Acc;
      contactId: string;
      owner: { kind: "team"; teamId: string } | { kind: "user"; userId: string };
    }
  | { type: "deleteContact"; actor: string; account: Acc; contactId: string }
  | {
      type: "changeMemberLevel";
      actor: string;
      account: { kind: "team"; teamId: string };
      userId: string;
      level: OracleMember["level"];
    }
  | { type: "removeTeamMember"; actor: string; account: { kind: "team"; teamId: string }; userId: string }
  | { type: "changeStaffPermissions"; actor: string; userId: string; flag: "editOwnership" | "edit"; value: boolean }
  | { type: "deactivateUser" | "reactivateUser"; actor: string; userId: string }
  | { type: "startPartnership" | "endPartnership"; actor: string; partnerId: string }
  | { type: "shareContact" | "unshareContact"; actor: string; account: Acc; contactId: string; userId: string }
  | { type: "assignToPartner"; actor: string; account: Acc; contactId: string; partnerId: string }
  | { type: "assignContact"; actor: string; account: Acc; contactId: string; userId: string }
  | { type: "setLeadStatus"; actor: string; account: Acc; contactId: string; status: string }
  | {
      type: "transferContacts";
      actor: string;
      account: { kind: "team"; teamId: string };
      fromUserId: string;
      toUserId: string;
    };
type Acc = { kind: "team"; teamId: string } | { kind: "personal"; userId: string };

const user = (m: OracleModel, id: string) => m.users.find((u) => u.id === id);
const member = (m: OracleModel, team: string, id: string) => m.members.find((x) => x.team === team && x.user === id);
const teamsOf = (m: OracleModel, id: string) => m.members.filter((x) => x.user === id).map((x) => x.team);
const contact = (m: OracleModel, id: string) => m.contacts.find((c) => c.id === id);

/** The access level a user holds on a contact, ignoring deactivation. */
function rawLevel(m: OracleModel, u: OracleUser, c: OracleContact): "full" | "shared" | "view" | null {
  if (c.team === null) {
    if (c.personalUser === u.id) return "full"; // ACC-4
    return c.grants.find((g) => g.user === u.id)?.level ?? null; // ACC-5: only what its user shared
  }
  const lvl = member(m, c.team, u.id)?.level;
  if (c.ownerUser === u.id || c.primary === u.id || u.admin || lvl === "enhanced" || lvl === "unlimited") return "full"; // ACC-3, ASG-1, REA-2, ACC-9
  return c.grants.find((g) => g.user === u.id)?.level ?? null;
}

/** LIF-7: inactive actors and contacts owned by an inactive user are out of reach. */
function blocked(m: OracleModel, u: OracleUser, c: OracleContact): boolean {
  if (!u.active) return true;
  const owner = c.team === null ? c.personalUser : c.ownerUser;
  return owner !== null && owner !== u.id && user(m, owner)?.active === false;
}

/** The oracle's `can`. */
export function modelCan(m: OracleModel, userId: string, action: Action, contactId: string): boolean {
  const u = user(m, userId);
  const c = contact(m, contactId);
  if (u === undefined || c === undefined || blocked(m, u, c)) return false;
  const level = rawLevel(m, u, c);
  if (level === null) return false;
  const personal = c.team === null;
  const lvl = personal ? undefined : member(m, c.team as string, u.id);
  const scoped = lvl?.level === "enhanced" || lvl?.level === "unlimited";
  const eo = u.admin || u.editOwnership;
  const grant = c.grants.find((g) => g.user === u.id);
  switch (action) {
    case "view":
    case "linkToListing":
      return true;
    case "viewDetails":
    case "enrol":
      return level !== "view";
    case "edit": // ASG-2, with the staff card (seed 002)
      return level === "full" && (u.admin || u.edit);
    case "manageAccess":
      return personal ? c.personalUser === u.id : u.admin || scoped || (level === "full" && eo);
    case "share": // SHR-3
      return personal ? c.personalUser === u.id : u.admin || lvl?.role === "teamManager" || lvl?.role === "rainmaker";
    case "changePrimary":
      return !personal && (c.primary === u.id || (level === "full" && eo));
    case "changeOwner":
      if (personal) return false;
      return m.config.ownershipTransfer === "permissionLevel"
        ? scoped || u.admin
        : u.admin || lvl?.role === "teamManager" || lvl?.role === "rainmaker"; // seed 003: managers and admins only
    case "move":
      return personal ? c.personalUser === u.id : c.ownerUser === u.id;
    case "delete": // seed 003 where configured: "Only the user that the contact was initially assigned to can delete"
      if (personal) return c.personalUser === u.id;
      return m.config.contactDeletion === "initialAssignee" ? c.addedBy === u.id : lvl?.level === "unlimited";
    case "export":
      return personal ? c.personalUser === u.id : lvl?.level === "unlimited";
    case "unassignSelf":
      return grant !== undefined || (c.primary === u.id && c.personalUser !== u.id);
    case "archive":
      return level === "full" && (u.admin || u.archive);
  }
}

function inContext(m: OracleModel, actor: OracleUser, account: Acc): boolean {
  if (account.kind === "personal") return account.userId === actor.id;
  return (
    m.rainmakers[account.teamId] !== undefined && (member(m, account.teamId, actor.id) !== undefined || actor.admin)
  );
}

function reach(m: OracleModel, actor: OracleUser, account: Acc, contactId: string): OracleContact | null {
  const c = contact(m, contactId);
  if (c === undefined || rawLevel(m, actor, c) === null || blocked(m, actor, c)) return null;
  const same =
    account.kind === "team" ? c.team === account.teamId : c.team === null && c.personalUser === account.userId;
  return same ? c : null;
}

function assignable(m: OracleModel, c: OracleContact, id: string): boolean {
  if (user(m, id)?.active !== true) return false;
  if (c.team !== null) return member(m, c.team, id) !== undefined;
  const mine = teamsOf(m, c.personalUser as string);
  return id === c.personalUser || teamsOf(m, id).some((t) => mine.includes(t));
}

const clone = (m: OracleModel): OracleModel => structuredClone(m);
const partners = (m: OracleModel, a: string, b: string) =>
  m.partners.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
/** The contact's own team: its team's members, or for a personal contact its user's teammates (SHR-3). */
const onTeam = (m: OracleModel, c: OracleContact, id: string) =>
  c.team !== null
    ? member(m, c.team, id) !== undefined
    : teamsOf(m, id).some((t) => teamsOf(m, c.personalUser as string).includes(t));
/** SHR-3: the personal account's user, or in a team its manager (role team manager or rainmaker) and admins. */
const mayShare = (m: OracleModel, actor: OracleUser, c: OracleContact) =>
  c.team === null
    ? c.personalUser === actor.id
    : actor.admin || ["teamManager", "rainmaker"].includes(member(m, c.team, actor.id)?.role ?? "");

/** SEC-1: a shared grant, or any grant of someone off the contact's team, is sharing; a teammate's full or view grant is managing access. */
const authorityFor = (m: OracleModel, c: OracleContact, id: string, level: "full" | "shared" | "view"): Action =>
  c.team === null || level === "shared" || member(m, c.team, id) === undefined ? "share" : "manageAccess";

/** Applies a modelled command by the rules; null when the rules refuse it. */
function applyModel(m0: OracleModel, cmd: MCommand): OracleModel | null {
  const m = clone(m0);
  const actor = user(m, cmd.actor);
  if (actor === undefined || !actor.active) return null;
  switch (cmd.type) {
    case "changeStaffPermissions": {
      const t = user(m, cmd.userId);
      if (!actor.admin || t === undefined || t[cmd.flag] === cmd.value) return null;
      t[cmd.flag] = cmd.value;
      return m;
    }
    case "transferContacts": {
      // Seed 003: the change-ownership function over a whole database; each contact as one changeOwner would go.
      const team = cmd.account.teamId;
      const to = user(m, cmd.toUserId);
      if (
        !inContext(m, actor, cmd.account) ||
        to === undefined ||
        !to.active ||
        member(m, team, cmd.toUserId) === undefined
      )
        return null;
      if (cmd.fromUserId === cmd.toUserId) return null;
      for (const c of m.contacts) {
        if (c.team !== team || c.ownerUser !== cmd.fromUserId) continue;
        if (rawLevel(m, actor, c) === null || blocked(m, actor, c) || !modelCan(m, actor.id, "changeOwner", c.id))
          continue;
        c.ownerUser = cmd.toUserId;
      }
      return m;
    }
    case "deactivateUser":
    case "reactivateUser": {
      const t = user(m, cmd.userId);
      if (!actor.admin || t === undefined) return null;
      if (cmd.type === "reactivateUser") {
        if (t.active) return null;
        t.active = true;
        return m;
      }
      if (!t.active) return null;
      if (t.admin && !m.users.some((x) => x.id !== t.id && x.admin && x.active)) return null;
      t.active = false;
      return m;
    }
    case "changeMemberLevel":
    case "removeTeamMember": {
      const team = cmd.account.teamId;
      if (!inContext(m, actor, cmd.account)) return null;
      const leads = actor.admin || m.rainmakers[team] === actor.id || member(m, team, actor.id)?.level === "unlimited";
      const target = member(m, team, cmd.userId);
      if (cmd.type === "changeMemberLevel") {
        if (!leads || target === undefined) return null;
        if (target.role === "rainmaker" && cmd.level !== "unlimited") return null;
        if (target.level === cmd.level) return null;
        target.level = cmd.level;
        return m;
      }
      if (!leads && cmd.userId !== actor.id) return null;
      if (target === undefined || target.role === "rainmaker") return null;
      if (user(m, cmd.userId)?.active !== true) return null; // LIF-7: reactivate before removing
      m.members = m.members.filter((x) => x !== target);
      for (const c of m.contacts) {
        if (c.team !== team) continue;
        if (c.ownerUser === cmd.userId) c.ownerUser = null; // ACC-10
        if (c.primary === cmd.userId) c.primary = null;
        c.grants = c.grants.filter((g) => g.user !== cmd.userId);
      }
      return m;
    }
    case "startPartnership": {
      const p = user(m, cmd.partnerId);
      if (p === undefined || !p.active || cmd.partnerId === actor.id || partners(m, actor.id, cmd.partnerId))
        return null;
      m.partners.push([actor.id, cmd.partnerId]);
      return m;
    }
    case "endPartnership": {
      if (!partners(m, actor.id, cmd.partnerId)) return null;
      m.partners = m.partners.filter(
        ([x, y]) => !((x === actor.id && y === cmd.partnerId) || (x === cmd.partnerId && y === actor.id)),
      ); // SHR-4: shares stay
      return m;
    }
    case "addContact": {
      if (!inContext(m, actor, cmd.account) || contact(m, cmd.contactId) !== undefined) return null;
      if (cmd.account.kind === "personal") {
        m.contacts.push({
          id: cmd.contactId,
          team: null,
          personalUser: actor.id,
          ownerUser: actor.id,
          primary: actor.id,
          grants: [],
          addedBy: actor.id,
          assignee: null,
          status: "new",
        });
      } else {
        const primary = m.config.creatorAccessOnAdd === "primary";
        m.contacts.push({
          id: cmd.contactId,
          team: cmd.account.teamId,
          personalUser: null,
          ownerUser: null,
          primary: primary ? actor.id : null,
          grants: primary ? [] : [{ user: actor.id, level: "full" }],
          addedBy: actor.id,
          assignee: null,
          status: "new",
        });
      }
      return m;
    }
    default:
      break;
  }
  // A command on one contact may visit another user's personal account where that contact is shared with the actor.
  const visiting = cmd.account.kind === "personal" && cmd.account.userId !== actor.id;
  if (!visiting && !inContext(m, actor, cmd.account)) return null;
  const c = reach(m, actor, cmd.account, cmd.contactId);
  if (c === null) return null;
  return onContact(m, actor, c, cmd);
}

/** SHR-2: an assignment lasts while its assignee keeps the `full` grant it gave. */
function settled(m: OracleModel | null): OracleModel | null {
  if (m !== null)
    for (const c of m.contacts)
      if (c.assignee !== null && !c.grants.some((g) => g.user === c.assignee && g.level === "full")) c.assignee = null;
  return m;
}

/** The one user the contact is assigned to (SHR-2): by an assignment, or a partner holding `full`. */
const assigneeOf = (m: OracleModel, c: OracleContact): string | undefined =>
  c.assignee ?? c.grants.find((g) => g.level === "full" && !onTeam(m, c, g.user))?.user;

function onContact(
  m: OracleModel,
  actor: OracleUser,
  c: OracleContact,
  cmd: Exclude<MCommand, { account: { kind: "office" } }> & { contactId: string },
): OracleModel | null {
  const may = (a: Action) => modelCan(m, actor.id, a, c.id);
  switch (cmd.type) {
    case "grantAccess": {
      if (!may(authorityFor(m, c, cmd.userId, cmd.level)) || !assignable(m, c, cmd.userId)) return null;
      if (c.primary === cmd.userId || c.ownerUser === cmd.userId || c.personalUser === cmd.userId) return null;
      const g = c.grants.find((x) => x.user === cmd.userId);
      if (g?.level === cmd.level) return null;
      c.grants = [...c.grants.filter((x) => x.user !== cmd.userId), { user: cmd.userId, level: cmd.level }];
      return m;
    }
    case "revokeAccess": {
      const held = c.grants.find((x) => x.user === cmd.userId);
      if (!may(held === undefined ? "manageAccess" : authorityFor(m, c, held.user, held.level))) return null;
      if (c.primary === cmd.userId || user(m, cmd.userId)?.admin === true) return null;
      if (held === undefined) return null;
      c.grants = c.grants.filter((x) => x.user !== cmd.userId);
      return m;
    }
    case "changePrimary": {
      if (!may("changePrimary") || c.primary === cmd.userId) return null;
      if (cmd.userId !== null && !assignable(m, c, cmd.userId)) return null;
      const from = c.primary;
      const reassigning = from !== null && cmd.userId !== null;
      const keeps = !(reassigning && m.config.revokeOnReassign);
      c.grants = c.grants.filter((x) => x.user !== cmd.userId);
      if (from !== null && keeps && c.ownerUser !== from)
        c.grants = [...c.grants.filter((x) => x.user !== from), { user: from, level: "full" }];
      c.primary = cmd.userId;
      return m;
    }
    case "unassignSelf": {
      if (!may("unassignSelf")) return null;
      if (c.primary === actor.id) c.primary = null;
      else c.grants = c.grants.filter((x) => x.user !== actor.id);
      return m;
    }
    case "changeOwner": {
      if (!may("changeOwner")) return null;
      if (cmd.owner.kind === "team") {
        if (cmd.owner.teamId !== c.team || c.ownerUser === null) return null;
        c.ownerUser = null;
      } else {
        if (!assignable(m, c, cmd.owner.userId) || c.ownerUser === cmd.owner.userId) return null;
        c.ownerUser = cmd.owner.userId;
      }
      return m;
    }
    case "deleteContact": {
      if (!may("delete")) return null;
      m.contacts = m.contacts.filter((x) => x !== c);
      return m;
    }
    case "shareContact":
    case "unshareContact":
    case "assignToPartner": {
      const owner = c.team === null ? (c.personalUser as string) : actor.id;
      if (cmd.type === "unshareContact") {
        const held = c.grants.find((g) => g.user === cmd.userId);
        if (held === undefined ? !mayShare(m, actor, c) : !may(authorityFor(m, c, held.user, held.level))) return null;
        if (held === undefined) return null;
        c.grants = c.grants.filter((g) => g.user !== cmd.userId);
        return m;
      }
      if (!mayShare(m, actor, c)) return null;
      if (cmd.type === "assignToPartner") {
        if (
          !partners(m, owner, cmd.partnerId) ||
          onTeam(m, c, cmd.partnerId) ||
          user(m, cmd.partnerId)?.active !== true
        )
          return null;
        if (assigneeOf(m, c) !== undefined) return null; // SHR-2: one assignee
        c.grants = [...c.grants.filter((g) => g.user !== cmd.partnerId), { user: cmd.partnerId, level: "full" }];
        c.assignee = cmd.partnerId;
        return m;
      }
      const target = user(m, cmd.userId);
      if (target === undefined || !target.active || cmd.userId === owner) return null;
      if (!onTeam(m, c, cmd.userId) && !partners(m, owner, cmd.userId)) return null;
      const held = rawLevel(m, target, c);
      if (held === "full" || held === "shared") return null;
      c.grants = [...c.grants.filter((g) => g.user !== cmd.userId), { user: cmd.userId, level: "shared" }];
      return m;
    }
    case "assignContact": {
      // Seed 003: to one teammate or partner, by those who share (SHR-3), with the grant's own authority (SEC-1).
      const owner = c.team === null ? (c.personalUser as string) : actor.id;
      if (!mayShare(m, actor, c) || !may(authorityFor(m, c, cmd.userId, "full"))) return null;
      const target = user(m, cmd.userId);
      if (target === undefined || !target.active || cmd.userId === owner) return null;
      if (!onTeam(m, c, cmd.userId) && !partners(m, owner, cmd.userId)) return null;
      if (c.primary === cmd.userId || assigneeOf(m, c) !== undefined) return null;
      c.grants = [...c.grants.filter((g) => g.user !== cmd.userId), { user: cmd.userId, level: "full" }];
      c.assignee = cmd.userId;
      return m;
    }
    case "setLeadStatus": {
      if (!may("edit") || c.status === cmd.status) return null;
      c.status = cmd.status;
      return m;
    }
    default:
      return null;
  }
}

/** The oracle's `visibleContacts`: sorted ids. */
export function modelVisible(m: OracleModel, userId: string, action: Action): string[] {
  return m.contacts
    .filter((c) => modelCan(m, userId, action, c.id))
    .map((c) => c.id)
    .sort();
}

/** The oracle's own list of actions (test/testing/oracle.test.ts holds it equal to the library's `ACTIONS`). */
export const ORACLE_ACTIONS: readonly Action[] = [
  "view",
  "viewDetails",
  "edit",
  "enrol",
  "linkToListing",
  "manageAccess",
  "share",
  "changePrimary",
  "changeOwner",
  "move",
  "delete",
  "export",
  "unassignSelf",
  "archive",
];

/** The command types the oracle models (`oracle.models` tells which commands exactly). */
export const ORACLE_COMMAND_TYPES = [
  "addContact",
  "grantAccess",
  "revokeAccess",
  "changePrimary",
  "unassignSelf",
  "changeOwner",
  "deleteContact",
  "changeMemberLevel",
  "removeTeamMember",
  "changeStaffPermissions",
  "deactivateUser",
  "reactivateUser",
  "startPartnership",
  "endPartnership",
  "shareContact",
  "unshareContact",
  "assignToPartner",
  "assignContact",
  "setLeadStatus",
  "transferContacts",
] as const satisfies readonly Command["type"][];

/** The layout the oracle starts from: a world's admin, users and memberships (`defineWorld` gives one). */
export interface OracleLayout {
  readonly admin: string;
  readonly users: readonly string[];
  readonly members: readonly { readonly teamId: string; readonly userId: string; readonly role: string }[];
}

/** The level a role starts at, as the rules read: the rainmaker unlimited, TC, assistant and manager enhanced (ACC-9). */
const startLevel = (role: string): OracleMember["level"] =>
  role === "rainmaker" ? "unlimited" : role === "agent" ? "standard" : "enhanced";

function toModelCommand(command: Command): MCommand | null {
  const c = command as Command & Record<string, unknown>;
  switch (command.type) {
    case "addContact": {
      // Manual adds only: other channels give the listing agent access (ASG-7) and deduplicate (LIF-1); a lead
      // source may share (SHR-9) — none of which the oracle models.
      if (command.channel !== "manual" || command.details.leadSource !== undefined) return null;
      return {
        type: "addContact",
        actor: command.actor,
        account: command.account as Acc,
        contactId: command.contactId,
      };
    }
    case "changeStaffPermissions": {
      const keys = Object.keys(command.permissions);
      const { editContactOwnership, editContacts } = command.permissions;
      if (keys.length !== 1) return null;
      if (editContactOwnership !== undefined)
        return {
          type: "changeStaffPermissions",
          actor: command.actor,
          userId: command.userId,
          flag: "editOwnership",
          value: editContactOwnership,
        };
      if (editContacts !== undefined)
        return {
          type: "changeStaffPermissions",
          actor: command.actor,
          userId: command.userId,
          flag: "edit",
          value: editContacts,
        };
      return null;
    }
    case "transferContacts":
      return {
        type: "transferContacts",
        actor: command.actor,
        account: command.account,
        fromUserId: command.fromUserId,
        toUserId: command.toUserId,
      };
    case "deactivateUser":
    case "reactivateUser":
      return { type: command.type, actor: command.actor, userId: command.userId };
    case "startPartnership":
    case "endPartnership":
      return { type: command.type, actor: command.actor, partnerId: command.partnerId };
    default:
      if (!(ORACLE_COMMAND_TYPES as readonly string[]).includes(command.type)) return null;
      if ((c.account as { kind: string }).kind === "office") return null;
      return { ...c } as unknown as MCommand;
  }
}

/**
 * The oracle, for model-based tests of the library or of a service built on it: it answers `can`,
 * `visibleContacts` and `accessList` from its own facts, which `start` lays out and `apply` changes by the rules.
 * It models the access kernel — `ORACLE_COMMAND_TYPES`, manual adds without a lead source, staff permission
 * changes of `editContactOwnership` or `editContacts` alone — and says so: `models(command)` is false for anything else and `apply`
 * throws a `RangeError` for it. Its model is a plain value: `apply` returns a new one, or `null` when the rules
 * refuse the command.
 * @example
 * import { DEFAULT_CONFIGURATION } from "crm-access";
 * import { defineWorld, oracle } from "crm-access/testing";
 * const world = defineWorld();
 * const start = oracle.start(world, DEFAULT_CONFIGURATION);
 * const next = oracle.apply(start, { type: "addContact", actor: "u3", at: "2026-03-02T17:00:00Z", account: { kind: "team", teamId: "t1" },
 *   contactId: "c1", channel: "manual", details: { name: "Ann" } });
 * // The creator is its primary (ASG-6).
 * assert.ok(next !== null && oracle.can(next, "u3", "edit", "c1"));
 * @since 0.2.0
 */
export const oracle = {
  /** The model of a layout right after its setup: everyone active, members at their role's level, no contacts. */
  start(layout: OracleLayout, configuration: Configuration): OracleModel {
    const users = [layout.admin, ...layout.users.filter((u) => u !== layout.admin)].map((id) => ({
      id,
      active: true,
      admin: id === layout.admin,
      editOwnership: false,
      archive: false,
      edit: true,
    }));
    const rainmakers: Record<string, string> = {};
    for (const m of layout.members) if (m.role === "rainmaker") rainmakers[m.teamId] = m.userId;
    const members = layout.members.map((m) => ({
      team: m.teamId,
      user: m.userId,
      role: m.role,
      level: startLevel(m.role),
    }));
    return {
      config: structuredClone(configuration) as Configuration,
      users,
      rainmakers,
      members,
      contacts: [],
      partners: [],
    };
  },
  /** Whether the oracle models this command. */
  models(command: Command): boolean {
    return toModelCommand(command) !== null;
  },
  /** The model after `command`, or `null` when the rules refuse it; a `RangeError` for a command it does not model. */
  apply(model: OracleModel, command: Command): OracleModel | null {
    const m = toModelCommand(command);
    if (m === null)
      throw new RangeError(
        `the oracle does not model ${command.type}${command.type === "addContact" ? " other than manual adds without a lead source" : ""}`,
      );
    return settled(applyModel(model, m));
  },
  can: (model: OracleModel, userId: string, action: Action, contactId: string): boolean =>
    modelCan(model, userId, action, contactId),
  visibleContacts: (model: OracleModel, userId: string, action: Action = "view"): string[] =>
    modelVisible(model, userId, action),
  /** Every user with some action on the contact and those actions, by user id; `[]` for a contact it does not hold. */
  accessList(model: OracleModel, contactId: string): { userId: string; actions: Action[] }[] {
    return model.users
      .map((u) => ({ userId: u.id, actions: ORACLE_ACTIONS.filter((a) => modelCan(model, u.id, a, contactId)) }))
      .filter((e) => e.actions.length > 0)
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  },
  /** The contact ids the model holds, sorted. */
  contactIds: (model: OracleModel): string[] => model.contacts.map((c) => c.id).sort(),
};
