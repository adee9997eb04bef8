/**
 * The contacts slice: contacts, their grants, primary, owner and account. One handler per command type and one
 * evolver per event type; `decider.ts` joins the slices and the compiler checks that none is missing
 * (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { ContactCommand } from "./commands.js";
import { decideContacts } from "./decide.js";
import type { ContactEvent } from "./events.js";
import { evolveContacts } from "./evolve.js";

/** Every contact command, routed to the handler that decides it. */
export const contactHandlers: Handlers<ContactCommand, EventsOf<typeof decideContacts>> = {
  addContact: decideContacts,
  importContacts: decideContacts,
  grantAccess: decideContacts,
  revokeAccess: decideContacts,
  changePrimary: decideContacts,
  unassignSelf: decideContacts,
  changeOwner: decideContacts,
  moveContact: decideContacts,
  linkToListing: decideContacts,
  deleteContact: decideContacts,
  editContact: decideContacts,
  addContactPoint: decideContacts,
  removeContactPoint: decideContacts,
  setLeadStatus: decideContacts,
};

/** Every contact event, routed to the function that applies it. */
export const contactEvolvers: Evolvers<ContactEvent> = {
  ContactAdded: evolveContacts,
  ContactMatched: evolveContacts,
  ImportRowRefused: evolveContacts,
  ContactsImported: evolveContacts,
  AccessGranted: evolveContacts,
  AccessRevoked: evolveContacts,
  PrimaryChanged: evolveContacts,
  OwnershipChanged: evolveContacts,
  ContactMoved: evolveContacts,
  ContactLinkedToListing: evolveContacts,
  ContactDeleted: evolveContacts,
  ContactEdited: evolveContacts,
  LeadStatusChanged: evolveContacts,
};
