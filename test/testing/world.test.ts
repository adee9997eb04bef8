import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { contactIds, decodeCommand, getContact } from "../../src/index.js";
import {
  arbitraryCommand,
  arbitraryState,
  defineWorld,
  describeState,
  DRAWN_COMMAND_TYPES,
  SETUP,
  UNIVERSE,
  WORLD_WEIGHTS,
  type GeneratedState,
} from "../../src/testing/index.js";

const share = (states: GeneratedState[], test: (n: number) => boolean) =>
  states.filter((s) => test(contactIds(s.state).length)).length / states.length;
const acceptedShare = (states: GeneratedState[]) =>
  states.reduce((a, s) => a + s.accepted, 0) / states.reduce((a, s) => a + s.commands.length, 0);

describe("the kit's configurable world (defineWorld)", () => {
  it("a world of 300 contacts asked gives states with hundreds of contacts, most commands accepted", () => {
    const world = defineWorld({ users: 20, teams: 4, contacts: 300, configuration: "any" });
    const states = fc.sample(world.state({ maxCommands: 40 }), { numRuns: 30, seed: 1 });
    const atLeast100 = share(states, (n) => n >= 100);
    const accepted = acceptedShare(states);
    // Measured: 100% of the states hold ≥ 100 contacts (254–300), 95% of the commands accepted.
    expect(atLeast100).toBeGreaterThanOrEqual(0.9);
    expect(accepted).toBeGreaterThan(0.8);
  });

  it("the default world rarely gives an empty office: 0 contacts far below the first kit's 43%", () => {
    const legacy = fc.sample(arbitraryState(), { numRuns: 200, seed: 1 });
    const world = fc.sample(defineWorld().state(), { numRuns: 200, seed: 1 });
    const legacyEmpty = share(legacy, (n) => n === 0);
    const worldEmpty = share(world, (n) => n === 0);
    // Measured: the first kit's arbitraryState() 45–46% empty, ≥ 3 contacts in 8–11%; the default world 0% empty, ≥ 3 in 100%.
    expect(legacyEmpty).toBeGreaterThan(0.3); // the first kit's behaviour is kept for its callers
    expect(worldEmpty).toBeLessThan(0.05);
    expect(share(world, (n) => n >= 3)).toBeGreaterThan(0.9);
    expect(acceptedShare(world)).toBeGreaterThan(acceptedShare(legacy) * 2);
  });

  it("the default world is UNIVERSE's, set up by SETUP; arbitraryState({ world }) draws in it", () => {
    const world = defineWorld();
    expect(world.setup).toBe(SETUP);
    expect(world.users).toEqual(UNIVERSE.users);
    expect(world.teams).toEqual(UNIVERSE.teams);
    expect(world.contacts).toEqual(UNIVERSE.contacts);
    const [generated] = fc.sample(arbitraryState({ world: { contacts: 30 } }), { numRuns: 1, seed: 3 });
    expect(contactIds((generated as GeneratedState).state).length).toBeGreaterThan(15);
  });

  it("any size lays out valid teams: each led by its rainmaker, every setup command accepted (ACC-1: a member acts in the team account)", () => {
    for (const [users, teams] of [
      [1, 1],
      [3, 3],
      [9, 2],
      [40, 5],
    ] as const) {
      const world = defineWorld({ users, teams, contacts: 12 });
      for (const t of world.teams)
        expect(world.members.filter((m) => m.teamId === t && m.role === "rainmaker")).toHaveLength(1);
      const [generated] = fc.sample(world.state({ maxCommands: 10 }), { numRuns: 1, seed: users });
      // Setup commands that are refused throw, so reaching here means every one was accepted.
      const { state } = generated as GeneratedState;
      for (const c of contactIds(state)) {
        const contact = getContact(state, c);
        const home = world.homes[c];
        expect(contact?.account).toEqual(home);
      }
    }
  });

  it("draws well-formed commands, and only the types the weights allow", () => {
    const world = defineWorld({
      users: 8,
      teams: 3,
      contacts: 20,
      weights: Object.fromEntries(DRAWN_COMMAND_TYPES.map((t) => [t, t === "grantAccess" || t === "addNote" ? 1 : 0])),
    });
    fc.assert(
      fc.property(world.command(), (command) => {
        const decoded = decodeCommand(command);
        if (E.isLeft(decoded)) throw new Error(`${command.type}: ${decoded.left.message}`);
        return command.type === "grantAccess" || command.type === "addNote";
      }),
      { numRuns: 500 },
    );
    expect(WORLD_WEIGHTS.changeConfiguration).toBe(0);
    fc.assert(
      fc.property(defineWorld().command(), (command) => E.isRight(decodeCommand(command))),
      { numRuns: 1000 },
    );
  });

  it("refuses a world it cannot build, saying why", () => {
    expect(() => defineWorld({ users: 1, teams: 2 })).toThrow(/2 teams need at least 2 users/);
    expect(() => defineWorld({ contacts: 0 })).toThrow(RangeError);
    expect(() => defineWorld({ weights: { registerUser: 1 } as never })).toThrow(/no weight for "registerUser"/);
    expect(() => defineWorld({ weights: Object.fromEntries(DRAWN_COMMAND_TYPES.map((t) => [t, 0])) })).toThrow(
      /every command weight is 0/,
    );
    expect(() => defineWorld({ configuration: "noSuchPreset" as never }).configuration()).toThrow(/no preset/);
  });
});

describe("readable failure output", () => {
  it("a generated state prints as a short summary and its command sequence, never trie internals", () => {
    for (const arbitrary of [
      arbitraryState({ maxCommands: 40 }),
      defineWorld().state(),
      defineWorld({ users: 20, teams: 4, contacts: 300 }).state(),
    ]) {
      const [generated] = fc.sample(arbitrary, { numRuns: 1, seed: 9 });
      const text = fc.stringify(generated);
      expect(text).toMatch(/^State\(office: o1; users\(\d+\): admin\(admin\) u1/);
      expect(text).toMatch(/contacts\(\d+\)/);
      expect(text).toMatch(/commands\(\d+, \d+ accepted\):\n {2}1\. [✓✗] \w+@/);
      expect(text).not.toMatch(/"root"|"size"|root:|\[\d{6,}/);
      expect(text.length).toBeLessThan(4000);
      // The raw state, by contrast, is the tries.
      expect(fc.stringify((generated as GeneratedState).state)).toMatch(/"root"/);
    }
  });

  it("a failing property prints the state's summary and the command, not the tries", () => {
    const report = fc.check(
      fc.property(arbitraryState({ maxCommands: 10 }), arbitraryCommand(), () => false),
      { seed: 4 },
    );
    expect(report.failed).toBe(true);
    const printed = fc.stringify(report.counterexample);
    expect(printed).toMatch(/State\(office: o1; users\(7\)/);
    expect(printed).not.toMatch(/"root"/);
    expect(printed.length).toBeLessThan(2500);
  });

  it("describeState lists contacts with owner, primary and grant count, cut after maxContacts", () => {
    const [generated] = fc.sample(defineWorld({ contacts: 40 }).state({ maxCommands: 0 }), { numRuns: 1, seed: 5 });
    const text = describeState((generated as GeneratedState).state, { maxContacts: 3 });
    expect(text).toMatch(
      /contacts\(\d+\): c1\{(t\d|~u\d) owner:(t\d|u\d) primary:(u\d|-) grants:\d\} c\d+\{.*\} c\d+\{.*\} …\+\d+$/,
    );
  });
});
