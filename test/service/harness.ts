/** Starts the example service (examples/service) over a PGlite database, listening on 127.0.0.1. */
import type { AddressInfo } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import type { FastifyInstance } from "fastify";
import { createService } from "../../examples/service/service.js";
import { EventStore } from "../../examples/service/store.js";

export const AT = "2026-03-02T09:00:00Z";

export interface Running {
  readonly app: FastifyInstance;
  /** A request as `user` (the x-user-id header); the answer's status, version header and body text. */
  call(user: string | null, method: "GET" | "POST", path: string, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  readonly status: number;
  readonly version: string | null;
  readonly text: string;
  readonly json: unknown;
}

/** The service answering in process, through Fastify's `inject` (no socket): for many small requests. */
export async function inProcess(db: PGlite, snapshotEvery: number): Promise<Running> {
  const app = createService({ store: await EventStore.open(db), snapshotEvery, clock: () => AT });
  return {
    app,
    async call(user, method, path, body) {
      const res = await app.inject({
        method,
        url: path,
        headers: user === null ? {} : { "x-user-id": user },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const version = res.headers["x-office-version"];
      return {
        status: res.statusCode,
        version: typeof version === "string" ? version : null,
        text: res.body,
        json: res.body === "" ? undefined : (JSON.parse(res.body) as unknown),
      };
    },
    close: () => app.close(),
  };
}

/** The service listening on 127.0.0.1 (a free port), called with `fetch`. */
export async function start(db: PGlite, snapshotEvery: number): Promise<Running> {
  const app = createService({ store: await EventStore.open(db), snapshotEvery, clock: () => AT });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    async call(user, method, path, body) {
      const headers: Record<string, string> = user === null ? {} : { "x-user-id": user };
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        version: res.headers.get("x-office-version"),
        text,
        json: text === "" ? undefined : (JSON.parse(text) as unknown),
      };
    },
    close: () => app.close(),
  };
}
