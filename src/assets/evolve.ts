import { freeze } from "immer";
import { get, remove, set } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { AssetEvent } from "./events.js";
import { assetIndexKey, assetsOfContact, type Asset, type ContactAssets } from "./model.js";

/** The contact's links after a change; an entry that carries nothing is dropped. */
function withLinks(state: State, contactId: string, change: (links: ContactAssets) => ContactAssets): State {
  if (get(state.contacts, contactId) === undefined) return state;
  const next = change(assetsOfContact(state, contactId));
  const empty = next.tags.length === 0 && next.fields.length === 0 && next.source === undefined;
  return Object.freeze({
    ...state,
    contactAssets: empty
      ? remove(state.contactAssets, contactId)
      : set(state.contactAssets, contactId, freeze(next, true)),
  });
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Applies one asset event: a definition, or a link of one contact. */
export function evolveAssets(state: State, event: AssetEvent): State {
  switch (event.type) {
    case "AssetCreated": {
      const asset: Asset = freeze(
        structuredClone({
          id: event.assetId,
          account: event.account,
          kind: event.kind,
          name: event.name,
          ...(event.field === undefined ? {} : { field: event.field }),
        }),
        true,
      );
      const key = assetIndexKey(event.account, event.kind);
      const ids = Object.freeze([...(get(state.assetsByAccount, key) ?? []), event.assetId].sort(byId));
      return Object.freeze({
        ...state,
        assets: set(state.assets, event.assetId, asset),
        assetsByAccount: set(state.assetsByAccount, key, ids),
      });
    }
    case "AssetRenamed": {
      const asset = get(state.assets, event.assetId);
      if (asset === undefined) return state;
      return Object.freeze({
        ...state,
        assets: set(state.assets, asset.id, Object.freeze({ ...asset, name: event.to })),
      });
    }
    case "AssetDeleted": {
      const asset = get(state.assets, event.assetId);
      if (asset === undefined) return state;
      const key = assetIndexKey(asset.account, asset.kind);
      const ids = (get(state.assetsByAccount, key) ?? []).filter((id) => id !== asset.id);
      return Object.freeze({
        ...state,
        assets: remove(state.assets, asset.id),
        assetsByAccount:
          ids.length === 0 ? remove(state.assetsByAccount, key) : set(state.assetsByAccount, key, Object.freeze(ids)),
      });
    }
    case "ContactTagged":
      return withLinks(state, event.contactId, (l) => ({ ...l, tags: [...l.tags, event.tagId].sort(byId) }));
    case "ContactUntagged":
      return withLinks(state, event.contactId, (l) => ({ ...l, tags: l.tags.filter((t) => t !== event.tagId) }));
    case "FieldValueSet":
      return withLinks(state, event.contactId, (l) => ({
        ...l,
        fields: [
          ...l.fields.filter((f) => f.fieldId !== event.fieldId),
          { fieldId: event.fieldId, value: event.value },
        ].sort((a, b) => byId(a.fieldId, b.fieldId)),
      }));
    case "FieldValueCleared":
      return withLinks(state, event.contactId, (l) => ({
        ...l,
        fields: l.fields.filter((f) => f.fieldId !== event.fieldId),
      }));
    case "LeadSourceSet":
      return withLinks(state, event.contactId, (l) => ({ ...l, source: { ...event.source } }));
    case "LeadSourceCleared":
      return withLinks(state, event.contactId, ({ source: _gone, ...l }) => l);
  }
}
