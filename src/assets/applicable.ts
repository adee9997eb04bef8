import { forEach, get, has } from "../collections/persistent-map.js";
import { domainError, type DomainError, type PlainErrorCode } from "../errors.js";
import type { State } from "../state.js";
import { accountKey, describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import type { AssetEvent } from "./events.js";
import {
  ASSET_LIMITS,
  assetIndexKey,
  assetsOfContact,
  fieldSpecProblem,
  fieldValueProblem,
  type Asset,
  type AssetKind,
} from "./model.js";

const refuse = (code: PlainErrorCode, message: string): DomainError => domainError(code, "SEC-8", message);

function known(state: State, account: AccountRef): DomainError | null {
  if (account.kind === "personal")
    return has(state.users, account.userId) ? null : refuse("user_not_found", `no user ${account.userId}`);
  return has(state.teams, account.teamId) ? null : refuse("team_not_found", `no team ${account.teamId}`);
}

function nameTaken(state: State, account: AccountRef, kind: AssetKind, name: string, except: string | null): boolean {
  const key = name.trim().toLowerCase();
  return (get(state.assetsByAccount, assetIndexKey(account, kind)) ?? []).some(
    (id) => id !== except && get(state.assets, id)?.name.trim().toLowerCase() === key,
  );
}

/** The asset a link names, of its kind and in the contact's account (AST-2), or why not. */
function linkable(state: State, contactId: string, assetId: string, kind: AssetKind): Asset | DomainError {
  const contact = get(state.contacts, contactId);
  if (contact === undefined) return refuse("contact_not_found", `no contact ${contactId}`);
  const asset = get(state.assets, assetId);
  if (asset === undefined || asset.kind !== kind) return refuse("asset_not_found", `no ${kind} ${assetId}`);
  if (!sameAccount(asset.account, contact.account))
    return refuse(
      "wrong_account",
      `${kind} ${assetId} is not an asset of the ${describeAccount(contact.account)} (AST-2)`,
    );
  return asset;
}

const isError = (x: Asset | DomainError): x is DomainError => "code" in x;

/** SEC-8 for asset events: what `decideAssets` guarantees about the definitions and links an event names. */
export function assetApplicable(state: State, event: AssetEvent): DomainError | null {
  const links = "contactId" in event ? assetsOfContact(state, event.contactId) : null;
  switch (event.type) {
    case "AssetCreated": {
      if (has(state.assets, event.assetId)) return refuse("duplicate_id", `asset ${event.assetId} already exists`);
      if ((event.kind === "field") !== (event.field !== undefined))
        return refuse(
          "invalid_event",
          `a ${event.kind} ${event.field === undefined ? "lacks" : "has no"} field definition`,
        );
      const problem = event.field === undefined ? null : fieldSpecProblem(event.field);
      if (problem !== null) return refuse("invalid_event", problem);
      if (
        (get(state.assetsByAccount, assetIndexKey(event.account, event.kind))?.length ?? 0) >= ASSET_LIMITS[event.kind]
      )
        return refuse(
          "asset_limit_reached",
          `the ${describeAccount(event.account)} holds ${ASSET_LIMITS[event.kind]} ${event.kind}s already`,
        );
      if (nameTaken(state, event.account, event.kind, event.name, null))
        return refuse(
          "asset_exists",
          `the ${describeAccount(event.account)} already has a ${event.kind} named ${event.name}`,
        );
      return known(state, event.account);
    }
    case "AssetRenamed": {
      const asset = get(state.assets, event.assetId);
      if (asset === undefined) return refuse("asset_not_found", `no asset ${event.assetId}`);
      if (asset.name !== event.from)
        return refuse("invalid_event", `asset ${asset.id} is named ${asset.name}, not ${event.from}`);
      return nameTaken(state, asset.account, asset.kind, event.to, asset.id)
        ? refuse("asset_exists", `the ${describeAccount(asset.account)} already has a ${asset.kind} named ${event.to}`)
        : null;
    }
    case "AssetDeleted": {
      const asset = get(state.assets, event.assetId);
      if (asset === undefined) return refuse("asset_not_found", `no asset ${event.assetId}`);
      // AST-6: the links to it end first, one event each.
      let carried = false;
      const contacts = get(state.contactsByAccount, accountKey(asset.account));
      if (contacts !== undefined) {
        forEach(contacts, (_t, contactId) => {
          const l = assetsOfContact(state, contactId);
          carried ||=
            l.tags.includes(asset.id) ||
            l.fields.some((f) => f.fieldId === asset.id) ||
            (l.source?.kind === "custom" && l.source.assetId === asset.id);
        });
      }
      return carried ? refuse("asset_in_use", `asset ${asset.id} is still carried by a contact`) : null;
    }
    case "ContactTagged": {
      const tag = linkable(state, event.contactId, event.tagId, "tag");
      if (isError(tag)) return tag;
      return links?.tags.includes(tag.id) === true
        ? refuse("no_change", `contact ${event.contactId} already carries tag ${tag.id}`)
        : null;
    }
    case "ContactUntagged":
      return links?.tags.includes(event.tagId) === true
        ? null
        : refuse("no_change", `contact ${event.contactId} does not carry tag ${event.tagId}`);
    case "FieldValueSet": {
      const field = linkable(state, event.contactId, event.fieldId, "field");
      if (isError(field)) return field;
      const problem = fieldValueProblem(field.field ?? { type: "text" }, event.value);
      return problem === null ? null : refuse("invalid_field_value", `${field.id}: ${problem}`);
    }
    case "FieldValueCleared":
      return links?.fields.some((f) => f.fieldId === event.fieldId) === true
        ? null
        : refuse("no_change", `contact ${event.contactId} has no value for ${event.fieldId}`);
    case "LeadSourceSet": {
      if (event.source.kind === "builtIn")
        return has(state.contacts, event.contactId)
          ? null
          : refuse("contact_not_found", `no contact ${event.contactId}`);
      const source = linkable(state, event.contactId, event.source.assetId, "leadSource");
      return isError(source) ? source : null;
    }
    case "LeadSourceCleared":
      return links?.source === undefined ? refuse("no_change", `contact ${event.contactId} has no lead source`) : null;
  }
}

/** ACC-7, SHR-7: a contact moves or goes only once its links have ended, one event each (AST-3). */
export function carriesAssets(state: State, contactId: string, keepBuiltIn: boolean): boolean {
  const l = get(state.contactAssets, contactId);
  if (l === undefined) return false;
  return (
    l.tags.length > 0 ||
    l.fields.length > 0 ||
    (l.source !== undefined && !(keepBuiltIn && l.source.kind === "builtIn"))
  );
}
