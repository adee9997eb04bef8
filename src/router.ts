/**
 * The shapes the command router is built from (docs/architecture.md, "Adding a domain"). Each domain's `slice.ts`
 * names a handler for every one of its command types and an evolver for every one of its event types; `decider.ts`
 * joins the slices into one map per direction, typed so that a command or event type without its entry is a compile
 * error rather than an `undefined` at run time.
 * @internal
 */
import type * as E from "./either.js";
import type { DomainError } from "./errors.js";
import type { State } from "./state.js";

/** What deciding one command gives: the events it causes, or the error that refuses it. */
export type Decision<Ev> = E.Either<DomainError, readonly Ev[]>;

/** Decides one kind of command, already decoded. */
export type Handler<C, Ev> = (state: State, command: C) => Decision<Ev>;

/** A handler for every command type of `C` — one left out, or a key that is no command type, is a compile error. */
export type Handlers<C extends { readonly type: string }, Ev> = {
  readonly [K in C["type"]]: Handler<Extract<C, { readonly type: K }>, Ev>;
};

/** Applies one kind of event, known to decode and to apply. */
export type Evolver<Ev> = (state: State, event: Ev) => State;

/** An evolver for every event type of `Ev`, checked as `Handlers` is. */
export type Evolvers<Ev extends { readonly type: string }> = {
  readonly [K in Ev["type"]]: Evolver<Extract<Ev, { readonly type: K }>>;
};

/** The events a domain's decide function may return, for its slice's `Handlers`. */
export type EventsOf<F> = F extends (state: State, command: never) => Decision<infer Ev> ? Ev : never;
