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

/**
 * The smallest change that would turn a denial into an allowance, in the order of docs/guides/grants.md ("What
 * `explain` proposes"). `assignment` is no longer proposed: being assigned is a grant, and the least one is proposed
 * as `{ kind: "grant", level: "view" }`.
 */
export type Remedy =
  | { readonly kind: "grant"; readonly level: GrantLevel }
  | { readonly kind: "staffPermission"; readonly permission: StaffPermission }
  | { readonly kind: "grantWithStaffPermission"; readonly level: "full"; readonly permission: StaffPermission }
  | { readonly kind: "teamLevel"; readonly teamId: string; readonly level: PermissionLevel }
  | { readonly kind: "ownership" }
  | {
      /** @deprecated No longer proposed: the least assignment is proposed as a `view` grant. */
      readonly kind: "assignment";
    }
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
  /** Judge as if the contact had no loans: how `remedyFor` weighs every change but closing them (D-61). */
  readonly loansSetAside: boolean;
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
    loansSetAside: false,
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
  return !f.loansSetAside && (get(f.state.files, f.contact.id)?.loans.length ?? 0) > 0;
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
  return onLoan(f) && !permits(f, action) && permits({ ...f, loansSetAside: true }, action);
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

// ---------------------------------------------------------------------------------------------------------
// decisions

/**
 * What decided one action: allowed or not, and the rule that said so — always the rule of the branch that decided,
 * as CASL's `relevantRuleFor` returns the one rule that decided.
 * @internal
 */
export interface Ruling {
  readonly allowed: boolean;
  readonly rule: RuleId;
}

// One frozen ruling per outcome and rule, made on first use, so that deciding allocates nothing (`can` is hot).
const ALLOWED: { [R in RuleId]?: Ruling } = {};
const DENIED: { [R in RuleId]?: Ruling } = {};
const yes = (rule: RuleId): Ruling => ALLOWED[rule] ?? (ALLOWED[rule] = Object.freeze({ allowed: true, rule }));
const no = (rule: RuleId): Ruling => DENIED[rule] ?? (DENIED[rule] = Object.freeze({ allowed: false, rule }));
const ruled = (allowed: boolean, rule: RuleId): Ruling => (allowed ? yes(rule) : no(rule));

/**
 * One row per action, as a CASL rule is one object: its test and, in the same branch, the rule it cites. A row is
 * asked only for an active user who holds `level` on a contact no deactivation freezes (`ruling` answers the rest).
 */
const ACTION_TABLE: { readonly [A in Action]: (f: Facts, level: AccessLevel) => Ruling } = {
  // Any access shows the basic information: of a personal contact only to its user and whom they share it with
  // (ACC-5); of a team contact per the member's level, or to whom it is assigned or shared (ACC-9).
  view: (f) => yes(f.contact.account.kind === "personal" ? "ACC-5" : "ACC-9"),
  // Owners, assigned and shared users see every detail and the email (SHR-1); View Only sees basic information (ASG-3).
  viewDetails: (_f, level) => (level === "view" ? no("ASG-3") : yes("SHR-1")),
  // Full access edits, bounded by the staff card's edit permission (ASG-2); shared users (SHR-1) and View Only
  // (ASG-3) never edit.
  edit: (f, level) =>
    level === "full"
      ? ruled(hasStaffPermission(f.user, "editContacts"), "ASG-2")
      : no(level === "shared" ? "SHR-1" : "ASG-3"),
  // Owners, assigned and shared users assign the contact to automation; View Only is not among them (SHR-1).
  enrol: (_f, level) => ruled(level !== "view", "SHR-1"),
  // Every level links the contact to the holder's own listings (ASG-3).
  linkToListing: () => yes("ASG-3"),
  // Granting and revoking `full`/`view`: a personal contact only by its user (ACC-5); a team contact by office
  // admins (REA-4), members who manage every team contact (ACC-9), or full access with `editContactOwnership`
  // (ASG-4); anyone else is refused as administration reserved to admins (REA-4).
  manageAccess: (f, level) => {
    if (f.contact.account.kind === "personal") return ruled(f.accountUser, "ACC-5");
    if (f.officeAdmin) return yes("REA-4");
    if (teamScoped(f)) return yes("ACC-9");
    return level === "full" && hasStaffPermission(f.user, "editContactOwnership") ? yes("ASG-4") : no("REA-4");
  },
  // Sharing and assigning to a partner: a personal contact only by its user (ACC-5, SEC-5); a team contact by its
  // manager (SHR-3) — the rainmaker, who leads the team, and office admins too.
  share: (f) => {
    if (f.contact.account.kind === "personal") return ruled(f.accountUser, "ACC-5");
    return ruled(f.officeAdmin || f.memberRole === "teamManager" || f.memberRole === "rainmaker", "SHR-3");
  },
  // `editContactOwnership` with edit access, or the current primary handing it on (ASG-4); a personal contact's
  // primary is always its user (ACC-4).
  changePrimary: (f, level) => {
    if (f.contact.account.kind === "personal") return no("ACC-4");
    return ruled(f.primary || (level === "full" && hasStaffPermission(f.user, "editContactOwnership")), "ASG-4");
  },
  // A team contact's owner: by permission level (ACC-3) or by managers and administrators (SHR-8), per
  // `ownershipTransfer`; never while on a loan where loans block it (SHR-8). A personal contact's owner is its user (ACC-4).
  changeOwner: (f) => {
    if (f.contact.account.kind !== "team") return no("ACC-4");
    const rule = f.configuration.ownershipTransfer === "permissionLevel" ? "ACC-3" : "SHR-8";
    if (!changesOwner(f)) return no(rule);
    return f.configuration.loansBlockOwnerChange && onLoan(f) ? no("SHR-8") : yes(rule);
  },
  // Between a user's personal account and the team account: by the personal account's user, or by the user who
  // owns the team contact (ACC-7).
  move: (f) => ruled(f.contact.account.kind === "personal" ? f.accountUser : f.ownerUser, "ACC-7"),
  // A personal contact by its user, and a team contact by its first assignee where so configured — never by those it
  // is shared with, never while on a loan (SHR-7); otherwise a team contact by `unlimited` members (ACC-9).
  delete: (f) => {
    const rule = f.contact.account.kind === "personal" || byInitialAssignee(f) ? "SHR-7" : "ACC-9";
    if (!deletes(f)) return no(rule);
    return onLoan(f) ? no("SHR-7") : yes(rule);
  },
  // A personal contact by its user (ACC-5); a team contact by `unlimited` members (ACC-9).
  export: (f) =>
    f.contact.account.kind === "personal"
      ? ruled(f.accountUser, "ACC-5")
      : ruled(f.memberLevel === "unlimited", "ACC-9"),
  // Any assigned user — a grantee, or a primary who does not own the personal account — unassigns themselves (ASG-5).
  unassignSelf: (f) => ruled(f.grant !== undefined || (f.primary && !f.accountUser), "ASG-5"),
  // Archiving and unarchiving by hand, with full access and the staff card's archive permission (LIF-2, D-40).
  archive: (f, level) => ruled(level === "full" && hasStaffPermission(f.user, "archiveContacts"), "LIF-2"),
};

/**
 * The one place where each action is decided, with the rule that decided it; `can`, `explain`, `accessList`,
 * `visibleContacts` and every command's permission check read it. A contact frozen by a deactivation is refused by
 * LIF-7; one the user holds no access to by ACC-5 (a personal account) or ACC-9 (a team account).
 */
export function ruling(f: Facts, action: Action): Ruling {
  if (f.blockedBy !== null) return no("LIF-7");
  const level = levelOf(f);
  if (level === null) return no(f.contact.account.kind === "personal" ? "ACC-5" : "ACC-9");
  return ACTION_TABLE[action](f, level);
}

/** Whether the action is allowed: `ruling`'s outcome. */
export function permits(f: Facts, action: Action): boolean {
  return ruling(f, action).allowed;
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

/** The rule that decided an action, cited in every answer about it: `ruling`'s rule. */
export function ruleOfAction(f: Facts, action: Action): RuleId {
  return ruling(f, action).rule;
}

// ---------------------------------------------------------------------------------------------------------
// remedies

/** The staff permissions, in the order `explain` tries them. */
const STAFF_PERMISSIONS: readonly StaffPermission[] = [
  "editContacts",
  "editContactOwnership",
  "archiveContacts",
  "createContacts",
  "importContacts",
];
const GRANT_LEVELS: readonly GrantLevel[] = ["view", "shared", "full"];

/**
 * The single changes `explain` considers for a user and a contact nobody froze, smallest first — the documented
 * order (docs/guides/grants.md, "What `explain` proposes"): a grant on the contact (`view`, `shared`, `full`) to a
 * user who is not its owner or primary; a staff permission the user lacks; a `full` grant with one; a higher
 * permission level, then the team manager's role, for a member of the contact's team other than its rainmaker;
 * ownership of a team contact, for a member of its team (ACC-3, ACC-10). Closing the contact's loans and reactivation are weighed apart (see `remedyFor`).
 */
function candidates(f: Facts): Remedy[] {
  const out: Remedy[] = [];
  const assignable = !(f.ownerUser || f.accountUser || f.primary);
  if (assignable) for (const level of GRANT_LEVELS) if (f.grant !== level) out.push({ kind: "grant", level });
  const lacking = STAFF_PERMISSIONS.filter((p) => !hasStaffPermission(f.user, p));
  for (const permission of lacking) out.push({ kind: "staffPermission", permission });
  if (assignable && f.grant !== "full")
    for (const permission of lacking) out.push({ kind: "grantWithStaffPermission", level: "full", permission });
  const account = f.contact.account;
  if (account.kind === "team") {
    if (f.memberRole !== undefined && f.memberRole !== "rainmaker") {
      if (f.memberLevel === "standard") out.push({ kind: "teamLevel", teamId: account.teamId, level: "enhanced" });
      if (f.memberLevel !== "unlimited") out.push({ kind: "teamLevel", teamId: account.teamId, level: "unlimited" });
      if (f.memberRole !== "teamManager") out.push({ kind: "teamRole", teamId: account.teamId, role: "teamManager" });
    }
    if (f.memberRole !== undefined && !f.ownerUser) out.push({ kind: "ownership" });
  }
  return out;
}

/** The facts as they would be after the change. */
function changed(f: Facts, remedy: Remedy): Facts {
  switch (remedy.kind) {
    case "grant":
      return { ...f, grant: remedy.level };
    case "assignment":
      return { ...f, grant: f.grant ?? "view" };
    case "staffPermission":
      return { ...f, user: { ...f.user, permissions: { ...f.user.permissions, [remedy.permission]: true } } };
    case "grantWithStaffPermission":
      return changed(changed(f, { kind: "grant", level: remedy.level }), {
        kind: "staffPermission",
        permission: remedy.permission,
      });
    case "teamLevel":
      return { ...f, memberLevel: remedy.level };
    case "teamRole":
      return { ...f, memberRole: remedy.role };
    case "ownership":
      return { ...f, ownerUser: true };
    case "closeLoans":
      return { ...f, loansSetAside: true };
    case "reactivate": {
      if (remedy.userId !== f.user.id) return { ...f, blockedBy: f.user.status === "active" ? null : f.user.id };
      const user: User = { ...f.user, status: "active" };
      const ownerId = f.contact.owner.kind === "user" ? f.contact.owner.userId : null;
      return { ...f, user, blockedBy: blockerOf(f.state, user, ownerId) };
    }
  }
}

/**
 * The smallest change that would allow a denied action, or null when it is allowed or no single change would. A
 * contact frozen by a deactivation (LIF-7) is answered with reactivation alone — seed 003: "You need to reactivate the
 * deactivated account to take action on those contacts" — when it would do. Otherwise: closing the contact's loans
 * when they alone stop the action (SHR-7, SHR-8); else the first of `candidates` that would allow it, judged as if
 * the contact had no loans, so that nobody learns of a loan that does not alone stop them (SEC-2, SEC-4, D-61).
 */
export function remedyFor(f: Facts, action: Action): Remedy | null {
  if (permits(f, action)) return null;
  const aside: Facts = { ...f, loansSetAside: true };
  if (f.blockedBy !== null) {
    const reactivate: Remedy = { kind: "reactivate", userId: f.blockedBy };
    return permits(changed(aside, reactivate), action) ? reactivate : null;
  }
  if (permits(aside, action)) return { kind: "closeLoans" };
  for (const remedy of candidates(f)) if (permits(changed(aside, remedy), action)) return remedy;
  return null;
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
