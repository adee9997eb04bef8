import * as z from "zod";

/** An id chosen by the caller, a non-empty string of at most 200 characters (`__proto__` included). */
export const Id = z.string().min(1, "an id must not be empty").max(200, "an id is at most 200 characters");

/** A moment as an ISO-8601 date-time with offset; the caller's clock, never ours. */
export const Instant = z.iso.datetime({ offset: true });

/** A short human text such as a name. */
export const Label = z.string().max(500);

export const TeamAccount = z.strictObject({ kind: z.literal("team"), teamId: Id });
export const PersonalAccount = z.strictObject({ kind: z.literal("personal"), userId: Id });

/** The account a command acts in (ACC-1): a team account or one user's personal account. */
export const AccountRef = z.discriminatedUnion("kind", [TeamAccount, PersonalAccount]);
export type AccountRef = z.infer<typeof AccountRef>;

/** Office administration acts outside any contact account. */
export const OfficeContext = z.strictObject({ kind: z.literal("office") });

/** Fields every command carries: who acts, when (the caller's clock). */
export const commandBase = { actor: Id, at: Instant };
