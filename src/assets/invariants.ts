import type { InvariantBreach } from "../snapshot/invariants.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { accountKey, describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import { ASSET_LIMITS, fieldSpecProblem, fieldValueProblem, type AssetKind } from "./model.js";

type Path = readonly (string | number)[];
type AssetEntry = NonNullable<Snapshot["assets"]>[number];

const breach = (message: string, path: Path): InvariantBreach =>
  Object.freeze({ message, path: Object.freeze([...path]) });

/**
 * AST-1, AST-2, SEC-7: each asset once, in a known account, with a definition only a custom field has, a name its
 * account's assets of that kind do not repeat, no more of a kind than the limit; each contact's links name assets of
 * its own account (AST-2), each once, sorted, with values their fields take. Linear in the snapshot.
 */
export function checkAssets(
  snapshot: Snapshot,
  knownAccount: (account: AccountRef) => boolean,
  accountOf: (contactId: string) => AccountRef | undefined,
): InvariantBreach | null {
  const assets = new Map<string, AssetEntry>();
  const names = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const [i, a] of (snapshot.assets ?? []).entries()) {
    const at = ["assets", i];
    if (assets.has(a.id)) return breach(`asset ${a.id} appears twice`, [...at, "id"]);
    assets.set(a.id, a);
    if (!knownAccount(a.account))
      return breach(`asset ${a.id} is in an unknown account (${describeAccount(a.account)})`, [...at, "account"]);
    if ((a.kind === "field") !== (a.field !== undefined))
      return breach(`asset ${a.id}: only a custom field has a field definition`, [...at, "field"]);
    const problem = a.field === undefined ? null : fieldSpecProblem(a.field);
    if (problem !== null) return breach(`custom field ${a.id}: ${problem}`, [...at, "field"]);
    const key = `${accountKey(a.account)}\u0001${a.kind}`;
    const taken = names.get(key) ?? new Set<string>();
    const name = a.name.trim().toLowerCase();
    if (taken.has(name))
      return breach(`the ${describeAccount(a.account)} has two ${a.kind}s named ${a.name} (AST-1)`, [...at, "name"]);
    names.set(key, taken.add(name));
    const count = (counts.get(key) ?? 0) + 1;
    if (count > ASSET_LIMITS[a.kind])
      return breach(`the ${describeAccount(a.account)} holds more than ${ASSET_LIMITS[a.kind]} ${a.kind}s`, at);
    counts.set(key, count);
  }
  const seen = new Set<string>();
  for (const [i, entry] of (snapshot.contactAssets ?? []).entries()) {
    const at = ["contactAssets", i];
    const c = entry.contactId;
    if (seen.has(c)) return breach(`the assets of contact ${c} appear twice`, [...at, "contactId"]);
    seen.add(c);
    const home = accountOf(c);
    if (home === undefined) return breach(`assets for unknown contact ${c}`, [...at, "contactId"]);
    if (entry.tags.length === 0 && entry.fields.length === 0 && entry.source === undefined)
      return breach(`contact ${c} is listed carrying no asset`, at);
    const own = (id: string, kind: AssetKind, path: Path): InvariantBreach | null => {
      const asset = assets.get(id);
      if (asset === undefined || asset.kind !== kind) return breach(`contact ${c} carries unknown ${kind} ${id}`, path);
      return sameAccount(asset.account, home)
        ? null
        : breach(
            `contact ${c} in the ${describeAccount(home)} carries ${kind} ${id} of the ${describeAccount(asset.account)} (AST-2, ACC-6)`,
            path,
          );
    };
    for (const [j, tagId] of entry.tags.entries()) {
      const wrong = own(tagId, "tag", [...at, "tags", j]);
      if (wrong !== null) return wrong;
      if (j > 0 && (entry.tags[j - 1] as string) >= tagId)
        return breach(`the tags of contact ${c} are not sorted once each`, [...at, "tags", j]);
    }
    for (const [j, f] of entry.fields.entries()) {
      const wrong = own(f.fieldId, "field", [...at, "fields", j, "fieldId"]);
      if (wrong !== null) return wrong;
      if (j > 0 && (entry.fields[j - 1]?.fieldId as string) >= f.fieldId)
        return breach(`the field values of contact ${c} are not sorted once each`, [...at, "fields", j]);
      const problem = fieldValueProblem(assets.get(f.fieldId)?.field ?? { type: "text" }, f.value);
      if (problem !== null)
        return breach(`contact ${c}, field ${f.fieldId}: ${problem}`, [...at, "fields", j, "value"]);
    }
    if (entry.source?.kind === "custom") {
      const wrong = own(entry.source.assetId, "leadSource", [...at, "source", "assetId"]);
      if (wrong !== null) return wrong;
    }
  }
  return null;
}
