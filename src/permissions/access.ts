import {
  hasTeamScope,
  isOfficeAdmin,
  memberOf,
  type PermissionLevel,
  type StaffPermission,
  type TeamRole,
  type User,
} from "../accounts/model.js";
import type { Configuration } from "../configuration/configuration.js";
import { get } from "../collections/persistent-map.js";
import { grantOf, type Contact, type GrantLevel } from "../contacts/model.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";

/**
 * What a user may do with a contact.
 * - `view`: basic information; `viewDetails`: every detail and the email address (SHR-1);
 * - `edit`, `enrol` (in automation), `linkToListing` (ASG-3);
 * - `manageAccess` (grant and revoke full or view access), `share` (share with, assign to or unshare a co-marketing
 *   partner or a teammate, SHR-3), `changePrimary` (ASG-4), `changeOwner` (ACC-3), `move` between accounts (ACC-7);
 * - `delete`, `export` (ACC-9), `unassignSelf` (ASG-5), `archive` and unarchive (LIF-2).
 * @since 0.1.0
 */
export const ACTIONS = [
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
] as const;
export type Action = (typeof ACTIONS)[number];

/** Why a user has access to a contact (REA-2). */
export type AccessReason =
  | { readonly kind: "owner"; readonly rule: "ACC-4" | "ACC-3" }
  | { readonly kind: "primary"; readonly rule: "ASG-1" }
  | { readonly kind: "grant"; readonly level: GrantLevel; readonly rule: "ASG-2" | "ASG-3" | "SHR-1" }
  | { readonly kind: "teamLevel"; readonly teamId: string; readonly level: PermissionLevel; readonly rule: "ACC-9" }
  | { readonly kind: "officeAdmin"; readonly rule: "REA-2" };

/** The strongest access a user holds: `full` sees and edits, `shared` sees all but cannot edit, `view` sees basics. */
export type AccessLevel = "full" | "shared" | "view";

/** The smallest change that would turn a denial into an allowance. */
export type Remedy =
  | { readonly kind: "grant"; readonly level: GrantLevel }
  | { readonly kind: "staffPermission"; readonly permission: StaffPermission }
  | { readonly kind: "grantWithStaffPermission"; readonly level: "full"; readonly permission: StaffPermission }
  | { readonly kind: "teamLevel"; readonly teamId: string; readonly level: PermissionLevel }
  | { readonly kind: "ownership" }
  | { readonly kind: "assignment" }
  | { readonly kind: "reactivate"; readonly userId: string }
  | { readonly kind: "teamRole"; readonly teamId: string; readonly role: TeamRole }
  | { readonly kind: "closeLoans" };

/**
 * Everything about one user and one contact that the rules read, gathered once.
 * @internal
 */
export interface Facts {
  readonly user: User;
  readonly contact: Contact;
  /** The contact lives in this user's personal account. */
  readonly accountUser: boolean;
  readonly ownerUser: boolean;
  readonly primary: boolean;
  readonly grant: GrantLevel | undefined;
  /** The user's level and role in the team whose account holds the contact, if they are a member. */
  readonly memberLevel: PermissionLevel | undefined;
  readonly memberRole: TeamRole | undefined;
  readonly configuration: Configuration;
  /** The state the facts were read from, for the rarer facts read on demand (see `onLoan`). */
  readonly state: State;
  /** Office admins and master users see team-account contacts, never personal ones (ACC-5). */
  readonly officeAdmin: boolean;
  /** The actor is deactivated, or the contact belongs to a deactivated user (LIF-7). */
  readonly blockedBy: string | null;
}

export function factsOf(state: State, user: User, contact: Contact): Facts {
  const account = contact.account;
  let memberLevel: PermissionLevel | undefined;
  let memberRole: TeamRole | undefined;
  let officeAdmin = false;
  if (account.kind === "team") {
    const team = get(state.teams, account.teamId);
    const member = team === undefined ? undefined : memberOf(team, user.id);
    memberLevel = member?.level;
    memberRole = member?.role;
    officeAdmin = isOfficeAdmin(user);
  }
  const ownerId = contact.owner.kind === "user" ? contact.owner.userId : null;
  return {
    user,
    contact,
    accountUser: account.kind === "personal" && account.userId === user.id,
    ownerUser: ownerId === user.id,
    primary: contact.primary === user.id,
    grant: grantOf(contact, user.id),
    memberLevel,
    memberRole,
    configuration: state.configuration,
    state,
    officeAdmin,
    blockedBy: blockerOf(state, user, ownerId),
  };
}

function blockerOf(state: State, user: User, ownerId: string | null): string | null {
  if (user.status !== "active") return user.id;
  if (state.deactivatedUsers.length === 0) return null; // nobody is deactivated: no owner lookup needed
  if (ownerId !== null && ownerId !== user.id && get(state.users, ownerId)?.status === "deactivated") return ownerId;
  return null;
}

/** The contact is a participant on one or more loans (SHR-7, SHR-8); read only by the actions it bars. */
export function onLoan(f: Facts): boolean {
  return (get(f.state.files, f.contact.id)?.loans.length ?? 0) > 0;
}

/** The strongest access the facts give, or null for none. */
export function levelOf(f: Facts): AccessLevel | null {
  if (f.ownerUser || f.accountUser || f.primary || f.grant === "full" || f.officeAdmin) return "full";
  if (f.memberLevel !== undefined && hasTeamScope(f.memberLevel)) return "full";
  if (f.grant === "shared") return "shared";
  if (f.grant === "view") return "view";
  return null;
}

/** Delete authority apart from the loan block (ACC-9, SHR-7). */
function deletes(f: Facts): boolean {
  if (f.contact.account.kind === "personal") return f.accountUser;
  return byInitialAssignee(f) ? f.user.id === f.contact.initialAssignee : f.memberLevel === "unlimited";
}

/** SHR-7 as seed 003 states it, where configured and recorded: only the user the contact was first assigned to deletes it (D-81). */
function byInitialAssignee(f: Facts): boolean {
  return f.configuration.contactDeletion === "initialAssignee" && f.contact.initialAssignee !== undefined;
}

/** Owner-change authority apart from the loan block: ACC-3 by permission level, or SHR-8 (seed 003: "Only team managers and administrators"). */
function changesOwner(f: Facts): boolean {
  if (f.contact.account.kind !== "team") return false;
  if (f.configuration.ownershipTransfer === "permissionLevel") return teamScoped(f) || f.officeAdmin;
  return f.officeAdmin || f.memberRole === "teamManager" || f.memberRole === "rainmaker";
}

/**
 * The loan alone stops the action (SHR-7, SHR-8): only then is the loan told — in a refusal or an explanation —
 * so nobody else learns from an answer that a contact is on a loan their view withholds (SEC-2, SEC-4).
 */
export function loanBlocks(f: Facts, action: "delete" | "changeOwner"): boolean {
  if (f.blockedBy !== null || levelOf(f) === null || !onLoan(f)) return false;
  return action === "delete" ? deletes(f) : f.configuration.loansBlockOwnerChange && changesOwner(f);
}

/**
 * The action that governs giving `userId` a grant of `level`, or taking it away (SEC-1): sharing (SHR-3) for a
 * `shared` grant or a grant to someone outside the contact's team (a co-marketing partner); managing access
 * (REA-4, ASG-4) for a `full` or `view` grant to a team member. Every command with that effect asks for it.
 */
export function grantAuthority(
  state: State,
  contact: Contact,
  userId: string,
  level: GrantLevel,
): "share" | "manageAccess" {
  if (contact.account.kind === "personal") return "share"; // only its user does either (ACC-5)
  const team = get(state.teams, contact.account.teamId);
  const teammate = team !== undefined && memberOf(team, userId) !== undefined;
  return level === "shared" || !teammate ? "share" : "manageAccess";
}

/**
 * Sees the contact from inside its owner's account (SHR-6): the personal account's user, the user who owns it,
 * or — for a team-owned contact — the team's `enhanced`/`unlimited` members and office admins. Assigned and
 * shared users never do; only insiders see, and so write, loans and private notes (SEC-4).
 */
export function insideOwnerAccount(f: Facts): boolean {
  if (f.accountUser || f.ownerUser) return true;
  if (f.contact.owner.kind !== "team") return false;
  return f.officeAdmin || teamScoped(f);
}

/**
 * A viewer from outside the contact's team — a co-marketing partner or another outside user (SHR-5) — who sees
 * no groups, activities or tasks but their own, and so writes none (SEC-4).
 */
export function outsider(f: Facts): boolean {
  if (insideOwnerAccount(f)) return false;
  const theirTeams = get(f.state.teamsOfUser, f.user.id) ?? [];
  const contact = f.contact;
  if (contact.account.kind === "team") return !theirTeams.includes(contact.account.teamId);
  const ownerTeams = get(f.state.teamsOfUser, contact.account.userId) ?? [];
  return !theirTeams.some((t) => ownerTeams.includes(t));
}

/** Office admins and master users hold every staff permission. */
export function hasStaffPermission(user: User, permission: StaffPermission): boolean {
  return isOfficeAdmin(user) || (user.permissions[permission] ?? true);
}

function teamScoped(f: Facts): boolean {
  return f.memberLevel !== undefined && hasTeamScope(f.memberLevel);
}

/** The one place where each action's rule is decided; `can`, `explain`, `accessList` and `visibleContacts` all read it. */
export function permits(f: Facts, action: Action): boolean {
  if (f.blockedBy !== null) return false;
  const level = levelOf(f);
  if (level === null) return false;
  switch (action) {
    case "view":
    case "linkToListing":
      return true; // ASG-3
    case "viewDetails":
    case "enrol":
      return level !== "view"; // SHR-1, ASG-3
    case "edit": // ASG-2 with the staff card's edit permission; SHR-1, ASG-3
      return level === "full" && hasStaffPermission(f.user, "editContacts");
    case "manageAccess": // personal: only its user shares (ACC-5); team: REA-4, ACC-9, ASG-4
      if (f.contact.account.kind === "personal") return f.accountUser;
      return f.officeAdmin || teamScoped(f) || (level === "full" && hasStaffPermission(f.user, "editContactOwnership"));
    case "share": // SHR-3: a personal contact's user shares it (ACC-5, SEC-5); in a team, its manager, its rainmaker and office admins
      if (f.contact.account.kind === "personal") return f.accountUser;
      return f.officeAdmin || f.memberRole === "teamManager" || f.memberRole === "rainmaker";
    case "changePrimary": // ASG-4; a personal account's primary is always its user (ACC-4)
      if (f.contact.account.kind === "personal") return false;
      return f.primary || (level === "full" && hasStaffPermission(f.user, "editContactOwnership"));
    case "changeOwner": // ACC-3, SHR-8
      return changesOwner(f) && !(f.configuration.loansBlockOwnerChange && onLoan(f));
    case "move": // ACC-7
      return f.contact.account.kind === "personal" ? f.accountUser : f.ownerUser;
    case "delete": // SHR-7: a contact tied to a loan cannot be deleted
      return deletes(f) && !onLoan(f);
    case "export": // ACC-9
      return f.contact.account.kind === "personal" ? f.accountUser : f.memberLevel === "unlimited";
    case "unassignSelf": // ASG-5; a personal account's user owns it rather than being assigned
      return f.grant !== undefined || (f.primary && !f.accountUser);
    case "archive": // LIF-2, with the staff card's archive permission (ASG-5)
      return level === "full" && hasStaffPermission(f.user, "archiveContacts");
  }
}

/** The reasons behind the facts, in a fixed order (REA-2). */
export function reasonsOf(f: Facts): AccessReason[] {
  const reasons: AccessReason[] = [];
  if (f.ownerUser || f.accountUser) reasons.push({ kind: "owner", rule: f.accountUser ? "ACC-4" : "ACC-3" });
  if (f.primary) reasons.push({ kind: "primary", rule: "ASG-1" });
  if (f.grant !== undefined) {
    const rule = f.grant === "full" ? "ASG-2" : f.grant === "view" ? "ASG-3" : "SHR-1";
    reasons.push({ kind: "grant", level: f.grant, rule });
  }
  if (f.memberLevel !== undefined && hasTeamScope(f.memberLevel) && f.contact.account.kind === "team") {
    reasons.push({ kind: "teamLevel", teamId: f.contact.account.teamId, level: f.memberLevel, rule: "ACC-9" });
  }
  if (f.officeAdmin) reasons.push({ kind: "officeAdmin", rule: "REA-2" });
  return reasons;
}

/** The rule that governs an action, cited in every answer about it. */
export function ruleOfAction(f: Facts, action: Action): RuleId {
  switch (action) {
    case "view":
      return f.contact.account.kind === "personal" ? "ACC-5" : "ACC-9";
    case "viewDetails":
    case "enrol":
      return "SHR-1";
    case "edit":
      return f.grant === "view" ? "ASG-3" : f.grant === "shared" ? "SHR-1" : "ASG-2";
    case "linkToListing":
      return "ASG-3";
    case "manageAccess":
      return "REA-4";
    case "share":
      return "SHR-3";
    case "changePrimary":
      return "ASG-4";
    case "changeOwner":
      return loanBlocks(f, "changeOwner") || f.configuration.ownershipTransfer === "managersAndAdmins"
        ? "SHR-8"
        : "ACC-3";
    case "move":
      return "ACC-7";
    case "delete":
      return loanBlocks(f, "delete") || f.contact.account.kind === "personal" || byInitialAssignee(f)
        ? "SHR-7"
        : "ACC-9";
    case "export":
      return "ACC-9";
    case "unassignSelf":
      return "ASG-5";
    case "archive":
      return "LIF-2";
  }
}

/** The smallest change that would allow a denied action, or null when none would (or it is allowed). */
export function remedyFor(f: Facts, action: Action): Remedy | null {
  if (permits(f, action)) return null;
  if (f.blockedBy !== null) return { kind: "reactivate", userId: f.blockedBy };
  const account = f.contact.account;
  switch (action) {
    case "view":
    case "linkToListing":
      return { kind: "grant", level: "view" };
    case "viewDetails":
    case "enrol":
      return { kind: "grant", level: "shared" };
    case "edit":
      if (levelOf(f) === "full") return { kind: "staffPermission", permission: "editContacts" };
      return hasStaffPermission(f.user, "editContacts")
        ? { kind: "grant", level: "full" }
        : { kind: "grantWithStaffPermission", level: "full", permission: "editContacts" };
    case "manageAccess":
    case "changePrimary":
      if (account.kind === "personal") return null;
      return levelOf(f) === "full"
        ? { kind: "staffPermission", permission: "editContactOwnership" }
        : { kind: "grantWithStaffPermission", level: "full", permission: "editContactOwnership" };
    case "share":
      return account.kind === "team" ? { kind: "teamRole", teamId: account.teamId, role: "teamManager" } : null;
    case "changeOwner":
      if (account.kind !== "team") return null;
      if (loanBlocks(f, "changeOwner")) return { kind: "closeLoans" };
      return f.configuration.ownershipTransfer === "permissionLevel"
        ? { kind: "teamLevel", teamId: account.teamId, level: "enhanced" }
        : { kind: "teamRole", teamId: account.teamId, role: "teamManager" };
    case "move":
      return account.kind === "team" ? { kind: "ownership" } : null;
    case "delete":
      if (loanBlocks(f, "delete")) return { kind: "closeLoans" };
      return account.kind === "team" && !byInitialAssignee(f)
        ? { kind: "teamLevel", teamId: account.teamId, level: "unlimited" }
        : null;
    case "export":
      return account.kind === "team" ? { kind: "teamLevel", teamId: account.teamId, level: "unlimited" } : null;
    case "unassignSelf":
      return f.accountUser ? null : { kind: "assignment" };
    case "archive":
      return levelOf(f) === "full"
        ? { kind: "staffPermission", permission: "archiveContacts" }
        : { kind: "grantWithStaffPermission", level: "full", permission: "archiveContacts" };
  }
}

/** One line, in the CRM's words, for a remedy. */
export function describeRemedy(remedy: Remedy): string {
  switch (remedy.kind) {
    case "grant":
      return `a \`${remedy.level}\` grant on the contact`;
    case "staffPermission":
      return `the staff permission \`${remedy.permission}\``;
    case "grantWithStaffPermission":
      return `a \`${remedy.level}\` grant and the staff permission \`${remedy.permission}\``;
    case "teamLevel":
      return `permission level \`${remedy.level}\` in team ${remedy.teamId}`;
    case "ownership":
      return "ownership of the contact";
    case "assignment":
      return "being assigned to the contact";
    case "reactivate":
      return `reactivating ${remedy.userId}`;
    case "teamRole":
      return `the role \`${remedy.role}\` in team ${remedy.teamId}`;
    case "closeLoans":
      return "closing the contact's loans first";
  }
}
