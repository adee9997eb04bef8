import fc from "fast-check";
import * as FpEither from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import * as E from "../src/either.js";

describe("D-85: the library's Either values are fp-ts's", () => {
  it("left and right build the objects fp-ts builds, and isLeft / isRight read them as fp-ts does", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(E.left(x)).toStrictEqual(FpEither.left(x));
        expect(E.right(x)).toStrictEqual(FpEither.right(x));
        for (const value of [E.left(x), E.right(x), FpEither.left(x), FpEither.right(x)]) {
          expect(E.isLeft(value)).toBe(FpEither.isLeft(value));
          expect(E.isRight(value)).toBe(FpEither.isRight(value));
        }
      }),
    );
  });
  it("fp-ts's own functions take the library's values", () => {
    expect(FpEither.getOrElse(() => 0)(E.right<string, number>(3))).toBe(3);
    expect(FpEither.mapLeft((e: string) => e.length)(E.left<string, number>("abc"))).toStrictEqual(FpEither.left(3));
  });
});
