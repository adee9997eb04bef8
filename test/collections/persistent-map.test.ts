import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addToSet, emptyMap, get, keys, remove, set, transient, type PersistentMap, type PersistentSet } from "../../src/collections/persistent-map.js";

describe("persistent map", () => {
  it("behaves like a Map under any sequence of sets and removes, and never changes an older version", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("__proto__", "constructor", "toString")), value: fc.integer() }),
      fc.record({ kind: fc.constant("remove" as const), key: fc.string({ maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        let map: PersistentMap<number> = emptyMap();
        const model = new Map<string, number>();
        const versions: [PersistentMap<number>, Map<string, number>][] = [];
        for (const o of ops) {
          versions.push([map, new Map(model)]);
          if (o.kind === "set") {
            map = set(map, o.key, o.value);
            model.set(o.key, o.value);
          } else {
            map = remove(map, o.key);
            model.delete(o.key);
          }
          expect(map.size).toBe(model.size);
        }
        expect(keys(map).sort()).toEqual([...model.keys()].sort());
        for (const [k, v] of model) expect(get(map, k)).toBe(v);
        for (const [old, oldModel] of versions) {
          expect(old.size).toBe(oldModel.size);
          for (const [k, v] of oldModel) expect(get(old, k)).toBe(v);
        }
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
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
      fc.record({ kind: fc.constant("add" as const), key: fc.string({ maxLength: 2 }), member: fc.string({ maxLength: 2 }) }),
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
});
