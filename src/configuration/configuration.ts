import { z } from "zod";

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
});
export type Configuration = z.infer<typeof Configuration>;

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
});
