import * as z from "zod";
import { commandBase, Id, Label, OfficeContext, TeamAccount } from "../wire.js";
import { OfficeRole, PermissionLevel, StaffPermissions, TeamRole } from "./model.js";
import { Configuration } from "../configuration/configuration.js";

const office = { ...commandBase, account: OfficeContext };

/** The first command of every state: opens the office with its first admin. */
export const OpenOffice = z.strictObject({
  type: z.literal("openOffice"),
  ...office,
  officeId: Id,
  officeName: Label,
  adminName: Label,
});

export const RegisterUser = z.strictObject({
  type: z.literal("registerUser"),
  ...office,
  userId: Id,
  name: Label,
  officeRole: OfficeRole.optional(),
  permissions: StaffPermissions.partial().optional(),
});

export const ChangeStaffPermissions = z.strictObject({
  type: z.literal("changeStaffPermissions"),
  ...office,
  userId: Id,
  permissions: StaffPermissions.partial(),
});

export const ChangeOfficeRole = z.strictObject({
  type: z.literal("changeOfficeRole"),
  ...office,
  userId: Id,
  officeRole: OfficeRole,
});

export const DeactivateUser = z.strictObject({ type: z.literal("deactivateUser"), ...office, userId: Id });
export const ReactivateUser = z.strictObject({ type: z.literal("reactivateUser"), ...office, userId: Id });

export const ChangeConfiguration = z.strictObject({
  type: z.literal("changeConfiguration"),
  ...office,
  configuration: Configuration,
});

export const CreateTeam = z.strictObject({
  type: z.literal("createTeam"),
  ...office,
  teamId: Id,
  name: Label,
  rainmakerId: Id,
});

const inTeam = { ...commandBase, account: TeamAccount };

export const AddTeamMember = z.strictObject({
  type: z.literal("addTeamMember"),
  ...inTeam,
  userId: Id,
  role: TeamRole.exclude(["rainmaker"]),
  /** Defaults to the role's level. */
  level: PermissionLevel.optional(),
});

export const ChangeMemberLevel = z.strictObject({
  type: z.literal("changeMemberLevel"),
  ...inTeam,
  userId: Id,
  level: PermissionLevel,
});

/** A member leaves the team, on their own or removed by the team's leadership (ACC-10). */
export const RemoveTeamMember = z.strictObject({
  type: z.literal("removeTeamMember"),
  ...inTeam,
  userId: Id,
});

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

export type AccountCommand = z.infer<(typeof accountCommandSchemas)[number]>;
