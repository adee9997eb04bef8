import * as E from "../either.js";
import { isOfficeAdmin, memberOf } from "../accounts/model.js";
import { get } from "../collections/persistent-map.js";
import { domainError, type DomainError } from "../errors.js";
import type { RuleId } from "../rules.js";
import type { AgentRole, StepKind } from "../smartplans/model.js";
import { designatedRole } from "../smartplans/resolve.js";
import type { State } from "../state.js";

/** Who one step of a SmartPlan goes to, before any contact is named (`stepAssignments`). */
export interface StepAssignment {
  readonly stepId: string;
  readonly kind: StepKind;
  readonly title: string;
  /** The designated role; `accountUser` for a personal plan's steps (SP-8). */
  readonly role: AgentRole | "accountUser";
  /** Where the role comes from: the step's own override (SP-2), the team's default for its type (SP-1), or the personal account (SP-8). */
  readonly source: "step" | "teamDefault" | "personalPlan";
  /**
   * The user the step goes to when that does not depend on the contact: the rainmaker, or a personal plan's
   * user. Null for `contactAssignee`: each contact's primary assignee, or the rainmaker (`standIn`) for a
   * contact with none or a deactivated one (SP-3).
   */
  readonly agentId: string | null;
  /** Who stands in for a missing or deactivated contact assignee: the team's rainmaker; null otherwise. */
  readonly standIn: string | null;
  readonly rule: RuleId;
}

/**
 * "You can verify the Team SmartPlan step assignment" (seed 001): each step of a plan with the role it is
 * designated to, whether that is the step's override or the team's default for its type, and the user when it
 * does not depend on the contact. The asker must be able to use the plan — a member of its team or an office admin
 * for a team plan, its own user for a personal one; any other plan is answered as one that does not exist
 * (`plan_not_found`, SEC-2).
 * @example
 * import { initialState, stepAssignments } from "crm-access";
 * assert.deepStrictEqual(stepAssignments(initialState(), "ann", "p1"),
 *   { _tag: "Left", left: { code: "plan_not_found", rule: "SEC-2", message: "no SmartPlan p1 is visible to ann" } });
 * @since 0.2.0
 */
export function stepAssignments(
  state: State,
  askerId: string,
  planId: string,
): E.Either<DomainError, readonly StepAssignment[]> {
  const asker = get(state.users, askerId);
  const plan = get(state.plans, planId);
  const notFound = E.left(domainError("plan_not_found", "SEC-2", `no SmartPlan ${planId} is visible to ${askerId}`));
  if (asker === undefined || plan === undefined) return notFound;
  if (plan.account.kind === "personal") {
    if (plan.account.userId !== askerId) return notFound;
    const userId = plan.account.userId;
    return E.right(
      plan.steps.map(
        (s) =>
          Object.freeze({
            stepId: s.id,
            kind: s.kind,
            title: s.title,
            role: "accountUser",
            source: "personalPlan",
            agentId: userId,
            standIn: null,
            rule: "SP-8",
          }) satisfies StepAssignment,
      ),
    );
  }
  const team = get(state.teams, plan.account.teamId);
  if (team === undefined || (memberOf(team, askerId) === undefined && !isOfficeAdmin(asker))) return notFound;
  return E.right(
    plan.steps.map((s) => {
      const { role, overridden } = designatedRole(state, team.id, s);
      const source = overridden ? "step" : "teamDefault";
      const byContact = role === "contactAssignee";
      const assignment: StepAssignment = {
        stepId: s.id,
        kind: s.kind,
        title: s.title,
        role,
        source,
        agentId: byContact ? null : team.rainmakerId,
        standIn: byContact ? team.rainmakerId : null,
        rule: source === "step" ? "SP-2" : byContact ? "SP-3" : "SP-1",
      };
      return Object.freeze(assignment);
    }),
  );
}
