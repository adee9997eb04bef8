import * as z from "zod";
import { Id, Instant, Label } from "../wire.js";
import { OfficeRole, PermissionLevel, StaffPermissions, TeamRole } from "./model.js";
import { Configuration } from "../configuration/configuration.js";

const base = { at: Instant, by: Id };

export const OfficeOpened = z.strictObject({
  type: z.literal("OfficeOpened"),
  ...base,
  officeId: Id,
  officeName: Label,
  adminId: Id,
  adminName: Label,
});
export const UserRegistered = z.strictObject({
  type: z.literal("UserRegistered"),
  ...base,
  userId: Id,
  name: Label,
  officeRole: OfficeRole,
  permissions: StaffPermissions,
});
export const StaffPermissionsChanged = z.strictObject({
  type: z.literal("StaffPermissionsChanged"),
  ...base,
  userId: Id,
  permissions: StaffPermissions,
});
export const OfficeRoleChanged = z.strictObject({
  type: z.literal("OfficeRoleChanged"),
  ...base,
  userId: Id,
  officeRole: OfficeRole,
});
export const UserDeactivated = z.strictObject({ type: z.literal("UserDeactivated"), ...base, userId: Id });
export const UserReactivated = z.strictObject({ type: z.literal("UserReactivated"), ...base, userId: Id });
export const ConfigurationChanged = z.strictObject({
  type: z.literal("ConfigurationChanged"),
  ...base,
  configuration: Configuration,
});
export const TeamCreated = z.strictObject({
  type: z.literal("TeamCreated"),
  ...base,
  teamId: Id,
  name: Label,
  rainmakerId: Id,
});
export const TeamMemberAdded = z.strictObject({
  type: z.literal("TeamMemberAdded"),
  ...base,
  teamId: Id,
  userId: Id,
  role: TeamRole,
  level: PermissionLevel,
});
export const MemberLevelChanged = z.strictObject({
  type: z.literal("MemberLevelChanged"),
  ...base,
  teamId: Id,
  userId: Id,
  level: PermissionLevel,
});
export const TeamMemberRemoved = z.strictObject({
  type: z.literal("TeamMemberRemoved"),
  ...base,
  teamId: Id,
  userId: Id,
});

export const accountEventSchemas = [
  OfficeOpened,
  UserRegistered,
  StaffPermissionsChanged,
  OfficeRoleChanged,
  UserDeactivated,
  UserReactivated,
  ConfigurationChanged,
  TeamCreated,
  TeamMemberAdded,
  MemberLevelChanged,
  TeamMemberRemoved,
] as const;

export type AccountEvent = z.infer<(typeof accountEventSchemas)[number]>;
