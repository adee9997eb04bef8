import { get } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { AccountRef } from "../wire.js";
import { usesAssetsOf } from "./access.js";
import { assetIndexKey, AssetKind, type Asset } from "./model.js";

/**
 * The tags, custom fields and lead sources `userId` may use in `account` (AST-1, ACC-8), by kind then name: a team's
 * to its members and the office admins, a personal account's to its user. For any other asker the answer is empty,
 * exactly as for an account with no assets, so nobody learns another user's personal assets exist (SEC-2).
 * @example
 * import { initialState, usableAssets } from "crm-access";
 * assert.deepStrictEqual(usableAssets(initialState(), "ann", { kind: "personal", userId: "ann" }), []);
 * @since 0.3.0
 */
export function usableAssets(state: State, userId: string, account: AccountRef, kind?: AssetKind): readonly Asset[] {
  const user = get(state.users, userId);
  if (user === undefined || !usesAssetsOf(state, user, account)) return [];
  const out: Asset[] = [];
  for (const k of kind === undefined ? AssetKind.options : [kind]) {
    const ids = get(state.assetsByAccount, assetIndexKey(account, k)) ?? [];
    const assets = ids.flatMap((id) => get(state.assets, id) ?? []);
    out.push(...assets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)));
  }
  return Object.freeze(out);
}
