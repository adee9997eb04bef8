import * as z from "zod";
import { isTimeZone } from "../smartplans/sending-window.js";

/**
 * Policy options where the seed systems differ (SPEC §5). Each option names the rule it changes.
 * @since 0.1.0
 */
export const Configuration = z.strictObject({
  /** REA-1: reassigning a primary revokes the previous agent's access (true) or leaves them `full` (false). */
  revokeOnReassign: z.boolean(),
  /** ASG-6: what the user who adds a contact manually receives. */
  creatorAccessOnAdd: z.enum(["primary", "full"]),
  /** ACC-2 with ASG-6: what the importing user receives on each imported contact (ownership never moves to them). */
  importerAccess: z.enum(["primary", "full", "none"]),
  /** ASG-7: what the listing agent receives on a contact created from open-for-inspection feedback or an enquiry. */
  listingAgentAccessOnNewEnquiry: z.enum(["primary", "full"]),
  /** ASG-8: what the listing agent receives when an existing contact is added to a listing. */
  listingAgentAccessOnExistingEnquiry: z.enum(["full", "view"]),
  /**
   * Who changes a team contact's owner: `permissionLevel` — `enhanced`/`unlimited` members and office admins
   * (ACC-3, seed 000); `managersAndAdmins` — team managers, the rainmaker, office admins and the current owner (SHR-8, seed 003).
   */
  ownershipTransfer: z.enum(["permissionLevel", "managersAndAdmins"]),
  /** SHR-8: a contact on one or more loans cannot change owner; `false` lets loans move with it. */
  loansBlockOwnerChange: z.boolean(),
  /**
   * Who deletes a team contact: `permissionLevel` — `unlimited` members (ACC-9, seed 000; the default, and what an
   * absent field means); `initialAssignee` — only the user the contact was first assigned to (SHR-7, seed 003: "Only
   * the user that the contact was initially assigned to can delete a shared contact"), falling back to ACC-9 for a
   * contact that records none (D-81). A personal contact is deleted by its user either way.
   */
  contactDeletion: z.enum(["permissionLevel", "initialAssignee"]).optional(),
  /** SHR-9: new contacts with this lead source are shared with these users (when they may be shared with). */
  /** LIF-6: the country whose numbering plan reads phone numbers written without a country code (ISO 3166 alpha-2). */
  defaultPhoneCountry: z.string().regex(/^[A-Z]{2}$/, "a two-letter country code such as US"),
  /** The office's time zone: text steps go out inside `textWindow`, and email quotas count calendar months, here. */
  officeTimeZone: z.string().max(100).refine(isTimeZone, "an IANA time zone such as America/Chicago"),
  /** SP-5 [doc]: text steps go out between these local times (HH:MM, 24-hour). */
  textWindow: z
    .strictObject({
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    })
    .refine((w) => w.start < w.end, "the window opens before it closes on the same day (start earlier than end)"),
  /** SP-4: each user's monthly email sends unless their plan says more. */
  defaultEmailMonthlyLimit: z.number().int().min(0).max(10_000_000),
  /** ASG-10: who sends the newsletter of a contact without a primary. */
  newsletterFallback: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("office") }),
    z.strictObject({ kind: z.literal("agent"), userId: z.string().min(1).max(200) }),
  ]),
  leadSourceShares: z
    .array(z.strictObject({ leadSource: z.string().max(500), userIds: z.array(z.string().min(1).max(200)).max(1000) }))
    .max(1000),
  /**
   * AST-6 (D-127): who creates team tags, custom fields and lead sources (`anyMember`, or `permissionLevel`: the
   * rainmaker, `enhanced`/`unlimited` members and office admins); who renames and deletes them (`permissionLevel`, or
   * `rainmakerAndAdmins`); and what deleting one carried by contacts does (`unlink`: each link ends with an event;
   * `refuse`: refused while any contact carries it). Absent: `DEFAULT_TEAM_ASSETS`.
   */
  teamAssets: z
    .strictObject({
      create: z.enum(["anyMember", "permissionLevel"]),
      change: z.enum(["permissionLevel", "rainmakerAndAdmins"]),
      onDelete: z.enum(["unlink", "refuse"]),
    })
    .optional(),
});
export type Configuration = z.infer<typeof Configuration>;

/**
 * AST-6, D-127: every member may create team assets (seed 000: "When a user creates team … custom fields, tags and custom
 * lead sources, the entire team will be able to utilize these"); members with the permission level that sees every
 * team contact rename and delete them; deleting one takes it off each contact, one event each.
 * @since 0.3.0
 */
export const DEFAULT_TEAM_ASSETS: NonNullable<Configuration["teamAssets"]> = Object.freeze({
  create: "anyMember",
  change: "permissionLevel",
  onDelete: "unlink",
});

/**
 * The defaults follow the seeds' stated defaults; where a seed states none, `docs/decisions.md` says why.
 * @since 0.1.0
 */
export const DEFAULT_CONFIGURATION: Configuration = Object.freeze({
  revokeOnReassign: true,
  creatorAccessOnAdd: "primary",
  importerAccess: "full",
  listingAgentAccessOnNewEnquiry: "primary",
  listingAgentAccessOnExistingEnquiry: "view",
  ownershipTransfer: "permissionLevel",
  loansBlockOwnerChange: true,
  defaultPhoneCountry: "US",
  officeTimeZone: "America/Chicago",
  textWindow: { start: "10:00", end: "19:00" },
  defaultEmailMonthlyLimit: 5000,
  newsletterFallback: { kind: "office" as const },
  leadSourceShares: [],
});
