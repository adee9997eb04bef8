import * as E from "../either.js";
import { get } from "../collections/persistent-map.js";
import { domainError, type DomainError } from "../errors.js";
import type { State } from "../state.js";
import { describeAccount } from "./account-ref.js";
import type { AccountRef } from "../wire.js";
import { isOfficeAdmin, memberOf, type Team, type User } from "./model.js";

/** The acting user: the office is open, the user exists and is active (LIF-7). */
export function actingUser(state: State, actorId: string): E.Either<DomainError, User> {
  if (state.office === null) return E.left(domainError("office_not_open", "office", "no office has been opened yet"));
  const user = get(state.users, actorId);
  if (user === undefined) return E.left(domainError("actor_not_found", "office", `no user ${actorId} in this office`));
  if (user.status !== "active") {
    return E.left(
      domainError("actor_deactivated", "LIF-7", `${actorId} is deactivated and cannot act until reactivated`),
    );
  }
  return E.right(user);
}

export function actingOfficeAdmin(state: State, actorId: string): E.Either<DomainError, User> {
  const actor = actingUser(state, actorId);
  if (E.isLeft(actor)) return actor;
  if (!isOfficeAdmin(actor.right)) {
    return E.left(domainError("not_office_admin", "office", `${actorId} is not an office admin or master user`));
  }
  return actor;
}

/** A user the command names (not the actor): registered and active. */
export function activeUser(state: State, userId: string): E.Either<DomainError, User> {
  const user = get(state.users, userId);
  if (user === undefined) return E.left(domainError("user_not_found", "office", `no user ${userId} in this office`));
  if (user.status !== "active") {
    return E.left(domainError("user_deactivated", "LIF-7", `${userId} is deactivated until reactivated`));
  }
  return E.right(user);
}

export function existingTeam(state: State, teamId: string): E.Either<DomainError, Team> {
  const team = get(state.teams, teamId);
  return team === undefined ? E.left(domainError("team_not_found", "ACC-1", `no team ${teamId}`)) : E.right(team);
}

/**
 * Acting in another user's personal account, which a command on one contact may do when that contact is shared
 * with the actor (D-59): whether it is, is the contact's own check (`enterContact`).
 */
export function visitsPersonalAccount(actor: User, account: AccountRef): boolean {
  return account.kind === "personal" && account.userId !== actor.id;
}

/**
 * ACC-1: a member acts in their team's account or in their own personal account; office admins may act in
 * any team account, never in another user's personal account (ACC-5).
 */
export function enterAccount(state: State, actor: User, account: AccountRef): E.Either<DomainError, Team | null> {
  if (account.kind === "personal") {
    if (account.userId === actor.id) return E.right(null);
    return E.left(
      domainError("account_not_allowed", "ACC-5", `${actor.id} cannot act in the ${describeAccount(account)}`),
    );
  }
  const team = existingTeam(state, account.teamId);
  if (E.isLeft(team)) return team;
  if (memberOf(team.right, actor.id) === undefined && !isOfficeAdmin(actor)) {
    return E.left(domainError("account_not_allowed", "ACC-1", `${actor.id} is not a member of team ${account.teamId}`));
  }
  return team;
}
