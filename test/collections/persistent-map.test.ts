import fc from "fast-check";
import { applyToBoth } from "../support/map-model.js";
import { describe, expect, it } from "vitest";
import {
  addToSet,
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
  type PersistentSet,
} from "../../src/collections/persistent-map.js";

describe("persistent map", () => {
  it("behaves like a Map under any sequence of sets and removes, and never changes an older version", () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("set" as const),
        key: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("__proto__", "constructor", "toString")),
        value: fc.integer(),
      }),
      fc.record({ kind: fc.constant("remove" as const), key: fc.string({ maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        let map: PersistentMap<number> = emptyMap();
        const model = new Map<string, number>();
        const versions: [PersistentMap<number>, Map<string, number>][] = [];
        for (const o of ops) {
          versions.push([map, new Map(model)]);
          map = applyToBoth(map, model, o);
          expect(map.size).toBe(model.size);
        }
        expect(keys(map).sort()).toEqual([...model.keys()].sort());
        for (const [k, v] of model) expect(get(map, k)).toBe(v);
        for (const [old, oldModel] of versions) {
          expect(old.size).toBe(oldModel.size);
          for (const [k, v] of oldModel) expect(get(old, k)).toBe(v);
        }
        expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("splits buckets and keeps every key at 20k entries; a change copies only one short path", () => {
    let map: PersistentMap<number> = emptyMap();
    for (let i = 0; i < 20_000; i++) map = set(map, `contact-${i}`, i);
    expect(map.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 997) expect(get(map, `contact-${i}`)).toBe(i);
    const next = set(map, "contact-5", -1);
    expect(get(map, "contact-5")).toBe(5);
    expect(get(next, "contact-5")).toBe(-1);
    expect(Object.isFrozen(next.root)).toBe(true);
    const root = map.root as readonly unknown[];
    const nextRoot = next.root as readonly unknown[];
    const shared = root.filter((child, i) => child === nextRoot[i]).length;
    expect(shared).toBe(root.length - 1);
  });

  it("returns the same map when nothing changes", () => {
    const map = set(emptyMap<number>(), "a", 1);
    expect(set(map, "a", 1)).toBe(map);
    expect(remove(map, "b")).toBe(map);
  });

  /** Every node and header reachable from the map, values included when they are maps themselves. */
  function everyNode(map: PersistentMap<unknown>): object[] {
    const out: object[] = [map];
    const walk = (node: unknown): void => {
      if (!Array.isArray(node)) return;
      out.push(node);
      if (typeof node[0] === "number") {
        for (let i = 2; i < node.length; i += 3) {
          const v: unknown = node[i];
          if (typeof v === "object" && v !== null && "root" in v) out.push(...everyNode(v as PersistentMap<unknown>));
        }
      } else for (const child of node) walk(child);
    };
    walk(map.root);
    return out;
  }

  it("a transient batch changes only nodes it made, leaves older maps as they were, and freezes all it made", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key: fc.string({ maxLength: 3 }), value: fc.integer() }),
      fc.record({ kind: fc.constant("remove" as const), key: fc.string({ maxLength: 3 }) }),
      fc.record({
        kind: fc.constant("add" as const),
        key: fc.string({ maxLength: 2 }),
        member: fc.string({ maxLength: 2 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.array(op, { maxLength: 400 }), (before, during) => {
        let map: PersistentMap<number | PersistentSet> = emptyMap();
        const model = new Map<string, number | Set<string>>();
        const apply = (o: (typeof before)[number]): void => {
          if (o.kind === "set") {
            map = set(map, o.key, o.value);
            model.set(o.key, o.value);
          } else if (o.kind === "remove") {
            map = remove(map, o.key);
            model.delete(o.key);
          } else {
            const current = get(map, o.key);
            const members = typeof current === "object" ? current : emptyMap<true>();
            map = set(map, o.key, addToSet(members, o.member));
            const m = model.get(o.key);
            model.set(o.key, new Set([...(typeof m === "object" ? m : []), o.member]));
          }
        };
        for (const o of before) apply(o);
        const base = map;
        const baseModel = new Map([...model].map(([k, v]) => [k, typeof v === "object" ? new Set(v) : v] as const));
        const baseNodes = everyNode(base);
        transient(() => {
          for (const o of during) apply(o);
        });
        const same = (m: PersistentMap<number | PersistentSet>, expected: Map<string, number | Set<string>>): void => {
          expect(m.size).toBe(expected.size);
          for (const [k, v] of expected) {
            const got = get(m, k);
            if (typeof v === "number") expect(got).toBe(v);
            else expect(keys(got as PersistentSet).sort()).toEqual([...v].sort());
          }
        };
        same(map, model);
        same(base, baseModel);
        for (const node of [...baseNodes, ...everyNode(map)]) expect(Object.isFrozen(node)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("inside a batch, a node the batch made is reused in place rather than copied", () => {
    const outside = emptyMap<number>();
    const built = transient(() => {
      let m = set(outside, "a", 1);
      const first = m;
      for (let i = 0; i < 40; i++) m = set(m, `k${i}`, i);
      expect(m).toBe(first);
      return m;
    });
    expect(built.size).toBe(41);
    expect(Object.isFrozen(built)).toBe(true);
    expect(Object.isFrozen(built.root)).toBe(true);
    expect(set(built, "a", 2)).not.toBe(built);
  });

  /** Bucket sizes and depths of the trie: what keeps a change to one short path. */
  function shape(map: PersistentMap<unknown>): { buckets: number[]; depths: number[] } {
    const buckets: number[] = [];
    const depths: number[] = [];
    const walk = (node: unknown, depth: number): void => {
      if (!Array.isArray(node)) return;
      if (typeof node[0] === "number") {
        buckets.push(node.length / 3);
        depths.push(depth);
      } else {
        expect(node).toHaveLength(32);
        expect(node.some((child) => child !== null)).toBe(true);
        for (const child of node) walk(child, depth + 1);
      }
    };
    walk(map.root, 0);
    return { buckets, depths };
  }

  it("no bucket grows past 16 entries whether the map is built one key at a time, in a batch, or split deep", () => {
    const stepwise = (n: number) => {
      let m: PersistentMap<number> = emptyMap();
      for (let i = 0; i < n; i++) m = set(m, `contact-${i}`, i);
      return m;
    };
    for (const map of [stepwise(17), stepwise(5_000), transient(() => stepwise(5_000))]) {
      const { buckets, depths } = shape(map);
      expect(Math.max(...buckets)).toBeLessThanOrEqual(16);
      expect(buckets.reduce((a, b) => a + b, 0)).toBe(map.size);
      expect(Math.max(...depths)).toBeLessThan(6);
    }
    expect(shape(stepwise(16)).depths).toEqual([0]);
    expect(shape(stepwise(17)).depths.every((d) => d === 1)).toBe(true);
  });

  it("removes every key of a 5k map in any order, shrinking back to the empty map and never touching an older version", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        let map: PersistentMap<number> = emptyMap();
        const n = 5_000;
        for (let i = 0; i < n; i++) map = set(map, `k${i}`, i);
        const full = map;
        // A seeded shuffle of the keys.
        const order = Array.from({ length: n }, (_, i) => i);
        let x = seed;
        for (let i = n - 1; i > 0; i--) {
          x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
          const j = x % (i + 1);
          [order[i], order[j]] = [order[j] as number, order[i] as number];
        }
        expect(remove(full, "missing")).toBe(full);
        order.forEach((i, done) => {
          map = remove(map, `k${i}`);
          expect(map.size).toBe(n - done - 1);
          expect(get(map, `k${i}`)).toBeUndefined();
          if (done % 1000 === 0) {
            expect(keys(map).length).toBe(map.size);
            expect(Math.max(0, ...shape(map).buckets)).toBeLessThanOrEqual(16);
          }
        });
        expect(map).toBe(emptyMap());
        expect(full.size).toBe(n);
        for (let i = 0; i < n; i += 37) expect(get(full, `k${i}`)).toBe(i);
        expect(new Set(keys(full)).size).toBe(n);
      }),
      { numRuns: 3 },
    );
  });

  it("a nested batch joins the outer one: nothing it made is frozen until the outer batch ends", () => {
    const result = transient(() => {
      let m = set(emptyMap<number>(), "a", 1);
      transient(() => {
        m = set(m, "b", 2);
      });
      expect(Object.isFrozen(m)).toBe(false);
      const again = set(m, "c", 3);
      expect(again).toBe(m);
      return again;
    });
    expect(Object.isFrozen(result)).toBe(true);
    expect(keys(result).sort()).toEqual(["a", "b", "c"]);
  });

  describe("walking in order, from any position", () => {
    const walk = (
      map: PersistentMap<number>,
      from: OrderedPosition | null,
      limit = Number.POSITIVE_INFINITY,
    ): string[] => {
      const out: string[] = [];
      const next = orderedKeys(map, from);
      while (out.length < limit) {
        const e = next();
        if (e === null) break;
        out.push(e.key);
      }
      return out;
    };
    const build = (ks: Iterable<string>): PersistentMap<number> => {
      let m: PersistentMap<number> = emptyMap();
      for (const k of ks) m = set(m, k, 1);
      return m;
    };
    const precedes = (a: string, b: string): boolean => rankOf(a) < rankOf(b) || (rankOf(a) === rankOf(b) && a < b);
    const position = (key: string): OrderedPosition => ({ rank: rankOf(key), key });
    // Small maps are one bucket; past about 600 keys a root slot holds a branch of its own, so both kinds of node are walked.
    const many = fc.oneof(
      fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 40 }),
      fc.uniqueArray(fc.string({ minLength: 2, maxLength: 6 }), { minLength: 600, maxLength: 1500, size: "max" }),
    );

    it("meets every key once, each after the one before, and a smaller map's keys in the same order as a larger one's", () => {
      fc.assert(
        fc.property(many, fc.array(fc.nat()), (ks, drop) => {
          const all = walk(build(ks), null);
          expect([...all].sort()).toEqual([...ks].sort());
          for (let i = 1; i < all.length; i++) expect(precedes(all[i - 1] as string, all[i] as string)).toBe(true);
          const dropped = new Set(drop.map((d) => ks[d % Math.max(1, ks.length)]));
          const kept = ks.filter((k) => !dropped.has(k));
          expect(walk(build(kept), null)).toEqual(all.filter((k) => !dropped.has(k)));
        }),
        { numRuns: 20 },
      );
    });

    it("from a position, present or not, meets exactly the keys after it; stopping early keeps the first ones", () => {
      fc.assert(
        fc.property(
          many,
          fc.array(fc.string({ maxLength: 6 }), { maxLength: 20 }),
          fc.integer({ min: 1, max: 40 }),
          (ks, probes, limit) => {
            const map = build(ks);
            const all = walk(map, null);
            for (const p of [...probes, ...ks.slice(0, 20)]) {
              const rest = all.filter((k) => precedes(p, k));
              expect(walk(map, position(p))).toEqual(rest);
              expect(walk(map, position(p), limit)).toEqual(rest.slice(0, limit));
            }
          },
        ),
        { numRuns: 20 },
      );
    });
  });
});
