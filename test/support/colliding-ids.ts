/**
 * Ids that all share one 30-bit FNV-1a hash, the hash the persistent map routes by (SEC-9's adversary).
 *
 * FNV-1a multiplies modulo 2^32, and the low 30 bits of a product depend only on the low 30 bits of its factors,
 * so the hash is a machine over a 30-bit state. From any state, two 3-character blocks that reach the same state
 * are found by the birthday bound (2^18 blocks into 2^30 states give about 32 such pairs). Chaining k colliding
 * block pairs gives 2^k ids that end in one state, so one hash. The blocks use the printable ASCII range, so every
 * id is a valid id (at most 200 characters).
 */
const MASK = 0x3fffffff;
const PRIME = 0x01000193;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function step(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, PRIME);
  }
  return h;
}

/** The 30-bit FNV-1a hash, as the persistent map computes it. */
export function fnv30(key: string): number {
  return step(0x811c9dc5, key) & MASK;
}

/** Two different 6-character blocks that take `state` to one state, and that state. */
function collidingBlocks(state: number): { readonly blocks: readonly [string, string]; readonly next: number } {
  const seen = new Map<number, string>();
  // xorshift32 from a seed that depends on the state: the same state always gives the same blocks.
  let x = state | 1;
  for (let n = 0; n < 1 << 20; n++) {
    let block = "";
    for (let i = 0; i < 6; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      block += ALPHABET[x & 63];
    }
    const next = step(state, block);
    const other = seen.get(next & MASK);
    if (other !== undefined && other !== block) return { blocks: [other, block], next };
    seen.set(next & MASK, block);
  }
  throw new Error("no colliding blocks from this state");
}

/**
 * `count` distinct ids starting with `prefix`, every one with the same 30-bit hash. Deterministic: the same
 * arguments give the same ids.
 */
export function collidingIds(count: number, prefix = "c-"): string[] {
  const pairs: (readonly [string, string])[] = [];
  let state = step(0x811c9dc5, prefix);
  while (2 ** pairs.length < count) {
    const found = collidingBlocks(state);
    pairs.push(found.blocks);
    state = found.next;
  }
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    let id = prefix;
    for (let k = 0; k < pairs.length; k++) id += (pairs[k] as readonly [string, string])[(n >>> k) & 1];
    ids.push(id);
  }
  return ids;
}
