// A diff of two versions of a source file that ignores layout: both are cut into tokens (comments and white space
// dropped, a comma before a closing bracket dropped), and the token lists are compared with Myers' algorithm. A
// reformatting that only moves tokens between lines changes nothing here, so mutation results of code that a
// formatter rewrapped still count for the lines they moved to (scripts/mutation-since.mjs).

const TOKEN =
  /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\[\s\S]|[^`\\])*`|[A-Za-z_$][\w$]*|\d[\w.]*|=>|\?\?=?|\?\.|\.\.\.|[=!]==?|[<>]=?|&&=?|\|\|=?|[-+*/%&|^]=?|\S/g;

/** The tokens of `text`, each with the 1-based line and column where it starts. */
export function tokens(text) {
  const out = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  let line = 0;
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    if (t.startsWith("//") || t.startsWith("/*")) continue;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= m.index) line++;
    out.push({ t, line: line + 1, column: m.index - lineStarts[line] + 1 });
  }
  // Trailing commas are layout: the formatter adds them where a list breaks over lines.
  return out.filter((tok, i) => !(tok.t === "," && [")", "]", "}", ">"].includes(out[i + 1]?.t)));
}

/** Above this many differing tokens a file counts as rewritten: every token unmatched (the conservative answer). */
const MAX_EDITS = 6000;

/** Myers' O(ND) diff: for each token of `a`, the index of the equal token of `b` it is matched with, or -1. */
export function match(a, b) {
  const pairs = new Int32Array(a.length).fill(-1);
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo].t === b[lo].t) pairs[lo] = lo++;
  let ha = a.length;
  let hb = b.length;
  while (ha > lo && hb > lo && a[ha - 1].t === b[hb - 1].t) pairs[--ha] = --hb;
  const n = ha - lo;
  const m = hb - lo;
  const eq = (x, y) => a[lo + x].t === b[lo + y].t;
  // trace[d] holds v[k] for k in -d..d (index k + d) after step d.
  const trace = [];
  let v = new Int32Array(3);
  let done = n === 0 && m === 0;
  for (let d = 0; !done; d++) {
    if (d > MAX_EDITS) {
      pairs.fill(-1);
      return pairs;
    }
    const next = new Int32Array(2 * d + 3);
    const at = (k) => v[k + d]; // v from step d - 1 covers -(d-1)..(d-1), stored with offset d - 1 + 1
    for (let k = -d; k <= d; k += 2) {
      let x = d === 0 ? 0 : k === -d || (k !== d && at(k - 1) < at(k + 1)) ? at(k + 1) : at(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && eq(x, y)) {
        x++;
        y++;
      }
      next[k + d + 1] = x;
      if (x >= n && y >= m) done = true;
    }
    trace.push(next);
    v = next;
  }
  // Walk back from (n, m), marking the diagonals.
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const k = x - y;
    let prevK = k;
    let prevX = 0;
    if (d > 0) {
      const pv = trace[d - 1];
      const at = (kk) => pv[kk + d];
      prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
      prevX = at(prevK);
    }
    const prevY = prevX - prevK;
    const startX = d === 0 ? 0 : prevX + (prevK === k + 1 ? 0 : 1);
    const startY = startX - k;
    while (x > startX && y > startY) {
      x--;
      y--;
      pairs[lo + x] = lo + y;
    }
    x = prevX;
    y = prevY;
  }
  return pairs;
}

/**
 * Compares two versions of a file. `oldTouched(line)` says whether any token of that old line was removed or changed,
 * or had a token inserted beside it; `newTouched` lists the new lines holding an inserted or changed token;
 * `moved(line, column)` gives where the old token starting there (or the next one on its line) now starts.
 */
export function compare(oldText, newText) {
  const a = tokens(oldText);
  const b = tokens(newText);
  const pairs = match(a, b);
  const oldTouched = new Set();
  const newMatched = new Uint8Array(b.length);
  for (let i = 0; i < a.length; i++) {
    if (pairs[i] < 0) oldTouched.add(a[i].line);
    else newMatched[pairs[i]] = 1;
  }
  // An inserted token touches the old tokens on either side of it: a mutant around it now has other context.
  let lastOld = -1;
  let pendingInsert = false;
  const byNew = new Int32Array(b.length).fill(-1);
  for (let i = 0; i < a.length; i++) if (pairs[i] >= 0) byNew[pairs[i]] = i;
  for (let j = 0; j < b.length; j++) {
    if (byNew[j] < 0) {
      pendingInsert = true;
      if (lastOld >= 0) oldTouched.add(a[lastOld].line);
    } else {
      if (pendingInsert) oldTouched.add(a[byNew[j]].line);
      pendingInsert = false;
      lastOld = byNew[j];
    }
  }
  const newTouched = new Set();
  for (let j = 0; j < b.length; j++) if (!newMatched[j]) newTouched.add(b[j].line);
  const moved = (line, column) => {
    const i = a.findIndex((tok) => tok.line > line || (tok.line === line && tok.column >= column));
    if (i < 0 || pairs[i] < 0) return null;
    return { line: b[pairs[i]].line, column: b[pairs[i]].column };
  };
  return { oldTouched, newTouched, moved };
}
