import type { ContractId, RuleId } from "./rules.js";

/** Every way a command or query can be refused, discriminated by `code`. */
export type DomainErrorCode =
  | "invalid_input"
  | "invalid_event"
  | "office_not_open"
  | "office_already_open"
  | "not_office_admin"
  | "last_office_admin"
  | "actor_not_found"
  | "actor_deactivated"
  | "user_not_found"
  | "user_exists"
  | "user_deactivated"
  | "team_not_found"
  | "team_exists"
  | "not_team_member"
  | "already_team_member"
  | "rainmaker_always_unlimited"
  | "rainmaker_cannot_leave"
  | "account_not_allowed"
  | "wrong_account"
  | "channel_not_available"
  | "staff_permission_missing"
  | "not_permitted"
  | "contact_not_found"
  | "contact_exists"
  | "contact_frozen"
  | "already_primary"
  | "cannot_revoke_primary"
  | "cannot_revoke_admin"
  | "not_assigned"
  | "no_change"
  | "duplicate_id"
  | "item_not_found"
  | "contact_on_loan"
  | "not_partner"
  | "partner_already_assigned"
  | "already_partners"
  | "invalid_address"
  | "resubscribe_refused"
  | "consent_required"
  | "plan_not_found"
  | "step_not_found"
  | "not_enrolled"
  | "already_enrolled"
  | "step_already_run";

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
