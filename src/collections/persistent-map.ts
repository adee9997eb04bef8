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
/**
 * Below the last branch every key has the same hash, which the path spells out; there each entry stores instead a
 * second hash of its key (`secondHash`), and entries are kept in order of that hash, then of the key. A bucket that
 * outgrows `LEAF` entries becomes a B-tree of such buckets: separator `i` (`hashes[i]`, `keys[i]`) is at most the
 * first entry of `children[i + 1]` and above every entry of `children[i]`. A change copies one bucket and one node
 * a level, and a search compares small integers, reading key text only when second hashes tie too (SEC-9: ids
 * chosen to collide cost a binary search and a short copy, not a scan and a copy of all of them). The only node
 * that is not an array.
 */
interface Tree {
  readonly hashes: readonly number[];
  readonly keys: readonly string[];
  readonly children: readonly (Tree | Bucket)[];
}
type TrieNode<V> = Bucket | Branch<V> | Tree;

/**
 * An immutable map from string keys to values. Its layout is not part of the API: read a state through the queries
 * (`getContact`, `contactIds` …). @internal
 */
export interface PersistentMap<V> {
  readonly size: number;
  readonly root: TrieNode<V> | null;
  /** Never set: ties the map to its value type. */
  readonly __values?: V;
}

/** A persistent set of strings. @internal */
export type PersistentSet = PersistentMap<true>;

const EMPTY: PersistentMap<never> = Object.freeze({ size: 0, root: null });

/**
 * The nodes and map headers created by the running `transient` batch, frozen when it ends; null outside one.
 * The only mutable module state in src/ that changes what code does (the others are caches of pure results: the
 * compiled event schemas in decider.ts, the date formatters in smartplans/sending-window.ts). Set by `transient`
 * alone and reset to null in its `finally`, so a throw inside a batch leaves no batch open; safe because the
 * library is synchronous, so no other code runs while a batch is open.
 */
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

/**
 * The order of keys that share the trie hash: FNV-1a from another start over the code units last to first, 30 bits.
 * Ids made to collide in the trie hash by choosing their characters from the front do not collide in this one.
 */
function secondHash(key: string): number {
  let h = 0x050c5d1f;
  for (let i = key.length - 1; i >= 0; i--) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}

/** Whether the entry (`h2`, `key`) comes before (`h2b`, `keyB`) in a last-level node's order. */
const precedes = (h2: number, key: string, h2b: number, keyB: string): boolean =>
  h2 < h2b || (h2 === h2b && key < keyB);

/** FNV-1a over UTF-16 code units, kept to 30 bits so V8 stores it as a small integer. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}

/** A bucket starts with a hash (a number); a branch slot is null or a node; a tree is not an array. */
function isBucket<V>(node: TrieNode<V>): node is Bucket {
  return Array.isArray(node) && typeof node[0] === "number";
}

function isTree<V>(node: TrieNode<V>): node is Tree {
  return !Array.isArray(node);
}

/** Entries of a last-level bucket before it splits into a tree, and children of a tree node. */
const LEAF = 32;
const FANOUT = 32;

/** The first position in a last-level bucket whose entry does not come before (`h2`, `key`). */
function lowerBound(bucket: Bucket, key: string, h2: number): number {
  let lo = 0;
  let hi = bucket.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (precedes(bucket[mid * 3] as number, bucket[mid * 3 + 1] as string, h2, key)) lo = mid + 1;
    else hi = mid;
  }
  return lo * 3;
}

/** The child of a tree node whose range covers (`h2`, `key`). */
function childFor(tree: Tree, key: string, h2: number): number {
  let lo = 0;
  let hi = tree.keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!precedes(h2, key, tree.hashes[mid] as number, tree.keys[mid] as string)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bucket of a last-level node (a bucket or a tree) where (`h2`, `key`) is or would be. */
function leafFor(node: Tree | Bucket, key: string, h2: number): Bucket {
  while (isTree(node)) node = node.children[childFor(node, key, h2)] as Tree | Bucket;
  return node;
}

/** Position of the key (hash `h`) in a bucket above the last level, or -1. */
function indexIn(bucket: Bucket, key: string, h: number): number {
  for (let i = 0; i < bucket.length; i += 3) if (bucket[i] === h && bucket[i + 1] === key) return i;
  return -1;
}

/** Position of the key (second hash `h2`) in a last-level bucket, or -1: a binary search. */
function indexInLast(bucket: Bucket, key: string, h2: number): number {
  const i = lowerBound(bucket, key, h2);
  return bucket[i + 1] === key ? i : -1;
}

const tree = (hashes: number[], keys: string[], children: (Tree | Bucket)[]): Tree =>
  fresh({ hashes: fresh(hashes), keys: fresh(keys), children: fresh(children) });

/** Entries `[hash, key, value, …]` that share one trie hash, as last-level entries `[h2, key, value, …]` in order. */
function lastLevelEntries(entries: readonly unknown[]): unknown[] {
  const order: { readonly h2: number; readonly key: string; readonly value: unknown }[] = [];
  for (let i = 0; i < entries.length; i += 3)
    order.push({ h2: secondHash(entries[i + 1] as string), key: entries[i + 1] as string, value: entries[i + 2] });
  order.sort((a, b) => (precedes(a.h2, a.key, b.h2, b.key) ? -1 : 1));
  const out: unknown[] = [];
  for (const e of order) out.push(e.h2, e.key, e.value);
  return out;
}

/** A node that grew too wide, as two halves and the first entry of the second. */
interface Halves {
  readonly left: Tree | Bucket;
  readonly h2: number;
  readonly key: string;
  readonly right: Tree | Bucket;
}

function halves(node: Tree | Bucket): Halves | Tree | Bucket {
  if (!isTree(node)) {
    if (node.length <= 3 * LEAF) return node;
    const mid = Math.floor(node.length / 6) * 3;
    return {
      left: fresh(node.slice(0, mid)),
      h2: node[mid] as number,
      key: node[mid + 1] as string,
      right: fresh(node.slice(mid)),
    };
  }
  if (node.children.length <= FANOUT) return node;
  const mid = node.children.length >>> 1;
  return {
    left: tree(node.hashes.slice(0, mid - 1), node.keys.slice(0, mid - 1), node.children.slice(0, mid)),
    h2: node.hashes[mid - 1] as number,
    key: node.keys[mid - 1] as string,
    right: tree(node.hashes.slice(mid), node.keys.slice(mid), node.children.slice(mid)),
  };
}

const isHalves = (x: Halves | Tree | Bucket): x is Halves => "left" in x;

/** `set` below the last branch: the node with the entry, or its two halves when it outgrew its width. */
function setLast(node: Tree | Bucket, key: string, h2: number, value: unknown, change: Change): Halves | Tree | Bucket {
  if (!isTree(node)) {
    const i = lowerBound(node, key, h2);
    if (node[i + 1] === key) {
      if (node[i + 2] === value) return node;
      const entries = [...node];
      entries[i + 2] = value;
      return fresh(entries);
    }
    change.added = true;
    // Inside a batch, a bucket the batch made grows in place.
    const entries = owned(node) ? (node as unknown[]) : [...node];
    entries.splice(i, 0, h2, key, value);
    return halves(entries === node ? node : fresh(entries));
  }
  const c = childFor(node, key, h2);
  const child = node.children[c] as Tree | Bucket;
  const next = setLast(child, key, h2, value, change);
  if (next === child) return node;
  // A tree node and its three arrays are made together, so the batch owns all four or none.
  const open = owned(node);
  const children = open ? (node.children as (Tree | Bucket)[]) : [...node.children];
  const keys = open ? (node.keys as string[]) : [...node.keys];
  const hashes = open ? (node.hashes as number[]) : [...node.hashes];
  if (isHalves(next)) {
    children.splice(c, 1, next.left, next.right);
    keys.splice(c, 0, next.key);
    hashes.splice(c, 0, next.h2);
  } else children[c] = next;
  return halves(open ? node : tree(hashes, keys, children));
}

/** `remove` below the last branch: null when the node is left empty; a tree of one child gives way to the child. */
function removeLast(node: Tree | Bucket, key: string, h2: number, removal: { found: boolean }): Tree | Bucket | null {
  if (!isTree(node)) {
    const i = indexInLast(node, key, h2);
    if (i < 0) return node;
    removal.found = true;
    if (node.length === 3) return null;
    const entries = [...node];
    entries.splice(i, 3);
    return fresh(entries);
  }
  const c = childFor(node, key, h2);
  const child = node.children[c] as Tree | Bucket;
  const next = removeLast(child, key, h2, removal);
  if (next === child) return node;
  const children = [...node.children];
  const keys = [...node.keys];
  const hashes = [...node.hashes];
  if (next === null) {
    children.splice(c, 1);
    keys.splice(c === 0 ? 0 : c - 1, 1);
    hashes.splice(c === 0 ? 0 : c - 1, 1);
  } else children[c] = next;
  if (children.length === 1) return children[0] as Tree | Bucket;
  return tree(hashes, keys, children);
}

/** Position of `key` (hash `h`) in its bucket, and the bucket; null when the key is absent. */
function find<V>(
  map: PersistentMap<V>,
  key: string,
  h: number,
): { readonly bucket: Bucket; readonly at: number } | null {
  let node = map.root;
  if (node === null) return null;
  let shift = 0;
  while (!isBucket(node) && !isTree(node)) {
    const child: TrieNode<V> | null | undefined = (node as Branch<V>)[(h >>> shift) & MASK];
    if (child === null || child === undefined) return null;
    node = child;
    shift += BITS;
  }
  if (shift < BITS * MAX_DEPTH) {
    const at = indexIn(node as Bucket, key, h);
    return at < 0 ? null : { bucket: node as Bucket, at };
  }
  const h2 = secondHash(key);
  const bucket = leafFor(node as Tree | Bucket, key, h2);
  const at = indexInLast(bucket, key, h2);
  return at < 0 ? null : { bucket, at };
}

export function get<V>(map: PersistentMap<V>, key: string): V | undefined {
  const found = find(map, key, hashOf(key));
  return found === null ? undefined : (found.bucket[found.at + 2] as V);
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
    // A split starts from a full bucket and one more entry, so a last-level group is a bucket, never a tree.
    if (depth + 1 === MAX_DEPTH) slots[s] = fresh(lastLevelEntries(g));
    else slots[s] = g.length > 3 * BUCKET_LIMIT ? split<V>(g, depth + 1) : fresh(g);
  }
  return fresh(slots);
}

interface Change {
  added: boolean;
}

function setIn<V>(
  node: TrieNode<V> | null,
  key: string,
  h: number,
  depth: number,
  value: V,
  change: Change,
): TrieNode<V> {
  if (depth === MAX_DEPTH || (node !== null && isTree(node))) {
    if (node === null) {
      change.added = true;
      return fresh([secondHash(key), key, value]);
    }
    const next = setLast(node, key, secondHash(key), value, change);
    return isHalves(next) ? tree([next.h2], [next.key], [next.left, next.right]) : next;
  }
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
    if (node.length + 3 > 3 * BUCKET_LIMIT) return split<V>([...node, h, key, value], depth);
    if (owned(node)) {
      (node as unknown[]).push(h, key, value);
      return node;
    }
    return fresh([...node, h, key, value]);
  }
  const branch: Branch<V> = node;
  const slot = (h >>> (depth * BITS)) & MASK;
  const child = branch[slot] ?? null;
  const next = setIn(child, key, h, depth + 1, value, change);
  if (next === child) return node;
  const slots = owned(branch) ? (branch as (TrieNode<V> | null)[]) : [...branch];
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

function removeIn<V>(
  node: TrieNode<V> | null,
  key: string,
  h: number,
  depth: number,
  removal: { found: boolean },
): TrieNode<V> | null {
  if (node === null) return null;
  if (depth === MAX_DEPTH || isTree(node)) return removeLast(node as Tree | Bucket, key, secondHash(key), removal);
  if (isBucket(node)) {
    const i = indexIn(node, key, h);
    if (i < 0) return node;
    removal.found = true;
    if (node.length === 3) return null;
    const entries = owned(node) ? (node as unknown[]) : [...node];
    entries.splice(i, 3);
    return entries === node ? node : fresh(entries);
  }
  const branch: Branch<V> = node;
  const slot = (h >>> (depth * BITS)) & MASK;
  const child = branch[slot] ?? null;
  const next = removeIn(child, key, h, depth + 1, removal);
  if (next === child) return node;
  const slots = owned(branch) ? (branch as (TrieNode<V> | null)[]) : [...branch];
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

/** Visits a last-level node's entries in order; `h` is their shared trie hash, spelt out by the path. */
function eachLast<V>(node: Tree | Bucket, h: number, fn: (value: V, key: string, hash: number) => void): void {
  if (isTree(node)) {
    for (const child of node.children) eachLast(child, h, fn);
    return;
  }
  for (let i = 0; i < node.length; i += 3) fn(node[i + 2] as V, node[i + 1] as string, h);
}

/** `path` holds the slots taken so far: at the last level, the trie hash of every key there. */
function eachHashedIn<V>(
  node: TrieNode<V> | null,
  depth: number,
  path: number,
  fn: (value: V, key: string, hash: number) => void,
): void {
  if (node === null) return;
  if (depth === MAX_DEPTH || isTree(node)) {
    eachLast(node as Tree | Bucket, path, fn);
    return;
  }
  if (isBucket(node)) {
    for (let i = 0; i < node.length; i += 3) fn(node[i + 2] as V, node[i + 1] as string, node[i] as number);
    return;
  }
  const branch: Branch<V> = node;
  for (let s = 0; s < branch.length; s++) eachHashedIn(branch[s] ?? null, depth + 1, path | (s << (depth * BITS)), fn);
}

/**
 * `forEach` that also passes each key's stored hash, the same number for the same key in every map: with
 * `hasHashed`, a caller can test keys against another map without reading the key strings, which are cold in
 * memory in a big state.
 */
export function forEachHashed<V>(map: PersistentMap<V>, fn: (value: V, key: string, hash: number) => void): void {
  eachHashedIn(map.root, 0, 0, fn);
}

/** `has` for a key whose hash is known (from `forEachHashed`): no hashing, and the key text is compared only on a hash match. */
export function hasHashed<V>(map: PersistentMap<V>, key: string, h: number): boolean {
  return find(map, key, h) !== null;
}

/**
 * A key's place in the trie's walking order: its hash with the 5-bit slot of the root first, then the slot of
 * each level below, so that a depth-first walk of the slots in order meets keys in increasing `rank`; keys of
 * one rank (a hash collision) are ordered by a second hash of their text, then by the text. The order depends on
 * the key alone, so it is the same in every state: a walk can stop after any key and another resume after it, in a
 * later state too.
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

/** The walking order: negative when `a` comes first (by rank, then second hash, then key), 0 for the same key. */
export function compareOrder(a: OrderedPosition, b: OrderedPosition): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.key === b.key) return 0;
  const x = secondHash(a.key);
  const y = secondHash(b.key);
  return precedes(x, a.key, y, b.key) ? -1 : 1;
}

interface WalkFrame<V> {
  readonly node: Branch<V>;
  readonly shift: number;
  /** The slots taken down to this node, as the low bits of a hash. */
  readonly path: number;
  /** The slot of the walk's starting position at this level, when the walk is still on that position's path. */
  readonly first: number | null;
  slot: number;
}

/**
 * The keys after `from` (all when null) in walking order (`rankOf`, then the key), one per call, null at the end:
 * the caller pulls, so several maps can be merged a key at a time. Costs the path down to `from`, then each key
 * read, each bucket above the last level sorted once (16 entries at most); a last-level bucket is already in key
 * order and is read in place from a binary search, however many ids collide there (SEC-9).
 */
export function orderedKeys<V>(map: PersistentMap<V>, from: OrderedPosition | null): () => OrderedPosition | null {
  const fromHash = from === null ? 0 : hashOfRank(from.rank);
  const stack: WalkFrame<V>[] = [];
  let bucket: OrderedPosition[] = [];
  let next = 0;
  /** The last-level bucket being read, its shared rank, the position of its next entry, and the tree above it. */
  let leaf: Bucket = [];
  let leafRank = 0;
  let leafAt = 0;
  const trees: { readonly node: Tree; child: number }[] = [];
  const fromKey = from === null ? "" : from.key;
  const fromH2 = from === null ? 0 : secondHash(from.key);
  const descend = (node: Tree | Bucket, bounded: boolean): void => {
    while (isTree(node)) {
      const child = bounded ? childFor(node, fromKey, fromH2) : 0;
      trees.push({ node, child });
      node = node.children[child] as Tree | Bucket;
    }
    leaf = node;
    leafAt = 0;
    if (bounded) {
      leafAt = lowerBound(node, fromKey, fromH2);
      if (node[leafAt + 1] === fromKey) leafAt += 3;
    }
  };
  const enter = (node: TrieNode<V>, shift: number, path: number, bounded: boolean): void => {
    if (shift === BITS * MAX_DEPTH || isTree(node)) {
      descend(node as Tree | Bucket, bounded);
      leafRank = rankOfHash(path);
      return;
    }
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
    stack.push({ node: node as Branch<V>, shift, path, first, slot: first ?? 0 });
  };
  if (map.root !== null) enter(map.root, 0, 0, from !== null);
  return () => {
    for (;;) {
      if (next < bucket.length) return bucket[next++] as OrderedPosition;
      if (leafAt < leaf.length) {
        const key = leaf[leafAt + 1] as string;
        leafAt += 3;
        return { rank: leafRank, key };
      }
      const tree = trees[trees.length - 1];
      if (tree !== undefined) {
        if (++tree.child < tree.node.children.length) descend(tree.node.children[tree.child] as Tree | Bucket, false);
        else trees.pop();
        continue;
      }
      const top = stack[stack.length - 1];
      if (top === undefined) return null;
      if (top.slot >= WIDTH) {
        stack.pop();
        continue;
      }
      const slot = top.slot++;
      const child = top.node[slot];
      if (child !== null && child !== undefined)
        enter(child, top.shift + BITS, top.path | (slot << top.shift), slot === top.first);
    }
  };
}

/** Visits every entry in the trie's deterministic (hash) order. */
export function forEach<V>(map: PersistentMap<V>, fn: (value: V, key: string) => void): void {
  eachHashedIn(map.root, 0, 0, fn);
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

/**
 * The positions of `keys` in the trie's walking order (`rankOf`, then the second hash, then the key); `hashes[i]` is
 * the trie hash of `keys[i]`. Stable: positions of equal keys keep their order. A radix sort by rank (three passes of
 * 10 bits), so sorting a million keys costs three linear passes; runs of equal rank (a hash collision) are then
 * ordered by second hash and key.
 */
function walkingOrder(keys: readonly string[], hashes: Int32Array): Uint32Array {
  const n = keys.length;
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; i++) ranks[i] = rankOfHash(hashes[i] as number);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n <= 64) {
    // A few keys (most sets of an index): a comparison sort costs less than three passes over 1,024 digits.
    const h2 = (i: number): number => secondHash(keys[i] as string);
    return order.sort((a, b) => {
      const ra = ranks[a] as number;
      const rb = ranks[b] as number;
      if (ra !== rb) return ra - rb;
      const ka = keys[a] as string;
      const kb = keys[b] as string;
      if (ka === kb) return a - b;
      const x = h2(a);
      const y = h2(b);
      return x !== y ? x - y : ka < kb ? -1 : 1;
    });
  }
  let spare = new Uint32Array(n);
  const counts = new Uint32Array(1025);
  for (let shift = 0; shift < BITS * MAX_DEPTH; shift += 10) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((ranks[i] as number) >>> shift) & 1023;
      counts[d] = (counts[d] as number) + 1;
    }
    let total = 0;
    for (let d = 0; d < 1024; d++) {
      const c = counts[d] as number;
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const at = order[i] as number;
      const d = ((ranks[at] as number) >>> shift) & 1023;
      spare[counts[d] as number] = at;
      counts[d] = (counts[d] as number) + 1;
    }
    [order, spare] = [spare, order];
  }
  let lo = 0;
  while (lo < n) {
    const r = ranks[order[lo] as number] as number;
    let hi = lo + 1;
    while (hi < n && ranks[order[hi] as number] === r) hi++;
    if (hi - lo > 1) {
      const run = Array.from(order.subarray(lo, hi), (i) => ({ i, h2: secondHash(keys[i] as string) }));
      run.sort((a, b) => {
        const ka = keys[a.i] as string;
        const kb = keys[b.i] as string;
        return a.h2 !== b.h2 ? a.h2 - b.h2 : ka < kb ? -1 : ka > kb ? 1 : a.i - b.i;
      });
      for (let k = 0; k < run.length; k++) order[lo + k] = (run[k] as { i: number }).i;
    }
    lo = hi;
  }
  return order;
}

/** Entries in walking order, one per key, ready to build bottom-up. */
interface Sorted {
  readonly hashes: Int32Array;
  readonly keys: string[];
  readonly values: unknown[];
}

/** A last-level node over sorted entries `lo..hi` (shared trie hash): one bucket, or a B-tree built bottom-up. */
function buildLast(s: Sorted, lo: number, hi: number): Tree | Bucket {
  const n = hi - lo;
  let level: { node: Tree | Bucket; h2: number; key: string }[] = [];
  const leaves = Math.ceil(n / LEAF);
  for (let l = 0; l < leaves; l++) {
    const from = lo + Math.floor((l * n) / leaves);
    const to = lo + Math.floor(((l + 1) * n) / leaves);
    const bucket: unknown[] = [];
    for (let i = from; i < to; i++) bucket.push(secondHash(s.keys[i] as string), s.keys[i], s.values[i]);
    level.push({ node: fresh(bucket), h2: bucket[0] as number, key: bucket[1] as string });
  }
  while (level.length > 1) {
    const up: typeof level = [];
    const groups = Math.ceil(level.length / FANOUT);
    for (let g = 0; g < groups; g++) {
      const part = level.slice(Math.floor((g * level.length) / groups), Math.floor(((g + 1) * level.length) / groups));
      const first = part[0] as (typeof level)[number];
      if (part.length === 1) {
        up.push(first);
        continue;
      }
      const rest = part.slice(1);
      up.push({
        node: tree(
          rest.map((p) => p.h2),
          rest.map((p) => p.key),
          part.map((p) => p.node),
        ),
        h2: first.h2,
        key: first.key,
      });
    }
    level = up;
  }
  return (level[0] as (typeof level)[number]).node;
}

/** The node at `depth` over sorted entries `lo..hi`: the shape one insert at a time gives (a bucket up to its limit). */
function buildNode<V>(s: Sorted, lo: number, hi: number, depth: number): TrieNode<V> {
  if (depth === MAX_DEPTH) return buildLast(s, lo, hi);
  if (hi - lo <= BUCKET_LIMIT) {
    const bucket: unknown[] = [];
    for (let i = lo; i < hi; i++) bucket.push(s.hashes[i], s.keys[i], s.values[i]);
    return fresh(bucket);
  }
  const shift = depth * BITS;
  const slots: (TrieNode<V> | null)[] = new Array<TrieNode<V> | null>(WIDTH).fill(null);
  let from = lo;
  while (from < hi) {
    const slot = ((s.hashes[from] as number) >>> shift) & MASK;
    let to = from + 1;
    while (to < hi && (((s.hashes[to] as number) >>> shift) & MASK) === slot) to++;
    slots[slot] = buildNode<V>(s, from, to, depth + 1);
    from = to;
  }
  return fresh(slots);
}

/**
 * Builds a map from entries in bulk, bottom-up: the keys are hashed once, put in the trie's walking order by a radix
 * sort, and each node is made once, full, with no path copied per entry (O(n) plus the sort of colliding runs). Later
 * entries win, as with `set` one entry at a time, and the map answers every call (`get`, `set`, `remove`, the walks,
 * `size`) as the one `set` would build; buckets above the last level may list their entries in another order, which
 * no call reveals. Any caller holding many entries at once (a snapshot read, a replay's batch, an import) should use
 * this rather than a loop of `set`. Inside `transient` the nodes stay open for the batch like any it creates.
 */
export function fromEntries<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
  const keys: string[] = [];
  const values: V[] = [];
  for (const [k, v] of entries) {
    keys.push(k);
    values.push(v);
  }
  return fromColumns(keys, values);
}

/**
 * `fromEntries` over two parallel arrays, key `keys[i]` holding `values[i]` (later entries win): no pair per entry
 * is made. The arrays are read, never kept or changed.
 */
export function fromColumns<V>(keys: readonly string[], values: readonly V[]): PersistentMap<V> {
  return build(keys, (i) => values[i] as V);
}

/** A set of the given keys (repeats count once), built in bulk as `fromEntries` builds a map. */
export function setOf(keys: readonly string[]): PersistentSet {
  return build(keys, () => true as const);
}

function build<V>(keys: readonly string[], valueAt: (i: number) => V): PersistentMap<V> {
  const n = keys.length;
  if (n === 0) return EMPTY;
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = hashOf(keys[i] as string);
  const order = walkingOrder(keys, hashes);
  const sorted: Sorted = { hashes: new Int32Array(n), keys: [], values: [] };
  let size = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const key = keys[i] as string;
    // Equal keys are next to each other, in the order given: the last one wins.
    if (size > 0 && sorted.keys[size - 1] === key) {
      sorted.values[size - 1] = valueAt(i);
      continue;
    }
    sorted.hashes[size] = hashes[i] as number;
    sorted.keys.push(key);
    sorted.values.push(valueAt(i));
    size++;
  }
  const map: PersistentMap<V> = { size, root: buildNode<V>(sorted, 0, size, 0) };
  return fresh(map);
}

export function addToSet(setValue: PersistentSet, key: string): PersistentSet {
  return set(setValue, key, true);
}

/**
 * A new object of the caller's (a state, say) that joins the running `transient` batch as its own nodes do: the
 * batch may change it in place (`batchOwns`) and freezes it when it ends. Outside a batch it is frozen at once.
 */
export function batchObject<T extends object>(object: T): T {
  return fresh(object);
}

/** Whether the running `transient` batch made this object (`batchObject`), so that it may change it in place. */
export function batchOwns(object: object): boolean {
  return owned(object);
}

/**
 * Every entry in walking order (`rankOf`, then the second hash, then the key), as two parallel arrays: an order that
 * depends on the keys alone, never on the history of the map, so equal maps list equally. Linear (a radix sort).
 */
export function orderedEntries<V>(map: PersistentMap<V>): { readonly keys: string[]; readonly values: V[] } {
  const found: string[] = [];
  const held: V[] = [];
  const hashes = new Int32Array(map.size);
  forEachHashed(map, (v, k, h) => {
    hashes[found.length] = h;
    found.push(k);
    held.push(v);
  });
  const order = walkingOrder(found, hashes);
  return {
    keys: Array.from(order, (i) => found[i] as string),
    values: Array.from(order, (i) => held[i] as V),
  };
}
