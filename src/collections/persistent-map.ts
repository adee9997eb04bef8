/**
 * A persistent hash trie keyed by string: a change copies only the short path from the root to one bucket,
 * so a single-contact command costs the same at 10k and at 1M contacts. Nodes are frozen plain arrays
 * (JSON-serialisable); keys never touch an object's prototype, so `__proto__` is an ordinary key.
 *
 * A branch is an array of 32 slots. A bucket is one flat array `[hash, key, value, hash, key, value, …]`: on
 * the machines we measure, a lookup's cost is its cache misses, and one flat array is one or two misses where
 * separate key and value arrays were four.
 *
 * Inside `transient(body)` (used by `replay`, by commands that emit many events, and by snapshot reads) a node
 * the batch itself created is changed in place instead of copied, and every node the batch created is frozen
 * when it ends. Nodes that existed before the batch are frozen, so they are still copied on first touch: a
 * state given to the batch is never changed, and nobody outside the batch ever sees an unfrozen node.
 * @internal
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
/** A bucket splits into a branch when it would grow past this many entries, unless the hash bits are used up. */
const BUCKET_LIMIT = 16;
const MAX_DEPTH = 6;

type Bucket = readonly unknown[];
type Branch<V> = readonly (TrieNode<V> | null)[];
type TrieNode<V> = Bucket | Branch<V>;

/** An immutable map from string keys to values. */
export interface PersistentMap<V> {
  readonly size: number;
  readonly root: TrieNode<V> | null;
  /** Never set: ties the map to its value type. */
  readonly __values?: V;
}

/** A persistent set of strings. */
export type PersistentSet = PersistentMap<true>;

const EMPTY: PersistentMap<never> = Object.freeze({ size: 0, root: null });

/** The nodes and map headers created by the running `transient` batch, frozen when it ends; null outside one. */
let created: object[] | null = null;

/** A new node or header: frozen at once, or, inside a batch, left open for the batch and frozen when it ends. */
function fresh<T extends object>(node: T): T {
  if (created === null) return Object.freeze(node);
  created.push(node);
  return node;
}

/** Only a node this batch created is unfrozen (everything else was frozen when made): it may change in place. */
const owned = (node: object): boolean => created !== null && !Object.isFrozen(node);

/**
 * Runs `body` as one batch: the maps it builds change in place the nodes they created themselves, and every
 * such node is frozen before this returns. Nested calls join the outer batch. `body` must not let an
 * intermediate map escape, since a later change in the batch may alter it; the result is frozen and safe.
 */
export function transient<T>(body: () => T): T {
  if (created !== null) return body();
  created = [];
  try {
    return body();
  } finally {
    const nodes = created;
    created = null;
    for (const node of nodes) Object.freeze(node);
  }
}

export function emptyMap<V>(): PersistentMap<V> {
  return EMPTY;
}

/** FNV-1a over UTF-16 code units, kept to 30 bits so V8 stores it as a small integer. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}

/** A bucket starts with a hash (a number); a branch slot is null or a node. */
function isBucket<V>(node: TrieNode<V>): node is Bucket {
  return typeof node[0] === "number";
}

/** Position of the key's hash in the bucket, or -1. */
function indexIn(bucket: Bucket, key: string, h: number): number {
  for (let i = 0; i < bucket.length; i += 3) if (bucket[i] === h && bucket[i + 1] === key) return i;
  return -1;
}

/** The bucket where a key with hash `h` is or would be, or null when the path ends first. */
function bucketFor<V>(map: PersistentMap<V>, h: number): Bucket | null {
  let node = map.root;
  if (node === null) return null;
  let shift = 0;
  while (!isBucket(node)) {
    const child: TrieNode<V> | null | undefined = (node as Branch<V>)[(h >>> shift) & MASK];
    if (child === null || child === undefined) return null;
    node = child;
    shift += BITS;
  }
  return node;
}

export function get<V>(map: PersistentMap<V>, key: string): V | undefined {
  const h = hashOf(key);
  const bucket = bucketFor(map, h);
  if (bucket === null) return undefined;
  const i = indexIn(bucket, key, h);
  return i < 0 ? undefined : (bucket[i + 2] as V);
}

export function has<V>(map: PersistentMap<V>, key: string): boolean {
  return get(map, key) !== undefined;
}

function split<V>(entries: readonly unknown[], depth: number): TrieNode<V> {
  const shift = depth * BITS;
  const groups: unknown[][] = [];
  for (let i = 0; i < entries.length; i += 3) {
    const h = entries[i] as number;
    (groups[(h >>> shift) & MASK] ??= []).push(h, entries[i + 1], entries[i + 2]);
  }
  const slots: (TrieNode<V> | null)[] = new Array<TrieNode<V> | null>(WIDTH).fill(null);
  for (let s = 0; s < WIDTH; s++) {
    const g = groups[s];
    if (g === undefined) continue;
    slots[s] = g.length > 3 * BUCKET_LIMIT && depth + 1 < MAX_DEPTH ? split<V>(g, depth + 1) : fresh(g);
  }
  return fresh(slots);
}

interface Change {
  added: boolean;
}

function setIn<V>(node: TrieNode<V> | null, key: string, h: number, depth: number, value: V, change: Change): TrieNode<V> {
  if (node === null) {
    change.added = true;
    return fresh([h, key, value]);
  }
  if (isBucket(node)) {
    const i = indexIn(node, key, h);
    if (i >= 0) {
      if (node[i + 2] === value) return node;
      const entries = owned(node) ? (node as unknown[]) : [...node];
      entries[i + 2] = value;
      return entries === node ? node : fresh(entries);
    }
    change.added = true;
    if (node.length + 3 > 3 * BUCKET_LIMIT && depth < MAX_DEPTH) return split<V>([...node, h, key, value], depth);
    if (owned(node)) {
      (node as unknown[]).push(h, key, value);
      return node;
    }
    return fresh([...node, h, key, value]);
  }
  const slot = (h >>> (depth * BITS)) & MASK;
  const child = (node as Branch<V>)[slot] ?? null;
  const next = setIn(child, key, h, depth + 1, value, change);
  if (next === child) return node;
  const slots = owned(node) ? (node as (TrieNode<V> | null)[]) : [...(node as Branch<V>)];
  slots[slot] = next;
  return slots === node ? node : fresh(slots);
}

type OpenMap<V> = { -readonly [K in keyof PersistentMap<V>]: PersistentMap<V>[K] };

/** The map with a new root and size: the same header changed in place when this batch made it. */
function withRoot<V>(map: PersistentMap<V>, root: TrieNode<V>, size: number): PersistentMap<V> {
  if (!owned(map)) return fresh({ size, root });
  const open = map as OpenMap<V>;
  open.root = root;
  open.size = size;
  return map;
}

/** Returns a map with `key` set to `value`; the same map when nothing changes. */
export function set<V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> {
  const change: Change = { added: false };
  const root = setIn(map.root, key, hashOf(key), 0, value, change);
  if (root === map.root && !change.added) return map;
  return withRoot(map, root, change.added ? map.size + 1 : map.size);
}

function removeIn<V>(node: TrieNode<V> | null, key: string, h: number, depth: number, removal: { found: boolean }): TrieNode<V> | null {
  if (node === null) return null;
  if (isBucket(node)) {
    const i = indexIn(node, key, h);
    if (i < 0) return node;
    removal.found = true;
    if (node.length === 3) return null;
    const entries = owned(node) ? (node as unknown[]) : [...node];
    entries.splice(i, 3);
    return entries === node ? node : fresh(entries);
  }
  const slot = (h >>> (depth * BITS)) & MASK;
  const child = (node as Branch<V>)[slot] ?? null;
  const next = removeIn(child, key, h, depth + 1, removal);
  if (next === child) return node;
  const slots = owned(node) ? (node as (TrieNode<V> | null)[]) : [...(node as Branch<V>)];
  slots[slot] = next;
  if (slots.every((s) => s === null)) return null;
  return slots === node ? node : fresh(slots);
}

/** Returns a map without `key`; the same map when the key is absent. */
export function remove<V>(map: PersistentMap<V>, key: string): PersistentMap<V> {
  const removal = { found: false };
  const root = removeIn(map.root, key, hashOf(key), 0, removal);
  if (!removal.found) return map;
  return root === null ? EMPTY : withRoot(map, root, map.size - 1);
}

function eachHashedIn<V>(node: TrieNode<V> | null, fn: (value: V, key: string, hash: number) => void): void {
  if (node === null) return;
  if (isBucket(node)) {
    for (let i = 0; i < node.length; i += 3) fn(node[i + 2] as V, node[i + 1] as string, node[i] as number);
    return;
  }
  const branch = node as Branch<V>;
  for (let s = 0; s < branch.length; s++) eachHashedIn(branch[s] ?? null, fn);
}

/**
 * `forEach` that also passes each key's stored hash, the same number for the same key in every map: with
 * `hasHashed`, a caller can test keys against another map without reading the key strings, which are cold in
 * memory in a big state.
 */
export function forEachHashed<V>(map: PersistentMap<V>, fn: (value: V, key: string, hash: number) => void): void {
  eachHashedIn(map.root, fn);
}

/** `has` for a key whose hash is known (from `forEachHashed`): no hashing, and the key text is compared only on a hash match. */
export function hasHashed<V>(map: PersistentMap<V>, key: string, h: number): boolean {
  const bucket = bucketFor(map, h);
  return bucket !== null && indexIn(bucket, key, h) >= 0;
}

/**
 * A key's place in the trie's walking order: its hash with the 5-bit slot of the root first, then the slot of
 * each level below, so that a depth-first walk of the slots in order meets keys in increasing `rank`; keys of
 * one rank (a hash collision) are ordered by their text. The order depends on the key alone, so it is the same
 * in every state: a walk can stop after any key and another resume after it, in a later state too.
 */
export function rankOf(key: string): number {
  return rankOfHash(hashOf(key));
}

function rankOfHash(h: number): number {
  let r = 0;
  for (let shift = 0; shift < BITS * MAX_DEPTH; shift += BITS) r = r * WIDTH + ((h >>> shift) & MASK);
  return r;
}

/** The rank of a hash is a bijection: this turns a rank back into the hash whose slots route to it. */
function hashOfRank(r: number): number {
  let h = 0;
  for (let shift = BITS * (MAX_DEPTH - 1); shift >= 0; shift -= BITS) {
    h |= (r % WIDTH) << shift;
    r = Math.floor(r / WIDTH);
  }
  return h;
}

/** A position in the walking order: after the key of this rank and text. */
export interface OrderedPosition {
  readonly rank: number;
  readonly key: string;
}

/** The walking order: negative when `a` comes first (by rank, then by key), 0 for the same key. */
export function compareOrder(a: OrderedPosition, b: OrderedPosition): number {
  return a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

interface WalkFrame<V> {
  readonly node: Branch<V>;
  readonly shift: number;
  /** The slot of the walk's starting position at this level, when the walk is still on that position's path. */
  readonly first: number | null;
  slot: number;
}

/**
 * The keys after `from` (all when null) in walking order (`rankOf`, then the key), one per call, null at the end:
 * the caller pulls, so several maps can be merged a key at a time. Costs the path down to `from`, then each key
 * read, each bucket on the way sorted once (16 entries at most below the last level).
 */
export function orderedKeys<V>(map: PersistentMap<V>, from: OrderedPosition | null): () => OrderedPosition | null {
  const fromHash = from === null ? 0 : hashOfRank(from.rank);
  const stack: WalkFrame<V>[] = [];
  let bucket: OrderedPosition[] = [];
  let next = 0;
  const enter = (node: TrieNode<V>, shift: number, bounded: boolean): void => {
    if (isBucket(node)) {
      const entries: OrderedPosition[] = [];
      for (let i = 0; i < node.length; i += 3) {
        const entry = { rank: rankOfHash(node[i] as number), key: node[i + 1] as string };
        if (!bounded || compareOrder(entry, from as OrderedPosition) > 0) entries.push(entry);
      }
      bucket = entries.sort(compareOrder);
      next = 0;
      return;
    }
    const first = bounded ? (fromHash >>> shift) & MASK : null;
    stack.push({ node: node as Branch<V>, shift, first, slot: first ?? 0 });
  };
  if (map.root !== null) enter(map.root, 0, from !== null);
  return () => {
    for (;;) {
      if (next < bucket.length) return bucket[next++] as OrderedPosition;
      const top = stack[stack.length - 1];
      if (top === undefined) return null;
      if (top.slot >= WIDTH) {
        stack.pop();
        continue;
      }
      const slot = top.slot++;
      const child = top.node[slot];
      if (child !== null && child !== undefined) enter(child, top.shift + BITS, slot === top.first);
    }
  };
}

/** Visits every entry in the trie's deterministic (hash) order. */
export function forEach<V>(map: PersistentMap<V>, fn: (value: V, key: string) => void): void {
  eachHashedIn(map.root, fn);
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
