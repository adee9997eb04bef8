import * as E from "fp-ts/lib/Either.js";
import { decodeEvent, execute, type Command, type State } from "../../src/index.js";

export const compact = (value: unknown): string => JSON.stringify(value);

/**
 * Executes one command and writes its outcome: the refusal with code, rule and message, or each event (without
 * its time), and returns the next state, or null when refused. Every event must read back unchanged through `decodeEvent`, as a stored event would.
 */
export function record(lines: string[], state: State, command: Command): State | null {
  const r = execute(state, command);
  if (E.isLeft(r)) {
    lines.push(`  refused ${r.left.code} (${r.left.rule}): ${r.left.message}`);
    return null;
  }
  for (const event of r.right.events) {
    const stored = decodeEvent(JSON.parse(JSON.stringify(event)));
    if (E.isLeft(stored) || JSON.stringify(stored.right) !== JSON.stringify(event)) throw new Error(`${event.type} does not read back: ${E.isLeft(stored) ? stored.left.message : "changed"}`);
    const { at: _t, ...rest } = event as typeof event & { at: string };
    lines.push(`  ${compact(rest)}`);
  }
  return r.right.state;
}
