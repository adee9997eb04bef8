import * as z from "zod";
import { AccountRef, Id, Label } from "../wire.js";

/** Access a user may hold on a contact besides being its primary (ASG-2, ASG-3, SHR-1). */
export const GrantLevel = z.enum(["full", "view", "shared"]);
export type GrantLevel = z.infer<typeof GrantLevel>;

/** How a contact or a change arrived (ACC-2, ACC-4, ASG-6, ASG-7, LIF-1, LIF-2, LIF-3). */
export const Channel = z.enum([
  "manual",
  "import",
  "api",
  "apiSync",
  "openForInspection",
  "propertyEnquiry",
  "leadSource",
  "support",
]);
export type Channel = z.infer<typeof Channel>;

export const ContactDetails = z.strictObject({
  name: Label,
  emails: z.array(z.string().max(320)).max(20).optional(),
  phones: z.array(z.string().max(40)).max(20).optional(),
  leadSource: Label.optional(),
});
export type ContactDetails = z.infer<typeof ContactDetails>;

/**
 * Where a lead stands, from a fixed list (seed 003: "Can I adjust the Lead Status drop-down menu field? No, not at
 * this time."). A contact without one is `new` (D-80).
 */
export const LEAD_STATUSES = [
  "new",
  "attemptedContact",
  "contacted",
  "nurturing",
  "appointmentSet",
  "application",
  "underContract",
  "closed",
  "lost",
] as const;
export const LeadStatus = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatus>;

/** A contact is owned by its team (team account) or by one user. */
export const Owner = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("team"), teamId: Id }),
  z.strictObject({ kind: z.literal("user"), userId: Id }),
]);
export type Owner = z.infer<typeof Owner>;

export const Grant = z.strictObject({ userId: Id, level: GrantLevel });
export type Grant = Readonly<z.infer<typeof Grant>>;

export const ContactRecord = z.strictObject({
  id: Id,
  account: AccountRef,
  owner: Owner,
  /** At most one primary, possibly none (ASG-1); never also in `grants`. */
  primary: Id.nullable(),
  /** Sorted by user id, one per user. */
  grants: z.array(Grant),
  details: ContactDetails,
  channel: Channel,
  createdBy: Id,
  createdAt: z.string(),
  /** Absent: `new`. */
  leadStatus: LeadStatus.optional(),
  /** The user the contact was first assigned to (primary, else a `full` grant) when it arrived; absent: none recorded (D-81). */
  initialAssignee: Id.optional(),
  /** The one user it is assigned to (SHR-2), a teammate or partner holding `full` by `assignContact`/`assignToPartner` (D-84). */
  assignedTo: Id.optional(),
});

export interface Contact {
  readonly id: string;
  readonly account: AccountRef;
  readonly owner: Owner;
  readonly primary: string | null;
  readonly grants: readonly Grant[];
  readonly details: ContactDetails;
  readonly channel: Channel;
  readonly createdBy: string;
  readonly createdAt: string;
  /** Absent: `new` (D-80). */
  readonly leadStatus?: LeadStatus | undefined;
  /** The user the contact was first assigned to when it arrived (SHR-7, D-81); absent: none recorded. */
  readonly initialAssignee?: string | undefined;
  /** The one user it is assigned to (SHR-2, D-84); absent: none. */
  readonly assignedTo?: string | undefined;
}

/** The contact's lead status; a contact that never had one set is `new`. */
export function leadStatusOf(contact: Contact): LeadStatus {
  return contact.leadStatus ?? "new";
}

export function grantOf(contact: Contact, userId: string): GrantLevel | undefined {
  for (const g of contact.grants) if (g.userId === userId) return g.level;
  return undefined;
}

export function ownerUserOf(contact: Contact): string | null {
  return contact.owner.kind === "user" ? contact.owner.userId : null;
}

/**
 * What the previous primary keeps after a change of primary (REA-1): `owner` when they own the contact (ownership
 * moves only by a change of owner, ACC-3), else `none` when revoked, `full` when kept.
 */
export function previousAccess(contact: Contact, previous: string | null, revoked: boolean): "none" | "full" | "owner" {
  if (previous !== null && contact.owner.kind === "user" && contact.owner.userId === previous) return "owner";
  return revoked ? "none" : "full";
}

/** Users tied to a contact directly (owner, primary, grants): the per-user index holds exactly these. */
export function directUsers(contact: Contact): string[] {
  const users: string[] = [];
  const owner = ownerUserOf(contact);
  if (owner !== null) users.push(owner);
  if (contact.primary !== null && contact.primary !== owner) users.push(contact.primary);
  for (const g of contact.grants) if (g.userId !== owner) users.push(g.userId);
  return users;
}
