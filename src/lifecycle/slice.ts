/**
 * The lifecycle slice: archiving and the opt-out registry. One handler per command type and one evolver per event type;
 * `decider.ts` joins the slices and the compiler checks that none is missing (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { LifecycleCommand } from "./commands.js";
import { decideLifecycle } from "./decide.js";
import type { LifecycleEvent } from "./events.js";
import { evolveLifecycle } from "./evolve.js";

/** Every lifecycle command, routed to the handler that decides it. */
export const lifecycleHandlers: Handlers<LifecycleCommand, EventsOf<typeof decideLifecycle>> = {
  archiveContact: decideLifecycle,
  unarchiveContact: decideLifecycle,
  recordOptOut: decideLifecycle,
  recordOptIn: decideLifecycle,
};

/** Every lifecycle event, routed to the function that applies it. */
export const lifecycleEvolvers: Evolvers<LifecycleEvent> = {
  ContactArchived: evolveLifecycle,
  ContactUnarchived: evolveLifecycle,
  OptedOut: evolveLifecycle,
  OptedIn: evolveLifecycle,
};
