import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyMap, get, keys, remove, set, type PersistentMap } from "../../src/collections/persistent-map.js";

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
});
