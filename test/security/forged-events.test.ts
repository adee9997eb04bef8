import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  decodeEvent,
  evolve,
  initialState,
  messagingOf,
  replayEvent,
  type Event,
  type State,
} from "../../src/index.js";
import { get, keys } from "../../src/collections/persistent-map.js";
import { applicable, eventShaped } from "../../src/replay/applicable.js";
import { ACCOUNTS, AT, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS, sceneLog } from "../golden/scenes.js";

/**
 * Forged stored events (SEC-8): each event of the five scenes' logs, taken in the state where it applied, is
 * changed in one field at a time so that exactly one of the checks `replayEvent` makes on it should answer — a
 * name that does not exist, a `from` that is not what the state holds, a placement ACC-2 … ACC-4 forbid, a limit
 * one past its bound — and, beside each refusal, the nearest forgery that still applies. The answers (code, rule,
 * message) are pinned in `forged-events.txt`; review a diff, then accept it with `npx vitest run test/security -u`.
 */

type Forgery = readonly [label: string, event: unknown, state?: State];
/** A decoded event of the forger's own type, read and respread field by field: forging is untyped by nature. */
// biome-ignore lint/suspicious/noExplicitAny: a forger reads and respreads the fields of every event type; a typed view would need one cast per field
type Stored = any;
type Forger = (event: Stored, before: State) => readonly Forgery[];

const users = (state: State): string[] => [...keys(state.users)];
const teamOf = (state: State, teamId: string) => get(state.teams, teamId);
const isMember = (state: State, teamId: string, userId: string): boolean =>
  teamOf(state, teamId)?.members.some((m) => m.userId === userId) ?? false;
const nonMember = (state: State, teamId: string): string | undefined =>
  users(state).find((u) => !isMember(state, teamId, u));
const aMember = (state: State, teamId: string, but: string | null): string | undefined =>
  teamOf(state, teamId)?.members.find((m) => m.userId !== but)?.userId;
const contactOf = (state: State, id: string) => get(state.contacts, id);

// The per-type forgeries. Each event is a decoded event of its type; the spreads keep every other field.
const FORGERS: Record<string, Forger> = {
  ContactAdded: (e: Stored, s) => {
    const c = e.contact;
    const out: Forgery[] = [
      [
        "in a team that does not exist",
        {
          ...e,
          contact: { ...c, account: { kind: "team", teamId: "t-none" }, owner: { kind: "team", teamId: "t-none" } },
        },
      ],
      ["made by nobody registered", { ...e, contact: { ...c, createdBy: "u-none" } }],
    ];
    if (c.account.kind === "personal") {
      const other = users(s).find((u) => u !== c.account.userId) as string;
      out.push(
        ["personal, owned by a team", { ...e, contact: { ...c, owner: { kind: "team", teamId: "t1" } } }],
        ["personal, owned by another user", { ...e, contact: { ...c, owner: { kind: "user", userId: other } } }],
        ["personal, primary another user", { ...e, contact: { ...c, primary: other, grants: [] } }],
        [
          "personal, of nobody registered",
          {
            ...e,
            contact: {
              ...c,
              account: { kind: "personal", userId: "u-none" },
              owner: { kind: "user", userId: "u-none" },
              primary: "u-none",
            },
          },
        ],
      );
    } else {
      const teamId: string = c.account.teamId;
      const outsider = nonMember(s, teamId);
      const member = aMember(s, teamId, c.primary);
      out.push(
        ["owned by another team", { ...e, contact: { ...c, owner: { kind: "team", teamId: `${teamId}-other` } } }],
        ["owned by its own team", { ...e, contact: { ...c, owner: { kind: "team", teamId } } }],
        ["with no primary", { ...e, contact: { ...c, primary: null } }],
        ["primary nobody registered", { ...e, contact: { ...c, primary: "u-none" } }],
      );
      if (outsider !== undefined)
        out.push([
          "owned by a user outside the team",
          { ...e, contact: { ...c, owner: { kind: "user", userId: outsider } } },
        ]);
      if (member !== undefined)
        out.push(["owned by a member", { ...e, contact: { ...c, owner: { kind: "user", userId: member } } }]);
      const others = users(s)
        .filter((u) => u !== c.primary)
        .sort()
        .slice(0, 2);
      const [a, b] = others as [string, string];
      out.push(
        [
          "grants sorted, one each",
          {
            ...e,
            contact: {
              ...c,
              grants: [
                { userId: a, level: "view" },
                { userId: b, level: "full" },
              ],
            },
          },
        ],
        [
          "grants out of order",
          {
            ...e,
            contact: {
              ...c,
              grants: [
                { userId: b, level: "view" },
                { userId: a, level: "full" },
              ],
            },
          },
        ],
        [
          "two grants for one user",
          {
            ...e,
            contact: {
              ...c,
              grants: [
                { userId: a, level: "view" },
                { userId: a, level: "full" },
              ],
            },
          },
        ],
        [
          "a grant to nobody registered",
          {
            ...e,
            contact: {
              ...c,
              grants: [
                { userId: a, level: "view" },
                { userId: "zz-none", level: "view" },
              ],
            },
          },
        ],
      );
      if (c.primary !== null)
        out.push([
          "a grant to the primary",
          { ...e, contact: { ...c, grants: [{ userId: c.primary, level: "view" }] } },
        ]);
    }
    return out;
  },
  UserDeactivated: (e: Stored, s) => {
    const u = get(s.users, e.userId);
    const admins = s.officeAdmins.filter((id) => get(s.users, id)?.status === "active");
    const out: Forgery[] = [["of nobody registered", { ...e, userId: "u-none" }]];
    if (admins.length === 1) out.push(["the one active admin", { ...e, userId: admins[0] }]);
    if (u?.officeRole === "staff") out.push(["a staff user while one admin is active", e]);
    return out;
  },
  UserReactivated: (e: Stored) => [["of nobody registered", { ...e, userId: "u-none" }]],
  OfficeRoleChanged: (e: Stored, s) => {
    const admins = s.officeAdmins.filter((id) => get(s.users, id)?.status === "active");
    const deactivated = users(s).find((id) => get(s.users, id)?.status === "deactivated");
    const staff = users(s).find(
      (id) => get(s.users, id)?.officeRole === "staff" && get(s.users, id)?.status === "active",
    );
    const out: Forgery[] = [["of nobody registered", { ...e, userId: "u-none" }]];
    for (const admin of admins) {
      out.push(
        [`${admin} made staff`, { ...e, userId: admin, officeRole: "staff" }],
        [`${admin} made master`, { ...e, userId: admin, officeRole: "master" }],
      );
    }
    if (deactivated !== undefined)
      out.push(["a deactivated user made staff", { ...e, userId: deactivated, officeRole: "staff" }]);
    // The other admins deactivated: the one left active is the last (the check counts active admins only).
    for (const admin of admins) {
      const alone = admins
        .filter((a) => a !== admin)
        .reduce((st, other) => evolve(st, { type: "UserDeactivated", at: e.at, by: admin, userId: other } as Event), s);
      if (alone === s) continue;
      out.push(
        [`${admin} made staff, the other admins deactivated`, { ...e, userId: admin, officeRole: "staff" }, alone],
        [
          `${admin} deactivated, the other admins deactivated`,
          { type: "UserDeactivated", at: e.at, by: admin, userId: admin },
          alone,
        ],
        [`${admin} made master, the other admins deactivated`, { ...e, userId: admin, officeRole: "master" }, alone],
      );
      for (const other of admins.filter((a) => a !== admin))
        out.push([`deactivated ${other} made staff`, { ...e, userId: other, officeRole: "staff" }, alone]);
    }
    if (staff !== undefined) out.push(["a staff user made staff", { ...e, userId: staff, officeRole: "staff" }]);
    return out;
  },
  ConfigurationChanged: (e: Stored) => [
    [
      "a lead source shared with nobody registered",
      {
        ...e,
        configuration: { ...e.configuration, leadSourceShares: [{ leadSource: "Zillow", userIds: ["u2", "u-none"] }] },
      },
    ],
    [
      "a lead source shared with registered users",
      { ...e, configuration: { ...e.configuration, leadSourceShares: [{ leadSource: "Zillow", userIds: ["u2"] }] } },
    ],
    [
      "newsletters falling back to nobody registered",
      { ...e, configuration: { ...e.configuration, newsletterFallback: { kind: "agent", userId: "u-none" } } },
    ],
    [
      "newsletters falling back to a registered agent",
      { ...e, configuration: { ...e.configuration, newsletterFallback: { kind: "agent", userId: "u2" } } },
    ],
  ],
  OptedOut: (e: Stored) => [
    ["an email not in its one form", { ...e, address: { kind: "email", value: "Ann@Example.com" } }],
    ["an email in its one form", { ...e, address: { kind: "email", value: "ann@example.com" } }],
    ["a phone not in its one form", { ...e, address: { kind: "phone", value: "(312) 555-0147" } }],
    ["a phone in its one form", { ...e, address: { kind: "phone", value: "+13125550147" } }],
  ],
  TeamMemberAdded: (e: Stored, s) => {
    const team = teamOf(s, e.teamId);
    return [
      ["as a second rainmaker", { ...e, role: "rainmaker" }],
      ["to a team that does not exist", { ...e, teamId: "t-none" }],
      ["of nobody registered", { ...e, userId: "u-none" }],
      ["of the rainmaker again", { ...e, userId: team?.rainmakerId }],
    ];
  },
  TeamMemberRemoved: (e: Stored, s) => {
    const team = teamOf(s, e.teamId);
    const out: Forgery[] = [
      ["of the rainmaker", { ...e, userId: team?.rainmakerId }],
      ["of a non-member", { ...e, userId: nonMember(s, e.teamId) }],
      ["from a team that does not exist", { ...e, teamId: "t-none" }],
    ];
    for (const m of team?.members ?? [])
      if (m.userId !== team?.rainmakerId && m.userId !== e.userId)
        out.push([`of member ${m.userId}`, { ...e, userId: m.userId }]);
    // ACC-10: a member tied to one of the team's contacts cannot leave; ties to other accounts' contacts do not hold them.
    const theirs = (userId: string) => {
      const set = get(s.contactsByUser, userId);
      return (set === undefined ? [] : keys(set)).map((id) => contactOf(s, id));
    };
    for (const m of team?.members ?? []) {
      const tied = theirs(m.userId).find((c) => c?.account.kind === "team" && c.account.teamId === e.teamId);
      const elsewhere = theirs(m.userId).find(
        (c) => c !== undefined && !(c.account.kind === "team" && c.account.teamId === e.teamId),
      );
      if (m.userId !== team?.rainmakerId && tied !== undefined)
        out.push([`of member ${m.userId}, tied to the team's ${tied.id}`, { ...e, userId: m.userId }]);
      if (m.userId !== team?.rainmakerId && tied === undefined && elsewhere !== undefined)
        out.push([
          `of member ${m.userId}, tied only to ${elsewhere.id} of the ${elsewhere.account.kind} account`,
          { ...e, userId: m.userId },
        ]);
    }
    return out;
  },
  MemberLevelChanged: (e: Stored, s) => {
    const team = teamOf(s, e.teamId);
    return [
      ["of the rainmaker to standard", { ...e, userId: team?.rainmakerId, level: "standard" }],
      ["of the rainmaker to unlimited", { ...e, userId: team?.rainmakerId, level: "unlimited" }],
      ["of a non-member", { ...e, userId: nonMember(s, e.teamId) }],
    ];
  },
  AccessGranted: (e: Stored, s) => {
    const c = contactOf(s, e.contactId);
    return [
      ["to the primary", { ...e, userId: c?.primary ?? "u-none" }],
      ["from a level not held", { ...e, previous: e.previous === "full" ? "view" : "full" }],
      ["to nobody registered", { ...e, userId: "u-none", previous: null }],
      ["on no contact", { ...e, contactId: "c-none" }],
    ];
  },
  AccessRevoked: (e: Stored) => [
    ["of a level not held", { ...e, level: e.level === "full" ? "view" : "full" }],
    ["on no contact", { ...e, contactId: "c-none" }],
  ],
  PrimaryChanged: (e: Stored, s) => {
    const personal = [...keys(s.contacts)].map((id) => contactOf(s, id)).find((c) => c?.account.kind === "personal");
    const out: Forgery[] = [
      ["from a primary not held", { ...e, from: e.from === null ? "u-none" : null }],
      ["to nobody registered", { ...e, to: "u-none" }],
      ["to nobody", { ...e, to: null }],
    ];
    if (personal !== undefined)
      out.push(["of a personal contact", { ...e, contactId: personal.id, from: personal.primary }]);
    return out;
  },
  OwnershipChanged: (e: Stored, s) => {
    const c = contactOf(s, e.contactId);
    const owner = c?.owner;
    const out: Forgery[] = [
      [
        "from a team not the owner",
        { ...e, from: { kind: "team", teamId: owner?.kind === "team" ? `${owner.teamId}-other` : "t1" } },
      ],
      [
        "from a user not the owner",
        { ...e, from: { kind: "user", userId: owner?.kind === "user" ? `${owner.userId}-other` : "u1" } },
      ],
    ];
    if (c?.account.kind === "team") {
      const outsider = nonMember(s, c.account.teamId);
      if (outsider !== undefined)
        out.push(["to a user outside the team", { ...e, to: { kind: "user", userId: outsider } }]);
      out.push(["to another team", { ...e, to: { kind: "team", teamId: `${c.account.teamId}-other` } }]);
    }
    return out;
  },
  PartnershipStarted: (e: Stored) => [
    ["with oneself", { ...e, partnerId: e.userId }],
    ["with nobody registered", { ...e, partnerId: "u-none" }],
    ["of nobody registered", { ...e, userId: "u-none" }],
  ],
  PartnershipEnded: (e: Stored) => [["of users who never partnered", { ...e, partnerId: "u-none" }]],
  MessagingPlanChanged: (e: Stored) => [
    ["one email over the most a month allows", { ...e, emailMonthlyLimit: 10_000_001 }],
    ["at the most a month allows", { ...e, emailMonthlyLimit: 10_000_000 }],
    ["of nobody registered", { ...e, userId: "u-none" }],
  ],
  TwilioCreditsAdded: (e: Stored) => [["to nobody registered", { ...e, userId: "u-none" }]],
  // D-102: an allotment is the plan's figure × the months after the last credited; no more, no sooner.
  TwilioAllotmentCredited: (e: Stored) => [
    ["one credit more than the months bring", { ...e, credits: e.credits + 1 }],
    ["to nobody registered", { ...e, userId: "u-none" }],
    ["through a month before it starts", { ...e, through: "2000-01" }],
  ],
  // D-103: a reply goes to the number's last sender, charged at most a credit they hold; a successor pays nothing.
  TextReceived: (e: Stored, s) => [
    ["to someone else as the sender", { ...e, userId: users(s).find((u) => u !== e.userId) }],
    ["charged to a successor", { ...e, route: "successor", userId: users(s).find((u) => u !== e.userId), credits: 1 }],
    ["charged two credits", { ...e, credits: 2 }],
    ["from a number no plan texted", { ...e, from: "+12125550199" }],
    ["from a number not in E.164", { ...e, from: "(312) 555-0147" }],
    ["on one credit more than the recipient holds", { ...e, credits: messagingOf(s, e.userId).credits + 1 }],
  ],
  TextUnrouted: (e: Stored) => [["from a number not in E.164", { ...e, from: "(312) 555-0147" }]],
  StaffPermissionsChanged: (e: Stored) => [["of nobody registered", { ...e, userId: "u-none" }]],
  SmartPlanCreated: (e: Stored) => {
    const steps = e.steps as { id: string; designee?: string }[];
    const out: Forgery[] = [
      [
        "for a team that does not exist",
        { ...e, account: { kind: "team", teamId: "t-none" }, steps: steps.map(({ designee: _, ...rest }) => rest) },
      ],
      ["with a new id", { ...e, planId: `${e.planId}-new` }],
    ];
    if (steps.length > 0)
      out.push(["two steps sharing an id", { ...e, planId: `${e.planId}-new`, steps: [...steps, steps[0]] }]);
    if (e.account.kind === "personal" && steps.length > 0) {
      if (steps.length > 1)
        out.push([
          "personal, its first step naming a designee",
          {
            ...e,
            planId: `${e.planId}-new`,
            steps: steps.map((st, n) => (n === 0 ? { ...st, designee: "rainmaker" } : st)),
          },
        ]);
      out.push([
        "personal, a step naming a designee",
        { ...e, planId: `${e.planId}-new`, steps: steps.map((st) => ({ ...st, designee: "rainmaker" })) },
      ]);
    }
    return out;
  },
  AgentDefaultsChanged: (e: Stored) => [["of a team that does not exist", { ...e, teamId: "t-none" }]],
  StepDesigneeChanged: (e: Stored, s) => {
    const plan = get(s.plans, e.planId);
    const personal = [...keys(s.plans)]
      .map((id) => get(s.plans, id))
      .find((p) => p?.account.kind === "personal" && p.steps.length > 0);
    const out: Forgery[] = [
      ["of no step", { ...e, stepId: "s-none" }],
      ["of no plan", { ...e, planId: "p-none" }],
      ["to the default", { ...e, designee: null }],
      ["to the rainmaker", { ...e, designee: "rainmaker" }],
    ];
    if (personal !== undefined) {
      out.push(
        [
          "on a personal plan, to the rainmaker",
          { ...e, planId: personal.id, stepId: personal.steps[0]?.id, designee: "rainmaker" },
        ],
        [
          "on a personal plan, to the default",
          { ...e, planId: personal.id, stepId: personal.steps[0]?.id, designee: null },
        ],
      );
    }
    void plan;
    return out;
  },
  ContactEnrolled: (e: Stored, s) => {
    const plan = get(s.plans, e.planId);
    const stranger = [...keys(s.contacts)]
      .map((id) => contactOf(s, id))
      .find((c) => c !== undefined && JSON.stringify(c.account) !== JSON.stringify(plan?.account));
    const out: Forgery[] = [
      ["on no plan", { ...e, planId: "p-none" }],
      ["of no contact", { ...e, contactId: "c-none" }],
      ["by nobody registered", { ...e, by: "u-none" }],
    ];
    if (stranger !== undefined) out.push(["of a contact of another account", { ...e, contactId: stranger.id }]);
    return out;
  },
  EmailSent: (e: Stored) => [
    ["by nobody registered", { ...e, senderId: "u-none" }],
    ["of no enrolment", { ...e, contactId: "c-none" }],
  ],
  TextSent: (e: Stored, s) => {
    const held = messagingOf(s, e.senderId).credits;
    return [
      ["on one credit more than the sender holds", { ...e, credits: held + 1 }],
      ["on every credit the sender holds", { ...e, credits: held }],
      ["by nobody registered", { ...e, senderId: "u-none" }],
    ];
  },
  TaskCreated: (e: Stored) => [["of no step", { ...e, stepId: "s-none" }]],
  ContactMoved: (e: Stored, s) => {
    const enrolled = [...keys(s.enrolmentsByContact)].map((id) => contactOf(s, id)).find((c) => c !== undefined);
    const out: Forgery[] = [
      [
        "from an account it is not in",
        {
          ...e,
          from: e.from.kind === "personal" ? { kind: "team", teamId: "t1" } : { kind: "personal", userId: "u1" },
        },
      ],
      ["to a team that does not exist", { ...e, to: { kind: "team", teamId: "t-none" } }],
      [
        "into a personal account owned by a team",
        { ...e, to: { kind: "personal", userId: "u2" }, owner: { kind: "team", teamId: "t1" } },
      ],
    ];
    if (enrolled !== undefined)
      out.push([`of ${enrolled.id}, still on a SmartPlan`, { ...e, contactId: enrolled.id, from: enrolled.account }]);
    return out;
  },
  ContactDeleted: (e: Stored, s) => {
    const enrolled = [...keys(s.enrolmentsByContact)][0];
    const out: Forgery[] = [["of no contact", { ...e, contactId: "c-none" }]];
    if (enrolled !== undefined) out.push([`of ${enrolled}, still on a SmartPlan`, { ...e, contactId: enrolled }]);
    return out;
  },
  ContactUnenrolled: (e: Stored) => [["of a contact not on the plan", { ...e, contactId: "c-none" }]],
  ContactArchived: (e: Stored, s) => [
    ["by nobody registered", { ...e, by: "u-none" }],
    ["of no contact", { ...e, contactId: "c-none" }],
    ["of a contact already archived", e, evolve(s, e as Event)],
  ],
  ContactUnarchived: (e: Stored, s) => [
    ["of a contact not archived", e, evolve(s, e as Event)],
    ["of no contact", { ...e, contactId: "c-none" }],
  ],
  LoanAdded: (e: Stored, s) => [
    ["on no contact", { ...e, contactId: "c-none" }],
    ["with an id the file holds", e, evolve(s, e as Event)],
    ["with a new id beside the file's", { ...e, loan: { ...e.loan, id: `${e.loan.id}-2` } }, evolve(s, e as Event)],
  ],
  LoanClosed: (e: Stored) => [["of a loan the contact is not on", { ...e, loanId: "l-none" }]],
  NoteAdded: (e: Stored, s) => [
    ["by nobody registered", { ...e, note: { ...e.note, by: "u-none" } }],
    ["with an id the file holds", e, evolve(s, e as Event)],
    ["with a new id beside the file's", { ...e, note: { ...e.note, id: `${e.note.id}-2` } }, evolve(s, e as Event)],
  ],
  ActivityRecorded: (e: Stored, s) => [
    ["by nobody registered", { ...e, activity: { ...e.activity, by: "u-none" } }],
    ["with an id the file holds", e, evolve(s, e as Event)],
    [
      "with a new id beside the file's",
      { ...e, activity: { ...e.activity, id: `${e.activity.id}-2` } },
      evolve(s, e as Event),
    ],
  ],
  TaskAdded: (e: Stored, s) => [
    ["for nobody registered", { ...e, task: { ...e.task, assigneeId: "u-none" } }],
    ["with an id the file holds", e, evolve(s, e as Event)],
    ["with a new id beside the file's", { ...e, task: { ...e.task, id: `${e.task.id}-2` } }, evolve(s, e as Event)],
  ],
  TaskCompleted: (e: Stored, s) => [
    ["of a task already done", e, evolve(s, e as Event)],
    ["of no task", { ...e, taskId: "k-none" }],
  ],
  AddedToGroup: (e: Stored, s) => [["to a group the contact is in", e, evolve(s, e as Event)]],
  OptedIn: (e: Stored) => [
    ["of an address not opted out", { ...e, address: { kind: "email", value: "nobody@example.com" } }],
  ],
};

const said = (r: E.Either<{ code: string; rule: string; message: string }, State>): string =>
  E.isRight(r) ? "applies" : `${r.left.code} (${r.left.rule}): ${r.left.message}`;

/** Each scene's first two events of each type (and of contacts added, each kind of account), forged. */
function transcript(): string[] {
  const lines: string[] = [];
  for (const scene of [ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS]) {
    const seen = new Map<string, number>();
    const { log, before } = sceneLog(scene);
    log.forEach((event, i) => {
      const forger = FORGERS[event.type];
      const key = event.type === "ContactAdded" ? `${event.type} ${event.contact.account.kind}` : event.type;
      const count = seen.get(key) ?? 0;
      if (forger === undefined || count >= 2) return;
      seen.set(key, count + 1);
      const state = before[i] as State;
      lines.push(`# ${scene.name.split(":")[0]} ${i} ${event.type}: ${said(replayEvent(state, event))}`);
      if (event.type !== "OfficeOpened") lines.push(`  before any office: ${said(replayEvent(initialState(), event))}`);
      for (const [label, forged, at] of forger(event, state))
        lines.push(`  ${label}: ${said(replayEvent(at ?? state, forged))}`);
    });
  }
  return lines;
}

describe("forged stored events are refused with the check they fail (SEC-8)", () => {
  it("each scene event, changed one field at a time, is refused or applied as approved (SEC-8)", async () => {
    await expect(`${transcript().join("\n")}\n`).toMatchFileSnapshot("./forged-events.txt");
  });

  it("every forgery that replayEvent refuses leaves evolve's state as it was, and every one it applies, evolve applies alike (SEC-8)", () => {
    for (const scene of [ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS]) {
      const { log, before } = sceneLog(scene);
      log.forEach((event, i) => {
        const forger = FORGERS[event.type];
        const state = before[i] as State;
        for (const [, forged, at = state] of forger?.(event, state) ?? []) {
          if (E.isLeft(decodeEvent(forged))) continue; // evolve trusts its input to decode
          const replayed = replayEvent(at, forged);
          const evolved = evolve(at, forged as Event);
          if (E.isLeft(replayed)) expect(evolved, JSON.stringify([replayed.left.message, forged])).toBe(at);
          else expect(evolved).toEqual(replayed.right);
        }
      });
    }
  });

  it("a check on a field the schema already bounds still refuses it when handed a decoded-looking event directly (SEC-8)", () => {
    const { log, before } = sceneLog(SMARTPLANS);
    const i = log.findIndex((e) => e.type === "EmailSent");
    const email = log[i] as Extract<Event, { type: "EmailSent" }>;
    const state = before[i] as State;
    expect(applicable(state, email)).toBeNull();
    expect(applicable(state, { ...email, month: "" })).toMatchObject({
      code: "invalid_event",
      rule: "SEC-8",
      message: "an email is counted in a month",
    });
    expect(applicable(state, { type: "Nope" } as unknown as Event)).toMatchObject({
      code: "invalid_event",
      message: "unknown event Nope",
    });
  });
});

describe("telling an event from a look-alike (SEC-8)", () => {
  const opened = evolve(initialState(), {
    type: "OfficeOpened",
    at: AT,
    by: "ada",
    officeId: "o1",
    officeName: "Harbour",
    adminId: "ada",
    adminName: "Ada",
  });
  const registered: Event = {
    type: "UserRegistered",
    at: AT,
    by: "ada",
    userId: "sam",
    name: "Sam",
    officeRole: "staff",
    permissions: { createContacts: true, importContacts: true, editContactOwnership: false, archiveContacts: false },
  };

  it("anything that is not an object with a known event type is no event, and evolve passes it over (SEC-8)", () => {
    for (const input of [null, undefined, 5, "UserRegistered", [registered], { type: "Nope" }, { type: 7 }, {}]) {
      expect(eventShaped(input)).toBe(false);
      expect(evolve(opened, input as Event)).toBe(opened);
    }
    expect(eventShaped(registered)).toBe(true);
    expect(evolve(opened, registered)).not.toBe(opened);
  });

  it("a field of the wrong kind — string, number, boolean, array, object, null where none is allowed — makes a look-alike (SEC-8)", () => {
    const wrong: Record<string, unknown> = { userId: 5, name: null, officeRole: ["staff"], permissions: "all" };
    for (const [key, value] of Object.entries(wrong)) {
      expect(eventShaped({ ...registered, [key]: value }), key).toBe(false);
      expect(evolve(opened, { ...registered, [key]: value } as Event)).toBe(opened);
    }
    const granted = {
      type: "AccessGranted",
      at: AT,
      by: "ada",
      contactId: "c1",
      userId: "sam",
      level: "view",
      previous: null,
      rule: "ASG-5",
    };
    expect(eventShaped(granted)).toBe(true); // null where the schema allows it
    expect(eventShaped({ ...granted, previous: 7 })).toBe(false);
    const moved = {
      type: "StaffPermissionsChanged",
      at: AT,
      by: "ada",
      userId: "sam",
      permissions: { createContacts: true, importContacts: true, editContactOwnership: true, archiveContacts: false },
    };
    expect(eventShaped(moved)).toBe(true);
    expect(eventShaped({ ...moved, permissions: [] })).toBe(false);
    const plan = {
      type: "SmartPlanCreated",
      at: AT,
      by: "ada",
      planId: "p1",
      account: { kind: "personal", userId: "ada" },
      name: "P",
      steps: [],
    };
    expect(eventShaped(plan)).toBe(true);
    expect(eventShaped({ ...plan, steps: {} })).toBe(false);
    expect(eventShaped({ ...plan, account: "ada" })).toBe(false);
  });
});
