/**
 * A small HTTP service embedding crm-access: Fastify in front, Postgres (here PGlite) behind.
 *
 * - Every office is one event stream and the unit of consistency: its state lives in memory, commands on it are
 *   decided one at a time, and their events are appended with the version they were decided against.
 * - A snapshot is stored every `snapshotEvery` events; a restarted service reads the snapshot, then the events
 *   after it (docs/scaling.md).
 * - Every refusal is the library's `DomainError`, answered with the library's `HTTP_STATUS` for its code: a
 *   contact the caller may not see is a 404, exactly as one that does not exist (SEC-2).
 *
 * The caller is the `x-user-id` header. THIS IS WHERE A REAL AUTH LAYER PLUGS IN: verify a session or token and
 * set the caller from it; never believe a header a client can set. The command's `actor` and `at` always come
 * from here (the caller and the service's clock), never from the request body.
 *
 * A real service imports from "crm-access"; this example, living in the library's repository, imports its source.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import * as E from "fp-ts/lib/Either.js";
import {
  ACTIONS,
  accessList,
  can,
  executeInput,
  explain,
  explainFor,
  fromSnapshot,
  getUser,
  HTTP_STATUS,
  initialState,
  project,
  replayAsync,
  toSnapshot,
  visiblePage,
  type Action,
  type DomainError,
  type State,
} from "../../src/index.js";
import type { EventStore } from "./store.js";

export interface ServiceOptions {
  readonly store: EventStore;
  /** Store a snapshot each time an office's version passes a multiple of this (default 100). */
  readonly snapshotEvery?: number;
  /** The time stamped on commands (default: the wall clock). */
  readonly clock?: () => string;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking: set by the authentication hook before any route runs. */
    caller: string;
  }
}

/** A stored office that cannot be read back (SEC-8): the library's error, with the stream position of the bad row. */
class UnreadableOffice extends Error {
  constructor(readonly error: DomainError & { readonly position: number }) {
    super(error.message);
  }
}

/** A write that lost the race: another process appended to the office since its state was read. */
interface Conflict {
  readonly code: "version_conflict";
  readonly message: string;
}

type Params = { office: string; id: string };
type Query = { action?: string; user?: string; limit?: string; after?: string };

/** The library's refusal as an HTTP answer: its status from `HTTP_STATUS`, its fields as the body. */
function refuse(reply: FastifyReply, error: DomainError): FastifyReply {
  return reply.code(HTTP_STATUS[error.code]).send(error);
}

const notVisible = (contactId: string, caller: string): DomainError => ({
  code: "contact_not_found",
  rule: "SEC-2",
  message: `no contact ${contactId} visible to ${caller}`,
});
const badAction = (action: string): DomainError => ({
  code: "invalid_input",
  rule: "input",
  message: `no action ${action}: one of ${ACTIONS.join(", ")}`,
  path: ["action"],
});
const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a);

export function createService(options: ServiceOptions): FastifyInstance {
  const { store } = options;
  const snapshotEvery = options.snapshotEvery ?? 100;
  const clock = options.clock ?? (() => new Date().toISOString());
  /** Each office's state as far as this process knows it; dropped after a conflict, so the next use reloads. */
  const offices = new Map<string, Promise<State>>();
  /** Per office, the tail of its queue: commands on one office run one after another. */
  const queues = new Map<string, Promise<unknown>>();

  /** The office's state: its snapshot, then the events after it. */
  async function load(office: string): Promise<State> {
    const snapshot = await store.snapshot(office);
    let from = initialState();
    if (snapshot !== undefined) {
      const restored = fromSnapshot(snapshot.data, { version: snapshot.version });
      if (E.isLeft(restored))
        throw new UnreadableOffice({
          ...restored.left,
          code: "invalid_event",
          message: `the snapshot at version ${snapshot.version}: ${restored.left.message}`,
          position: snapshot.version,
        });
      from = restored.right;
    }
    const replayed = await replayAsync(store.eventsAfter(office, from.version), from);
    // Nothing is skipped: a row that does not decode or apply stops the load, named by its position in the stream.
    if (E.isLeft(replayed))
      throw new UnreadableOffice({ ...replayed.left, position: from.version + replayed.left.position + 1 });
    return replayed.right;
  }

  function stateOf(office: string): Promise<State> {
    let state = offices.get(office);
    if (state === undefined) {
      state = load(office);
      offices.set(office, state);
      state.catch(() => offices.delete(office));
    }
    return state;
  }

  function serially<T>(office: string, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(office) ?? Promise.resolve()).then(task, task);
    queues.set(
      office,
      run.catch(() => undefined),
    );
    return run;
  }

  /**
   * Decodes the request's command and decides it on the office's state (`executeInput`: one parse), appends its
   * events at the versions they take, then applies them.
   */
  function submit(
    office: string,
    command: unknown,
  ): Promise<E.Either<DomainError | Conflict, { version: number; events: string[] }>> {
    return serially(office, async () => {
      const state = await stateOf(office);
      const r = executeInput(state, command);
      if (E.isLeft(r)) return r;
      const { events, expectedVersion, version } = r.right;
      if ((await store.append(office, expectedVersion, events)) === "conflict") {
        offices.delete(office); // another process wrote this office: reload before the next command
        return E.left({
          code: "version_conflict",
          message: `office ${office} changed since version ${expectedVersion}: reload and retry`,
        } as const);
      }
      offices.set(office, Promise.resolve(r.right.state));
      if (Math.floor(version / snapshotEvery) > Math.floor(expectedVersion / snapshotEvery))
        await store.saveSnapshot(office, version, toSnapshot(r.right.state));
      return E.right({ version, events: events.map((e) => e.type) });
    });
  }

  const app = Fastify({ logger: false });

  // A stored office that cannot be read is the library's `invalid_event`: 500, with the position of the bad row.
  app.setErrorHandler(async (error, _request, reply) => {
    if (error instanceof UnreadableOffice) return refuse(reply, error.error);
    throw error;
  });

  // Authentication, in one place: the caller's id, or 401 before any route runs.
  app.decorateRequest("caller", "");
  app.addHook("onRequest", async (request, reply) => {
    const caller = request.headers["x-user-id"];
    if (typeof caller !== "string" || caller === "") {
      return reply.code(401).send({ code: "unauthenticated", message: "no x-user-id header: who is asking?" });
    }
    request.caller = caller;
  });

  /** Runs a query on the office's state; the reply carries the version it answered from. */
  async function reading(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply): Promise<State> {
    const state = await stateOf(request.params.office);
    void reply.header("x-office-version", String(state.version));
    return state;
  }

  app.post<{ Params: Params; Body: unknown }>("/offices/:office/commands", async (request, reply) => {
    const body = request.body;
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return refuse(reply, {
        code: "invalid_input",
        rule: "input",
        message: "the body is not a command object",
        path: [],
      });
    const command: unknown = { ...body, actor: request.caller, at: clock() };
    const r = await submit(request.params.office, command);
    if (E.isRight(r)) return reply.header("x-office-version", String(r.right.version)).send(r.right);
    if (r.left.code === "version_conflict") return reply.code(409).send(r.left);
    return refuse(reply, r.left);
  });

  // The contacts the caller may see, a page at a time, each as the caller may see it (`project`).
  app.get<{ Params: Params; Querystring: Query }>("/offices/:office/contacts", async (request, reply) => {
    const state = await reading(request, reply);
    const caller = request.caller;
    const page = visiblePage(state, caller, {
      limit: Number(request.query.limit ?? 50),
      after: request.query.after ?? null,
    });
    if (E.isLeft(page)) return refuse(reply, page.left);
    const contacts = page.right.contactIds
      .map((id) => project(state, caller, id))
      .filter(E.isRight)
      .map((v) => v.right);
    return { contacts, next: page.right.next };
  });

  app.get<{ Params: Params }>("/offices/:office/contacts/:id", async (request, reply) => {
    const view = project(await reading(request, reply), request.caller, request.params.id);
    return E.isRight(view) ? view.right : refuse(reply, view.left);
  });

  // Who has access (REA-2). The library answers anyone; the gate is ours (docs/security.md): those who may
  // manage access to the contact or share it, and office admins — and only on a contact the caller can see.
  app.get<{ Params: Params; Querystring: Query }>("/offices/:office/contacts/:id/access", async (request, reply) => {
    const state = await reading(request, reply);
    const caller = request.caller;
    const id = request.params.id;
    if (!can(state, caller, "view", id)) return refuse(reply, notVisible(id, caller));
    const admin = state.officeAdmins.includes(caller) && getUser(state, caller)?.status === "active";
    if (!admin && !can(state, caller, "manageAccess", id) && !can(state, caller, "share", id)) {
      return refuse(reply, {
        code: "not_permitted",
        rule: "REA-2",
        message: `${caller} may not read who has access to ${id}`,
        action: "manageAccess",
        contactId: id,
        remedy: explain(state, caller, "manageAccess", id).remedy,
      });
    }
    const action = request.query.action;
    if (action !== undefined && !isAction(action)) return refuse(reply, badAction(action));
    const list = accessList(state, id, action);
    return E.isRight(list) ? list.right : refuse(reply, list.left);
  });

  // Why a user can or cannot act (default: the caller). `explainFor` gates itself: oneself, or an office admin.
  app.get<{ Params: Params; Querystring: Query }>("/offices/:office/contacts/:id/explain", async (request, reply) => {
    const state = await reading(request, reply);
    const caller = request.caller;
    const action = request.query.action ?? "view";
    if (!isAction(action)) return refuse(reply, badAction(action));
    const r = explainFor(state, caller, request.query.user ?? caller, action, request.params.id);
    return E.isRight(r) ? r.right : refuse(reply, r.left);
  });

  return app;
}
