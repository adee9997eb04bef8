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
export interface OfficeOpened extends z.infer<typeof OfficeOpened> {}
export const UserRegistered = z.strictObject({
  type: z.literal("UserRegistered"),
  ...base,
  userId: Id,
  name: Label,
  officeRole: OfficeRole,
  permissions: StaffPermissions,
});
export interface UserRegistered extends z.infer<typeof UserRegistered> {}
export const StaffPermissionsChanged = z.strictObject({
  type: z.literal("StaffPermissionsChanged"),
  ...base,
  userId: Id,
  permissions: StaffPermissions,
});
export interface StaffPermissionsChanged extends z.infer<typeof StaffPermissionsChanged> {}
export const OfficeRoleChanged = z.strictObject({
  type: z.literal("OfficeRoleChanged"),
  ...base,
  userId: Id,
  officeRole: OfficeRole,
});
export interface OfficeRoleChanged extends z.infer<typeof OfficeRoleChanged> {}
export const UserDeactivated = z.strictObject({ type: z.literal("UserDeactivated"), ...base, userId: Id });
export interface UserDeactivated extends z.infer<typeof UserDeactivated> {}
export const UserReactivated = z.strictObject({ type: z.literal("UserReactivated"), ...base, userId: Id });
export interface UserReactivated extends z.infer<typeof UserReactivated> {}
export const ConfigurationChanged = z.strictObject({
  type: z.literal("ConfigurationChanged"),
  ...base,
  configuration: Configuration,
});
export interface ConfigurationChanged extends z.infer<typeof ConfigurationChanged> {}
export const TeamCreated = z.strictObject({
  type: z.literal("TeamCreated"),
  ...base,
  teamId: Id,
  name: Label,
  rainmakerId: Id,
});
export interface TeamCreated extends z.infer<typeof TeamCreated> {}
export const TeamMemberAdded = z.strictObject({
  type: z.literal("TeamMemberAdded"),
  ...base,
  teamId: Id,
  userId: Id,
  role: TeamRole,
  level: PermissionLevel,
});
export interface TeamMemberAdded extends z.infer<typeof TeamMemberAdded> {}
export const MemberLevelChanged = z.strictObject({
  type: z.literal("MemberLevelChanged"),
  ...base,
  teamId: Id,
  userId: Id,
  level: PermissionLevel,
});
export interface MemberLevelChanged extends z.infer<typeof MemberLevelChanged> {}
export const TeamMemberRemoved = z.strictObject({
  type: z.literal("TeamMemberRemoved"),
  ...base,
  teamId: Id,
  userId: Id,
});
export interface TeamMemberRemoved extends z.infer<typeof TeamMemberRemoved> {}

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

export type AccountEvent =
  | OfficeOpened
  | UserRegistered
  | StaffPermissionsChanged
  | OfficeRoleChanged
  | UserDeactivated
  | UserReactivated
  | ConfigurationChanged
  | TeamCreated
  | TeamMemberAdded
  | MemberLevelChanged
  | TeamMemberRemoved;
