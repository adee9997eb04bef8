import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  contactIds,
  execute,
  visibleContacts,
  visibleCount,
  visiblePage,
  type Command,
  type PageRequest,
  type State,
} from "../../src/index.js";
import { arbitraryCommand, arbitraryConfiguration, arbitraryState, UNIVERSE } from "../../src/testing/index.js";
import { rankOf } from "../../src/collections/persistent-map.js";
import { personal, run, TEAM, teamOffice } from "../support/office.js";

/** The listing's documented order: by the id's rank in the index, then by the id (docs/guides/listing.md). */
const byOrder = (a: string, b: string): number => rankOf(a) - rankOf(b) || (a < b ? -1 : a > b ? 1 : 0);

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const USERS = [UNIVERSE.admin, ...UNIVERSE.users];

/** Every page, following `next` to the end; fails the test on an error or a page longer than asked. */
function allPages(state: State, userId: string, request: PageRequest): string[][] {
  const pages: string[][] = [];
  let after: string | null = null;
  for (;;) {
    const r = visiblePage(state, userId, { ...request, after });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.contactIds.length).toBeLessThanOrEqual(request.limit);
    pages.push([...r.right.contactIds]);
    if (r.right.next === null) return pages;
    expect(r.right.contactIds.length).toBe(request.limit); // only the last page is short
    after = r.right.next;
  }
}

describe("paged listing (REA-2)", () => {
  it("the pages together list each contact the user may act on exactly once, whatever the page length, action or filter, and the count agrees", () => {
    const filters = fc.record(
      { action: fc.constantFrom(...ACTIONS), primaryOnly: fc.boolean(), archived: fc.boolean() },
      { requiredKeys: ["action"] },
    );
    fc.assert(
      fc.property(
        arbitraryState({ maxCommands: 50, configuration: arbitraryConfiguration() }),
        fc.integer({ min: 1, max: 4 }),
        filters,
        ({ state }, limit, filter) => {
          for (const user of USERS) {
            const listed = allPages(state, user, { limit, ...filter }).flat();
            expect(new Set(listed).size).toBe(listed.length);
            expect(listed).toEqual([...listed].sort(byOrder));
            expect(new Set(listed)).toEqual(new Set(visibleContacts(state, user, filter)));
            expect(visibleCount(state, user, filter)).toBe(listed.length);
            expect(visibleCount(state, user)).toBe(
              contactIds(state).filter((id) => can(state, user, "view", id)).length,
            );
            for (const id of contactIds(state)) {
              if (filter.primaryOnly === undefined && filter.archived === undefined)
                expect(listed.includes(id)).toBe(can(state, user, filter.action, id));
            }
          }
        },
      ),
      // At least 15 states whatever the profile: the merge of sources is only seen where users have several.
      { numRuns: Math.max(RUNS, 15) },
    );
  });

  it("a cursor resumes in a later state without repeating a contact or skipping one that stayed visible", () => {
    fc.assert(
      fc.property(
        arbitraryState({ maxCommands: 40 }),
        fc.array(arbitraryCommand(), { maxLength: 15 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(...USERS),
        ({ state }, commands, limit, user) => {
          const first = visiblePage(state, user, { limit });
          if (E.isLeft(first)) throw new Error(first.left.message);
          let later = state;
          for (const c of commands as Command[]) {
            const r = execute(later, c);
            if (E.isRight(r)) later = r.right.state;
          }
          const rest: string[] = [];
          let after = first.right.next;
          while (after !== null) {
            const r = visiblePage(later, user, { limit, after });
            if (E.isLeft(r)) throw new Error(r.left.message);
            rest.push(...r.right.contactIds);
            after = r.right.next;
          }
          const seen = [...first.right.contactIds, ...rest];
          expect(new Set(seen).size).toBe(seen.length);
          const before = new Set(visibleContacts(state, user));
          const now = new Set(visibleContacts(later, user));
          for (const id of now) if (before.has(id)) expect(seen).toContain(id);
          for (const id of rest) expect(now.has(id)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("a team's rainmaker pages through 700 contacts; contacts added between pages appear once, in their place (ACC-9)", () => {
    const adds = Array.from(
      { length: 700 },
      (_, i) =>
        ({
          type: "addContact",
          actor: "amy",
          account: TEAM,
          contactId: `c${i}`,
          channel: "manual",
          details: { name: `C${i}` },
        }) as const,
    );
    let state = run(teamOffice(), ...adds).state;
    const pages = allPages(state, "rain", { limit: 7 });
    expect(pages.flat().sort()).toEqual(adds.map((a) => a.contactId).sort());
    expect(visibleCount(state, "rain")).toBe(700);
    expect(visibleCount(state, "amy")).toBe(700); // the creator is the primary of each (ASG-1)
    expect(visibleCount(state, "bob")).toBe(0);
    // Start again, and add contacts after the first page: the rest lists every contact but the first page's, once.
    const page1 = visiblePage(state, "rain", { limit: 50 });
    if (E.isLeft(page1)) throw new Error(page1.left.message);
    state = run(
      state,
      ...Array.from(
        { length: 40 },
        (_, i) =>
          ({
            type: "addContact",
            actor: "bob",
            account: TEAM,
            contactId: `n${i}`,
            channel: "manual",
            details: { name: `N${i}` },
          }) as const,
      ),
    ).state;
    const rest: string[] = [];
    let after = page1.right.next;
    while (after !== null) {
      const r = visiblePage(state, "rain", { limit: 50, after });
      if (E.isLeft(r)) throw new Error(r.left.message);
      rest.push(...r.right.contactIds);
      after = r.right.next;
    }
    const all = [...page1.right.contactIds, ...rest];
    expect(new Set(all).size).toBe(all.length);
    for (const a of adds) expect(all).toContain(a.contactId);
    // A new contact is listed only if it falls after the cursor: none is listed twice, and those before it wait for a new listing.
    expect(all.filter((id) => id.startsWith("n")).length).toBeLessThanOrEqual(40);
  });

  it("an office admin's pages merge every account they see in the listing's order: personal, two teams and their own grants (REA-2, ACC-9)", () => {
    const T2 = { kind: "team", teamId: "t2" } as const;
    const add = (actor: string, account: typeof TEAM | typeof T2 | ReturnType<typeof personal>, prefix: string) =>
      Array.from(
        { length: 25 },
        (_, i) =>
          ({
            type: "addContact",
            actor,
            account,
            contactId: `${prefix}${i}`,
            channel: "manual",
            details: { name: `${prefix} ${i}` },
          }) as const,
      );
    const state = run(
      teamOffice(),
      {
        type: "createTeam",
        actor: "admin",
        account: { kind: "office" },
        teamId: "t2",
        name: "Second",
        rainmakerId: "lee",
      },
      ...add("admin", personal("admin"), "adm-"),
      ...add("amy", TEAM, "t1-"),
      ...add("lee", T2, "t2-"),
      ...add("bob", personal("bob"), "bob-"),
      { type: "grantAccess", actor: "bob", account: personal("bob"), contactId: "bob-3", userId: "amy", level: "view" },
    ).state;
    for (const [user, expected] of [
      ["admin", 75],
      ["amy", 26],
      ["rain", 25],
    ] as const) {
      for (const limit of [1, 7, 100]) {
        const listed = allPages(state, user, { limit }).flat();
        expect(listed).toHaveLength(expected);
        expect(listed).toEqual([...visibleContacts(state, user)].sort(byOrder));
      }
    }
  });

  it("a page length outside 1 to 10,000, or a cursor this listing did not make, is refused as invalid input; an unknown user sees an empty list", () => {
    const state = run(teamOffice(), {
      type: "addContact",
      actor: "bob",
      account: personal("bob"),
      contactId: "m1",
      channel: "manual",
      details: { name: "M" },
    }).state;
    for (const limit of [0, -1, 1.5, 10_001, Number.NaN])
      expect(visiblePage(state, "bob", { limit })).toMatchObject({
        _tag: "Left",
        left: { code: "invalid_input", rule: "input" },
      });
    for (const after of ["", "m1", "v1.1.m1", "v2.0.m1", "v1.x.m1"])
      expect(visiblePage(state, "bob", { limit: 5, after })).toMatchObject({
        _tag: "Left",
        left: { code: "invalid_input" },
      });
    expect(visiblePage(state, "bob", { limit: 10_000 })).toEqual(E.right({ contactIds: ["m1"], next: null }));
    expect(visiblePage(state, "nobody", { limit: 5 })).toEqual(E.right({ contactIds: [], next: null }));
    expect(visiblePage(state, "amy", { limit: 5 })).toEqual(E.right({ contactIds: [], next: null })); // bob's personal contact (ACC-5)
  });
});
