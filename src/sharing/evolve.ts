import { get, set } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { SharingEvent } from "./events.js";

function link(state: State, a: string, b: string, on: boolean): State {
  const next = (get(state.partners, a) ?? []).filter((p) => p !== b);
  if (on) next.push(b);
  next.sort();
  return Object.freeze({ ...state, partners: set(state.partners, a, Object.freeze(next)) });
}

/** Applies one partnership or bulk-reassignment event; the contact changes travel as contact events. */
export function evolveSharing(state: State, event: SharingEvent): State {
  switch (event.type) {
    case "PartnershipStarted":
      return link(link(state, event.userId, event.partnerId, true), event.partnerId, event.userId, true);
    case "PartnershipEnded":
      return link(link(state, event.userId, event.partnerId, false), event.partnerId, event.userId, false);
    case "ReassignmentRefused":
    case "ContactsReassigned":
    case "TransferRefused":
    case "ContactsTransferred":
      return state;
  }
}
