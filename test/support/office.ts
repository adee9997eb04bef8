import * as E from "fp-ts/lib/Either.js";
import { execute, initialState, type Command, type DomainError, type Event, type State } from "../../src/index.js";
import type { Configuration } from "../../src/index.js";

export const AT = "2026-03-02T09:00:00Z";
export const TEAM = { kind: "team", teamId: "t1" } as const;
export const OFFICE = { kind: "office" } as const;
export const personal = (userId: string) => ({ kind: "personal", userId }) as const;

type Input = Command extends infer C ? (C extends { type: string } ? Omit<C, "at"> & { at?: string } : never) : never;

export type { Input };

/** Runs commands in order; a refusal fails the test with the error's message. */
export function run(state: State, ...commands: Input[]): { state: State; events: Event[] } {
  const events: Event[] = [];
  let current = state;
  for (const c of commands) {
    const r = execute(current, { at: AT, ...c } as Command);
    if (E.isLeft(r)) throw new Error(`${c.type} refused: ${r.left.code} (${r.left.rule}) ${r.left.message}`);
    current = r.right.state;
    events.push(...r.right.events);
  }
  return { state: current, events };
}

/** The error a command is refused with; fails the test if it was accepted. */
export function refusal(state: State, command: Input): DomainError {
  const r = execute(state, { at: AT, ...command } as Command);
  if (E.isRight(r)) throw new Error(`${command.type} was accepted: ${JSON.stringify(r.right.events)}`);
  return r.left;
}

/**
 * A team of five and an outsider: rain (rainmaker, unlimited), tc (transaction coordinator, enhanced),
 * amy and bob (agents, standard), and lee (an office user in no team). admin runs the office.
 */
export const TEAM_OFFICE_COMMANDS: Input[] = [
  {
    type: "openOffice",
    actor: "admin",
    account: OFFICE,
    officeId: "o1",
    officeName: "Harbour Realty",
    adminName: "Ada",
  },
  { type: "registerUser", actor: "admin", account: OFFICE, userId: "rain", name: "Rita Rainmaker" },
  { type: "registerUser", actor: "admin", account: OFFICE, userId: "tc", name: "Tom Coordinator" },
  { type: "registerUser", actor: "admin", account: OFFICE, userId: "amy", name: "Amy Agent" },
  { type: "registerUser", actor: "admin", account: OFFICE, userId: "bob", name: "Bob Agent" },
  { type: "registerUser", actor: "admin", account: OFFICE, userId: "lee", name: "Lee Outsider" },
  { type: "createTeam", actor: "admin", account: OFFICE, teamId: "t1", name: "Harbour Team", rainmakerId: "rain" },
  { type: "addTeamMember", actor: "rain", account: TEAM, userId: "tc", role: "transactionCoordinator" },
  { type: "addTeamMember", actor: "rain", account: TEAM, userId: "amy", role: "agent" },
  { type: "addTeamMember", actor: "rain", account: TEAM, userId: "bob", role: "agent" },
];

/**
 * A team of five and an outsider: rain (rainmaker, unlimited), tc (transaction coordinator, enhanced),
 * amy and bob (agents, standard), and lee (an office user in no team). admin runs the office.
 */
export function teamOffice(configuration?: Configuration): State {
  return run(initialState(configuration), ...TEAM_OFFICE_COMMANDS).state;
}

export const details = (name: string, email?: string) => ({
  name,
  ...(email === undefined ? {} : { emails: [email] }),
});

/**
 * The team office with two contacts of Amy's: `m1` in her personal account, held `full` by Bob, and `c1` in the
 * team's account (the deactivation rules and their remedies start here).
 */
export function amysTwoContacts(): State {
  return run(
    teamOffice(),
    {
      type: "addContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "m1",
      channel: "manual",
      details: details("M"),
    },
    { type: "grantAccess", actor: "amy", account: personal("amy"), contactId: "m1", userId: "bob", level: "full" },
    { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: details("C") },
  ).state;
}
