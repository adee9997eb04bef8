import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { decodeCommand, toSnapshot, type Event } from "../src/index.js";
import { arbitraryCommand, arbitraryState, given, SETUP, SpecificationMismatch } from "../src/testing/index.js";
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
