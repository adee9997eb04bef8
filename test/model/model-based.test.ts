import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ACTIONS, DEFAULT_CONFIGURATION, type Configuration } from "../../src/index.js";
import {
  arbitraryConfiguration,
  arbitraryOracleCommand,
  checkAgainstOracle,
  defineWorld,
  describeCommand,
  librarySystem,
  modelRun,
  oracle,
  ORACLE_ACTIONS,
  oracleCommands,
  runCommands,
  SETUP,
} from "../../src/testing/index.js";

/** Total random commands checked per run; the CI profile sets MODEL_COMMANDS=1000000. */
const TOTAL = Number(process.env.MODEL_COMMANDS ?? 10_000);
const PER_RUN = 50;
/** The default world (SETUP's users and teams) with five contact ids, so that commands meet the same contacts often. */
const WORLD = defineWorld({ contacts: 5 });

let checked = 0;
let queries = 0;
let passed = false;

describe(`model-based: the library against the kit's independent oracle (${TOTAL} commands)`, () => {
  afterAll(() => {
    if (passed) console.log(`model-based test: ${checked} commands checked, ${queries} can() answers compared, 0 divergences`);
  });

  it("the oracle's world is SETUP's, and its actions are the library's", () => {
    expect(WORLD.setup).toBe(SETUP);
    expect([...ORACLE_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });

  it("accepts and refuses what the model does, and answers can, visibleContacts and accessList alike after every command (ACC-9, ASG-4, REA-1)", () => {
    fc.assert(
      fc.property(arbitraryConfiguration(), fc.array(arbitraryOracleCommand(WORLD), { minLength: PER_RUN, maxLength: PER_RUN }), (config: Configuration, commands) => {
        const system = librarySystem(runCommands(config, WORLD.setup, []).state);
        let model = oracle.start(WORLD, config);
        commands.forEach((command, i) => {
          const accepted = system.execute(command);
          const next = oracle.apply(model, command);
          const step = `step ${i} ${describeCommand(command)}`;
          if (accepted !== (next !== null)) throw new Error(`${step}: library ${accepted ? "accepted" : "refused"}, model ${next === null ? "refused" : "accepted"}`);
          if (next !== null) model = next;
          checked++;
          queries += checkAgainstOracle(model, system, WORLD, step);
        });
      }),
      // A failure prints fast-check's seed and path; MODEL_SEED=<seed> MODEL_PATH=<path> replays it.
      { numRuns: Math.max(1, Math.ceil(TOTAL / PER_RUN)), ...(process.env.MODEL_SEED === undefined ? {} : { seed: Number(process.env.MODEL_SEED), ...(process.env.MODEL_PATH === undefined ? {} : { path: process.env.MODEL_PATH }) }) },
    );
    expect(checked).toBeGreaterThanOrEqual(TOTAL);
    passed = true;
  }, 6 * 3_600_000);

  it("the same check through the kit's fc.commands helper, which shrinks a failure to the commands that matter (ASG-1: at most one primary)", () => {
    fc.assert(fc.property(arbitraryConfiguration(), oracleCommands(WORLD, { maxCommands: 30 }), (config, commands) => modelRun(WORLD, config, commands)), { numRuns: 40 });
    expect(oracle.accessList(oracle.start(WORLD, DEFAULT_CONFIGURATION), "c1")).toEqual([]);
  });
});
