import type * as z from "zod";
import type { Action, Remedy } from "./permissions/access.js";
import type { ContractId, RuleId } from "./rules.js";

/**
 * Every way a command or query can be refused, as a list a gateway can check exhaustively.
 * @since 0.2.0
 */
export const ERROR_CODES = [
  "invalid_input",
  "invalid_event",
  "office_not_open",
  "office_already_open",
  "not_office_admin",
  "last_office_admin",
  "actor_not_found",
  "actor_deactivated",
  "user_not_found",
  "user_exists",
  "user_deactivated",
  "team_not_found",
  "team_exists",
  "not_team_member",
  "already_team_member",
  "rainmaker_always_unlimited",
  "rainmaker_cannot_leave",
  "account_not_allowed",
  "wrong_account",
  "channel_not_available",
  "staff_permission_missing",
  "not_permitted",
  "contact_not_found",
  "contact_exists",
  "contact_frozen",
  "already_primary",
  "cannot_revoke_primary",
  "cannot_revoke_admin",
  "not_assigned",
  "no_change",
  "duplicate_id",
  "item_not_found",
  "contact_on_loan",
  "not_partner",
  "partner_already_assigned",
  "already_partners",
  "invalid_address",
  "resubscribe_refused",
  "consent_required",
  "plan_not_found",
  "step_not_found",
  "not_enrolled",
  "already_enrolled",
  "step_already_run",
  "below_email_allowance",
  "asset_not_found",
  "asset_exists",
  "asset_limit_reached",
  "asset_in_use",
  "invalid_field_value",
] as const;

/** Every way a command or query can be refused, discriminated by `code`: read from the `DomainError` union. */
export type DomainErrorCode = DomainError["code"];

/**
 * The HTTP status a service may answer each refusal with: 400 for malformed input; 404 for a target that does
 * not exist, which is also how a contact hidden from the caller is refused (SEC-2); 403 for an actor who lacks a
 * right; 409 for a request that conflicts with the state; 422 for one that is well-formed but names things that
 * do not go together; 500 for `invalid_event`, which only the service's own stored log can cause.
 * @since 0.2.0
 */
export const HTTP_STATUS: { readonly [C in DomainErrorCode]: 400 | 403 | 404 | 409 | 422 | 500 } = Object.freeze({
  invalid_input: 400,
  invalid_event: 500,
  office_not_open: 409,
  office_already_open: 409,
  not_office_admin: 403,
  last_office_admin: 409,
  actor_not_found: 403,
  actor_deactivated: 403,
  user_not_found: 404,
  user_exists: 409,
  user_deactivated: 409,
  team_not_found: 404,
  team_exists: 409,
  not_team_member: 409,
  already_team_member: 409,
  rainmaker_always_unlimited: 409,
  rainmaker_cannot_leave: 409,
  account_not_allowed: 403,
  wrong_account: 422,
  channel_not_available: 403,
  staff_permission_missing: 403,
  not_permitted: 403,
  contact_not_found: 404,
  contact_exists: 409,
  contact_frozen: 409,
  already_primary: 409,
  cannot_revoke_primary: 409,
  cannot_revoke_admin: 409,
  not_assigned: 409,
  no_change: 409,
  duplicate_id: 409,
  item_not_found: 404,
  contact_on_loan: 409,
  not_partner: 409,
  partner_already_assigned: 409,
  already_partners: 409,
  invalid_address: 422,
  resubscribe_refused: 409,
  consent_required: 409,
  plan_not_found: 404,
  step_not_found: 404,
  not_enrolled: 409,
  already_enrolled: 409,
  step_already_run: 409,
  below_email_allowance: 422,
  asset_not_found: 404,
  asset_exists: 409,
  asset_limit_reached: 409,
  asset_in_use: 409,
  invalid_field_value: 422,
});

// ---------------------------------------------------------------------------------------------------------
// model

/**
 * What every refusal carries: a stable `code`, the rule that refused it and a human `message`.
 * @since 0.2.0
 */
export interface DomainErrorBase<C extends string> {
  readonly code: C;
  readonly rule: RuleId | ContractId;
  /** For people: its wording may change in any release. Programs read `code`, `rule` and the variant's fields. */
  readonly message: string;
}

/**
 * What a `not_permitted` refusal refused besides the actions of `ACTIONS` on one contact: managing an account's
 * tags, custom fields and lead sources (`createAssets`, `changeAssets`, AST-6) or a contact's (`changeContactAssets`,
 * AST-7); writing a part of a contact's file the actor's view withholds (`writeLoans`, `writePrivateNotes`,
 * `writeGroups`, `writeActivities`, SEC-4); giving a task (`assignTask`, SHR-5); linking a contact to another
 * agent's listing (`linkToOthersListing`, ASG-3); deleting an email campaign (`deleteCampaign`, AST-5);
 * designating a SmartPlan step's agent (`designateAgent`, SP-2, SP-8); setting another user's messaging plan
 * (`setMessagingPlan`, SEC-6); leading a team (`manageTeam`, ACC-9, ACC-10); reassigning in bulk (`reassignInBulk`,
 * REA-1); and explaining another user's access (`explainOthers`, SEC-2).
 * @since 0.2.0
 */
export const OTHER_REFUSED_ACTIONS = [
  "createAssets",
  "changeAssets",
  "changeContactAssets",
  "writeLoans",
  "writePrivateNotes",
  "writeGroups",
  "writeActivities",
  "assignTask",
  "linkToOthersListing",
  "deleteCampaign",
  "designateAgent",
  "setMessagingPlan",
  "manageTeam",
  "reassignInBulk",
  "explainOthers",
] as const;

/** What a `not_permitted` refusal refused: an action on a contact (`ACTIONS`) or one of `OTHER_REFUSED_ACTIONS`. */
export type RefusedAction = Action | (typeof OTHER_REFUSED_ACTIONS)[number];

/**
 * The actor lacks the right (403). `action` says what was refused; `contactId` the contact it was refused on
 * (null for a refusal about a team, an account or a user rather than one contact) — always a contact the actor
 * sees, since one they cannot see is refused as `contact_not_found` (SEC-2); `remedy` the smallest change that
 * would allow it, as `explain` names it, or null when no single documented change would or the refusal is not
 * about an action of `ACTIONS`.
 * @since 0.2.0
 */
export interface NotPermittedError extends DomainErrorBase<"not_permitted"> {
  readonly action: RefusedAction;
  readonly contactId: string | null;
  readonly remedy: Remedy | null;
}

/**
 * Malformed input (400): `path` names the offending field from the root of what was decoded (a command, an
 * event, a snapshot, a configuration, or a query's options), or the query argument by name; empty when the whole
 * input is wrong.
 * @since 0.2.0
 */
export interface InvalidInputError extends DomainErrorBase<"invalid_input"> {
  readonly rule: "input";
  readonly path: readonly (string | number)[];
}

/**
 * A code whose refusal carries nothing but `code`, `rule` and `message`: every code but those with a variant of
 * their own.
 * @since 0.2.0
 */
export type PlainErrorCode = Exclude<(typeof ERROR_CODES)[number], (NotPermittedError | InvalidInputError)["code"]>;

/**
 * One variant per plain code (distributed, so `Extract<DomainError, { code: C }>` finds each).
 * @since 0.2.0
 */
export type PlainError<C extends PlainErrorCode> = C extends PlainErrorCode ? DomainErrorBase<C> : never;

/**
 * A refusal, discriminated by `code`: narrowing on it gives the variant's fields (`not_permitted` its `action`,
 * `contactId` and `remedy`; `invalid_input` its `path`). Every other code carries `code`, `rule` and `message`.
 * @since 0.1.0
 */
export type DomainError = NotPermittedError | InvalidInputError | PlainError<PlainErrorCode>;

// `ERROR_CODES` (what a gateway checks) and the union (what the compiler checks) name the same codes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const codesAgree: Same<(typeof ERROR_CODES)[number], DomainError["code"]> = true;
void codesAgree;

// ---------------------------------------------------------------------------------------------------------
// constructors

/** A refusal whose code carries no data of its own. */
export function domainError<C extends PlainErrorCode>(
  code: C,
  rule: RuleId | ContractId,
  message: string,
): PlainError<C> {
  // One variant per code in `C`: the compiler cannot follow the distribution through a generic, so it is stated.
  return Object.freeze({ code, rule, message }) as PlainError<C>;
}

/** A `not_permitted` refusal with what was refused, on which contact, and what would allow it. */
export function notPermitted(
  rule: RuleId | ContractId,
  message: string,
  data: { readonly action: RefusedAction; readonly contactId: string | null; readonly remedy?: Remedy | null },
): NotPermittedError {
  const { action, contactId, remedy = null } = data;
  return Object.freeze({ code: "not_permitted", rule, message, action, contactId, remedy });
}

/** An `invalid_input` refusal naming the field at `path` (empty: the whole input). */
export function invalidInput(message: string, path: readonly (string | number)[] = []): InvalidInputError {
  return Object.freeze({ code: "invalid_input", rule: "input", message, path: Object.freeze([...path]) });
}

/**
 * The one mapping of a zod issue to `invalid_input`, for every decoder: `where` names what was decoded
 * (`command`, `event`, `snapshot`, `configuration`, `options` …) and starts the message, followed by the field's
 * path. An unknown field (`unrecognized_keys`) is named in the path and the message, with `hint` after it when
 * given (D-167).
 */
export function fromZodIssue(issue: z.core.$ZodIssue | undefined, where: string, hint?: string): InvalidInputError {
  const path: (string | number)[] = (issue?.path ?? []).map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue?.code === "unrecognized_keys") path.push(issue.keys[0] ?? "");
  const at = path.length === 0 ? where : `${where}.${path.join(".")}`;
  const what =
    issue?.code === "unrecognized_keys" ? `unknown field${hint === undefined ? "" : `; ${hint}`}` : issue?.message;
  return invalidInput(`${at}: ${what ?? "invalid"}`, path);
}

/**
 * A stored event that cannot be decoded or applied (SEC-8): `position` is its 0-based index in the log, and
 * `cause` says why — the decoding error with its `path`, or what the state before it lacks or already holds.
 * @since 0.1.0
 */
export interface ReplayError extends DomainErrorBase<"invalid_event"> {
  readonly position: number;
  readonly cause: DomainError;
}

/** The error for the stored event at `position`, wrapping why it does not decode or apply. */
export function replayError(position: number, cause: DomainError, type?: string): ReplayError {
  const what = type === undefined ? `event ${position}` : `event ${position} (${type})`;
  return Object.freeze({ code: "invalid_event", rule: "SEC-8", message: `${what}: ${cause.message}`, position, cause });
}
