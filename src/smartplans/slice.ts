/**
 * The smartplans slice: SmartPlans, enrolment, steps and messaging. One handler per command type and one evolver per
 * event type; `decider.ts` joins the slices and the compiler checks that none is missing (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { SmartPlanCommand } from "./commands.js";
import { decideSmartPlans } from "./decide.js";
import type { SmartPlanEvent } from "./events.js";
import { evolveSmartPlans } from "./evolve.js";

/** Every smartPlan command, routed to the handler that decides it. */
export const smartPlanHandlers: Handlers<SmartPlanCommand, EventsOf<typeof decideSmartPlans>> = {
  createSmartPlan: decideSmartPlans,
  setAgentDefaults: decideSmartPlans,
  setStepDesignee: decideSmartPlans,
  enrolContact: decideSmartPlans,
  unenrolContact: decideSmartPlans,
  setMessagingPlan: decideSmartPlans,
  addTwilioCredits: decideSmartPlans,
  runStep: decideSmartPlans,
  receiveText: decideSmartPlans,
};

/** Every smartPlan event, routed to the function that applies it. */
export const smartPlanEvolvers: Evolvers<SmartPlanEvent> = {
  SmartPlanCreated: evolveSmartPlans,
  AgentDefaultsChanged: evolveSmartPlans,
  StepDesigneeChanged: evolveSmartPlans,
  ContactEnrolled: evolveSmartPlans,
  ContactUnenrolled: evolveSmartPlans,
  MessagingPlanChanged: evolveSmartPlans,
  TwilioCreditsAdded: evolveSmartPlans,
  TwilioAllotmentCredited: evolveSmartPlans,
  TextReceived: evolveSmartPlans,
  TextUnrouted: evolveSmartPlans,
  EmailSent: evolveSmartPlans,
  TextSent: evolveSmartPlans,
  TaskCreated: evolveSmartPlans,
  StepFailed: evolveSmartPlans,
  StepDeferred: evolveSmartPlans,
};
