import { DEFAULT_CONFIGURATION, type Configuration } from "./configuration.js";

/**
 * One named configuration per seed system (SPEC §1.7). Each differs from the defaults only where its seed says so.
 * @since 0.1.0
 */
export const PRESETS = {
  /** Seeds 000–001: team and personal accounts; ownership moves by permission level (ACC-3). */
  teamAndPersonal: Object.freeze({ ...DEFAULT_CONFIGURATION, ownershipTransfer: "permissionLevel" as const }),
  /**
   * Seed 002: primary / full / view; the adding agent becomes primary (ASG-6), the listing agent primary on a new
   * enquiry (ASG-7) and `view` on an existing contact (ASG-8); handing on the primary leaves the previous one
   * assigned with full access, as several staff stay assigned; newsletters fall back to the office (ASG-10).
   */
  officeOwnership: Object.freeze({
    ...DEFAULT_CONFIGURATION,
    revokeOnReassign: false,
    creatorAccessOnAdd: "primary" as const,
    listingAgentAccessOnNewEnquiry: "primary" as const,
    listingAgentAccessOnExistingEnquiry: "view" as const,
    newsletterFallback: { kind: "office" as const },
    defaultPhoneCountry: "AU",
    officeTimeZone: "Australia/Sydney",
    // D-127: the office's leaders, not every agent, shape what the office's teams share.
    teamAssets: { create: "permissionLevel" as const, change: "permissionLevel" as const, onDelete: "unlink" as const },
  }),
  /** Seed 003: only team managers and admins transfer ownership, never while the contact is on a loan (SHR-8). */
  mortgageCoMarketing: Object.freeze({
    ...DEFAULT_CONFIGURATION,
    ownershipTransfer: "managersAndAdmins" as const,
    loansBlockOwnerChange: true,
    contactDeletion: "initialAssignee" as const,
    // D-127: leadership alone shapes the team's organisation, and nothing carried by a contact disappears with it.
    teamAssets: {
      create: "permissionLevel" as const,
      change: "rainmakerAndAdmins" as const,
      onDelete: "refuse" as const,
    },
  }),
  /** Seed 004: reassigning a lead revokes the previous agent's access by default (REA-1). */
  leadReassignment: Object.freeze({ ...DEFAULT_CONFIGURATION, revokeOnReassign: true }),
} satisfies Record<string, Configuration>;

export type PresetName = keyof typeof PRESETS;
