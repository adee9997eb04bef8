import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareOrder,
  emptyMap,
  get,
  keys,
  orderedKeys,
  rankOf,
  remove,
  set,
  transient,
  type OrderedPosition,
  type PersistentMap,
} from "../../src/collections/persistent-map.js";
import * as E from "fp-ts/lib/Either.js";
import { ACTIONS, can, fromSnapshot, toSnapshot, visibleContacts, visiblePage, type State } from "../../src/index.js";
import { collidingIds, fnv30 } from "../support/colliding-ids.js";
import { applyToBoth } from "../support/map-model.js";
import { TEAM, run, teamOffice } from "../support/office.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const COLLIDING = collidingIds(3_000);
const ORDINARY = Array.from({ length: 300 }, (_, i) => `contact-${i}`);

/**
 * The nodes of a map's last level as the test sees them: buckets (arrays of `[number, key, value]` triples) and
 * trees (separators as `hashes` and `keys`, and children). Entries there are ordered by their number, then key.
 */
interface Tree {
  readonly hashes: readonly number[];
  readonly keys: readonly string[];
  readonly children: readonly unknown[];
}
type Entry = readonly [number, string];
const before = (a: Entry, b: Entry): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
const isTree = (node: unknown): node is Tree => typeof node === "object" && node !== null && !Array.isArray(node);

/** Every node reachable from the root (branches, buckets, trees and their arrays). */
function nodes(map: PersistentMap<unknown>): object[] {
  const out: object[] = [];
  const walk = (node: unknown): void => {
    if (node === null || node === undefined) return;
    out.push(node as object);
    if (isTree(node)) {
      out.push(node.hashes, node.keys, node.children);
      for (const child of node.children) walk(child);
    } else if (Array.isArray(node) && typeof node[0] !== "number") for (const child of node) walk(child);
  };
  walk(map.root);
  return out;
}

/**
 * Checks the B-tree below the last branch: widths, entries in order and between their separators; returns its
 * height. Adding keeps every leaf at one depth (`balanced`); removing may lift a lone child into its parent's place.
 */
function checkTree(node: unknown, low: Entry | null, high: Entry | null, balanced: boolean): number {
  if (!isTree(node)) {
    const bucket = node as readonly unknown[];
    expect(bucket.length / 3).toBeLessThanOrEqual(32);
    for (let i = 0; i < bucket.length; i += 3) {
      const entry: Entry = [bucket[i] as number, bucket[i + 1] as string];
      if (low !== null) expect(before(entry, low)).toBe(false);
      if (high !== null) expect(before(entry, high)).toBe(true);
      if (i > 0) expect(before([bucket[i - 3] as number, bucket[i - 2] as string], entry)).toBe(true);
    }
    return 0;
  }
  expect(node.children.length).toBeGreaterThanOrEqual(2);
  expect(node.children.length).toBeLessThanOrEqual(32);
  expect(node.keys).toHaveLength(node.children.length - 1);
  expect(node.hashes).toHaveLength(node.children.length - 1);
  const separator = (i: number): Entry => [node.hashes[i] as number, node.keys[i] as string];
  const heights = node.children.map((child, i) =>
    checkTree(child, i === 0 ? low : separator(i - 1), i === node.keys.length ? high : separator(i), balanced),
  );
  if (balanced) expect(new Set(heights).size).toBe(1);
  return Math.max(...heights) + 1;
}

/** The last-level nodes of a map (those that hold colliding keys), with their tree heights. */
function lastLevels(map: PersistentMap<unknown>, balanced = true): number[] {
  const heights: number[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (node === null || node === undefined) return;
    if (depth === 6) heights.push(checkTree(node, null, null, balanced));
    else if (Array.isArray(node) && typeof node[0] !== "number") for (const child of node) walk(child, depth + 1);
  };
  walk(map.root, 0);
  return heights;
}

describe("ids chosen to collide (SEC-9)", () => {
  it("the adversary's ids are distinct and share one hash, the one the map routes by", () => {
    expect(new Set(COLLIDING).size).toBe(COLLIDING.length);
    expect(new Set(COLLIDING.map(fnv30)).size).toBe(1);
    expect(new Set(COLLIDING.map(rankOf)).size).toBe(1);
    expect(new Set(ORDINARY.map(rankOf)).size).toBeGreaterThan(290);
    for (const id of COLLIDING) expect(id.length).toBeLessThanOrEqual(200);
  });

  it("a map of colliding ids behaves like a Map under any sets and removes, in and out of a batch, and keeps older versions", () => {
    const key = fc.oneof(fc.constantFrom(...COLLIDING.slice(0, 400)), fc.constantFrom(...ORDINARY.slice(0, 40)));
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant("remove" as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), fc.boolean(), (ops, batched) => {
        let map: PersistentMap<number> = emptyMap();
        const model = new Map<string, number>();
        const older: [PersistentMap<number>, Map<string, number>][] = [];
        const apply = (): void => {
          ops.forEach((o, n) => {
            if (!batched && n % 50 === 0) older.push([map, new Map(model)]);
            map = applyToBoth(map, model, o);
          });
        };
        if (batched) transient(apply);
        else apply();
        expect(map.size).toBe(model.size);
        expect(keys(map).sort()).toEqual([...model.keys()].sort());
        for (const k of [...COLLIDING.slice(0, 400), ...ORDINARY.slice(0, 40)]) expect(get(map, k)).toBe(model.get(k));
        for (const [m, expected] of older) {
          expect(m.size).toBe(expected.size);
          for (const [k, v] of expected) expect(get(m, k)).toBe(v);
        }
        for (const node of nodes(map)) expect(Object.isFrozen(node)).toBe(true);
        lastLevels(map, false);
      }),
      { numRuns: Math.max(4, Math.floor(RUNS / 4)) },
    );
  });

  it("3,000 colliding ids make a B-tree two levels high, however they are added, and removing them all leaves the empty map", () => {
    const oneByOne = COLLIDING.reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    const batched = transient(() => COLLIDING.reduce((m, id, i) => set(m, id, i), emptyMap<number>()));
    const reversed = [...COLLIDING].reverse().reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    for (const map of [oneByOne, batched, reversed]) {
      expect(map.size).toBe(3_000);
      expect(lastLevels(map)).toEqual([2]);
      for (const node of nodes(map)) expect(Object.isFrozen(node)).toBe(true);
    }
    let map = oneByOne;
    COLLIDING.forEach((id, n) => {
      map = remove(map, id);
      if (n % 500 === 0) lastLevels(map, false);
    });
    expect(map).toBe(emptyMap());
  });

  it("a last-level bucket holds 32 colliding ids and becomes a tree at the 33rd; their order keys are nearly all distinct", () => {
    const build = (n: number) => COLLIDING.slice(0, n).reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    expect(lastLevels(build(32))).toEqual([0]);
    expect(lastLevels(build(33))).toEqual([1]);
    expect(lastLevels(transient(() => build(33)))).toEqual([1]);
    // The numbers a search compares are distinct for ids that share the trie hash, so text is rarely read.
    const numbers = new Set<unknown>();
    const collect = (node: unknown): void => {
      if (isTree(node)) node.children.forEach(collect);
      else for (let i = 0; i < (node as unknown[]).length; i += 3) numbers.add((node as unknown[])[i]);
    };
    const lastOf = (map: PersistentMap<number>): unknown => {
      let node: unknown = map.root;
      for (let depth = 0; depth < 6; depth++) node = (node as unknown[]).find((child) => child !== null);
      return node;
    };
    collect(lastOf(build(3_000)));
    expect(numbers.size).toBeGreaterThan(2_990);
  });

  it("setting a colliding id to the value it holds, or removing one that is absent, returns the same map", () => {
    const map = COLLIDING.slice(0, 2_000).reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    for (const i of [0, 17, 999, 1_999]) expect(set(map, COLLIDING[i] as string, i)).toBe(map);
    for (const id of COLLIDING.slice(2_000, 2_010)) expect(remove(map, id)).toBe(map);
    const small = COLLIDING.slice(0, 20).reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    expect(set(small, COLLIDING[3] as string, 3)).toBe(small);
    expect(remove(small, COLLIDING[25] as string)).toBe(small);
  });

  it("removing colliding ids first to last, last to first, or at random keeps the tree valid at every step", () => {
    const full = COLLIDING.slice(0, 1_500).reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    const walked: string[] = [];
    const next = orderedKeys(full, null);
    for (let p = next(); p !== null; p = next()) walked.push(p.key);
    for (const order of [walked, [...walked].reverse(), COLLIDING.slice(0, 1_500)]) {
      let map = full;
      order.forEach((id, n) => {
        map = remove(map, id);
        if (n % 25 === 0) {
          for (const height of lastLevels(map, false)) expect(height).toBeLessThanOrEqual(2);
          expect(get(map, order[n + 1] as string)).toBe(
            n + 1 < order.length ? COLLIDING.indexOf(order[n + 1] as string) : undefined,
          );
        }
      });
      expect(map).toBe(emptyMap());
    }
  });

  it("a change among 3,000 colliding ids makes a handful of new nodes, not a copy of the bucket", () => {
    const map = COLLIDING.slice(0, 2_999).reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    const before = new Set(nodes(map));
    for (const next of [
      set(map, COLLIDING[2_999] as string, 1),
      set(map, COLLIDING[7] as string, -1),
      remove(map, COLLIDING[1_500] as string),
    ]) {
      const made = nodes(next).filter((node) => !before.has(node));
      // The six branches on the path, then per tree level a node with its keys and children, and one bucket.
      expect(made.length).toBeLessThanOrEqual(6 + 3 * 2 + 1 + 3);
      const biggest = Math.max(...made.map((node) => (Array.isArray(node) ? node.length : 0)));
      expect(biggest).toBeLessThanOrEqual(3 * 33);
    }
  });

  it("a walk over colliding ids meets every key once, in an order that resumes after any key in this map or a later one", () => {
    const ids = [...COLLIDING.slice(0, 1_200), ...ORDINARY];
    const map = ids.slice(0, 1_400).reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    const later = ids.slice(1_400).reduce((m, id, i) => set(m, id, i), map);
    const walk = (from: OrderedPosition | null, m: PersistentMap<number>): OrderedPosition[] => {
      const next = orderedKeys(m, from);
      const out: OrderedPosition[] = [];
      for (let p = next(); p !== null; p = next()) out.push(p);
      return out;
    };
    const all = walk(null, map);
    expect(all.map((p) => p.key).sort()).toEqual(ids.slice(0, 1_400).sort());
    for (let i = 1; i < all.length; i++)
      expect(compareOrder(all[i - 1] as OrderedPosition, all[i] as OrderedPosition)).toBeLessThan(0);
    for (const p of all) expect(p.rank).toBe(rankOf(p.key));
    const laterAll = walk(null, later).map((p) => p.key);
    for (const at of [0, 1, 31, 32, 33, 700, 1_199, 1_200, 1_399]) {
      const from = all[at] as OrderedPosition;
      const rest = all.slice(at + 1).map((p) => p.key);
      expect(walk(from, map).map((p) => p.key)).toEqual(rest);
      // The key itself removed: the walk still resumes right after where it stood.
      expect(walk(from, remove(map, from.key)).map((p) => p.key)).toEqual(rest);
      // In a later map, the walk goes on from the same place.
      expect(walk(from, later).map((p) => p.key)).toEqual(laterAll.slice(laterAll.indexOf(from.key) + 1));
    }
    // The later map keeps the earlier map's keys in the earlier order.
    const earlier = new Set(ids.slice(0, 1_400));
    expect(laterAll.filter((k) => earlier.has(k))).toEqual(all.map((p) => p.key));
  });
});

describe("an office whose contact ids all collide (SEC-9)", () => {
  it("answers every user and action exactly as the same office with ordinary ids, through import with duplicates, grants, revocations, paging and restore", () => {
    const n = 1_500;
    const colliding = collidingIds(n, "k-");
    const ordinary = colliding.map((_, i) => `k-${String(i).padStart((colliding[0] as string).length - 2, "0")}`);
    const users = ["rain", "tc", "amy", "bob", "lee", "admin"];
    const officeWith = (ids: readonly string[]): State => {
      let state = run(teamOffice(), {
        type: "importContacts",
        actor: "amy",
        account: TEAM,
        rows: ids.map((contactId, i) => ({
          contactId,
          details: { name: `Contact ${i}`, emails: [`c${i % 1_400}@example.net`] },
        })),
      }).state;
      for (let i = 0; i < 1_400; i += 37)
        state = run(state, {
          type: "grantAccess",
          actor: "rain",
          account: TEAM,
          contactId: ids[i] as string,
          userId: "bob",
          level: i % 2 === 0 ? "view" : "full",
        }).state;
      for (let i = 0; i < 1_400; i += 74)
        state = run(state, {
          type: "revokeAccess",
          actor: "rain",
          account: TEAM,
          contactId: ids[i] as string,
          userId: "bob",
        }).state;
      return state;
    };
    const a = officeWith(ordinary);
    const b = officeWith(colliding);
    const restored = E.getOrElseW(() => null)(fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(b)))));
    expect(restored).not.toBeNull();
    for (const state of [b, restored as State]) {
      for (const user of users) {
        expect(visibleContacts(state, user).length).toBe(visibleContacts(a, user).length);
        for (let i = 0; i < n; i += 7)
          for (const action of ACTIONS)
            expect([user, i, action, can(state, user, action, colliding[i] as string)]).toEqual([
              user,
              i,
              action,
              can(a, user, action, ordinary[i] as string),
            ]);
      }
      // Paging walks every visible contact once.
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = E.getOrElseW(() => null)(
          visiblePage(state, "bob", after === undefined ? { limit: 100 } : { limit: 100, after }),
        );
        if (page === null) throw new Error("page refused");
        seen.push(...page.contactIds);
        if (page.next === null) break;
        after = page.next;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual([...visibleContacts(state, "bob")].sort());
    }
  });
});
