import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ACTIONS, COMMAND_TYPES, DEFAULT_CONFIGURATION, type Command, type Configuration } from "../../src/index.js";
import {
  arbitraryCommand,
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
/** Runs of the mixed check below: the property runs of the profile (4 in the mutation profile), 40 by default. */
const MIXED_RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

let checked = 0;
let queries = 0;
let passed = false;

describe(`model-based: the library against the kit's independent oracle (${TOTAL} commands)`, () => {
  afterAll(() => {
    if (passed)
      console.log(`model-based test: ${checked} commands checked, ${queries} can() answers compared, 0 divergences`);
  });

  it("the oracle's world is SETUP's, and its actions are the library's", () => {
    expect(WORLD.setup).toBe(SETUP);
    expect([...ORACLE_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });

  it(
    "accepts and refuses what the model does, and answers can, visibleContacts and accessList alike after every command (ACC-9, ASG-4, REA-1)",
    () => {
      fc.assert(
        fc.property(
          arbitraryConfiguration(),
          fc.array(arbitraryOracleCommand(WORLD), { minLength: PER_RUN, maxLength: PER_RUN }),
          (config: Configuration, commands) => {
            const system = librarySystem(runCommands(config, WORLD.setup, []).state);
            let model = oracle.start(WORLD, config);
            commands.forEach((command, i) => {
              const accepted = system.execute(command);
              const next = oracle.apply(model, command);
              const step = `step ${i} ${describeCommand(command)}`;
              if (accepted !== (next !== null))
                throw new Error(
                  `${step}: library ${accepted ? "accepted" : "refused"}, model ${next === null ? "refused" : "accepted"}`,
                );
              if (next !== null) model = next;
              checked++;
              queries += checkAgainstOracle(model, system, WORLD, step);
            });
          },
        ),
        // A failure prints fast-check's seed and path; MODEL_SEED=<seed> MODEL_PATH=<path> replays it.
        {
          numRuns: Math.max(1, Math.ceil(TOTAL / PER_RUN)),
          ...(process.env.MODEL_SEED === undefined
            ? {}
            : {
                seed: Number(process.env.MODEL_SEED),
                ...(process.env.MODEL_PATH === undefined ? {} : { path: process.env.MODEL_PATH }),
              }),
        },
      );
      expect(checked).toBeGreaterThanOrEqual(TOTAL);
      passed = true;
    },
    6 * 3_600_000,
  );

  it("tags, custom fields, lead sources, opportunities and campaigns, between the kernel's commands, change no answer the oracle gives (AST-1 … AST-5)", () => {
    // The oracle models access alone: assets and applets are organisation, never access (ACC-9 decides who sees what).
    const organising = new Set(
      COMMAND_TYPES.filter((t) => /Asset|[tT]ag|FieldValue|LeadSource|Opportunit|Campaign/.test(t)),
    );
    // Aimed at the world's users, teams and contacts, so that links meet contacts the kernel's commands made.
    const at = "2026-03-02T09:00:00Z";
    const aimed: fc.Arbitrary<Command> = fc
      .record({
        member: fc.constantFrom(...WORLD.members),
        personal: fc.constantFrom(false, false, false, true),
        contactId: fc.constantFrom(...WORLD.contacts.slice(0, 2)),
        kind: fc.constantFrom(
          "addContact",
          "createAsset",
          "tagContact",
          "createOpportunity",
          "createCampaign",
          "addCampaignMember",
        ),
      })
      .map(({ member, personal, contactId, kind }) => {
        const account = personal
          ? { kind: "personal" as const, userId: member.userId }
          : { kind: "team" as const, teamId: member.teamId };
        // One tag, opportunity and campaign id per account, so that a link names what its account made.
        const id = personal ? member.userId : member.teamId;
        const base = { actor: member.userId, at, account };
        if (kind === "addContact")
          return { type: kind, ...base, contactId, channel: "manual", details: { name: contactId } } as Command;
        if (kind === "createAsset")
          return { type: kind, ...base, assetId: `tag-${id}`, kind: "tag", name: `Tag ${id}` } as Command;
        if (kind === "tagContact") return { type: kind, ...base, contactId, tagId: `tag-${id}` } as Command;
        if (kind === "createOpportunity")
          return {
            type: kind,
            ...base,
            contactId,
            opportunityId: `deal-${contactId}`,
            name: "Deal",
            stage: "lead",
            value: 1,
          } as Command;
        if (kind === "createCampaign")
          return { type: kind, ...base, campaignId: `news-${id}`, name: "News", audience: null } as Command;
        return { type: kind, ...base, contactId, campaignId: `news-${id}` } as Command;
      });
    const drawn = fc.oneof(
      { weight: 2, arbitrary: arbitraryOracleCommand(WORLD) },
      { weight: 2, arbitrary: aimed },
      { weight: 1, arbitrary: arbitraryCommand().filter((c) => organising.has(c.type)) },
    );
    const accepted = new Set<string>();
    fc.assert(
      fc.property(
        arbitraryConfiguration(),
        fc.array(drawn, { minLength: 40, maxLength: 40 }),
        (config: Configuration, commands) => {
          const system = librarySystem(runCommands(config, WORLD.setup, []).state);
          let model = oracle.start(WORLD, config);
          commands.forEach((command, i) => {
            const step = `step ${i} ${describeCommand(command)}`;
            const ok = system.execute(command);
            if (organising.has(command.type)) {
              if (ok) accepted.add(command.type);
            } else {
              const next = oracle.apply(model, command);
              if (ok !== (next !== null))
                throw new Error(
                  `${step}: library ${ok ? "accepted" : "refused"}, model ${next === null ? "refused" : "accepted"}`,
                );
              if (next !== null) model = next;
            }
            checkAgainstOracle(model, system, WORLD, step);
          });
        },
      ),
      { numRuns: MIXED_RUNS },
    );
    if (MIXED_RUNS >= 30)
      expect([...accepted].sort()).toEqual(
        expect.arrayContaining([
          "createAsset",
          "tagContact",
          "createOpportunity",
          "createCampaign",
          "addCampaignMember",
        ]),
      );
  });

  it("the same check through the kit's fc.commands helper, which shrinks a failure to the commands that matter (ASG-1: at most one primary)", () => {
    fc.assert(
      fc.property(arbitraryConfiguration(), oracleCommands(WORLD, { maxCommands: 30 }), (config, commands) =>
        modelRun(WORLD, config, commands),
      ),
      { numRuns: 40 },
    );
    expect(oracle.accessList(oracle.start(WORLD, DEFAULT_CONFIGURATION), "c1")).toEqual([]);
  });
});
