import * as E from "../either.js";
import { invalidInput, type DomainError } from "../errors.js";

/**
 * Event schema versions (D-106). Each event type's rows carry a schema version: 1 for the rows 0.1.0 wrote, and one
 * more for each later release that changed what a row of the type must hold or what it means on replay. A change
 * that only adds an optional field, or a new value of an enum, keeps the version: every older row is a valid row of
 * the current version and means what it meant (docs/event-store.md lists those fields and what their absence means).
 *
 * A new event type needs no entry: it starts at version 1. A type whose rows change adds one entry to its list below,
 * saying how a row of the version before reads as a row of the new one.
 */
export interface SchemaChange {
  /** The release that introduced the new version; docs/event-store.md says what changed ("Changed in <release> (version <n>)"). */
  readonly release: string;
  /** Rewrites the fields of a row of the version before into a row of this version; absent, the row is unchanged. */
  readonly upcast?: (row: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /**
   * Rows of the versions before were written when one enrolment could run a step again (0.1.0): they replay where the
   * step has already run (D-107), instead of being refused `step_already_run`.
   */
  readonly stepsRanAgain?: true;
}

/** Since 0.2.0 one enrolment runs each step at most once (SEC-6, D-64); 0.1.0 could run a step again. */
const stepRunOnce: SchemaChange = { release: "0.2.0", stepsRanAgain: true };

/** Every event type whose rows changed since 0.1.0, each change in release order. */
export const SCHEMA_CHANGES: { readonly [type: string]: readonly SchemaChange[] | undefined } = Object.freeze({
  EmailSent: [stepRunOnce],
  TextSent: [stepRunOnce],
  TaskCreated: [stepRunOnce],
  StepFailed: [stepRunOnce],
  StepDeferred: [stepRunOnce],
});

/** The changes of an event type, oldest first; none for a type that never changed (or that the table does not know). */
function changesOf(type: string, changes: typeof SCHEMA_CHANGES): readonly SchemaChange[] {
  return (Object.hasOwn(changes, type) ? changes[type] : undefined) ?? [];
}

/** The current schema version of an event type: 1 and one more per change. */
export function schemaVersionOf(type: string, changes = SCHEMA_CHANGES): number {
  return 1 + changesOf(type, changes).length;
}

/** What a stored row's version lets it do on replay that a row of the current version may not. */
export interface Leniency {
  readonly stepsRanAgain: boolean;
}

export const STRICT: Leniency = Object.freeze({ stepsRanAgain: false });
const STEPS_RAN_AGAIN: Leniency = Object.freeze({ stepsRanAgain: true });

/** A JSON value: null, a boolean, a finite number, a string, or a list or plain object of JSON values. */
function json(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "boolean" || typeof value === "string") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (depth > 64) return false;
  return Array.isArray(value) ? value.every((v) => json(v, depth + 1)) : jsonObject(value, depth);
}

/** A plain object of JSON values: the store's envelope, never read by `evolve` (D-108). */
function jsonObject(value: unknown, depth: number): boolean {
  if (value === null || value === undefined) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every((v) => json(v, depth + 1));
}

/** A stored row brought to the current version of its type: its event fields, and what its version lets it do. */
export interface Upcast {
  readonly row: unknown;
  readonly leniency: Leniency;
}

const describe = (value: unknown): string =>
  typeof value === "number"
    ? String(value)
    : typeof value === "string"
      ? JSON.stringify(value.slice(0, 20))
      : typeof value;

const invalid = (message: string, path: readonly (string | number)[]): DomainError => invalidInput(message, path);

/**
 * Takes the store's fields off a stored row — `schemaVersion` (absent: the type's current version) and `meta` — and
 * brings its event fields to the current version of its type. A row of an unknown type, or not an object, passes on
 * as it is, for the event schema to refuse.
 */
export function upcastRow(
  input: unknown,
  known: ReadonlySet<unknown>,
  changes = SCHEMA_CHANGES,
): E.Either<DomainError, Upcast> {
  if (typeof input !== "object" || input === null) return E.right({ row: input, leniency: STRICT });
  const record = input as Record<string, unknown>;
  const hasVersion = Object.hasOwn(record, "schemaVersion");
  const hasMeta = Object.hasOwn(record, "meta");
  if (hasMeta && !jsonObject(record.meta, 0))
    return E.left(invalid("event.meta: the store's envelope must be a JSON object", ["meta"]));
  if (!hasVersion && !hasMeta) return E.right({ row: input, leniency: STRICT });
  const { schemaVersion, meta: _meta, ...row } = record;
  if (!hasVersion || !known.has(row.type)) return E.right({ row, leniency: STRICT });
  const type = row.type as string; // a known type is a string
  const list = changesOf(type, changes);
  const version = Number.isInteger(schemaVersion) ? (schemaVersion as number) : 0;
  if (version < 1 || version > list.length + 1) {
    return E.left(
      invalid(
        `event.schemaVersion: ${type} rows are of version 1 to ${list.length + 1}, not ${describe(schemaVersion)}`,
        ["schemaVersion"],
      ),
    );
  }
  let upcast: Record<string, unknown> = row;
  let stepsRanAgain = false;
  for (const change of list.slice(version - 1)) {
    if (change.upcast !== undefined) upcast = change.upcast(upcast);
    if (change.stepsRanAgain === true) stepsRanAgain = true;
  }
  return E.right({ row: upcast, leniency: stepsRanAgain ? STEPS_RAN_AGAIN : STRICT });
}
