import * as E from "../either.js";
import { transient } from "../collections/persistent-map.js";
import { RowFold } from "./fold.js";
import { invalidInput, replayError, type ReplayError } from "../errors.js";
import { atVersion, initialState, type State } from "../state.js";

/** Rows applied together under one `transient` fold, as `replay` applies a whole log (D-58). */
const BATCH = 256;

/**
 * Rebuilds a state from stored rows read through an asynchronous cursor (a database's paged query, a stream): each
 * row is decoded (every released schema version, upcast — `decodeEvent`) and checked against the state before it
 * (SEC-8), exactly as `replay` does, and the first row that cannot be decoded or applied is reported with its
 * 0-based `position` among the rows given; its stream version is `from.version + position + 1`. Bad data is never
 * thrown: the promise resolves to an error value, and the cursor is closed. An exception thrown by the cursor itself
 * is the caller's and rejects the promise. `from` is the state the rows continue (one read from a snapshot); the
 * result's `version` is `from.version` plus the number of rows. A synchronous iterable is read as well.
 * @example
 * import { replayAsync } from "crm-access";
 * async function* rows() {
 *   yield { type: "OfficeOpened", at: "2026-03-02T09:00:00Z", by: "ada", officeId: "o1", officeName: "Harbour Realty",
 *     adminId: "ada", adminName: "Ada" };
 * }
 * const r = await replayAsync(rows());
 * assert.ok(r._tag === "Right");
 * assert.strictEqual(r.right.version, 1);
 * @since 0.2.0
 */
export async function replayAsync(
  rows: AsyncIterable<unknown> | Iterable<unknown>,
  from: State = initialState(),
): Promise<E.Either<ReplayError, State>> {
  if (!readable(rows)) return E.left(replayError(0, invalidInput("the rows are not an iterable")));
  let state = from;
  let position = 0;
  let batch: unknown[] = [];
  const apply = (): ReplayError | null =>
    transient(() => {
      const fold = new RowFold(state, position);
      for (const row of batch) {
        const refused = fold.push(row);
        if (refused !== null) return refused;
      }
      state = fold.finish();
      position = fold.position;
      batch = [];
      return null;
    });
  for await (const row of rows) {
    batch.push(row);
    if (batch.length < BATCH) continue;
    const refused = apply();
    if (refused !== null) return E.left(refused);
  }
  const refused = apply();
  return refused === null ? E.right(atVersion(state, from.version + position)) : E.left(refused);
}

const readable = (value: unknown): value is AsyncIterable<unknown> | Iterable<unknown> =>
  typeof value === "object" &&
  value !== null &&
  (typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function" ||
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function");
