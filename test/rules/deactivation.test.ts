import { describe, expect, it } from "vitest";
import { accessList, can, explain } from "../../src/index.js";
import { amysTwoContacts, OFFICE, personal, refusal, run, teamOffice } from "../support/office.js";

describe("deactivated users (seed 003)", () => {
  const base = amysTwoContacts;

  it("you need to reactivate the deactivated account to take action on its contacts (LIF-7)", () => {
    const s = run(base(), { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    expect(can(s, "bob", "view", "m1")).toBe(false);
    expect(explain(s, "bob", "edit", "m1").remedy).toEqual({ kind: "reactivate", userId: "amy" });
    expect(
      refusal(s, {
        type: "grantAccess",
        actor: "amy",
        account: personal("amy"),
        contactId: "m1",
        userId: "rain",
        level: "view",
      }),
    ).toMatchObject({
      code: "actor_deactivated",
      rule: "LIF-7",
    });
    expect(refusal(s, { type: "unassignSelf", actor: "bob", account: personal("amy"), contactId: "m1" })).toMatchObject(
      { code: "contact_frozen", rule: "LIF-7" },
    );
    expect(accessList(s, "m1")).toEqual({ _tag: "Right", right: [] });
    const back = run(s, { type: "reactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    expect(can(back, "bob", "edit", "m1")).toBe(true);
  });

  it("team-owned contacts stay workable while a primary is deactivated (LIF-7)", () => {
    const s = run(base(), { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    expect(can(s, "rain", "edit", "c1")).toBe(true);
    expect(can(s, "amy", "view", "c1")).toBe(false);
  });

  it("the office keeps one active admin (LIF-7)", () => {
    expect(
      refusal(teamOffice(), { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "admin" }).code,
    ).toBe("last_office_admin");
  });
});
