import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { decodeCommand, toSnapshot, type Event } from "../src/index.js";
import {
  arbitraryCommand,
  arbitraryState,
  GIVEN_AT,
  given,
  SETUP,
  SetupRefused,
  SpecificationMismatch,
} from "../src/testing/index.js";
import { AT, OFFICE } from "./support/office.js";

describe("the consumer test kit (crm-access/testing)", () => {
  it("generates well-formed commands: every one decodes", () => {
    fc.assert(
      fc.property(arbitraryCommand(), (command) => {
        const decoded = decodeCommand(command);
        if (E.isLeft(decoded)) throw new Error(`${command.type}: ${decoded.left.message}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("generates reachable states in which many commands were accepted", () => {
    const sizes = fc.sample(arbitraryState({ maxCommands: 60 }), { numRuns: 50, seed: 7 }).map((s) => s.events.length);
    expect(Math.max(...sizes)).toBeGreaterThan(SETUP.length + 10);
  });

  it("given/when/then passes on the right events and fails on wrong ones (ACC-1)", () => {
    const history: Event[] = [
      { type: "OfficeOpened", at: AT, by: "ada", officeId: "o", officeName: "O", adminName: "Ada", adminId: "ada" },
    ];
    const register = {
      type: "registerUser",
      actor: "ada",
      at: AT,
      account: OFFICE,
      userId: "sam",
      name: "Sam",
    } as const;
    const expected: Event[] = [
      {
        type: "UserRegistered",
        at: AT,
        by: "ada",
        userId: "sam",
        name: "Sam",
        officeRole: "staff",
        permissions: {
          createContacts: true,
          importContacts: true,
          editContactOwnership: false,
          archiveContacts: false,
        },
      },
    ];
    given(history).when(register).then(expected);
    given([]).when(register).then({ error: "office_not_open", rule: "office" });
    expect(() => given(history).when(register).then({ error: "user_exists" })).toThrow(SpecificationMismatch);
    expect(() =>
      given(history)
        .when({ ...register, name: "Other" })
        .then(expected),
    ).toThrow(/events differ/);
    expect(toSnapshot(given(history).state).users.map((u) => u.id)).toEqual(["ada"]);
  });
});

describe("given/when/then over commands (crm-access/testing)", () => {
  const open = {
    type: "openOffice",
    actor: "ada",
    account: OFFICE,
    officeId: "o",
    officeName: "O",
    adminName: "Ada",
  } as const;
  const register = { type: "registerUser", actor: "ada", account: OFFICE, userId: "sam", name: "Sam" } as const;

  it("commands without `at` take the specification's time: GIVEN_AT, or the `at` given (ACC-1)", () => {
    expect(GIVEN_AT).toBe("2026-03-02T09:00:00Z");
    given({ commands: [open] })
      .when(register)
      .then({ events: [{ type: "UserRegistered", at: GIVEN_AT, by: "ada", userId: "sam" }] });
    const later = "2026-04-01T10:00:00Z";
    const outcome = given({ commands: [open], at: later }).when(register);
    expect(outcome.command.at).toBe(later);
    outcome.then({ events: [{ type: "UserRegistered", at: later }] });
    given({ commands: [open] })
      .when({ ...register, at: later })
      .then({ events: [{ type: "UserRegistered", at: later }] });
  });

  it("a refused setup command is never skipped: SetupRefused names it (ACC-1)", () => {
    expect(() => given({ commands: [register] })).toThrow(SetupRefused);
    try {
      given({ commands: [open, { ...register, actor: "sam" }] });
    } catch (error) {
      expect(error).toBeInstanceOf(SetupRefused);
      expect(error).toMatchObject({ index: 1, command: { at: GIVEN_AT, actor: "sam" } });
    }
  });

  it("then(check) receives the accepted events and the state after them; a refusal fails it", () => {
    const seen: string[] = [];
    given({ commands: [open] })
      .when(register)
      .then(({ events, state }) => {
        seen.push(...events.map((e) => e.type));
        expect(toSnapshot(state).users.map((u) => u.id)).toEqual(["ada", "sam"]);
      });
    expect(seen).toEqual(["UserRegistered"]);
    expect(() =>
      given([])
        .when(register)
        .then(() => undefined),
    ).toThrow(/expected the command to be accepted, got office_not_open/);
    expect(() =>
      given({ commands: [open] })
        .when(register)
        .then(() => {
          throw new Error("the check failed");
        }),
    ).toThrow("the check failed");
  });

  it("partial refusals compare only the fields given", () => {
    const outcome = given([]).when(register);
    outcome.then({ error: "office_not_open" });
    outcome.then({ error: "office_not_open", rule: "office", message: /office/ });
    expect(() => outcome.then({ error: "office_not_open", rule: "ACC-1" })).toThrow(SpecificationMismatch);
    expect(() => outcome.then({ events: [] })).toThrow(/expected events, got office_not_open/);
  });

  it("an Outcome is not a promise: awaiting it fails with a message that says to call then", async () => {
    const outcome = given({ commands: [open] }).when(register);
    await expect(Promise.resolve().then((): unknown => outcome)).rejects.toThrow(/not a promise/);
    await expect(Promise.resolve().then((): unknown => outcome)).rejects.toBeInstanceOf(SpecificationMismatch);
  });
});

describe("the main entry point stays free of test tooling", () => {
  it("no module outside src/testing imports fast-check or src/testing", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) =>
        statSync(join(dir, n)).isDirectory() ? (n === "testing" ? [] : walk(join(dir, n))) : [join(dir, n)],
      );
    const offenders = walk(join(import.meta.dirname, "..", "src")).filter((f) =>
      /from "fast-check"|testing\//.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
