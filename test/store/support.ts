import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import {
  DEFAULT_CONFIGURATION,
  execute,
  initialState,
  type Command,
  type Configuration,
  type Event,
  type State,
} from "../../src/index.js";
import { arbitraryCommandSequence, arbitraryConfiguration, SETUP } from "../../src/testing/index.js";

export const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

/** One command `execute` accepted, with the state it was decided against. */
export interface Step {
  readonly before: State;
  readonly command: Command;
  readonly expectedVersion: number;
  readonly version: number;
  readonly events: readonly Event[];
  readonly after: State;
}

/** A random run of the test kit: the kit's setup, then drawn commands; the accepted ones and the log they wrote. */
export interface Run {
  readonly configuration: Configuration;
  readonly steps: readonly Step[];
  readonly log: readonly Event[];
  readonly state: State;
}

export function run(configuration: Configuration, commands: readonly Command[]): Run {
  let state = initialState(configuration);
  const steps: Step[] = [];
  const log: Event[] = [];
  for (const command of [...SETUP, ...commands]) {
    const r = execute(state, command);
    if (E.isLeft(r)) continue;
    steps.push({ before: state, command, ...r.right, after: r.right.state });
    log.push(...r.right.events);
    state = r.right.state;
  }
  return { configuration, steps, log, state };
}

export const arbitraryRun = (maxCommands = 40): fc.Arbitrary<Run> =>
  fc
    .tuple(
      fc.oneof(fc.constant(DEFAULT_CONFIGURATION), arbitraryConfiguration()),
      arbitraryCommandSequence(maxCommands),
    )
    .map(([configuration, commands]) => run(configuration, commands));

/** The rows a store gives back: each event through JSON, as a `jsonb` column or a file would. */
export const stored = (events: readonly unknown[]): unknown[] =>
  events.map((event) => JSON.parse(JSON.stringify(event)) as unknown);

/** An asynchronous cursor over rows, one `await` per row, that records whether it was closed. */
export function cursor(
  rows: readonly unknown[],
): AsyncIterable<unknown> & { readonly closed: () => boolean; readonly read: () => number } {
  let closed = false;
  let read = 0;
  return {
    closed: () => closed,
    read: () => read,
    async *[Symbol.asyncIterator]() {
      try {
        for (const row of rows) {
          await Promise.resolve();
          read++;
          yield row;
        }
      } finally {
        closed = true;
      }
    },
  };
}
