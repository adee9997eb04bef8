import * as E from "../either.js";
import { isOfficeAdmin } from "../accounts/model.js";
import { get } from "../collections/persistent-map.js";
import { domainError, notPermitted, type DomainError } from "../errors.js";
import {
  describeRemedy,
  factsOf,
  levelOf,
  permits,
  reasonsOf,
  remedyFor,
  ruling,
  type AccessLevel,
  type AccessReason,
  type Action,
  type Facts,
  type Remedy,
} from "../permissions/access.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";

/**
 * May `actorId` do `action` with the contact? Unknown users and contacts get `false`.
 * @example
 * import { can, initialState } from "crm-access";
 * // Neither the user nor the contact exists.
 * assert.strictEqual(can(initialState(), "ann", "edit", "c1"), false);
 * @since 0.1.0
 */
export function can(state: State, actorId: string, action: Action, contactId: string): boolean {
  const user = get(state.users, actorId);
  if (user === undefined) return false;
  const contact = get(state.contacts, contactId);
  if (contact === undefined) return false;
  return permits(factsOf(state, user, contact), action);
}

/**
 * Batch check: of the given contact ids (search hits from the service's own index, say), those `actorId` may
 * `action` — in the given order, each once. Ids of contacts that do not exist, or that the actor may not act
 * on, are left out alike (SEC-2). An unknown user may act on nothing. Costs one `can` per id, less the user
 * lookup.
 * @example
 * import { filterPermitted, initialState } from "crm-access";
 * // No such user, no such contacts.
 * assert.deepStrictEqual(filterPermitted(initialState(), "ann", "edit", ["c1", "c2"]), []);
 * @since 0.2.0
 */
export function filterPermitted(
  state: State,
  actorId: string,
  action: Action,
  contactIds: Iterable<string>,
): readonly string[] {
  const user = get(state.users, actorId);
  if (user === undefined) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const contactId of contactIds) {
    if (seen.has(contactId)) continue;
    seen.add(contactId);
    const contact = get(state.contacts, contactId);
    if (contact !== undefined && permits(factsOf(state, user, contact), action)) out.push(contactId);
  }
  return out;
}

/** The answer of `can` with the rules and grants that decided it. */
export interface Explanation {
  readonly allowed: boolean;
  readonly actor: string;
  readonly action: Action;
  readonly contactId: string;
  /** The strongest access the actor holds, or null for none. */
  readonly level: AccessLevel | null;
  /** The rule that decided (LIF-7 for a frozen contact), then the rules behind each reason. */
  readonly rules: readonly RuleId[];
  readonly reasons: readonly AccessReason[];
  /** For a denial, the smallest change that would allow it (null if none would, or if allowed). */
  readonly remedy: Remedy | null;
  readonly message: string;
}

/**
 * `can`, explained: the outcome, the rules and grants that decided it, and for a denial the smallest change
 * that would allow it. A contact the actor holds no access to is explained as one that does not exist (SEC-2).
 * @example
 * import { explain, initialState, replay } from "crm-access";
 * assert.strictEqual(explain(initialState(), "ann", "edit", "c1").message, "ann cannot edit c1: no user ann");
 * const opened = replay([{ type: "OfficeOpened", at: "2026-03-02T09:00:00Z", by: "ann", officeId: "o1",
 *   officeName: "Harbour Realty", adminId: "ann", adminName: "Ann" }]);
 * assert.ok(opened._tag === "Right");
 * // Ann is now a user, but there is no contact c1: she is told what she would be told of one hidden from her.
 * assert.strictEqual(explain(opened.right, "ann", "edit", "c1").message,
 *   "ann cannot edit c1: no such contact is visible");
 * @since 0.1.0
 */
export function explain(state: State, actorId: string, action: Action, contactId: string): Explanation {
  const user = get(state.users, actorId);
  const contact = get(state.contacts, contactId);
  const facts = user === undefined || contact === undefined ? undefined : factsOf(state, user, contact);
  // SEC-2: a contact the actor holds no access to is explained exactly as an id that does not exist.
  if (facts === undefined || levelOf(facts) === null)
    return unexplained(
      actorId,
      action,
      contactId,
      user === undefined ? `no user ${actorId}` : "no such contact is visible",
    );
  return explained(facts, actorId, action, contactId);
}

/**
 * `explain` asked by someone else, for support screens ("why can't Sue see Bea?"): an active office admin or
 * master user gets the full answer about any user, on any contact the admin can see — a contact hidden from
 * that user too, with the smallest change that would open it. A contact hidden from the admin (another user's
 * personal account, ACC-5) is answered as one that does not exist. A user asking about
 * themselves gets `explain`'s answer. Anyone else is refused with `not_permitted` before anything is read, so
 * the refusal is the same for every user and contact, existing or not (SEC-2).
 * @example
 * import { explainFor, initialState } from "crm-access";
 * assert.deepStrictEqual(explainFor(initialState(), "ada", "sue", "view", "c1"),
 *   { _tag: "Left", left: { code: "user_not_found", rule: "SEC-2", message: "no user ada" } });
 * @since 0.2.0
 */
export function explainFor(
  state: State,
  askerId: string,
  actorId: string,
  action: Action,
  contactId: string,
): E.Either<DomainError, Explanation> {
  const asker = get(state.users, askerId);
  if (asker === undefined) return E.left(domainError("user_not_found", "SEC-2", `no user ${askerId}`));
  if (askerId === actorId) return E.right(explain(state, actorId, action, contactId));
  if (!isOfficeAdmin(asker) || asker.status !== "active") {
    return E.left(
      notPermitted(
        "SEC-2",
        `${askerId} may ask why only about themselves: explaining another user's access is for office admins`,
        { action: "explainOthers", contactId: null },
      ),
    );
  }
  // The admin learns nothing about a contact hidden from them (another user's personal account, ACC-5).
  const contact = get(state.contacts, contactId);
  if (contact === undefined || levelOf(factsOf(state, asker, contact)) === null)
    return E.right(unexplained(actorId, action, contactId, "no such contact is visible"));
  const user = get(state.users, actorId);
  if (user === undefined) return E.right(unexplained(actorId, action, contactId, `no user ${actorId}`));
  return E.right(explained(factsOf(state, user, contact), actorId, action, contactId));
}

function unexplained(actorId: string, action: Action, contactId: string, missing: string): Explanation {
  const denied: Explanation = {
    allowed: false,
    actor: actorId,
    action,
    contactId,
    level: null,
    rules: ["ACC-5"],
    reasons: [],
    remedy: null,
    message: `${actorId} cannot ${action} ${contactId}: ${missing}`,
  };
  return Object.freeze(denied);
}

function explained(facts: Facts, actorId: string, action: Action, contactId: string): Explanation {
  const { allowed, rule } = ruling(facts, action);
  const reasons = reasonsOf(facts);
  const rules: RuleId[] = [rule];
  for (const r of reasons) if (!rules.includes(r.rule)) rules.push(r.rule);
  const remedy = remedyFor(facts, action);
  const because =
    reasons.length === 0
      ? "no access"
      : reasons.map((r) => (r.kind === "grant" ? `${r.level} grant` : r.kind)).join(", ");
  const message = allowed
    ? `${actorId} can ${action} ${contactId} (${because}; ${rules.join(", ")})`
    : `${actorId} cannot ${action} ${contactId} (${because}; ${rules.join(", ")})${remedy === null ? "" : `: it would need ${describeRemedy(remedy)}`}`;
  return Object.freeze({
    allowed,
    actor: actorId,
    action,
    contactId,
    level: levelOf(facts),
    rules,
    reasons,
    remedy,
    message,
  });
}
