import { describe, expect, it } from "vitest";
import type { Command } from "../../src/index.js";
import { given, partialMismatch, SetupRefused, SpecificationMismatch } from "../../src/testing/index.js";
import { AT, OFFICE } from "../support/office.js";

const open: Command = {
  type: "openOffice",
  actor: "ada",
  at: AT,
  account: OFFICE,
  officeId: "o",
  officeName: "O",
  adminName: "Ada",
};
const register = (userId: string): Command => ({
  type: "registerUser",
  actor: "ada",
  at: AT,
  account: OFFICE,
  userId,
  name: userId,
});
const team: Command = {
  type: "createTeam",
  actor: "ada",
  at: AT,
  account: OFFICE,
  teamId: "t1",
  name: "One",
  rainmakerId: "rae",
};

describe("given/when/then of the kit: commands as givens, partial matchers", () => {
  it("builds the state by running the given commands through execute (ACC-2: in the team account, a contact added manually is owned by the team)", () => {
    const spec = given({ commands: [open, register("rae"), team] });
    spec
      .when({
        type: "addContact",
        actor: "rae",
        at: AT,
        account: { kind: "team", teamId: "t1" },
        contactId: "c1",
        channel: "manual",
        details: { name: "Ann" },
      })
      .then({ events: [{ type: "ContactAdded", contact: { id: "c1", owner: { kind: "team", teamId: "t1" } } }] });
  });

  it("refuses loudly, with a typed error, when a setup command is refused", () => {
    let thrown: unknown;
    try {
      given({ commands: [open, register("rae"), register("rae")] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SetupRefused);
    expect(thrown).toBeInstanceOf(SpecificationMismatch);
    const refused = thrown as SetupRefused;
    expect(refused.index).toBe(2);
    expect(refused.command).toEqual(register("rae"));
    expect(refused.error.code).toBe("user_exists");
    expect(refused.message).toMatch(
      /setup command 2 \(ada@office registerUser userId=rae name=rae\) was refused: user_exists/,
    );
  });

  it("events then commands: the events replay first", () => {
    const spec = given({
      events: [
        { type: "OfficeOpened", at: AT, by: "ada", officeId: "o", officeName: "O", adminName: "Ada", adminId: "ada" },
      ],
      commands: [register("sam")],
    });
    spec.when(register("sam")).then({ error: "user_exists" });
  });

  it("a partial event matcher compares only the fields it names, and fails on any it names wrongly", () => {
    const spec = given({ commands: [open] });
    spec.when(register("sam")).then({ events: [{ type: "UserRegistered" }] });
    spec
      .when(register("sam"))
      .then({ events: [{ type: "UserRegistered", userId: "sam", permissions: { editContactOwnership: false } }] });
    spec.when(register("sam")).then({ events: [{ type: "UserRegistered", name: /^s/ }] });
    expect(() => spec.when(register("sam")).then({ events: [{ type: "UserRegistered", userId: "bob" }] })).toThrow(
      /events\[0\]\.userId: expected "bob", received "sam"/,
    );
    expect(() =>
      spec.when(register("sam")).then({ events: [{ type: "UserRegistered" }, { type: "UserRegistered" }] }),
    ).toThrow(/expected 2 item\(s\), received 1/);
    expect(() => spec.when(register("sam")).then({ events: [{ type: "OfficeOpened" }] })).toThrow(
      SpecificationMismatch,
    );
  });

  it("a partial error matcher compares code, rule, message and path only where given", () => {
    const spec = given([]);
    spec.when(register("sam")).then({ error: "office_not_open" });
    spec.when(register("sam")).then({ error: "office_not_open", rule: "office" });
    spec.when(register("sam")).then({ error: "office_not_open", message: /office/i });
    expect(() => spec.when(register("sam")).then({ error: "office_not_open", rule: "ACC-1" })).toThrow(/error\.rule/);
    expect(() => spec.when(register("sam")).then({ error: "office_not_open", message: "nope" })).toThrow(
      SpecificationMismatch,
    );
    expect(() => spec.when(register("sam")).then({ error: "user_exists" })).toThrow(
      /expected user_exists, got office_not_open/,
    );
  });

  it("partialMismatch: objects by named keys, arrays by length and position, RegExp on strings", () => {
    expect(partialMismatch({ a: 1, b: { c: "x", d: 2 } }, { b: { c: "x" } })).toBeNull();
    expect(partialMismatch({ a: [1, 2] }, { a: [1] })).toMatch(/\$\.a: expected 1 item/);
    expect(partialMismatch({ a: "hello" }, { a: /ell/ })).toBeNull();
    expect(partialMismatch({ a: 1 }, { a: "1" })).toMatch(/\$\.a: expected "1", received 1/);
  });
});
