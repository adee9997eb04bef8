import { get } from "../collections/persistent-map.js";
import type { State } from "../state.js";

/** The user's co-marketing partners, sorted. */
export function partnersOf(state: State, userId: string): readonly string[] {
  return get(state.partners, userId) ?? [];
}

export function arePartners(state: State, a: string, b: string): boolean {
  return partnersOf(state, a).includes(b);
}

/** Two users on one team. */
export function areTeammates(state: State, a: string, b: string): boolean {
  const theirs = get(state.teamsOfUser, b) ?? [];
  return (get(state.teamsOfUser, a) ?? []).some((t) => theirs.includes(t));
}
