import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessList,
  ACTIONS,
  can,
  contactIds,
  execute,
  explain,
  explainFor,
  filterPermitted,
  getContact,
  visibleContacts,
} from "../../src/index.js";
import { arbitraryState } from "../../src/testing/index.js";
import { AT, details, OFFICE, personal, run, TEAM, teamOffice } from "../support/office.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

const scenario = () =>
  run(
    teamOffice(),
    { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: details("C1") },
    { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "bob", level: "view" },
    {
      type: "addContact",
      actor: "bob",
      account: personal("bob"),
      contactId: "m1",
      channel: "manual",
      details: details("M1"),
    },
    {
      type: "changeStaffPermissions",
      actor: "admin",
      account: OFFICE,
      userId: "amy",
      permissions: { editContactOwnership: true },
    },
  ).state;

describe("queries", () => {
  it("every contact exposes its access list: each user, the level and why (REA-2)", () => {
    const list = accessList(scenario(), "c1");
    expect(E.isRight(list)).toBe(true);
    if (E.isLeft(list)) return;
    const byUser = Object.fromEntries(list.right.map((e) => [e.userId, e]));
    expect(Object.keys(byUser)).toEqual(["admin", "amy", "bob", "rain", "tc"]);
    expect(byUser.amy?.reasons).toEqual([{ kind: "primary", rule: "ASG-1" }]);
    expect(byUser.bob).toMatchObject({
      level: "view",
      reasons: [{ kind: "grant", level: "view", rule: "ASG-3" }],
      actions: ["view", "linkToListing", "unassignSelf"],
    });
    expect(byUser.rain?.reasons).toEqual([{ kind: "teamLevel", teamId: "t1", level: "unlimited", rule: "ACC-9" }]);
    expect(byUser.admin?.reasons).toEqual([{ kind: "officeAdmin", rule: "REA-2" }]);
  });

  it("an access list for one action names exactly the users who may take it (REA-2)", () => {
    const users = (action: (typeof ACTIONS)[number]) => {
      const list = accessList(scenario(), "c1", action);
      return E.isRight(list) ? list.right.map((e) => e.userId) : list.left.code;
    };
    expect(users("view")).toEqual(["admin", "amy", "bob", "rain", "tc"]);
    expect(users("edit")).toEqual(["admin", "amy", "rain", "tc"]);
    expect(users("changeOwner")).not.toContain("bob");
    expect(accessList(scenario(), "c1", "fly" as never)).toMatchObject({
      _tag: "Left",
      left: { code: "invalid_input", rule: "input" },
    });
    expect(accessList(scenario(), "nope", "view")).toMatchObject({ _tag: "Left", left: { code: "contact_not_found" } });
  });

  it("a batch check keeps, in the given order and once each, the contacts the user may act on; hidden and missing ids alike are dropped (REA-2, SEC-2)", () => {
    const state = scenario();
    expect(filterPermitted(state, "bob", "view", ["m1", "nope", "c1", "m1"])).toEqual(["m1", "c1"]);
    expect(filterPermitted(state, "bob", "edit", ["c1", "m1"])).toEqual(["m1"]);
    expect(filterPermitted(state, "amy", "view", ["m1", "c1"])).toEqual(["c1"]); // bob's personal contact is hidden from amy
    expect(filterPermitted(state, "nobody", "view", ["c1"])).toEqual([]);
    expect(filterPermitted(state, "bob", "view", new Set(["c1"]))).toEqual(["c1"]);
  });

  it("an office admin asks why another user cannot see a contact, and is told, with the smallest change that would open it (SEC-2)", () => {
    const state = scenario();
    // c1 is a team contact; lee is in no team, so his own explain says only that no such contact is visible.
    expect(explain(state, "lee", "view", "c1").message).toBe("lee cannot view c1: no such contact is visible");
    const why = explainFor(state, "admin", "lee", "view", "c1");
    expect(why).toMatchObject({
      _tag: "Right",
      right: { allowed: false, actor: "lee", level: null, reasons: [], remedy: { kind: "grant", level: "view" } },
    });
    expect(E.isRight(why) && why.right.message).toBe(
      "lee cannot view c1 (no access; ACC-9): it would need a `view` grant on the contact",
    );
    // Where the user holds access, the admin's answer is the user's own.
    expect(explainFor(state, "admin", "bob", "edit", "c1")).toEqual(E.right(explain(state, "bob", "edit", "c1")));
    expect(explainFor(state, "admin", "nobody", "view", "c1")).toMatchObject({
      _tag: "Right",
      right: { allowed: false, message: "nobody cannot view c1: no user nobody" },
    });
    // bob's personal contact is hidden from the admin too (ACC-5): answered as a contact that does not exist.
    const asMissing = (id: string) =>
      JSON.stringify(explainFor(state, "admin", "amy", "view", id)).replaceAll(id, "ID");
    expect(asMissing("m1")).toBe(asMissing("c-none"));
    expect(explainFor(state, "admin", "amy", "view", "m1")).toMatchObject({
      _tag: "Right",
      right: { allowed: false, message: "amy cannot view m1: no such contact is visible" },
    });
  });

  it("anyone but an active office admin may ask why only about themselves; asking about others is refused alike whoever and whatever is named (SEC-2)", () => {
    const state = scenario();
    expect(explainFor(state, "amy", "amy", "view", "m1")).toEqual(E.right(explain(state, "amy", "view", "m1")));
    const refusals = ["rain", "bob", "nobody"].flatMap((user) =>
      ["c1", "m1", "c-none"].map((contact) => explainFor(state, "amy", user, "view", contact)),
    );
    for (const r of refusals) expect(r).toEqual(refusals[0]);
    expect(refusals[0]).toMatchObject({ _tag: "Left", left: { code: "not_permitted", rule: "SEC-2" } });
    expect(explainFor(state, "ghost", "amy", "view", "c1")).toMatchObject({
      _tag: "Left",
      left: { code: "user_not_found" },
    });
    // A deactivated admin asks as nobody in particular (LIF-7 leaves them no access).
    const admins = run(
      state,
      { type: "registerUser", actor: "admin", account: OFFICE, userId: "ada2", name: "Ada Two", officeRole: "admin" },
      { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "ada2" },
    ).state;
    expect(explainFor(admins, "ada2", "amy", "view", "m1")).toMatchObject({
      _tag: "Left",
      left: { code: "not_permitted" },
    });
  });

  it("an unknown contact has no access list, as a typed error (REA-2)", () => {
    expect(accessList(scenario(), "nope")).toMatchObject({ _tag: "Left", left: { code: "contact_not_found" } });
  });

  it("explain gives the outcome, the deciding rules and grants, and for a denial the smallest change (REA-2)", () => {
    const s = scenario();
    const yes = explain(s, "amy", "changePrimary", "c1");
    expect(yes).toMatchObject({ allowed: true, level: "full", rules: ["ASG-4", "ASG-1"], remedy: null });
    const no = explain(s, "bob", "enrol", "c1");
    expect(no).toMatchObject({ allowed: false, level: "view", remedy: { kind: "grant", level: "shared" } });
    expect(no.message).toContain("shared");
    // SEC-2: lee holds no access to c1, so it is explained exactly as a contact that does not exist.
    const none = explain(s, "lee", "view", "c1");
    expect(none).toMatchObject({ allowed: false, level: null, rules: ["ACC-5"], reasons: [], remedy: null });
    expect(none).toEqual({
      ...explain(s, "lee", "view", "zz"),
      contactId: "c1",
      message: explain(s, "lee", "view", "zz").message.replace("zz", "c1"),
    });
  });

  it("can, visibleContacts and accessList agree for every user and action (ACC-9)", () => {
    const s = scenario();
    const users = ["admin", "rain", "tc", "amy", "bob", "lee", "ghost"];
    for (const action of ACTIONS) {
      for (const u of users) {
        const visible = new Set(visibleContacts(s, u, { action }));
        for (const c of ["c1", "m1", "missing"]) {
          const list = accessList(s, c);
          const listed = E.isRight(list) && list.right.some((e) => e.userId === u && e.actions.includes(action));
          expect([u, action, c, visible.has(c), listed]).toEqual([
            u,
            action,
            c,
            can(s, u, action, c),
            can(s, u, action, c),
          ]);
          expect(explain(s, u, action, c).allowed).toBe(can(s, u, action, c));
        }
      }
    }
  });

  it("visibleContacts lists each contact a user may view once, even two ids the index hashes alike (ACC-9)", () => {
    // "c268724" and "c698200" share one 30-bit index hash: both must be listed, and each only once.
    const s = run(
      teamOffice(),
      {
        type: "addContact",
        actor: "bob",
        account: personal("bob"),
        contactId: "c268724",
        channel: "manual",
        details: details("Mine"),
      },
      {
        type: "addContact",
        actor: "amy",
        account: TEAM,
        contactId: "c698200",
        channel: "manual",
        details: details("Team"),
      },
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c698200", userId: "bob", level: "view" },
    ).state;
    expect([...visibleContacts(s, "bob")].sort()).toEqual(["c268724", "c698200"]);
    expect([...visibleContacts(s, "bob", { action: "view", archived: false })].sort()).toEqual(["c268724", "c698200"]);
  });

  it("visibleContacts filters by account (ACC-6)", () => {
    const s = scenario();
    expect(visibleContacts(s, "bob", { account: personal("bob") })).toEqual(["m1"]);
    expect(visibleContacts(s, "bob", { account: TEAM })).toEqual(["c1"]);
  });
});

describe("the access section (seed 004)", () => {
  it('"Admin agents can manually revoke access from this section, except for admin agents or the currently assigned agent": each entry says whether revokeAccess ends it, and if not, what does (REA-3)', () => {
    fc.assert(
      fc.property(arbitraryState({ maxCommands: 40 }), ({ state }) => {
        for (const contactId of contactIds(state)) {
          const list = accessList(state, contactId);
          if (E.isLeft(list)) continue;
          const contact = getContact(state, contactId);
          if (contact === undefined) continue;
          const managers = list.right.filter((e) => e.actions.includes("manageAccess")).map((e) => e.userId);
          for (const entry of list.right) {
            for (const actor of managers) {
              const r = execute(state, {
                type: "revokeAccess",
                at: AT,
                actor,
                account: contact.account,
                contactId,
                userId: entry.userId,
              });
              if (!entry.revocation.revocable) {
                expect(E.isLeft(r)).toBe(true);
                if (E.isLeft(r) && r.left.code !== "not_permitted") expect(r.left.code).toBe(entry.revocation.code);
              } else if (E.isRight(r)) {
                const after = accessList(r.right.state, contactId);
                const left = E.isRight(after)
                  ? (after.right.find((e) => e.userId === entry.userId)?.reasons ?? [])
                  : [];
                expect(left).toEqual(entry.revocation.keeps);
              } else expect(r.left.code).toBe("not_permitted");
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("the primary, an office admin, an owner and a team level are not revoked but changed; a grant is revoked (REA-3, seed 004)", () => {
    const state = scenario();
    const list = accessList(state, "c1");
    if (E.isLeft(list)) throw new Error(list.left.message);
    const by = Object.fromEntries(list.right.map((e) => [e.userId, e.revocation]));
    expect(by.amy).toEqual({
      revocable: false,
      code: "cannot_revoke_primary",
      rule: "REA-3",
      instead: "changePrimary",
    });
    expect(by.admin).toEqual({
      revocable: false,
      code: "cannot_revoke_admin",
      rule: "REA-3",
      instead: "changeOfficeRole",
    });
    expect(by.rain).toEqual({ revocable: false, code: "not_assigned", rule: "REA-3", instead: "changeMemberLevel" });
    expect(by.bob).toEqual({ revocable: true, grant: "view", keeps: [] });
  });
});
