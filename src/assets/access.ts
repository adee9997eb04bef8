import { isOfficeAdmin, memberOf, type User } from "../accounts/model.js";
import { get } from "../collections/persistent-map.js";
import { DEFAULT_TEAM_ASSETS } from "../configuration/configuration.js";
import { outsider, type Facts } from "../permissions/access.js";
import type { State } from "../state.js";
import type { AccountRef } from "../wire.js";

/**
 * AST-1, ACC-8: who may use an account's assets — every member of a team (and the office admins, who act in every
 * team account, ACC-1) for a team account; its user alone for a personal account (ACC-5).
 */
export function usesAssetsOf(state: State, user: User, account: AccountRef): boolean {
  if (account.kind === "personal") return account.userId === user.id;
  if (isOfficeAdmin(user)) return true;
  const team = get(state.teams, account.teamId);
  return team !== undefined && memberOf(team, user.id) !== undefined;
}

/**
 * AST-7, AST-1: a viewer sees the tags, custom-field values and lead source a contact carries only when they use the
 * assets of the contact's account: a co-marketing partner outside the team, or anyone a personal contact is
 * shared with, sees none of the owner's organisation (SHR-5, ACC-5).
 */
export function seesAssets(f: Facts): boolean {
  return usesAssetsOf(f.state, f.user, f.contact.account);
}

/** The rule that withholds them: AST-7 for a viewer outside the owner's team (a co-marketing partner), AST-1 for a teammate shown a personal contact. */
export function assetsWithheldBy(f: Facts): "AST-7" | "AST-1" {
  return f.contact.account.kind === "personal" && !outsider(f) ? "AST-1" : "AST-7";
}

/**
 * AST-6, D-127: who creates, and who renames and deletes, an account's assets. A personal account's assets are its
 * user's alone. In a team: `anyMember`; `permissionLevel` — the rainmaker, `enhanced`/`unlimited` members and
 * office admins, who see every team contact (ACC-9), so a deletion's events name only contacts they see (SEC-2);
 * `rainmakerAndAdmins` — the rainmaker and office admins.
 */
export function managesAssets(state: State, user: User, account: AccountRef, what: "create" | "change"): boolean {
  if (account.kind === "personal") return account.userId === user.id;
  if (isOfficeAdmin(user)) return true;
  const team = get(state.teams, account.teamId);
  const member = team === undefined ? undefined : memberOf(team, user.id);
  if (member === undefined) return false;
  const policy = state.configuration.teamAssets ?? DEFAULT_TEAM_ASSETS;
  const rule = what === "create" ? policy.create : policy.change;
  if (rule === "anyMember") return true;
  if (rule === "rainmakerAndAdmins") return member.role === "rainmaker";
  return member.role === "rainmaker" || member.level !== "standard";
}
