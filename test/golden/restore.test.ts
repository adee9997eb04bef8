import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  execute,
  fromSnapshot,
  initialState,
  toSnapshot,
  type Command,
  type Snapshot,
  type State,
} from "../../src/index.js";
import { SETUP } from "../../src/testing/index.js";
import { ACCOUNTS, AT, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS, type Scene } from "./scenes.js";

/**
 * A restored snapshot must not merely look equal: it must go on deciding exactly as the state it was written
 * from. Each scene is cut at several points; the rest of the scene runs on the original and on the state read
 * back from its snapshot (also from a snapshot with every list reversed), and every outcome must be the same.
 */
const commandsOf = (scene: Scene): Command[] => scene.commands.map((c) => ({ at: AT, ...c }) as unknown as Command);

function start(scene: Scene): State {
  let state = initialState(scene.configuration);
  for (const command of SETUP)
    state = E.getOrElseW(() => state)(E.map((r: { state: State }) => r.state)(execute(state, command)));
  return state;
}

function outcomes(state: State, commands: readonly Command[]): { lines: string[]; end: State } {
  const lines: string[] = [];
  for (const command of commands) {
    const r = execute(state, command);
    if (E.isLeft(r)) lines.push(`refused ${r.left.code} ${r.left.message}`);
    else {
      state = r.right.state;
      lines.push(JSON.stringify(r.right.events));
    }
  }
  return { lines, end: state };
}

/** Every list of the snapshot in reverse order (and each team's members): what a careless store might hand back. */
function shuffled(s: Snapshot): unknown {
  const reversed = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(reversed)) if (Array.isArray(v)) reversed[k] = [...v].reverse();
  for (const t of reversed.teams as { members: unknown[] }[]) t.members.reverse();
  return reversed;
}

function read(input: unknown): State {
  const r = fromSnapshot(input);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

describe("a state read back from its snapshot decides as the original", () => {
  for (const scene of [ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS]) {
    it(`${scene.name.split(":")[0]}: the rest of the scene has the same outcomes from every cut`, () => {
      const commands = commandsOf(scene);
      const cuts = [
        0,
        Math.floor(commands.length / 4),
        Math.floor(commands.length / 2),
        Math.floor((3 * commands.length) / 4),
        commands.length - 1,
      ];
      for (const cut of cuts) {
        const before = outcomes(start(scene), commands.slice(0, cut)).end;
        const rest = commands.slice(cut);
        const original = outcomes(before, rest);
        const snapshot = toSnapshot(before);
        for (const restored of [read(JSON.parse(JSON.stringify(snapshot))), read(shuffled(snapshot))]) {
          expect(toSnapshot(restored)).toEqual(snapshot);
          const again = outcomes(restored, rest);
          expect(again.lines).toEqual(original.lines);
          expect(toSnapshot(again.end)).toEqual(toSnapshot(original.end));
        }
      }
    });
  }
});

describe("a snapshot that does not hold together is refused, naming what is wrong", () => {
  const good = (): Snapshot => {
    const s = outcomes(start(SMARTPLANS), commandsOf(SMARTPLANS).slice(0, 45)).end;
    const snap = JSON.parse(JSON.stringify(toSnapshot(s))) as Snapshot;
    snap.files = [{ contactId: "c1", notes: [], loans: [], groups: ["Buyers"], activities: [], tasks: [] }];
    expect(
      snap.files.length +
        snap.enrolments.length +
        snap.messaging.length +
        snap.plans.length +
        snap.agentDefaults.length,
    ).toBeGreaterThan(4);
    return snap;
  };
  const twice = <T>(list: T[]): T[] => [...list, list[0] as T];
  const CASES: [string, (s: Snapshot) => unknown, RegExp][] = [
    ["a repeated user", (s) => ({ ...s, users: twice(s.users) }), /user \w+ appears twice/],
    ["a repeated team", (s) => ({ ...s, teams: twice(s.teams) }), /team \w+ appears twice/],
    ["a repeated contact", (s) => ({ ...s, contacts: twice(s.contacts) }), /contact \w+ appears twice/],
    ["a repeated file", (s) => ({ ...s, files: twice(s.files) }), /file \w+ appears twice/],
    ["a repeated plan", (s) => ({ ...s, plans: twice(s.plans) }), /SmartPlan \w+ appears twice/],
    [
      "repeated agent defaults",
      (s) => ({ ...s, agentDefaults: twice(s.agentDefaults) }),
      /agent defaults of team \w+ appears twice/,
    ],
    ["a repeated enrolment", (s) => ({ ...s, enrolments: twice(s.enrolments) }), /enrolment .* appears twice/],
    ["repeated messaging", (s) => ({ ...s, messaging: twice(s.messaging) }), /messaging of user \w+ appears twice/],
    [
      "a repeated team member",
      (s) => ({ ...s, teams: s.teams.map((t, i) => (i === 0 ? { ...t, members: twice(t.members) } : t)) }),
      /member of team t1: \w+ appears twice/,
    ],
    [
      "a member nobody registered",
      (s) => ({
        ...s,
        teams: s.teams.map((t, i) =>
          i === 0 ? { ...t, members: [...t.members, { userId: "ghost", role: "agent", level: "standard" }] } : t,
        ),
      }),
      /team t1 names unknown user ghost/,
    ],
    [
      "a file of no contact",
      (s) => ({ ...s, files: [...s.files, { ...(s.files[0] as Snapshot["files"][number]), contactId: "c404" }] }),
      /file for unknown contact c404/,
    ],
    [
      "an archive entry of no contact",
      (s) => ({ ...s, archive: [{ contactId: "c404", reason: "other", at: AT, by: "u1" }] }),
      /archive entry for unknown contact c404/,
    ],
    [
      "a repeated archive entry",
      (s) => ({
        ...s,
        archive: [
          { contactId: "c1", reason: "other", at: AT, by: "u1" },
          { contactId: "c1", reason: "duplicate", at: AT, by: "u1" },
        ],
      }),
      /archive entry c1 appears twice/,
    ],
    [
      "an enrolment of no contact",
      (s) => ({ ...s, enrolments: [...s.enrolments, { planId: "p1", contactId: "c404", at: AT, by: "u1" }] }),
      /enrolment of c404 in p1 names an unknown contact or plan/,
    ],
    [
      "an enrolment in no plan",
      (s) => ({ ...s, enrolments: [...s.enrolments, { planId: "p404", contactId: "c1", at: AT, by: "u1" }] }),
      /enrolment of c1 in p404/,
    ],
    ["another format", (s) => ({ ...s, format: "crm-access.backup" }), /^snapshot\.format: /],
    ["a later version", (s) => ({ ...s, version: 3 }), /^snapshot\.version: /],
    ["version 2 (D-177) with version 1's rows", (s) => ({ ...s, version: 2 }), /^snapshot\.contacts: /],
    [
      "negative sends",
      (s) => ({ ...s, messaging: s.messaging.map((m) => ({ ...m, emailsSent: -1 })) }),
      /^snapshot\.messaging\.0\.emailsSent: /,
    ],
    [
      "a long month",
      (s) => ({ ...s, messaging: s.messaging.map((m) => ({ ...m, month: "2026-03-01" })) }),
      /^snapshot\.messaging\.0\.month: /,
    ],
    [
      "fractional credits",
      (s) => ({ ...s, messaging: s.messaging.map((m) => ({ ...m, credits: 1.5 })) }),
      /^snapshot\.messaging\.0\.credits: /,
    ],
    [
      "an unknown user status",
      (s) => ({ ...s, users: s.users.map((u, i) => (i === 0 ? { ...u, status: "away" } : u)) }),
      /^snapshot\.users\.0\.status: /,
    ],
    ["a three-way partnership", (s) => ({ ...s, partnerships: [["u1", "u2", "u3"]] }), /^snapshot\.partnerships\.0: /],
    ["not an object", () => "snapshot", /^snapshot: /],
  ];
  for (const [what, corrupt, message] of CASES) {
    it(`refuses ${what}`, () => {
      const r = fromSnapshot(corrupt(good()));
      expect(E.isLeft(r) && r.left.code).toBe("invalid_input");
      expect(E.isLeft(r) && r.left.message).toMatch(message);
    });
  }
});
