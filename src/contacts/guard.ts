import * as E from "../either.js";
import { enterAccount, visitsPersonalAccount } from "../accounts/actor.js";
import type { User } from "../accounts/model.js";
import { get } from "../collections/persistent-map.js";
import { domainError, notPermitted, type DomainError } from "../errors.js";
import {
  describeRemedy,
  factsOf,
  levelOf,
  permits,
  remedyFor,
  ruleOfAction,
  type Action,
  type Facts,
} from "../permissions/access.js";
import type { State } from "../state.js";
import { describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";

/**
 * The contact a command names, as the actor may reach it: a contact the actor cannot see is "not found"
 * (never a hint that it exists, ACC-5), and it must live in the account the command acts in (ACC-6).
 */
export function reachableContact(
  state: State,
  actor: User,
  account: AccountRef,
  contactId: string,
): E.Either<DomainError, Facts> {
  const contact = get(state.contacts, contactId);
  if (contact === undefined)
    return E.left(domainError("contact_not_found", "ACC-5", `no contact ${contactId} visible to ${actor.id}`));
  const facts = factsOf(state, actor, contact);
  if (levelOf(facts) === null)
    return E.left(domainError("contact_not_found", "ACC-5", `no contact ${contactId} visible to ${actor.id}`));
  if (facts.blockedBy !== null) {
    return E.left(
      domainError("contact_frozen", "LIF-7", `contact ${contactId} belongs to ${facts.blockedBy}, who is deactivated`),
    );
  }
  if (!sameAccount(contact.account, account)) {
    return E.left(
      domainError(
        "wrong_account",
        "ACC-6",
        `contact ${contactId} is in the ${describeAccount(contact.account)}, not the ${describeAccount(account)}`,
      ),
    );
  }
  return E.right(facts);
}

/**
 * ACC-1, ACC-5 and ACC-6 for a command on one contact: the actor acts in a team they belong to, in their own
 * personal account, or — on a contact shared with them there — in another user's personal account (D-59).
 */
export function enterContact(
  state: State,
  actor: User,
  account: AccountRef,
  contactId: string,
): E.Either<DomainError, Facts> {
  if (!visitsPersonalAccount(actor, account)) {
    const entered = enterAccount(state, actor, account);
    if (E.isLeft(entered)) return entered;
  }
  return reachableContact(state, actor, account, contactId);
}

/** The action is allowed, or a `not_permitted` error naming its rule and the smallest change that would allow it. */
export function requirePermit(facts: Facts, action: Action): E.Either<DomainError, Facts> {
  if (permits(facts, action)) return E.right(facts);
  const remedy = remedyFor(facts, action);
  const hint = remedy === null ? "" : `; it would need ${describeRemedy(remedy)}`;
  return E.left(
    notPermitted(ruleOfAction(facts, action), `${facts.user.id} may not ${action} contact ${facts.contact.id}${hint}`, {
      action,
      contactId: facts.contact.id,
      remedy,
    }),
  );
}
