/**
 * The applets slice: opportunities and email campaigns. One handler per command type and one evolver per event type;
 * `decider.ts` joins the slices and the compiler checks that none is missing (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { AppletCommand } from "./commands.js";
import { decideApplets } from "./decide.js";
import type { AppletEvent } from "./events.js";
import { evolveApplets } from "./evolve.js";

/** Every applet command, routed to the handler that decides it. */
export const appletHandlers: Handlers<AppletCommand, EventsOf<typeof decideApplets>> = {
  createOpportunity: decideApplets,
  updateOpportunity: decideApplets,
  closeOpportunity: decideApplets,
  deleteOpportunity: decideApplets,
  createCampaign: decideApplets,
  deleteCampaign: decideApplets,
  addCampaignMember: decideApplets,
  removeCampaignMember: decideApplets,
  sendCampaign: decideApplets,
};

/** Every applet event, routed to the function that applies it. */
export const appletEvolvers: Evolvers<AppletEvent> = {
  OpportunityCreated: evolveApplets,
  OpportunityUpdated: evolveApplets,
  OpportunityClosed: evolveApplets,
  OpportunityDeleted: evolveApplets,
  OpportunityUnlinked: evolveApplets,
  CampaignCreated: evolveApplets,
  CampaignDeleted: evolveApplets,
  CampaignMemberAdded: evolveApplets,
  CampaignMemberRemoved: evolveApplets,
  CampaignEmailSent: evolveApplets,
  CampaignEmailSkipped: evolveApplets,
  CampaignSent: evolveApplets,
};
