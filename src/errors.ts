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

/** Every way a command or query can be refused, discriminated by `code`. */
export type DomainErrorCode = (typeof ERROR_CODES)[number];

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

/**
 * A refusal: a stable `code`, the rule that refused it, a human `message`, and for malformed input the
 * `path` of the offending field.
 * @since 0.1.0
 */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly rule: RuleId | ContractId;
  readonly message: string;
  readonly path?: readonly (string | number)[];
}

export function domainError(code: DomainErrorCode, rule: RuleId | ContractId, message: string): DomainError {
  return Object.freeze({ code, rule, message });
}

/**
 * A stored event that cannot be decoded or applied (SEC-8): `position` is its 0-based index in the log, and
 * `cause` says why — the decoding error with its `path`, or what the state before it lacks or already holds.
 * @since 0.1.0
 */
export interface ReplayError extends DomainError {
  readonly code: "invalid_event";
  readonly position: number;
  readonly cause: DomainError;
}

/** The error for the stored event at `position`, wrapping why it does not decode or apply. */
export function replayError(position: number, cause: DomainError, type?: string): ReplayError {
  const what = type === undefined ? `event ${position}` : `event ${position} (${type})`;
  return Object.freeze({ code: "invalid_event", rule: "SEC-8", message: `${what}: ${cause.message}`, position, cause });
}
