import type { AccountRef } from "../wire.js";

/** The account's key in the state's indexes: `team:<id>` or `personal:<id>`. */
export function accountKey(account: AccountRef): string {
  return account.kind === "team" ? `team:${account.teamId}` : `personal:${account.userId}`;
}

/** Whether two references name the same account (ACC-1). */
export function sameAccount(a: AccountRef, b: AccountRef): boolean {
  return a.kind === "team"
    ? b.kind === "team" && a.teamId === b.teamId
    : b.kind === "personal" && a.userId === b.userId;
}

/** The account in words, for messages: "team account t1", "personal account of ann". */
export function describeAccount(account: AccountRef): string {
  return account.kind === "team" ? `team account ${account.teamId}` : `personal account of ${account.userId}`;
}
