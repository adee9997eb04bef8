import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIGURATION, type Command } from "../../src/index.js";
import {
  defineWorld,
  librarySystem,
  modelRun,
  oracle,
  OracleMismatch,
  oracleCommands,
  type SystemUnderTest,
} from "../../src/testing/index.js";

const AT = "2026-03-02T17:00:00Z";
const WORLD = defineWorld({ contacts: 4 });
const t1 = { kind: "team", teamId: "t1" } as const;
const add = (actor: string, contactId: string): Command => ({
  type: "addContact",
  actor,
  at: AT,
  account: t1,
  contactId,
  channel: "manual",
  details: { name: contactId },
});

/** Runs the kit's model-based property against `system` and returns fast-check's report. */
const check = (system: (state: Parameters<typeof librarySystem>[0]) => SystemUnderTest) =>
  fc.check(
    fc.property(oracleCommands(WORLD, { maxCommands: 30 }), (commands) =>
      modelRun(WORLD, DEFAULT_CONFIGURATION, commands, system),
    ),
    { numRuns: 200, seed: 20261129 },
  );

describe("the oracle of crm-access/testing", () => {
  it("derives its answers on its own: it imports nothing from the library but types", () => {
    const source = readFileSync(join(import.meta.dirname, "../../src/testing/oracle.ts"), "utf8");
    const imports = source.split("\n").filter((line) => /^import\b/.test(line));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((line) => !/^import type\b/.test(line))).toEqual([]);
  });

  it("reads the rules: in the team account, enhanced and unlimited see all team contacts, standard only its own (ACC-9)", () => {
    const model = oracle.apply(oracle.start(WORLD, DEFAULT_CONFIGURATION), add("u3", "c1"));
    if (model === null) throw new Error("the oracle refused a member's manual add");
    expect(oracle.can(model, "u3", "edit", "c1")).toBe(true); // the creator is its primary (ASG-6)
    expect(oracle.can(model, "u2", "view", "c1")).toBe(true); // u2: transaction coordinator, enhanced
    expect(oracle.can(model, "u4", "view", "c1")).toBe(false); // u4: agent, standard
    expect(oracle.visibleContacts(model, "u4")).toEqual([]);
    expect(oracle.accessList(model, "c1").map((e) => e.userId)).toEqual(["admin", "u1", "u2", "u3", "u5"]);
    expect(oracle.apply(model, add("u4", "c1"))).toBeNull(); // the id is taken
  });

  it("says which commands it models, and throws for the others rather than guess", () => {
    const api: Command = { ...(add("u3", "c1") as Extract<Command, { type: "addContact" }>), channel: "api" };
    expect(oracle.models(add("u3", "c1"))).toBe(true);
    expect(oracle.models(api)).toBe(false);
    expect(() => oracle.apply(oracle.start(WORLD, DEFAULT_CONFIGURATION), api)).toThrow(RangeError);
    expect(
      oracle.models({
        type: "addNote",
        actor: "u3",
        at: AT,
        account: t1,
        contactId: "c1",
        noteId: "n",
        text: "t",
        private: false,
      }),
    ).toBe(false);
  });

  it("the model-based helper passes on the library itself (ASG-4, REA-1, SHR-3)", () => {
    const report = check(librarySystem);
    expect(report.failed).toBe(false);
  });

  it("the helper fails on a system that breaks ACC-9 (only unlimited may permanently delete team contacts), and shows the commands", () => {
    // A wrong system: anyone who may edit a contact may delete it.
    const lenient = (state: Parameters<typeof librarySystem>[0]): SystemUnderTest => {
      const inner = librarySystem(state);
      return {
        ...inner,
        can: (u, action, c) => (action === "delete" ? inner.can(u, "edit", c) : inner.can(u, action, c)),
      };
    };
    const report = check(lenient);
    expect(report.failed).toBe(true);
    expect(report.errorInstance).toBeInstanceOf(OracleMismatch);
    expect(String(report.errorInstance)).toMatch(/can\(\w+, delete, c\d\) = true but the oracle says false/);
    const printed = fc.stringify(report.counterexample);
    expect(printed).toMatch(/@t\d addContact c\d/);
    expect(printed).not.toMatch(/"root"|"size"/);
  });

  it("the helper fails on a system that accepts what the rules refuse (SHR-7: users it is shared with cannot delete it)", () => {
    const careless = (state: Parameters<typeof librarySystem>[0]): SystemUnderTest => {
      const inner = librarySystem(state);
      return { ...inner, execute: (command) => inner.execute(command) || command.type === "deleteContact" };
    };
    const report = check(careless);
    expect(report.failed).toBe(true);
    expect(String(report.errorInstance)).toMatch(/deleteContact .*the system accepted it, the oracle refuses it/);
  });
});
