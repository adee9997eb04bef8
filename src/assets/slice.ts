/**
 * The assets slice: tags, custom fields and lead sources. One handler per command type and one evolver per event type;
 * `decider.ts` joins the slices and the compiler checks that none is missing (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { AssetCommand } from "./commands.js";
import { decideAssets } from "./decide.js";
import type { AssetEvent } from "./events.js";
import { evolveAssets } from "./evolve.js";

/** Every asset command, routed to the handler that decides it. */
export const assetHandlers: Handlers<AssetCommand, EventsOf<typeof decideAssets>> = {
  createAsset: decideAssets,
  renameAsset: decideAssets,
  deleteAsset: decideAssets,
  tagContact: decideAssets,
  untagContact: decideAssets,
  setFieldValue: decideAssets,
  clearFieldValue: decideAssets,
  setLeadSource: decideAssets,
  clearLeadSource: decideAssets,
};

/** Every asset event, routed to the function that applies it. */
export const assetEvolvers: Evolvers<AssetEvent> = {
  AssetCreated: evolveAssets,
  AssetRenamed: evolveAssets,
  AssetDeleted: evolveAssets,
  ContactTagged: evolveAssets,
  ContactUntagged: evolveAssets,
  FieldValueSet: evolveAssets,
  FieldValueCleared: evolveAssets,
  LeadSourceSet: evolveAssets,
  LeadSourceCleared: evolveAssets,
};
