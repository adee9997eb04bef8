/**
 * crm-access/testing: what our own tests use, for consumers' tests — fast-check arbitraries over a small fixed
 * world, a given/when/then helper, and (see `docs/testing.md`) how to test a service against the library.
 * Not part of the main entry point, so importing `crm-access` never loads fast-check.
 * @packageDocumentation
 */
export {
  given,
  GIVEN_AT,
  partialMismatch,
  SetupRefused,
  SpecificationMismatch,
  type Accepted,
  type AcceptedCheck,
  type EventMatch,
  type EventsMatch,
  type Expectation,
  type GivenCommand,
  type Givens,
  type Outcome,
  type PartialMatch,
  type RefusalMatch,
  type Specification,
} from "./given.js";
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
  assetIdsOf,
  assetPopulation,
  LEAD_SOURCES,
  CHANNELS,
  STEP_TEMPLATES,
  STEP_TIMES,
  DRAWN_COMMAND_TYPES,
  type CommandOptions,
  type ConfigurationOptions,
  type DrawnCommandType,
  type StateOptions,
  runCommands,
} from "./arbitraries.js";
export {
  oracle,
  ORACLE_ACTIONS,
  ORACLE_COMMAND_TYPES,
  type OracleModel,
  type OracleLayout,
  type OracleUser,
  type OracleMember,
  type OracleContact,
} from "./oracle.js";
export {
  arbitraryOracleCommand,
  checkAgainstOracle,
  librarySystem,
  modelRun,
  oracleCommands,
  OracleMismatch,
  type OracleBox,
  type OracleCommandsOptions,
  type SystemUnderTest,
} from "./model-run.js";
export {
  defineWorld,
  WORLD_WEIGHTS,
  type World,
  type WorldOptions,
  type WorldMember,
  type WorldRole,
} from "./world.js";
export {
  describeCommand,
  describeState,
  describeRun,
  printable,
  type DescribeOptions,
  type GeneratedState,
} from "./format.js";
export { checkInvariants, type InvariantBreach } from "../snapshot/invariants.js";
export { checkStateInvariants } from "../snapshot/snapshot.js";
