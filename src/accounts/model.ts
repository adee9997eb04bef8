import * as z from "zod";

/** Team permission levels (ACC-9). */
export const PermissionLevel = z.enum(["standard", "enhanced", "unlimited"]);
export type PermissionLevel = z.infer<typeof PermissionLevel>;

/** Team roles; the rainmaker leads the team. */
export const TeamRole = z.enum([
  "rainmaker",
  "teamManager",
  "transactionCoordinator",
  "administrativeAssistant",
  "agent",
]);
export type TeamRole = z.infer<typeof TeamRole>;

/** Office roles: admins and master users administer the office. */
export const OfficeRole = z.enum(["staff", "admin", "master"]);
export type OfficeRole = z.infer<typeof OfficeRole>;

/** Per-user staff permission flags from the user's staff card. */
export const StaffPermissions = z.strictObject({
  createContacts: z.boolean(),
  importContacts: z.boolean(),
  editContactOwnership: z.boolean(),
  archiveContacts: z.boolean(),
  /**
   * Editing contacts they hold `full` access to (seed 002: "complete view and edit capabilities to the contact based
   * on their staff access permissions"). Absent means allowed: stored only when withdrawn, so 0.1.0 data reads as
   * before (D-79).
   */
  editContacts: z.boolean().optional(),
});
export type StaffPermissions = z.infer<typeof StaffPermissions>;
export type StaffPermission = keyof StaffPermissions;

export const DEFAULT_STAFF_PERMISSIONS: StaffPermissions = Object.freeze({
  createContacts: true,
  importContacts: true,
  editContactOwnership: false,
  archiveContacts: false,
});

export interface User {
  readonly id: string;
  readonly name: string;
  readonly status: "active" | "deactivated";
  readonly officeRole: OfficeRole;
  readonly permissions: StaffPermissions;
}

export interface TeamMember {
  readonly userId: string;
  readonly role: TeamRole;
  readonly level: PermissionLevel;
}

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly rainmakerId: string;
  /** Sorted by user id (code-unit order), so `memberOf` can binary-search them. */
  readonly members: readonly TeamMember[];
}

export interface Office {
  readonly id: string;
  readonly name: string;
}

/**
 * The level a role starts with: the rainmaker is always unlimited; TC and admin assistant enhanced; the team
 * manager enhanced too, because the manager shares the team's contacts (SHR-3) and must see them to do so.
 */
export function defaultLevelFor(role: TeamRole): PermissionLevel {
  switch (role) {
    case "rainmaker":
      return "unlimited";
    case "transactionCoordinator":
    case "administrativeAssistant":
    case "teamManager":
      return "enhanced";
    case "agent":
      return "standard";
  }
}

export function isOfficeAdmin(user: User): boolean {
  return user.officeRole !== "staff";
}

export function memberOf(team: Team, userId: string): TeamMember | undefined {
  // Binary search over the members sorted by user id: a check touches ~6 members rather than up to 50, which
  // matters when the members are not in the CPU cache.
  const members = team.members;
  let lo = 0;
  let hi = members.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = members[mid] as TeamMember;
    if (m.userId === userId) return m;
    if (m.userId < userId) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** `enhanced` and `unlimited` see and manage every team contact (ACC-9). */
export function hasTeamScope(level: PermissionLevel): boolean {
  return level !== "standard";
}

/** The permissions with the given flags changed; flags left out (or undefined) keep their value. */
export function withPermissions(
  base: StaffPermissions,
  changes: { readonly [K in StaffPermission]?: boolean | undefined },
): StaffPermissions {
  return {
    createContacts: changes.createContacts ?? base.createContacts,
    importContacts: changes.importContacts ?? base.importContacts,
    editContactOwnership: changes.editContactOwnership ?? base.editContactOwnership,
    archiveContacts: changes.archiveContacts ?? base.archiveContacts,
    ...((changes.editContacts ?? base.editContacts) === false ? { editContacts: false } : {}),
  };
}
