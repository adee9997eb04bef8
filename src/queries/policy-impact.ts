import { forEach } from "../collections/persistent-map.js";
import type { Configuration } from "../configuration/configuration.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";
import { accessList } from "./access-list.js";
import type { Action } from "../permissions/access.js";
import { explain } from "./check.js";
import * as E from "../either.js";

export interface ImpactChange {
  readonly userId: string;
  readonly contactId: string;
  readonly action: Action;
  /** The rule that decides the action under the configuration where it is allowed. */
  readonly rule: RuleId;
}

/** Who gains and who loses which access when the configuration changes from `a` to `b`. */
export interface PolicyImpact {
  readonly gained: readonly ImpactChange[];
  readonly lost: readonly ImpactChange[];
  readonly byUser: readonly { readonly userId: string; readonly gained: number; readonly lost: number }[];
  readonly byRule: readonly { readonly rule: RuleId; readonly gained: number; readonly lost: number }[];
}

function actionsUnder(state: State, contactId: string): Map<string, Set<Action>> {
  const out = new Map<string, Set<Action>>();
  const list = accessList(state, contactId);
  if (E.isRight(list)) for (const e of list.right) out.set(e.userId, new Set(e.actions));
  return out;
}

/**
 * For every user and contact, the actions gained and lost when switching the configuration from `a` to `b`,
 * grouped by user and by rule: what an administrator should read before flipping `revokeOnReassign` or
 * changing who may transfer ownership. Reads every contact once per configuration.
 * @example
 * import { DEFAULT_CONFIGURATION, initialState, policyImpact } from "crm-access";
 * const flipped = { ...DEFAULT_CONFIGURATION, ownershipTransfer: "managersAndAdmins" as const };
 * assert.deepStrictEqual(policyImpact(initialState(), DEFAULT_CONFIGURATION, flipped),
 *   { gained: [], lost: [], byUser: [], byRule: [] });
 * @since 0.1.0
 */
export function policyImpact(state: State, a: Configuration, b: Configuration): PolicyImpact {
  const underA: State = Object.freeze({ ...state, configuration: a });
  const underB: State = Object.freeze({ ...state, configuration: b });
  const gained: ImpactChange[] = [];
  const lost: ImpactChange[] = [];
  forEach(state.contacts, (_contact, contactId) => {
    const before = actionsUnder(underA, contactId);
    const after = actionsUnder(underB, contactId);
    for (const userId of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(userId) ?? new Set<Action>();
      const now = after.get(userId) ?? new Set<Action>();
      for (const action of now)
        if (!was.has(action))
          gained.push({
            userId,
            contactId,
            action,
            rule: explain(underB, userId, action, contactId).rules[0] ?? "REA-2",
          });
      for (const action of was)
        if (!now.has(action))
          lost.push({
            userId,
            contactId,
            action,
            rule: explain(underA, userId, action, contactId).rules[0] ?? "REA-2",
          });
    }
  });
  const users = new Map<string, { gained: number; lost: number }>();
  const rules = new Map<RuleId, { gained: number; lost: number }>();
  const count = <K>(m: Map<K, { gained: number; lost: number }>, k: K, field: "gained" | "lost"): void => {
    const entry = m.get(k) ?? { gained: 0, lost: 0 };
    entry[field]++;
    m.set(k, entry);
  };
  for (const c of gained) {
    count(users, c.userId, "gained");
    count(rules, c.rule, "gained");
  }
  for (const c of lost) {
    count(users, c.userId, "lost");
    count(rules, c.rule, "lost");
  }
  const order = (x: ImpactChange, y: ImpactChange): number =>
    x.userId < y.userId
      ? -1
      : x.userId > y.userId
        ? 1
        : x.contactId < y.contactId
          ? -1
          : x.contactId > y.contactId
            ? 1
            : x.action < y.action
              ? -1
              : 1;
  return Object.freeze({
    gained: gained.sort(order),
    lost: lost.sort(order),
    byUser: [...users].map(([userId, n]) => ({ userId, ...n })).sort((x, y) => (x.userId < y.userId ? -1 : 1)),
    byRule: [...rules].map(([rule, n]) => ({ rule, ...n })).sort((x, y) => (x.rule < y.rule ? -1 : 1)),
  });
}
