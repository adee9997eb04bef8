import * as E from "../either.js";
import { actingUser, enterAccount } from "../accounts/actor.js";
import type { User } from "../accounts/model.js";
import { forEach, get, has } from "../collections/persistent-map.js";
import { DEFAULT_TEAM_ASSETS } from "../configuration/configuration.js";
import { enterContact, requirePermit } from "../contacts/guard.js";
import { domainError, invalidInput, notPermitted, type DomainError } from "../errors.js";
import { ruleOfAction } from "../permissions/access.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";
import { accountKey, describeAccount, sameAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import { assetsWithheldBy, managesAssets, seesAssets, usesAssetsOf } from "./access.js";
import type { AssetCommand } from "./commands.js";
import type { AssetEvent } from "./events.js";
import {
  ASSET_LIMITS,
  assetIndexKey,
  assetsOfContact,
  fieldSpecProblem,
  fieldValueProblem,
  KIND_WORDS,
  type Asset,
  type AssetKind,
  type ContactAssets,
} from "./model.js";

type Decision = E.Either<DomainError, readonly AssetEvent[]>;

/** Two names are the same name whatever their case and surrounding spaces (D-133). */
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * AST-3 (ACC-7 on a move), SHR-7 (a delete) and AST-6 (the asset deleted, `onlyAsset`): the contact's links end, one
 * event each. A move keeps a built-in lead source, which belongs to no account (D-129).
 */
export function endAssetLinks(
  state: State,
  command: { at: string; actor: string },
  contactId: string,
  rule: RuleId,
  onlyAsset?: string,
): AssetEvent[] {
  const links = get(state.contactAssets, contactId);
  if (links === undefined) return [];
  const { at, actor: by } = command;
  const events: AssetEvent[] = [];
  for (const tagId of links.tags)
    if (onlyAsset === undefined || onlyAsset === tagId)
      events.push({ type: "ContactUntagged", at, by, contactId, tagId, rule });
  for (const { fieldId } of links.fields)
    if (onlyAsset === undefined || onlyAsset === fieldId)
      events.push({ type: "FieldValueCleared", at, by, contactId, fieldId, rule });
  const source = links.source;
  if (source !== undefined) {
    const ends =
      source.kind === "custom"
        ? onlyAsset === undefined || onlyAsset === source.assetId
        : onlyAsset === undefined && rule !== "ACC-7";
    if (ends) events.push({ type: "LeadSourceCleared", at, by, contactId, rule });
  }
  return events;
}

/** Whether the contact carries the asset. */
function carries(links: ContactAssets, assetId: string): boolean {
  return (
    links.tags.includes(assetId) ||
    links.fields.some((f) => f.fieldId === assetId) ||
    (links.source?.kind === "custom" && links.source.assetId === assetId)
  );
}

/** An asset of the account the command acts in, or "not found" (AST-1: the same answer for one that exists elsewhere). */
function assetIn(state: State, account: AccountRef, assetId: string): E.Either<DomainError, Asset> {
  const asset = get(state.assets, assetId);
  if (asset === undefined || !sameAccount(asset.account, account))
    return E.left(domainError("asset_not_found", "AST-1", `no asset ${assetId} in the ${describeAccount(account)}`));
  return E.right(asset);
}

/**
 * An asset of `kind` the actor may use (AST-1), in the contact's account (AST-2): another user's personal asset is
 * refused exactly as one that does not exist (SEC-2); one the actor uses in another account is `wrong_account` (ACC-6).
 */
function usableOn(
  state: State,
  actor: User,
  contactAccount: AccountRef,
  kind: AssetKind,
  assetId: string,
): E.Either<DomainError, Asset> {
  const asset = get(state.assets, assetId);
  if (asset === undefined || asset.kind !== kind || !usesAssetsOf(state, actor, asset.account)) {
    return E.left(domainError("asset_not_found", "AST-1", `no ${KIND_WORDS[kind]} ${assetId} usable by ${actor.id}`));
  }
  if (!sameAccount(asset.account, contactAccount)) {
    return E.left(
      domainError(
        "wrong_account",
        "ACC-6",
        `${KIND_WORDS[kind]} ${assetId} belongs to the ${describeAccount(asset.account)}; the contact is in the ${describeAccount(contactAccount)} (AST-2)`,
      ),
    );
  }
  return E.right(asset);
}

function mayManage(
  state: State,
  actor: User,
  account: AccountRef,
  what: "create" | "change",
): E.Either<DomainError, true> {
  if (managesAssets(state, actor, account, what)) return E.right(true);
  const policy = state.configuration.teamAssets ?? DEFAULT_TEAM_ASSETS;
  return E.left(
    notPermitted(
      "AST-6",
      `${actor.id} may not ${what === "create" ? "create" : "rename or delete"} the assets of the ${describeAccount(account)} (teamAssets.${what}: ${policy[what]})`,
      { action: what === "create" ? "createAssets" : "changeAssets", contactId: null },
    ),
  );
}

/** A name another asset of the same kind in the account already has (D-133). */
function nameTaken(state: State, account: AccountRef, kind: AssetKind, name: string, except: string | null): boolean {
  for (const id of get(state.assetsByAccount, assetIndexKey(account, kind)) ?? []) {
    if (id !== except && sameName(get(state.assets, id)?.name ?? "", name)) return true;
  }
  return false;
}

/** Tags, custom fields and lead sources: their definitions (AST-1, AST-6) and what each contact carries (AST-2). */
export function decideAssets(state: State, command: AssetCommand): Decision {
  const actor = actingUser(state, command.actor);
  if (E.isLeft(actor)) return actor;
  const { at, actor: by } = command;
  switch (command.type) {
    case "createAsset":
    case "renameAsset":
    case "deleteAsset": {
      const entered = enterAccount(state, actor.right, command.account);
      if (E.isLeft(entered)) return entered;
      if (command.type === "createAsset") return decideCreate(state, actor.right, command);
      const asset = assetIn(state, command.account, command.assetId);
      if (E.isLeft(asset)) return asset;
      const allowed = mayManage(state, actor.right, command.account, "change");
      if (E.isLeft(allowed)) return allowed;
      const a = asset.right;
      if (command.type === "renameAsset") {
        if (a.name === command.name)
          return E.left(domainError("no_change", "input", `${KIND_WORDS[a.kind]} ${a.id} is already named ${a.name}`));
        if (nameTaken(state, a.account, a.kind, command.name, a.id))
          return E.left(
            domainError(
              "asset_exists",
              "AST-1",
              `the ${describeAccount(a.account)} already has a ${KIND_WORDS[a.kind]} named ${command.name}`,
            ),
          );
        return E.right([{ type: "AssetRenamed", at, by, assetId: a.id, from: a.name, to: command.name }]);
      }
      return decideDelete(state, command, a);
    }
    default:
      return decideLink(state, actor.right, command);
  }
}

function decideCreate(state: State, actor: User, command: Extract<AssetCommand, { type: "createAsset" }>): Decision {
  const allowed = mayManage(state, actor, command.account, "create");
  if (E.isLeft(allowed)) return allowed;
  // A taken id is refused naming nothing about the asset that holds it, which may be another user's (SEC-2).
  if (has(state.assets, command.assetId))
    return E.left(domainError("duplicate_id", "input", `asset id ${command.assetId} is already taken`));
  const { kind, field } = command;
  if ((kind === "field") !== (field !== undefined))
    return E.left(
      invalidInput(
        kind === "field"
          ? "a custom field brings its definition (`field`)"
          : `a ${KIND_WORDS[kind]} has no field definition`,
        ["field"],
      ),
    );
  const problem = field === undefined ? null : fieldSpecProblem(field);
  if (problem !== null) return E.left(invalidInput(problem, ["field"]));
  const held = get(state.assetsByAccount, assetIndexKey(command.account, kind))?.length ?? 0;
  if (held >= ASSET_LIMITS[kind])
    return E.left(
      domainError(
        "asset_limit_reached",
        "AST-1",
        `the ${describeAccount(command.account)} already holds ${ASSET_LIMITS[kind]} ${KIND_WORDS[kind]}s, the most it may`,
      ),
    );
  if (nameTaken(state, command.account, kind, command.name, null))
    return E.left(
      domainError(
        "asset_exists",
        "AST-1",
        `the ${describeAccount(command.account)} already has a ${KIND_WORDS[kind]} named ${command.name}`,
      ),
    );
  const definition =
    field === undefined
      ? {}
      : {
          field: field.options === undefined ? { type: field.type } : { type: field.type, options: [...field.options] },
        };
  return E.right([
    {
      type: "AssetCreated",
      at: command.at,
      by: command.actor,
      assetId: command.assetId,
      account: command.account,
      kind,
      name: command.name,
      ...definition,
    },
  ]);
}

/** AST-6: the links to a deleted asset end first, one event each — or, where so configured, the deletion waits until none is left. */
function decideDelete(state: State, command: Extract<AssetCommand, { type: "deleteAsset" }>, asset: Asset): Decision {
  const carriers: string[] = [];
  const contacts = get(state.contactsByAccount, accountKey(asset.account));
  if (contacts !== undefined)
    forEach(
      contacts,
      (_t, contactId) => void (carries(assetsOfContact(state, contactId), asset.id) && carriers.push(contactId)),
    );
  carriers.sort();
  const policy = state.configuration.teamAssets ?? DEFAULT_TEAM_ASSETS;
  if (carriers.length > 0 && asset.account.kind === "team" && policy.onDelete === "refuse") {
    return E.left(
      domainError(
        "asset_in_use",
        "AST-6",
        `${KIND_WORDS[asset.kind]} ${asset.id} is carried by ${carriers.length} contact(s); take it off them first (teamAssets.onDelete: refuse)`,
      ),
    );
  }
  const events = carriers.flatMap((contactId) => endAssetLinks(state, command, contactId, "AST-6", asset.id));
  events.push({ type: "AssetDeleted", at: command.at, by: command.actor, assetId: asset.id });
  return E.right(events);
}

type LinkCommand = Exclude<AssetCommand, { type: "createAsset" | "renameAsset" | "deleteAsset" }>;

/** AST-2: what a contact carries, changed by someone who may edit it (ASG-2, ASG-3) and sees its assets (AST-7, SEC-4). */
function decideLink(state: State, actor: User, command: LinkCommand): Decision {
  const reached = enterContact(state, actor, command.account, command.contactId);
  if (E.isLeft(reached)) return reached;
  const facts = reached.right;
  const ok = requirePermit(facts, "edit");
  if (E.isLeft(ok)) return ok;
  const contact = facts.contact;
  if (!seesAssets(facts)) {
    return E.left(
      notPermitted(
        assetsWithheldBy(facts),
        `${actor.id} may not change the tags, custom fields or lead source of contact ${contact.id}: the ${describeAccount(contact.account)}'s organisation is withheld from their view`,
        { action: "changeContactAssets", contactId: contact.id },
      ),
    );
  }
  const links = assetsOfContact(state, contact.id);
  const { at, actor: by, contactId } = command;
  const rule = ruleOfAction(facts, "edit");
  const noChange = (what: string) => E.left(domainError("no_change", "input", `contact ${contactId} ${what}`));
  switch (command.type) {
    case "tagContact":
    case "untagContact": {
      const tag = usableOn(state, actor, contact.account, "tag", command.tagId);
      if (E.isLeft(tag)) return tag;
      const tagged = links.tags.includes(command.tagId);
      if (command.type === "tagContact")
        return tagged
          ? noChange(`already carries tag ${command.tagId}`)
          : E.right([{ type: "ContactTagged", at, by, contactId, tagId: command.tagId }]);
      return tagged
        ? E.right([{ type: "ContactUntagged", at, by, contactId, tagId: command.tagId, rule }])
        : noChange(`does not carry tag ${command.tagId}`);
    }
    case "setFieldValue":
    case "clearFieldValue": {
      const field = usableOn(state, actor, contact.account, "field", command.fieldId);
      if (E.isLeft(field)) return field;
      const held = links.fields.find((f) => f.fieldId === command.fieldId);
      if (command.type === "clearFieldValue")
        return held === undefined
          ? noChange(`has no value for ${command.fieldId}`)
          : E.right([{ type: "FieldValueCleared", at, by, contactId, fieldId: command.fieldId, rule }]);
      const spec = field.right.field ?? { type: "text" as const };
      const problem = fieldValueProblem(spec, command.value);
      if (problem !== null) return E.left(domainError("invalid_field_value", "input", `${field.right.id}: ${problem}`));
      if (held?.value === command.value) return noChange(`already holds that value for ${command.fieldId}`);
      return E.right([{ type: "FieldValueSet", at, by, contactId, fieldId: command.fieldId, value: command.value }]);
    }
    case "setLeadSource": {
      const source = command.source;
      if (source.kind === "custom") {
        const asset = usableOn(state, actor, contact.account, "leadSource", source.assetId);
        if (E.isLeft(asset)) return asset;
      }
      const held = links.source;
      const same =
        held !== undefined &&
        (held.kind === "builtIn"
          ? source.kind === "builtIn" && source.name === held.name
          : source.kind === "custom" && source.assetId === held.assetId);
      if (same) return noChange("already has that lead source");
      return E.right([
        {
          type: "LeadSourceSet",
          at,
          by,
          contactId,
          source:
            source.kind === "builtIn"
              ? { kind: "builtIn", name: source.name }
              : { kind: "custom", assetId: source.assetId },
        },
      ]);
    }
    case "clearLeadSource":
      return links.source === undefined
        ? noChange("has no lead source")
        : E.right([{ type: "LeadSourceCleared", at, by, contactId, rule }]);
  }
}
