import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  explain,
  getTeam,
  getUser,
  visibilityFilter,
  visibleContacts,
  type Action,
  type State,
  type VisibilityFilter,
} from "../../src/index.js";
import { details, OFFICE, personal, run, TEAM, teamOffice } from "../support/office.js";
import { matches, states, table, USERS } from "./visibility-rows.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

function filterOf(state: State, user: string, action?: Action, options?: { archived?: boolean }): VisibilityFilter {
  const r = visibilityFilter(state, user, action, options);
  if (E.isLeft(r)) throw new Error(`${user} ${String(action)}: ${r.left.code} ${r.left.message}`);
  return r.right;
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe("visibility as a filter over the service's own table (ACC-5, ACC-9, ASG-3, LIF-2, LIF-7, SEC-2)", () => {
  it("law: the filter, applied to plain rows, keeps exactly the contacts `can` allows, for every user, action and archive filter; for view, exactly `visibleContacts` (ACC-4, ACC-5, ACC-9, ASG-1, ASG-2, ASG-3, SHR-1, SHR-7, SHR-8, LIF-2, LIF-7, REA-2)", () => {
    const seen = { frozen: 0, loan: 0, contacts: 0, accounts: 0 };
    fc.assert(
      fc.property(states(), ({ state }) => {
        const rows = table(state);
        for (const user of USERS) {
          for (const action of ACTIONS) {
            for (const archived of [undefined, true, false]) {
              const filter = filterOf(state, user, action, archived === undefined ? {} : { archived });
              const kept = rows.filter((row) => matches(filter, row)).map((row) => row.id);
              const allowed = rows
                .filter(
                  (row) => can(state, user, action, row.id) && (archived === undefined || row.archived === archived),
                )
                .map((row) => row.id);
              expect(sorted(kept), `${user} ${action} archived=${String(archived)}: ${JSON.stringify(filter)}`).toEqual(
                sorted(allowed),
              );
              if (action === "view")
                expect(sorted(kept)).toEqual(
                  sorted(visibleContacts(state, user, archived === undefined ? {} : { archived })),
                );
              if (filter.except.length > 0 && action === "view") seen.frozen++; // only a deactivated owner takes a contact out of view
              if (filter.except.length > 0 && action === "delete" && state.deactivatedUsers.length === 0) seen.loan++;
              if (filter.contacts.length > 0) seen.contacts++;
              if (filter.accounts.length > 0) seen.accounts++;
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The law met every part of the filter, exclusions included (a deactivated owner, a loan) — checked at the
    // default number of runs; the mutation profile's few runs cannot promise it.
    if (RUNS >= 30) {
      expect(seen.frozen).toBeGreaterThan(0);
      expect(seen.loan).toBeGreaterThan(0);
      expect(seen.contacts).toBeGreaterThan(0);
      expect(seen.accounts).toBeGreaterThan(0);
    }
  });

  it("discloses nothing about contacts the user cannot see: every id it lists is one they hold access to, every account their own or a team they belong to (SEC-2, ACC-5)", () => {
    fc.assert(
      fc.property(states(), ({ state }) => {
        const rows = new Map(table(state).map((row) => [row.id, row]));
        for (const user of USERS) {
          const admin = getUser(state, user)?.officeRole !== "staff";
          for (const action of ACTIONS) {
            const filter = filterOf(state, user, action);
            for (const id of [...filter.contacts, ...filter.except])
              expect(explain(state, user, "view", id).level, `${user} ${action} lists ${id}`).not.toBeNull();
            for (const key of filter.accounts) {
              const [kind, id] = key.split(":") as [string, string];
              if (kind === "personal") expect(id).toBe(user);
              else expect(admin || getTeam(state, id)?.members.some((m) => m.userId === user)).toBe(true);
            }
            // The parts are disjoint and each id is listed once: `except` lies inside the accounts, `contacts` outside.
            for (const id of filter.except) expect(filter.accounts).toContain(rows.get(id)?.accountId);
            for (const id of filter.contacts) expect(filter.accounts).not.toContain(rows.get(id)?.accountId);
            expect(new Set(filter.contacts).size).toBe(filter.contacts.length);
            expect(new Set(filter.except).size).toBe(filter.except.length);
            expect(JSON.parse(JSON.stringify(filter))).toEqual(filter); // plain data
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a team lead sees the team account whole; an agent holds their contacts one by one; the lead's own ties add nothing to list (ACC-9, ASG-1, ACC-4)", () => {
    const state = run(
      teamOffice(),
      { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: details("C1") },
      { type: "addContact", actor: "bob", account: TEAM, contactId: "c2", channel: "manual", details: details("C2") },
      { type: "addContact", actor: "rain", account: TEAM, contactId: "c3", channel: "manual", details: details("C3") },
      { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c2", userId: "amy", level: "view" },
      {
        type: "addContact",
        actor: "amy",
        account: personal("amy"),
        contactId: "m1",
        channel: "manual",
        details: details("M1"),
      },
    ).state;
    expect(filterOf(state, "rain")).toEqual({
      action: "view",
      accounts: ["personal:rain", "team:t1"],
      except: [],
      contacts: [],
      archived: null,
    });
    expect(filterOf(state, "amy")).toMatchObject({ accounts: ["personal:amy"], except: [] });
    expect(sorted(filterOf(state, "amy").contacts)).toEqual(["c1", "c2"]);
    expect(filterOf(state, "amy", "edit").contacts).toEqual(["c1"]); // a view grant does not edit (ASG-3)
    expect(filterOf(state, "admin")).toEqual({
      action: "view",
      accounts: ["personal:admin", "team:t1"],
      except: [],
      contacts: [],
      archived: null,
    });
    expect(filterOf(state, "admin", "delete")).toMatchObject({ accounts: ["personal:admin"], contacts: [] }); // only unlimited members delete (ACC-9)
    expect(filterOf(state, "rain", "delete", { archived: false })).toMatchObject({
      accounts: ["personal:rain", "team:t1"],
      archived: false,
    });
    expect(filterOf(state, "lee")).toEqual({
      action: "view",
      accounts: ["personal:lee"],
      except: [],
      contacts: [],
      archived: null,
    });
  });

  it("a contact of a deactivated owner, or one on a loan for delete, is excepted from the account the lead sees whole (LIF-7, SHR-7)", () => {
    const base = run(
      teamOffice(),
      { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: details("C1") },
      { type: "addContact", actor: "bob", account: TEAM, contactId: "c2", channel: "manual", details: details("C2") },
      { type: "changeOwner", actor: "rain", account: TEAM, contactId: "c1", owner: { kind: "user", userId: "amy" } },
      { type: "addLoan", actor: "rain", account: TEAM, contactId: "c2", loanId: "L1", amount: 1, status: "open" },
    ).state;
    expect(filterOf(base, "rain", "delete")).toMatchObject({ accounts: ["personal:rain", "team:t1"], except: ["c2"] });
    expect(filterOf(base, "rain", "view").except).toEqual([]);
    const frozen = run(base, { type: "deactivateUser", actor: "admin", account: OFFICE, userId: "amy" }).state;
    expect(filterOf(frozen, "rain", "view")).toMatchObject({
      accounts: ["personal:rain", "team:t1"],
      except: ["c1"],
      contacts: [],
    });
    expect(sorted(filterOf(frozen, "rain", "delete").except)).toEqual(["c1", "c2"]);
    expect(filterOf(frozen, "bob", "view").contacts).toEqual(["c2"]);
    // The deactivated user sees nothing at all (LIF-7).
    expect(filterOf(frozen, "amy")).toEqual({ action: "view", accounts: [], except: [], contacts: [], archived: null });
  });

  it("an unknown user or action, or an option it cannot apply, is a typed error, never a throw (SEC-8)", () => {
    const state = teamOffice();
    expect(visibilityFilter(state, "nobody")).toMatchObject({ _tag: "Left", left: { code: "actor_not_found" } });
    expect(visibilityFilter(state, "amy", "fly" as never)).toMatchObject({
      _tag: "Left",
      left: { code: "invalid_input", rule: "input" },
    });
    expect(visibilityFilter(state, "amy", "view", { primaryOnly: true } as never)).toMatchObject({
      _tag: "Left",
      left: { code: "invalid_input" },
    });
    expect(visibilityFilter(state, "amy", "view", { archived: "yes" } as never)).toMatchObject({
      _tag: "Left",
      left: { code: "invalid_input", path: ["archived"] },
    });
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (actor, action, options) => {
        const r = visibilityFilter(state, actor as string, action as Action, options as never);
        if (E.isLeft(r)) expect(["invalid_input", "actor_not_found"]).toContain(r.left.code);
      }),
      { numRuns: 2000 },
    );
  });
});
