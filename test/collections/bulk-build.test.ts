import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emptyMap,
  forEachHashed,
  fromColumns,
  fromEntries,
  get,
  keys,
  orderedKeys,
  set,
  transient,
  type OrderedPosition,
  type PersistentMap,
} from "../../src/collections/persistent-map.js";
import { collidingIds } from "../support/colliding-ids.js";
import { applyToBoth } from "../support/map-model.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const COLLIDING = collidingIds(1_200);
const ORDINARY = Array.from({ length: 400 }, (_, i) => `contact-${i}`);

/** Every key in the trie's walking order, as `orderedKeys` gives them one at a time. */
function walk(map: PersistentMap<unknown>): string[] {
  const next = orderedKeys(map, null);
  const out: string[] = [];
  for (let p: OrderedPosition | null = next(); p !== null; p = next()) out.push(p.key);
  return out;
}

/** Every node reachable from the root is frozen, and buckets above the last level hold at most 16 entries. */
function checkNodes(map: PersistentMap<unknown>): void {
  const visit = (node: unknown, depth: number): void => {
    if (node === null || node === undefined) return;
    expect(Object.isFrozen(node)).toBe(true);
    if (!Array.isArray(node)) {
      const tree = node as { hashes: unknown[]; keys: unknown[]; children: unknown[] };
      expect(tree.children.length).toBeGreaterThanOrEqual(2);
      expect(tree.children.length).toBeLessThanOrEqual(32);
      for (const child of tree.children) visit(child, depth);
      return;
    }
    if (typeof node[0] === "number") {
      expect(node.length / 3).toBeLessThanOrEqual(depth === 6 ? 32 : 16);
      return;
    }
    for (const child of node) visit(child, depth + 1);
  };
  visit(map.root, 0);
}

const key = fc.oneof(fc.constantFrom(...COLLIDING), fc.constantFrom(...ORDINARY), fc.string({ maxLength: 6 }));

describe("building a map in bulk (fromEntries)", () => {
  it("holds what a Map holds from the same entries, later entries winning, with ordinary, colliding and repeated keys", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 1_500 }), (entries) => {
        const model = new Map<string, number>(entries);
        const bulk = fromEntries(entries);
        expect(bulk.size).toBe(model.size);
        expect(keys(bulk).sort()).toEqual([...model.keys()].sort());
        for (const [k, v] of model) expect(get(bulk, k)).toBe(v);
        for (const k of [...COLLIDING.slice(0, 50), ...ORDINARY.slice(0, 50)]) expect(get(bulk, k)).toBe(model.get(k));
        checkNodes(bulk);
      }),
      { numRuns: Math.max(4, Math.floor(RUNS / 2)) },
    );
  });

  it("walks, hashes and sizes like the map one `set` at a time builds, and keeps behaving so under later changes", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant("remove" as const), key }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer()), { maxLength: 1_200 }),
        fc.array(op, { maxLength: 300 }),
        fc.boolean(),
        (entries, ops, batched) => {
          const build = (): PersistentMap<number> => fromEntries(entries);
          let bulk = batched ? transient(build) : build();
          let oneByOne = entries.reduce((m, [k, v]) => set(m, k, v), emptyMap<number>());
          expect(walk(bulk)).toEqual(walk(oneByOne));
          const hashes = (m: PersistentMap<number>): string[] => {
            const out: string[] = [];
            forEachHashed(m, (v, k, h) => out.push(`${h}|${k}|${v}`));
            return out.sort();
          };
          expect(hashes(bulk)).toEqual(hashes(oneByOne));
          const model = new Map<string, number>(entries);
          const modelToo = new Map<string, number>(entries);
          const before = walk(bulk);
          const first = bulk;
          for (const o of ops) {
            bulk = applyToBoth(bulk, model, o);
            oneByOne = applyToBoth(oneByOne, modelToo, o);
          }
          expect(bulk.size).toBe(model.size);
          for (const [k, v] of model) expect(get(bulk, k)).toBe(v);
          expect(walk(bulk)).toEqual(walk(oneByOne));
          // The map built in bulk is a value: later changes never reach it.
          expect(walk(first)).toEqual(before);
          checkNodes(bulk);
        },
      ),
      { numRuns: Math.max(4, Math.floor(RUNS / 4)) },
    );
  });

  it("1,200 ids chosen to collide become one balanced B-tree, found one by one (SEC-9)", () => {
    const map = fromColumns(
      COLLIDING,
      COLLIDING.map((_, i) => i),
    );
    expect(map.size).toBe(COLLIDING.length);
    COLLIDING.forEach((id, i) => {
      expect(get(map, id)).toBe(i);
    });
    checkNodes(map);
    const oneByOne = COLLIDING.reduce((m, id, i) => set(m, id, i), emptyMap<number>());
    expect(walk(map)).toEqual(walk(oneByOne));
  });

  it("an empty list gives the empty map, and one entry a map of one", () => {
    expect(fromEntries([])).toBe(emptyMap());
    const one = fromEntries([["__proto__", 1] as const]);
    expect(one.size).toBe(1);
    expect(get(one, "__proto__")).toBe(1);
  });
});
