/**
 * The four `Either` operations the library uses, as plain functions over fp-ts's own `Either` type (D-85). The values
 * are the objects fp-ts builds (`{ _tag: "Left", left }`, `{ _tag: "Right", right }`), so a caller's fp-ts functions
 * take them unchanged; importing fp-ts's CommonJS `lib/Either.js` instead cost a browser bundle about 6.8 KB gzipped,
 * since it does not tree-shake.
 */
import type { Either, Left, Right } from "fp-ts/lib/Either.js";

export type { Either, Left, Right };

/** A failure: fp-ts's `left`. */
export const left = <E = never, A = never>(e: E): Either<E, A> => ({ _tag: "Left", left: e });
/** A success: fp-ts's `right`. */
export const right = <E = never, A = never>(a: A): Either<E, A> => ({ _tag: "Right", right: a });
/** fp-ts's `isLeft`. */
export const isLeft = <E>(ma: Either<E, unknown>): ma is Left<E> => ma._tag === "Left";
/** fp-ts's `isRight`. */
export const isRight = <A>(ma: Either<unknown, A>): ma is Right<A> => ma._tag === "Right";
