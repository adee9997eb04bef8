/**
 * The sharing slice: partnerships, sharing and bulk reassignment. One handler per command type and one evolver per
 * event type; `decider.ts` joins the slices and the compiler checks that none is missing (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { SharingCommand } from "./commands.js";
import { decideSharing } from "./decide.js";
import type { SharingEvent } from "./events.js";
import { evolveSharing } from "./evolve.js";

/** Every sharing command, routed to the handler that decides it. */
export const sharingHandlers: Handlers<SharingCommand, EventsOf<typeof decideSharing>> = {
  startPartnership: decideSharing,
  endPartnership: decideSharing,
  shareContact: decideSharing,
  unshareContact: decideSharing,
  assignToPartner: decideSharing,
  assignContact: decideSharing,
  reassignContacts: decideSharing,
  transferContacts: decideSharing,
};

/** Every sharing event, routed to the function that applies it. */
export const sharingEvolvers: Evolvers<SharingEvent> = {
  PartnershipStarted: evolveSharing,
  PartnershipEnded: evolveSharing,
  ReassignmentRefused: evolveSharing,
  ContactsReassigned: evolveSharing,
  TransferRefused: evolveSharing,
  ContactsTransferred: evolveSharing,
};
