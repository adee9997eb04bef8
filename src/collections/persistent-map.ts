/**
 * A persistent hash trie keyed by string: a change copies only the short path from the root to one bucket,
 * so a single-contact command costs the same at 10k and at 1M contacts. Nodes are frozen plain arrays and
 * objects (JSON-serialisable); keys never touch an object's prototype, so `__proto__` is an ordinary key.
 * @internal
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
/** A bucket splits into a branch when it would grow past this, unless the hash bits are used up. */
const BUCKET_LIMIT = 16;
const MAX_DEPTH = 6;

interface Bucket<V> {
  readonly k: readonly string[];
  readonly v: readonly V[];
}
type Branch<V> = readonly (TrieNode<V> | null)[];
type TrieNode<V> = Bucket<V> | Branch<V>;

/** An immutable map from string keys to values. */
export interface PersistentMap<V> {
  readonly size: number;
  readonly root: TrieNode<V> | null;
}

/** A persistent set of strings. */
export type PersistentSet = PersistentMap<true>;

const EMPTY: PersistentMap<never> = Object.freeze({ size: 0, root: null });

export function emptyMap<V>(): PersistentMap<V> {
  return EMPTY;
}

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function isBucket<V>(node: TrieNode<V>): node is Bucket<V> {
  return !Array.isArray(node);
}

export function get<V>(map: PersistentMap<V>, key: string): V | undefined {
  let node = map.root;
  if (node === null) return undefined;
  const h = hashOf(key);
  let shift = 0;
  while (!isBucket(node)) {
    const child: TrieNode<V> | null | undefined = node[(h >>> shift) & MASK];
    if (child === null || child === undefined) return undefined;
    node = child;
    shift += BITS;
  }
  const i = node.k.indexOf(key);
  return i < 0 ? undefined : node.v[i];
}

export function has<V>(map: PersistentMap<V>, key: string): boolean {
  return get(map, key) !== undefined;
}

function bucketOf<V>(keys: string[], values: V[]): Bucket<V> {
  return Object.freeze({ k: Object.freeze(keys), v: Object.freeze(values) });
}

function branchOf<V>(slots: (TrieNode<V> | null)[]): Branch<V> {
  return Object.freeze(slots);
}

function split<V>(keys: readonly string[], values: readonly V[], depth: number): TrieNode<V> {
  const shift = depth * BITS;
  const groupsK: string[][] = [];
  const groupsV: V[][] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const slot = (hashOf(key) >>> shift) & MASK;
    (groupsK[slot] ??= []).push(key);
    (groupsV[slot] ??= []).push(values[i] as V);
  }
  const slots: (TrieNode<V> | null)[] = new Array<TrieNode<V> | null>(WIDTH).fill(null);
  for (let s = 0; s < WIDTH; s++) {
    const ks = groupsK[s];
    const vs = groupsV[s];
    if (ks === undefined || vs === undefined) continue;
    slots[s] = ks.length > BUCKET_LIMIT && depth + 1 < MAX_DEPTH ? split(ks, vs, depth + 1) : bucketOf(ks, vs);
  }
  return branchOf(slots);
}

interface Change {
  added: boolean;
}

function setIn<V>(node: TrieNode<V> | null, key: string, h: number, depth: number, value: V, change: Change): TrieNode<V> {
  if (node === null) {
    change.added = true;
    return bucketOf([key], [value]);
  }
  if (isBucket(node)) {
    const i = node.k.indexOf(key);
    if (i >= 0) {
      if (node.v[i] === value) return node;
      const values = node.v.slice();
      values[i] = value;
      return bucketOf(node.k as string[], values);
    }
    change.added = true;
    const keys = [...node.k, key];
    const values = [...node.v, value];
    if (keys.length > BUCKET_LIMIT && depth < MAX_DEPTH) return split(keys, values, depth);
    return bucketOf(keys, values);
  }
  const slot = (h >>> (depth * BITS)) & MASK;
  const child = node[slot] ?? null;
  const next = setIn(child, key, h, depth + 1, value, change);
  if (next === child) return node;
  const slots = node.slice();
  slots[slot] = next;
  return branchOf(slots);
}

/** Returns a map with `key` set to `value`; the same map when nothing changes. */
export function set<V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> {
  const change: Change = { added: false };
  const root = setIn(map.root, key, hashOf(key), 0, value, change);
  if (root === map.root) return map;
  return Object.freeze({ size: change.added ? map.size + 1 : map.size, root });
}

function removeIn<V>(node: TrieNode<V> | null, key: string, h: number, depth: number): TrieNode<V> | null {
  if (node === null) return null;
  if (isBucket(node)) {
    const i = node.k.indexOf(key);
    if (i < 0) return node;
    if (node.k.length === 1) return null;
    const keys = node.k.slice();
    const values = node.v.slice();
    keys.splice(i, 1);
    values.splice(i, 1);
    return bucketOf(keys, values);
  }
  const slot = (h >>> (depth * BITS)) & MASK;
  const child = node[slot] ?? null;
  const next = removeIn(child, key, h, depth + 1);
  if (next === child) return node;
  const slots = node.slice();
  slots[slot] = next;
  return slots.every((s) => s === null) ? null : branchOf(slots);
}

/** Returns a map without `key`; the same map when the key is absent. */
export function remove<V>(map: PersistentMap<V>, key: string): PersistentMap<V> {
  const root = removeIn(map.root, key, hashOf(key), 0);
  if (root === map.root) return map;
  return root === null ? EMPTY : Object.freeze({ size: map.size - 1, root });
}

function eachIn<V>(node: TrieNode<V> | null, fn: (value: V, key: string) => void): void {
  if (node === null) return;
  if (isBucket(node)) {
    for (let i = 0; i < node.k.length; i++) fn(node.v[i] as V, node.k[i] as string);
    return;
  }
  for (const child of node) eachIn(child, fn);
}

/** Visits every entry in the trie's deterministic (hash) order. */
export function forEach<V>(map: PersistentMap<V>, fn: (value: V, key: string) => void): void {
  eachIn(map.root, fn);
}

export function keys<V>(map: PersistentMap<V>): string[] {
  const out: string[] = [];
  forEach(map, (_v, k) => out.push(k));
  return out;
}

export function values<V>(map: PersistentMap<V>): V[] {
  const out: V[] = [];
  forEach(map, (v) => out.push(v));
  return out;
}

/** Builds a map from entries in one pass (later entries win), for snapshots and tests. */
export function fromEntries<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
  let map = emptyMap<V>();
  for (const [k, v] of entries) map = set(map, k, v);
  return map;
}

export function addToSet(setValue: PersistentSet, key: string): PersistentSet {
  return set(setValue, key, true);
}
