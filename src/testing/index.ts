/**
 * crm-access/testing: what our own tests use, for consumers' tests — fast-check arbitraries over a small fixed
 * world, a given/when/then helper, and (see `docs/testing.md`) how to test a service against the library.
 * Not part of the main entry point, so importing `crm-access` never loads fast-check.
 * @packageDocumentation
 */
export { given, SpecificationMismatch, type Expectation } from "./given.js";
export {
  UNIVERSE,
  SETUP,
  arbitraryAccount,
  arbitraryAction,
  arbitraryCommand,
  arbitraryCommandSequence,
  arbitraryConfiguration,
  arbitraryContactDetails,
  arbitraryContactId,
  arbitraryGrantLevel,
  arbitraryState,
  arbitraryUserId,
  arbitraryCommandBy,
  arbitrarySmartPlanCommand,
  arbitraryPopulation,
  LEAD_SOURCES,
  CHANNELS,
  STEP_TEMPLATES,
  STEP_TIMES,
  type CommandOptions,
  type ConfigurationOptions,
} from "./arbitraries.js";
export { checkInvariants, type InvariantBreach } from "../snapshot/invariants.js";
export { checkStateInvariants } from "../snapshot/snapshot.js";
