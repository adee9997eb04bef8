import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { accessList, ACTIONS, can, execute, initialState, visibleContacts, type Command, type Configuration, type State } from "../../src/index.js";
import { arbitraryConfiguration, SETUP, UNIVERSE } from "../../src/testing/index.js";
import { applyModel, modelCan, modelVisible, type Acc, type MCommand, type Model } from "./reference-model.js";

/** Total random commands checked per run; the CI profile sets MODEL_COMMANDS=1000000. */
const TOTAL = Number(process.env.MODEL_COMMANDS ?? 10_000);
const PER_RUN = 50;
const AT = "2026-03-02T17:00:00Z";
const USERS = [UNIVERSE.admin, ...UNIVERSE.users];
const CONTACTS = ["c1", "c2", "c3", "c4", "c5"];

function setupModel(config: Configuration): Model {
  const users = USERS.map((id) => ({ id, active: true, admin: id === "admin", editOwnership: false, archive: false }));
  return {
    config,
    users,
    rainmakers: { t1: "u1", t2: "u6" },
    members: [
      { team: "t1", user: "u1", role: "rainmaker", level: "unlimited" },
      { team: "t1", user: "u2", role: "transactionCoordinator", level: "enhanced" },
      { team: "t1", user: "u3", role: "agent", level: "standard" },
      { team: "t1", user: "u4", role: "agent", level: "standard" },
      { team: "t1", user: "u5", role: "teamManager", level: "enhanced" },
      { team: "t2", user: "u6", role: "rainmaker", level: "unlimited" },
      { team: "t2", user: "u4", role: "agent", level: "standard" },
    ],
    contacts: [],
    partners: [],
  };
}

const actorArb = fc.constantFrom(...USERS);
const userArb = fc.constantFrom(...USERS);
const contactArb = fc.constantFrom(...CONTACTS);
const teamAcc = fc.constantFrom<{ kind: "team"; teamId: string }>({ kind: "team", teamId: "t1" }, { kind: "team", teamId: "t2" });
const mCommand: fc.Arbitrary<MCommand> = actorArb.chain((actor) => {
  const account: fc.Arbitrary<Acc> = fc.oneof(teamAcc, fc.constant({ kind: "personal" as const, userId: actor }));
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant("addContact" as const), actor: fc.constant(actor), account, contactId: contactArb }) },
    { weight: 5, arbitrary: fc.record({ type: fc.constant("grantAccess" as const), actor: fc.constant(actor), account, contactId: contactArb, userId: userArb, level: fc.constantFrom("full" as const, "shared" as const, "view" as const) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant("revokeAccess" as const), actor: fc.constant(actor), account, contactId: contactArb, userId: userArb }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant("changePrimary" as const), actor: fc.constant(actor), account, contactId: contactArb, userId: fc.option(userArb, { nil: null }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("unassignSelf" as const), actor: fc.constant(actor), account, contactId: contactArb }) },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("changeOwner" as const),
        actor: fc.constant(actor),
        account,
        contactId: contactArb,
        owner: fc.oneof(teamAcc, userArb.map((userId) => ({ kind: "user" as const, userId }))),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("deleteContact" as const), actor: fc.constant(actor), account, contactId: contactArb }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("changeMemberLevel" as const), actor: fc.constant(actor), account: teamAcc, userId: userArb, level: fc.constantFrom("standard" as const, "enhanced" as const, "unlimited" as const) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("removeTeamMember" as const), actor: fc.constant(actor), account: teamAcc, userId: userArb }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("changeStaffPermissions" as const), actor: fc.constant("admin"), userId: userArb, editContactOwnership: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom("deactivateUser" as const, "reactivateUser" as const, "reactivateUser" as const), actor: fc.constant("admin"), userId: userArb }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constantFrom("startPartnership" as const, "endPartnership" as const), actor: fc.constant(actor), partnerId: userArb }) },
    { weight: 5, arbitrary: fc.record({ type: fc.constantFrom("shareContact" as const, "shareContact" as const, "unshareContact" as const), actor: fc.constant(actor), account, contactId: contactArb, userId: userArb }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant("assignToPartner" as const), actor: fc.constant(actor), account, contactId: contactArb, partnerId: userArb }) },
  );
});

function toCommand(c: MCommand): Command {
  const office = { kind: "office" } as const;
  switch (c.type) {
    case "addContact":
      return { type: "addContact", actor: c.actor, at: AT, account: c.account, contactId: c.contactId, channel: "manual", details: { name: c.contactId } };
    case "changeStaffPermissions":
      return { type: "changeStaffPermissions", actor: c.actor, at: AT, account: office, userId: c.userId, permissions: { editContactOwnership: c.editContactOwnership } };
    case "deactivateUser":
    case "reactivateUser":
      return { type: c.type, actor: c.actor, at: AT, account: office, userId: c.userId };
    case "startPartnership":
    case "endPartnership":
      return { type: c.type, actor: c.actor, at: AT, account: office, partnerId: c.partnerId };
    default:
      return { ...c, at: AT } as Command;
  }
}

let checked = 0;
let queries = 0;
let passed = false;

function compare(state: State, model: Model, step: string): void {
  for (const action of ACTIONS) {
    for (const u of USERS) {
      const visible = [...visibleContacts(state, u, { action })].sort();
      const expected = modelVisible(model, u, action);
      if (visible.join() !== expected.join()) throw new Error(`${step}: visibleContacts(${u}, ${action}) = [${visible}] but the model says [${expected}]`);
      for (const c of CONTACTS) {
        queries++;
        if (can(state, u, action, c) !== modelCan(model, u, action, c)) throw new Error(`${step}: can(${u}, ${action}, ${c}) = ${can(state, u, action, c)}, model ${modelCan(model, u, action, c)}`);
      }
    }
  }
  for (const c of CONTACTS) {
    const list = accessList(state, c);
    const got = E.isRight(list) ? list.right.map((e) => `${e.userId}:${[...e.actions].sort().join("+")}`).sort() : [];
    const want = USERS.map((u) => `${u}:${ACTIONS.filter((a) => modelCan(model, u, a, c)).sort().join("+")}`).filter((x) => !x.endsWith(":")).sort();
    if (got.join() !== want.join()) throw new Error(`${step}: accessList(${c}) = ${got} but the model says ${want}`);
  }
}

describe(`model-based: the library against an independent reference model (${TOTAL} commands)`, () => {
  afterAll(() => {
    if (passed) console.log(`model-based test: ${checked} commands checked, ${queries} can() answers compared, 0 divergences`);
  });

  it("accepts and refuses what the model does, and answers can, visibleContacts and accessList alike after every command (ACC-9, ASG-4, REA-1)", () => {
    fc.assert(
      fc.property(arbitraryConfiguration(), fc.array(mCommand, { minLength: PER_RUN, maxLength: PER_RUN }), (config, commands) => {
        let state = initialState(config);
        for (const c of SETUP) {
          const r = execute(state, c);
          if (E.isLeft(r)) throw new Error(r.left.message);
          state = r.right.state;
        }
        let model = setupModel(config);
        commands.forEach((command, i) => {
          const r = execute(state, toCommand(command));
          const next = applyModel(model, command);
          const step = `step ${i} ${JSON.stringify(command)}`;
          if (E.isRight(r) !== (next !== null)) throw new Error(`${step}: library ${E.isRight(r) ? "accepted" : `refused (${r.left.code}: ${r.left.message})`}, model ${next === null ? "refused" : "accepted"}`);
          if (E.isRight(r) && next !== null) {
            state = r.right.state;
            model = next;
          }
          checked++;
          compare(state, model, step);
        });
      }),
      // A failure prints fast-check's seed and path; MODEL_SEED=<seed> MODEL_PATH=<path> replays it.
      { numRuns: Math.max(1, Math.ceil(TOTAL / PER_RUN)), ...(process.env.MODEL_SEED === undefined ? {} : { seed: Number(process.env.MODEL_SEED), ...(process.env.MODEL_PATH === undefined ? {} : { path: process.env.MODEL_PATH }) }) },
    );
    expect(checked).toBeGreaterThanOrEqual(TOTAL);
    passed = true;
  }, 6 * 3_600_000);
});
