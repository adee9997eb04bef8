import { remove, set, type PersistentMap } from "../../src/collections/persistent-map.js";

/** One change of a map test: set a key to a value, or remove it. */
export type MapOp =
  | { readonly kind: "set"; readonly key: string; readonly value: number }
  | { readonly kind: "remove"; readonly key: string };

/** Applies `op` to the persistent map and to the `Map` model alike; returns the new persistent map. */
export function applyToBoth(map: PersistentMap<number>, model: Map<string, number>, op: MapOp): PersistentMap<number> {
  if (op.kind === "set") {
    model.set(op.key, op.value);
    return set(map, op.key, op.value);
  }
  model.delete(op.key);
  return remove(map, op.key);
}
