import { get, has, remove, set } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { LifecycleEvent } from "./events.js";
import { optOutKey } from "./model.js";

/** Applies one archive or opt-out event. Opt-outs live apart from contacts, so deleting a contact keeps them (LIF-4). */
export function evolveLifecycle(state: State, event: LifecycleEvent): State {
  switch (event.type) {
    case "ContactArchived":
      if (get(state.contacts, event.contactId) === undefined) return state;
      return Object.freeze({
        ...state,
        archive: set(
          state.archive,
          event.contactId,
          Object.freeze({ reason: event.reason, at: event.at, by: event.by }),
        ),
      });
    case "ContactUnarchived":
      return Object.freeze({ ...state, archive: remove(state.archive, event.contactId) });
    case "OptedOut":
      if (has(state.optOuts, optOutKey(event.address))) return state; // the first opt-out stands until an opt-in (LIF-3)
      return Object.freeze({
        ...state,
        optOuts: set(
          state.optOuts,
          optOutKey(event.address),
          Object.freeze({ address: Object.freeze({ ...event.address }), at: event.at, channel: event.channel }),
        ),
      });
    case "OptedIn":
      return Object.freeze({ ...state, optOuts: remove(state.optOuts, optOutKey(event.address)) });
  }
}
