/**
 * The event store: one Postgres table of events, one of snapshots. Each office is a stream; an event's
 * `position` in its stream is the office's version once it is applied (1, 2, 3 …; 0 is the empty stream).
 *
 * Optimistic concurrency: a writer appends at the positions after the version its state had, in one
 * transaction. The primary key (office, position) refuses a second writer who decided against the same version:
 * its transaction rolls back whole and `append` answers `"conflict"`.
 *
 * Each row records the schema version its event was written at, so a later release of the library reads it as
 * what it is and upcasts it (`decodeEvent`, docs/event-store.md); a row without one would read as the current version.
 */
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { EVENT_SCHEMA_VERSIONS, type Event } from "../../src/index.js";

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  office   text    NOT NULL,
  position integer NOT NULL CHECK (position > 0),
  type     text    NOT NULL,
  data     jsonb   NOT NULL,
  PRIMARY KEY (office, position)
);
CREATE TABLE IF NOT EXISTS snapshots (
  office  text    PRIMARY KEY,
  version integer NOT NULL,
  data    jsonb   NOT NULL
);
`;

/** Postgres's code for a unique violation: another writer took the position. */
const UNIQUE_VIOLATION = "23505";

export interface StoredSnapshot {
  readonly version: number;
  readonly data: unknown;
}

export class EventStore {
  private constructor(private readonly db: PGlite) {}

  static async open(db: PGlite): Promise<EventStore> {
    await db.exec(SCHEMA);
    return new EventStore(db);
  }

  /**
   * Appends `events` to the office's stream right after `expectedVersion`: all of them, or none and
   * `"conflict"` when another writer has appended since that version.
   */
  async append(office: string, expectedVersion: number, events: readonly Event[]): Promise<"ok" | "conflict"> {
    try {
      await this.db.transaction(async (tx: Transaction) => {
        for (const [i, event] of events.entries()) {
          await tx.query("INSERT INTO events (office, position, type, data) VALUES ($1, $2, $3, $4)", [
            office,
            expectedVersion + i + 1,
            event.type,
            { ...event, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type] },
          ]);
        }
      });
      return "ok";
    } catch (error) {
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return "conflict";
      throw error;
    }
  }

  /** The office's latest snapshot, if any. */
  async snapshot(office: string): Promise<StoredSnapshot | undefined> {
    const r = await this.db.query<{ version: number; data: unknown }>(
      "SELECT version, data FROM snapshots WHERE office = $1",
      [office],
    );
    return r.rows[0];
  }

  /** Keeps the snapshot unless one at a later version is already stored. */
  async saveSnapshot(office: string, version: number, data: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO snapshots (office, version, data) VALUES ($1, $2, $3)
       ON CONFLICT (office) DO UPDATE SET version = excluded.version, data = excluded.data WHERE snapshots.version < excluded.version`,
      [office, version, data],
    );
  }

  /** The office's events after `version`, in order, read a page at a time (a cursor, as for a long stream). */
  async *eventsAfter(office: string, version: number, pageSize = 500): AsyncGenerator<unknown> {
    let after = version;
    for (;;) {
      const page = await this.db.query<{ position: number; data: unknown }>(
        "SELECT position, data FROM events WHERE office = $1 AND position > $2 ORDER BY position LIMIT $3",
        [office, after, pageSize],
      );
      for (const row of page.rows) yield row.data;
      const last = page.rows[page.rows.length - 1];
      if (last === undefined || page.rows.length < pageSize) return;
      after = last.position;
    }
  }
}
