import type { ContractId, RuleId } from "./rules.js";

/** Every way a command or query can be refused, discriminated by `code`. */
export type DomainErrorCode =
  | "invalid_input"
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
  | "already_enrolled";

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
