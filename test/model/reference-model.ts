/**
 * An independent, brute-force reading of the kernel's rules (ACC, ASG, REA) and decisions D-1 … D-22, for
 * model-based testing. Facts are plain arrays, every question scans them; nothing is shared with `src/` but types.
 */
import type { Action, Configuration } from "../../src/index.js";

export interface MUser { id: string; active: boolean; admin: boolean; editOwnership: boolean; archive: boolean }
export interface MMember { team: string; user: string; role: string; level: "standard" | "enhanced" | "unlimited" }
export interface MContact {
  id: string;
  team: string | null; // null: personal account of `personalUser`
  personalUser: string | null;
  ownerUser: string | null; // null: owned by the team
  primary: string | null;
  grants: { user: string; level: "full" | "shared" | "view" }[];
  /** Who added it by hand: the model adds contacts only that way, and whoever adds one is assigned to it (seed 003). */
  addedBy: string;
}
export interface Model { config: Configuration; users: MUser[]; members: MMember[]; rainmakers: Record<string, string>; contacts: MContact[]; partners: [string, string][] }

export type MCommand =
  | { type: "addContact"; actor: string; account: Acc; contactId: string }
  | { type: "grantAccess"; actor: string; account: Acc; contactId: string; userId: string; level: "full" | "shared" | "view" }
  | { type: "revokeAccess"; actor: string; account: Acc; contactId: string; userId: string }
  | { type: "changePrimary"; actor: string; account: Acc; contactId: string; userId: string | null }
  | { type: "unassignSelf"; actor: string; account: Acc; contactId: string }
  | { type: "changeOwner"; actor: string; account: Acc; contactId: string; owner: { kind: "team"; teamId: string } | { kind: "user"; userId: string } }
  | { type: "deleteContact"; actor: string; account: Acc; contactId: string }
  | { type: "changeMemberLevel"; actor: string; account: { kind: "team"; teamId: string }; userId: string; level: MMember["level"] }
  | { type: "removeTeamMember"; actor: string; account: { kind: "team"; teamId: string }; userId: string }
  | { type: "changeStaffPermissions"; actor: string; userId: string; editContactOwnership: boolean }
  | { type: "deactivateUser" | "reactivateUser"; actor: string; userId: string }
  | { type: "startPartnership" | "endPartnership"; actor: string; partnerId: string }
  | { type: "shareContact" | "unshareContact"; actor: string; account: Acc; contactId: string; userId: string }
  | { type: "assignToPartner"; actor: string; account: Acc; contactId: string; partnerId: string };
export type Acc = { kind: "team"; teamId: string } | { kind: "personal"; userId: string };

const user = (m: Model, id: string) => m.users.find((u) => u.id === id);
const member = (m: Model, team: string, id: string) => m.members.find((x) => x.team === team && x.user === id);
const teamsOf = (m: Model, id: string) => m.members.filter((x) => x.user === id).map((x) => x.team);
const contact = (m: Model, id: string) => m.contacts.find((c) => c.id === id);

/** The access level a user holds on a contact, ignoring deactivation. */
function rawLevel(m: Model, u: MUser, c: MContact): "full" | "shared" | "view" | null {
  if (c.team === null) {
    if (c.personalUser === u.id) return "full"; // ACC-4
    return c.grants.find((g) => g.user === u.id)?.level ?? null; // ACC-5: only what its user shared
  }
  const lvl = member(m, c.team, u.id)?.level;
  if (c.ownerUser === u.id || c.primary === u.id || u.admin || lvl === "enhanced" || lvl === "unlimited") return "full"; // ACC-3, ASG-1, REA-2, ACC-9
  return c.grants.find((g) => g.user === u.id)?.level ?? null;
}

/** LIF-7: inactive actors and contacts owned by an inactive user are out of reach. */
function blocked(m: Model, u: MUser, c: MContact): boolean {
  if (!u.active) return true;
  const owner = c.team === null ? c.personalUser : c.ownerUser;
  return owner !== null && owner !== u.id && user(m, owner)?.active === false;
}

export function modelCan(m: Model, userId: string, action: Action, contactId: string): boolean {
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
    case "edit":
      return level === "full";
    case "manageAccess":
      return personal ? c.personalUser === u.id : u.admin || scoped || (level === "full" && eo);
    case "share": // SHR-3
      return personal ? c.personalUser === u.id : u.admin || lvl?.role === "teamManager" || lvl?.role === "rainmaker";
    case "changePrimary":
      return !personal && (c.primary === u.id || (level === "full" && eo));
    case "changeOwner":
      if (personal) return false;
      return m.config.ownershipTransfer === "permissionLevel" ? scoped || u.admin : u.admin || lvl?.role === "teamManager" || lvl?.role === "rainmaker"; // seed 003: managers and admins only
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

function inContext(m: Model, actor: MUser, account: Acc): boolean {
  if (account.kind === "personal") return account.userId === actor.id;
  return m.rainmakers[account.teamId] !== undefined && (member(m, account.teamId, actor.id) !== undefined || actor.admin);
}

function reach(m: Model, actor: MUser, account: Acc, contactId: string): MContact | null {
  const c = contact(m, contactId);
  if (c === undefined || rawLevel(m, actor, c) === null || blocked(m, actor, c)) return null;
  const same = account.kind === "team" ? c.team === account.teamId : c.team === null && c.personalUser === account.userId;
  return same ? c : null;
}

function assignable(m: Model, c: MContact, id: string): boolean {
  if (user(m, id)?.active !== true) return false;
  if (c.team !== null) return member(m, c.team, id) !== undefined;
  const mine = teamsOf(m, c.personalUser as string);
  return id === c.personalUser || teamsOf(m, id).some((t) => mine.includes(t));
}

const clone = (m: Model): Model => structuredClone(m);
const partners = (m: Model, a: string, b: string) => m.partners.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
/** The contact's own team: its team's members, or for a personal contact its user's teammates (SHR-3). */
const onTeam = (m: Model, c: MContact, id: string) =>
  c.team !== null ? member(m, c.team, id) !== undefined : teamsOf(m, id).some((t) => teamsOf(m, c.personalUser as string).includes(t));
/** SHR-3: the personal account's user, or in a team its manager (role team manager or rainmaker) and admins. */
const mayShare = (m: Model, actor: MUser, c: MContact) =>
  c.team === null ? c.personalUser === actor.id : actor.admin || ["teamManager", "rainmaker"].includes(member(m, c.team, actor.id)?.role ?? "");

/** SEC-1: a shared grant, or any grant of someone off the contact's team, is sharing; a teammate's full or view grant is managing access. */
const authorityFor = (m: Model, c: MContact, id: string, level: "full" | "shared" | "view"): Action =>
  c.team === null || level === "shared" || member(m, c.team, id) === undefined ? "share" : "manageAccess";

/** Applies a command by the rules; null when the rules refuse it. */
export function applyModel(m0: Model, cmd: MCommand): Model | null {
  const m = clone(m0);
  const actor = user(m, cmd.actor);
  if (actor === undefined || !actor.active) return null;
  switch (cmd.type) {
    case "changeStaffPermissions": {
      const t = user(m, cmd.userId);
      if (!actor.admin || t === undefined || t.editOwnership === cmd.editContactOwnership) return null;
      t.editOwnership = cmd.editContactOwnership;
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
      if (p === undefined || !p.active || cmd.partnerId === actor.id || partners(m, actor.id, cmd.partnerId)) return null;
      m.partners.push([actor.id, cmd.partnerId]);
      return m;
    }
    case "endPartnership": {
      if (!partners(m, actor.id, cmd.partnerId)) return null;
      m.partners = m.partners.filter(([x, y]) => !((x === actor.id && y === cmd.partnerId) || (x === cmd.partnerId && y === actor.id))); // SHR-4: shares stay
      return m;
    }
    case "addContact": {
      if (!inContext(m, actor, cmd.account) || contact(m, cmd.contactId) !== undefined) return null;
      if (cmd.account.kind === "personal") {
        m.contacts.push({ id: cmd.contactId, team: null, personalUser: actor.id, ownerUser: actor.id, primary: actor.id, grants: [], addedBy: actor.id });
      } else {
        const primary = m.config.creatorAccessOnAdd === "primary";
        m.contacts.push({ id: cmd.contactId, team: cmd.account.teamId, personalUser: null, ownerUser: null, primary: primary ? actor.id : null, grants: primary ? [] : [{ user: actor.id, level: "full" }], addedBy: actor.id });
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
      if (from !== null && keeps && c.ownerUser !== from) c.grants = [...c.grants.filter((x) => x.user !== from), { user: from, level: "full" }];
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
        if (!partners(m, owner, cmd.partnerId) || onTeam(m, c, cmd.partnerId) || user(m, cmd.partnerId)?.active !== true) return null;
        const current = c.grants.find((g) => g.level === "full" && !onTeam(m, c, g.user));
        if (current !== undefined) return null; // SHR-2: one partner
        c.grants = [...c.grants.filter((g) => g.user !== cmd.partnerId), { user: cmd.partnerId, level: "full" }];
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
  }
}

export function modelVisible(m: Model, userId: string, action: Action): string[] {
  return m.contacts.filter((c) => modelCan(m, userId, action, c.id)).map((c) => c.id).sort();
}
