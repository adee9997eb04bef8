import * as E from "../either.js";
import type { ContactEvent } from "../contacts/events.js";
import { DEFERRABLE, evolveContactsDeferred, reindexContacts, type PendingIndex } from "../contacts/evolve.js";
import { applyEvent, decodeStored, type Event } from "../decider.js";
import { domainError, replayError, type ReplayError } from "../errors.js";
import type { State } from "../state.js";
import { applicable } from "./applicable.js";

const typeOf = (input: unknown): string | undefined => {
  const type: unknown = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof type === "string" && type.length <= 100 ? type : undefined;
};

/**
 * A replay in progress (D-185): stored rows are decoded and checked against the state one by one, exactly as
 * `replayEvent` does, and the contact events of a run (`DEFERRABLE`) are indexed together when the run ends —
 * before the next event of another type, and in `finish`. No check of a deferrable event reads the indexes, so
 * each row is still checked against the state every earlier row left, and a refusal names the same position.
 * Run inside `transient`, whose end must come after `finish`.
 * @internal
 */
export class RowFold {
  private readonly pending: PendingIndex = new Map();

  constructor(
    private state: State,
    public position: number,
  ) {}

  /** Decodes, checks and applies one stored row; the error naming its position, or null. */
  push(input: unknown): ReplayError | null {
    const decoded = decodeStored(input);
    if (E.isLeft(decoded)) return replayError(this.position, decoded.left, typeOf(input));
    const { event, leniency } = decoded.right;
    const deferrable = DEFERRABLE.has(event.type);
    try {
      if (!deferrable) this.state = reindexContacts(this.state, this.pending);
      const refused = applicable(this.state, event, leniency);
      if (refused !== null) return replayError(this.position, refused, event.type);
      this.state = deferrable
        ? evolveContactsDeferred(this.state, event as ContactEvent, this.pending)
        : applyEvent(this.state, event);
    } catch {
      return replayError(
        this.position,
        domainError("invalid_event", "SEC-8", `${event.type} cannot be applied`),
        event.type,
      );
    }
    this.position++;
    return null;
  }

  /** The state after every row pushed, its indexes complete. */
  finish(): State {
    this.state = reindexContacts(this.state, this.pending);
    return this.state;
  }
}

/**
 * Folds events `decide` has just produced (trusted: no checks), indexing each run of deferrable contact events at
 * once, as `RowFold` does. Inside `transient`.
 * @internal
 */
export function foldDecided(from: State, events: readonly Event[]): State {
  const pending: PendingIndex = new Map();
  let state = from;
  for (const event of events) {
    if (DEFERRABLE.has(event.type)) state = evolveContactsDeferred(state, event as ContactEvent, pending);
    else state = applyEvent(reindexContacts(state, pending), event);
  }
  return reindexContacts(state, pending);
}
