import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ACTIONS,
  can,
  contactIds,
  decodeCommand,
  decodeConfiguration,
  decodeEvent,
  DEFAULT_CONFIGURATION,
  ERROR_CODES,
  execute,
  explain,
  explainFor,
  fromSnapshot,
  getContact,
  OTHER_REFUSED_ACTIONS,
  toSnapshot,
  visiblePage,
  type Action,
  type Command,
  type DomainError,
  type DomainErrorCode,
  type InvalidInputError,
  type NotPermittedError,
  type RefusedAction,
  type Remedy,
  type ReplayError,
} from "../src/index.js";
import { arbitraryCommandBy } from "../src/testing/index.js";
import { arbitraryRun, COVERAGE_CHECKED, runs, show, USERS } from "./security/law-kit.js";
import { details, refusal, run, TEAM, teamOffice } from "./support/office.js";

const add = (actor: string, contactId: string) =>
  ({ type: "addContact", actor, account: TEAM, contactId, channel: "manual", details: details(contactId) }) as const;
const grant = (actor: string, contactId: string, userId: string, level: "full" | "view" | "shared") =>
  ({ type: "grantAccess", actor, account: TEAM, contactId, userId, level }) as const;

/** The refusal, narrowed to `not_permitted`; fails the test on any other code. */
function notPermitted(error: DomainError): NotPermittedError {
  if (error.code !== "not_permitted") throw new Error(`expected not_permitted, got ${error.code}: ${error.message}`);
  return error;
}

function invalidInput(r: E.Either<DomainError, unknown>): InvalidInputError {
  if (E.isRight(r)) throw new Error("accepted");
  if (r.left.code !== "invalid_input") throw new Error(`expected invalid_input, got ${r.left.code}: ${r.left.message}`);
  return r.left;
}

describe("a refusal of permission carries what was refused, on which contact, and what would allow it (D-165, D-166)", () => {
  it("a refused edit by a View Only user says which action, which contact and the remedy, as data (ASG-3)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "view")).state;
    const error = notPermitted(
      refusal(s, {
        type: "addNote",
        actor: "bob",
        account: TEAM,
        contactId: "c1",
        noteId: "n1",
        text: "called",
        private: false,
      }),
    );
    expect(error).toMatchObject({
      rule: "ASG-3",
      action: "edit",
      contactId: "c1",
      remedy: { kind: "grant", level: "full" },
    });
  });

  it("an agent with full access who tries to share is told the team manager role would allow it, as data (SHR-3)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "full")).state;
    const error = notPermitted(
      refusal(s, { type: "grantAccess", actor: "bob", account: TEAM, contactId: "c1", userId: "lee", level: "shared" }),
    );
    expect(error).toMatchObject({
      rule: "SHR-3",
      action: "share",
      contactId: "c1",
      remedy: { kind: "teamRole", teamId: "t1", role: "teamManager" },
    });
  });

  it("a refusal that no single documented change would lift says so with a null remedy (ACC-9, ACC-10)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    const error = notPermitted(refusal(s, { type: "removeTeamMember", actor: "amy", account: TEAM, userId: "bob" }));
    expect(error).toEqual({
      code: "not_permitted",
      rule: "ACC-10",
      message: "amy does not lead team t1 and may only remove themselves",
      action: "manageTeam",
      contactId: null,
      remedy: null,
    });
  });

  it("asking why about another user is refused as `explainOthers`, naming no contact (SEC-2)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    const asked = explainFor(s, "bob", "amy", "edit", "c1");
    if (E.isRight(asked)) throw new Error("explained");
    expect(notPermitted(asked.left)).toMatchObject({ rule: "SEC-2", action: "explainOthers", contactId: null });
  });

  it("the remedy in the data is the one the message words (ASG-3)", () => {
    const s = run(teamOffice(), add("amy", "c1"), grant("tc", "c1", "bob", "view")).state;
    const error = notPermitted(
      refusal(s, {
        type: "archiveContact",
        actor: "bob",
        account: TEAM,
        contactId: "c1",
        channel: "manual",
        reason: "duplicate",
      }),
    );
    expect(error.remedy).toEqual(explain(s, "bob", "archive", "c1").remedy);
    expect(error.message).toContain("it would need");
  });

  it("law: every not_permitted names only a contact the actor sees, and for an action of ACTIONS is the answer `can` and `explain` give (SEC-2, REA-2)", () => {
    let onAction = 0;
    let beyond = 0;
    const cases = arbitraryRun({ maxCommands: 30 }).chain((r) =>
      fc.tuple(fc.constantFrom(...USERS), fc.nat()).chain(([actor, pick]) => {
        const ids = contactIds(r.state);
        const target = ids[pick % Math.max(1, ids.length)];
        const account = target === undefined ? TEAM : (getContact(r.state, target)?.account ?? TEAM);
        return fc
          .tuple(arbitraryCommandBy(actor, account), fc.boolean())
          .map(([command, aimed]): { state: typeof r.state; actor: string; command: Command } => ({
            state: r.state,
            actor,
            command:
              aimed && target !== undefined && "contactId" in command
                ? ({ ...command, contactId: target } as Command)
                : command,
          }));
      }),
    );
    const known = new Set<string>([...ACTIONS, ...OTHER_REFUSED_ACTIONS]);
    fc.assert(
      fc.property(cases, ({ state, actor, command }) => {
        const r = execute(state, command);
        if (E.isRight(r) || r.left.code !== "not_permitted") return;
        const error = r.left;
        expect(known.has(error.action), error.action).toBe(true);
        if (error.contactId !== null) expect(can(state, actor, "view", error.contactId), show(error)).toBe(true);
        const action = (ACTIONS as readonly string[]).includes(error.action) ? (error.action as Action) : null;
        if (action === null) {
          beyond++;
          return;
        }
        onAction++;
        if (error.contactId === null) throw new Error(`an action of ACTIONS refused on no contact: ${show(error)}`);
        expect(can(state, actor, action, error.contactId), show(error)).toBe(false);
        expect(error.remedy, show(error)).toEqual(explain(state, actor, action, error.contactId).remedy);
      }),
      { numRuns: runs(1) },
    );
    if (COVERAGE_CHECKED) {
      expect(onAction).toBeGreaterThan(0);
      expect(beyond).toBeGreaterThan(0);
    }
  });
});

describe("malformed input names the offending field by its path (D-167)", () => {
  it("a command with a missing field: the path from the command's root, and the same path in the message", () => {
    const error = invalidInput(decodeCommand({ type: "addContact", actor: "amy", at: "2026-03-02T09:00:00Z" }));
    expect(error.rule).toBe("input");
    expect(error.path.length).toBeGreaterThan(0);
    expect(error.message.startsWith(`command.${error.path.join(".")}: `)).toBe(true);
  });

  it("an unknown field is named in the path and the message, by a command, an event, a snapshot and a configuration alike", () => {
    const command = invalidInput(
      decodeCommand({
        type: "addContact",
        actor: "amy",
        at: "2026-03-02T09:00:00Z",
        account: TEAM,
        contactId: "c1",
        channel: "manual",
        details: { name: "Bea" },
        colour: "red",
      }),
    );
    expect({ path: command.path, message: command.message }).toEqual({
      path: ["colour"],
      message: "command.colour: unknown field",
    });
    const event = invalidInput(
      decodeEvent({ type: "UserDeactivated", at: "2026-03-02T09:00:00Z", by: "ada", userId: "sam", colour: "red" }),
    );
    expect(event.path).toEqual(["colour"]);
    expect(event.message).toMatch(/^event\.colour: unknown field; /);
    const snapshot = invalidInput(fromSnapshot({ ...toSnapshot(teamOffice()), colour: "red" }));
    expect({ path: snapshot.path, message: snapshot.message }).toEqual({
      path: ["colour"],
      message: "snapshot.colour: unknown field",
    });
    const configuration = invalidInput(decodeConfiguration({ ...DEFAULT_CONFIGURATION, colour: "red" }));
    expect(configuration.path).toEqual(["colour"]);
    expect(configuration.message).toBe("configuration.colour: unknown field");
  });

  it("a query's bad argument is named by its parameter", () => {
    expect(invalidInput(visiblePage(teamOffice(), "amy", { limit: 0 })).path).toEqual(["limit"]);
    expect(invalidInput(visiblePage(teamOffice(), "amy", { limit: 5, after: "nope" })).path).toEqual(["after"]);
  });

  it("a rule of the contract refused inside a command names its field (LIF-5)", () => {
    const s = run(teamOffice(), add("amy", "c1")).state;
    const error = refusal(s, {
      type: "addContactPoint",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      point: { kind: "email", value: "  " },
    });
    expect(error).toMatchObject({ code: "invalid_input", path: ["point", "value"] });
  });
});

describe("the error types (D-165)", () => {
  it("narrowing on `code` gives each variant's fields", () => {
    const error = refusal(run(teamOffice(), add("amy", "c1")).state, {
      type: "removeTeamMember",
      actor: "amy",
      account: TEAM,
      userId: "bob",
    });
    if (error.code === "not_permitted") {
      expectTypeOf(error).toEqualTypeOf<NotPermittedError>();
      expectTypeOf(error.action).toEqualTypeOf<RefusedAction>();
      expectTypeOf(error.contactId).toEqualTypeOf<string | null>();
      expectTypeOf(error.remedy).toEqualTypeOf<Remedy | null>();
    }
    if (error.code === "invalid_input") {
      expectTypeOf(error).toEqualTypeOf<InvalidInputError>();
      expectTypeOf(error.path).toEqualTypeOf<readonly (string | number)[]>();
      expectTypeOf(error.rule).toEqualTypeOf<"input">();
    }
    if (error.code === "contact_not_found") {
      expectTypeOf(error).not.toHaveProperty("path");
      expectTypeOf(error).not.toHaveProperty("remedy");
    }
    expectTypeOf<Extract<DomainError, { code: "user_not_found" }>>().toEqualTypeOf<{
      readonly code: "user_not_found";
      readonly rule: DomainError["rule"];
      readonly message: string;
    }>();
    expectTypeOf<ReplayError>().toExtend<DomainError>();
    expect(error.code).toBe("not_permitted");
  });

  it("the code type is exactly ERROR_CODES, the list a gateway checks", () => {
    expectTypeOf<DomainErrorCode>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
    expectTypeOf<DomainError["code"]>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
