import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the repository's tooling, without declarations
import { compare, match, tokens } from "../../scripts/token-diff.mjs";

/** The length of a longest common subsequence, by the textbook table: the independent answer Myers' diff must reach. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    let diagonal = 0;
    for (let j = b.length - 1; j >= 0; j--) {
      const below = row[j] as number;
      row[j] = a[i] === b[j] ? diagonal + 1 : Math.max(below, row[j + 1] as number);
      diagonal = below;
    }
  }
  return row[0] as number;
}

const word = fc.array(fc.constantFrom("a", "b", "c"), { maxLength: 30 });

describe("the layout-insensitive diff that mutation scores are carried over with (docs/quality.md)", () => {
  it("matches a longest common subsequence, in order, token for equal token", () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const pairs: Int32Array = match(
          a.map((t) => ({ t })),
          b.map((t) => ({ t })),
        );
        let matched = 0;
        let last = -1;
        for (let i = 0; i < a.length; i++) {
          const j = pairs[i] as number;
          if (j < 0) continue;
          expect(b[j]).toBe(a[i]);
          expect(j).toBeGreaterThan(last);
          last = j;
          matched++;
        }
        expect(matched).toBe(lcsLength(a, b));
      }),
    );
  });

  it("sees no change when only line breaks, indentation, comments and trailing commas differ", () => {
    const before = "const a = f(x, y); // why\nreturn [a,\n  b];\n";
    const after = "const a = f(\n  x,\n  y,\n);\n/* moved */ return [a, b];\n";
    const c = compare(before, after);
    expect([...c.oldTouched]).toEqual([]);
    expect([...c.newTouched]).toEqual([]);
    expect(c.moved(2, 1)).toEqual({ line: 5, column: 13 });
  });

  it("marks a changed token's line on both sides, and the lines beside an insertion", () => {
    const c = compare("let a = 1;\nlet b = 2;\nlet c = 3;\n", "let a = 1;\nlet b = 5;\nlet c = 3;\nlet d = 4;\n");
    // Which of two equally long alignments is chosen is Myers' affair; the changed lines are touched either way, and
    // the first line, equal and before any change, never is.
    expect(c.oldTouched.has(2) && !c.oldTouched.has(1)).toBe(true);
    expect(c.newTouched.has(2) && c.newTouched.has(4) && !c.newTouched.has(1)).toBe(true);
    expect(tokens("x?.y ?? 'z'").map((t: { t: string }) => t.t)).toEqual(["x", "?.", "y", "??", "'z'"]);
  });
});
