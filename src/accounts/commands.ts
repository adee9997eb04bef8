import * as z from "zod";
import { commandBase, Id, Label, OfficeContext, TeamAccount } from "../wire.js";
import { OfficeRole, PermissionLevel, StaffPermissions, TeamRole } from "./model.js";
import { Configuration } from "../configuration/configuration.js";

const office = { ...commandBase, account: OfficeContext };

export const OpenOffice = z.strictObject({
  type: z.literal("openOffice"),
  ...office,
  officeId: Id,
  officeName: Label,
  adminName: Label,
});
/** The first command of every state: opens the office with its first admin. */
export interface OpenOffice extends z.infer<typeof OpenOffice> {}

export const RegisterUser = z.strictObject({
  type: z.literal("registerUser"),
  ...office,
  userId: Id,
  name: Label,
  officeRole: OfficeRole.optional(),
  permissions: StaffPermissions.partial().optional(),
});
export interface RegisterUser extends z.infer<typeof RegisterUser> {}

export const ChangeStaffPermissions = z.strictObject({
  type: z.literal("changeStaffPermissions"),
  ...office,
  userId: Id,
  permissions: StaffPermissions.partial(),
});
export interface ChangeStaffPermissions extends z.infer<typeof ChangeStaffPermissions> {}

export const ChangeOfficeRole = z.strictObject({
  type: z.literal("changeOfficeRole"),
  ...office,
  userId: Id,
  officeRole: OfficeRole,
});
export interface ChangeOfficeRole extends z.infer<typeof ChangeOfficeRole> {}

export const DeactivateUser = z.strictObject({ type: z.literal("deactivateUser"), ...office, userId: Id });
export interface DeactivateUser extends z.infer<typeof DeactivateUser> {}
export const ReactivateUser = z.strictObject({ type: z.literal("reactivateUser"), ...office, userId: Id });
export interface ReactivateUser extends z.infer<typeof ReactivateUser> {}

export const ChangeConfiguration = z.strictObject({
  type: z.literal("changeConfiguration"),
  ...office,
  configuration: Configuration,
});
export interface ChangeConfiguration extends z.infer<typeof ChangeConfiguration> {}

export const CreateTeam = z.strictObject({
  type: z.literal("createTeam"),
  ...office,
  teamId: Id,
  name: Label,
  rainmakerId: Id,
});
export interface CreateTeam extends z.infer<typeof CreateTeam> {}

const inTeam = { ...commandBase, account: TeamAccount };

export const AddTeamMember = z.strictObject({
  type: z.literal("addTeamMember"),
  ...inTeam,
  userId: Id,
  role: TeamRole.exclude(["rainmaker"]),
  /** Defaults to the role's level. */
  level: PermissionLevel.optional(),
});
export interface AddTeamMember extends z.infer<typeof AddTeamMember> {}

export const ChangeMemberLevel = z.strictObject({
  type: z.literal("changeMemberLevel"),
  ...inTeam,
  userId: Id,
  level: PermissionLevel,
});
export interface ChangeMemberLevel extends z.infer<typeof ChangeMemberLevel> {}

export const RemoveTeamMember = z.strictObject({
  type: z.literal("removeTeamMember"),
  ...inTeam,
  userId: Id,
});
/** A member leaves the team, on their own or removed by the team's leadership (ACC-10). */
export interface RemoveTeamMember extends z.infer<typeof RemoveTeamMember> {}

export const accountCommandSchemas = [
  OpenOffice,
  RegisterUser,
  ChangeStaffPermissions,
  ChangeOfficeRole,
  DeactivateUser,
  ReactivateUser,
  ChangeConfiguration,
  CreateTeam,
  AddTeamMember,
  ChangeMemberLevel,
  RemoveTeamMember,
] as const;

export type AccountCommand =
  | OpenOffice
  | RegisterUser
  | ChangeStaffPermissions
  | ChangeOfficeRole
  | DeactivateUser
  | ReactivateUser
  | ChangeConfiguration
  | CreateTeam
  | AddTeamMember
  | ChangeMemberLevel
  | RemoveTeamMember;
