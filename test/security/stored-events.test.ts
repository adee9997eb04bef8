import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessAt,
  accessList,
  accessTimeline,
  contactIds,
  DEFAULT_CONFIGURATION,
  decider,
  decodeEvent,
  evolve,
  execute,
  fromSnapshot,
  initialState,
  replay,
  replayEvent,
  toSnapshot,
  type Command,
  type Configuration,
  type Event,
  type ReplayError,
  type State,
} from "../../src/index.js";
import { EventSchema } from "../../src/decider.js";
import {
  arbitraryCommandSequence,
  arbitraryConfiguration,
  arbitraryPopulation,
  given,
  SETUP,
  SpecificationMismatch,
} from "../../src/testing/index.js";
import { ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS, AT } from "../golden/scenes.js";

/**
 * SEC-8: stored events are untrusted. Replaying a log decodes each event and checks it against the state before
 * it; the first that cannot be decoded or applied is a typed error naming its position, and nothing is passed
 * over. `evolve` trusts its input but never throws.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

const snapshotOf = (state: State): string => JSON.stringify(toSnapshot(state));

/** The log `execute` records for the commands, and the state it reaches. */
function run(
  commands: readonly Command[],
  configuration: Configuration = DEFAULT_CONFIGURATION,
): { log: Event[]; state: State } {
  let state = initialState(configuration);
  const log: Event[] = [];
  for (const command of commands) {
    const r = execute(state, command);
    if (E.isRight(r)) {
      state = r.right.state;
      log.push(...r.right.events);
    }
  }
  return { log, state };
}

/**
 * A random office as `arbitraryState({ populate: true })` builds one — SETUP, a populated world (contacts of every
 * channel, partnerships, SmartPlans, messaging, enrolments) and random commands of every family, the admin's
 * configuration changes among them — with the state its log starts from, since the configuration moves.
 */
const states = fc
  .tuple(arbitraryConfiguration(), arbitraryPopulation(), arbitraryCommandSequence(40, { configurationChanges: true }))
  .map(([configuration, population, commands]) => ({
    ...run([...SETUP, ...population, ...commands], configuration),
    start: initialState(configuration),
  }));

const SCENES = [ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS].map((scene) => ({
  name: scene.name.split(":")[0] as string,
  played: () =>
    run([...SETUP, ...scene.commands.map((c) => ({ at: AT, ...c }) as unknown as Command)], scene.configuration),
  configuration: scene.configuration,
}));

function expectRight(r: E.Either<ReplayError, State>): State {
  if (E.isLeft(r)) throw new Error(`expected the log to replay: ${r.left.message}`);
  return r.right;
}

function expectLeftAt(r: E.Either<ReplayError, State>, position: number): ReplayError {
  if (E.isRight(r)) throw new Error(`expected the event at ${position} to be refused, but the log replayed`);
  expect(r.left).toMatchObject({ code: "invalid_event", rule: "SEC-8", position });
  return r.left;
}

/**
 * The defining property: an error names a position p whose prefix replays; a state is one `fromSnapshot` accepts
 * (SEC-7: replay never builds what a restore would refuse), and whatever else the caller expects of it.
 */
function typedOrEqual(log: readonly unknown[], from: State, expected: (replayed: State) => void = () => {}): void {
  const r = replay(log, from);
  if (E.isLeft(r)) {
    const p = r.left.position;
    expect(Number.isInteger(p) && p >= 0 && p < log.length).toBe(true);
    expect(r.left).toMatchObject({ code: "invalid_event", rule: "SEC-8" });
    expect(typeof r.left.message).toBe("string");
    expect(r.left.cause.code).toBeTypeOf("string");
    expectRight(replay(log.slice(0, p), from));
  } else {
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(r.right))));
    if (E.isLeft(restored)) throw new Error(`the replayed state is refused on restore: ${restored.left.message}`);
    expected(r.right);
  }
}

/** Fields of stored events, and values to put in them: other ids, unknown ids, other levels, other shapes. */
const FIELDS = fc.constantFrom(
  "contactId",
  "userId",
  "from",
  "to",
  "previous",
  "level",
  "teamId",
  "planId",
  "stepId",
  "senderId",
  "credits",
  "owner",
  "role",
  "officeRole",
  "designee",
  "by",
  "at",
  "account",
  "address",
  "month",
  "rainmakerId",
  "partnerId",
  "configuration",
);
const VALUES = fc.constantFrom<unknown>(
  "u1",
  "u2",
  "u6",
  "c1",
  "c2",
  "t1",
  "t2",
  "t9",
  "p1",
  "nobody",
  "",
  null,
  "full",
  "view",
  "rainmaker",
  "staff",
  7,
  { kind: "user", userId: "u3" },
  { kind: "team", teamId: "t2" },
  { kind: "personal", userId: "u2" },
  { kind: "email", value: "A@B.com" },
  { ...DEFAULT_CONFIGURATION, leadSourceShares: [{ leadSource: "Zillow", userIds: ["nobody"] }] },
);

describe("every log execute records replays to the state it reached (SEC-8)", () => {
  it("random command sequences under random configurations: replay is Right with an equal state, and so is evolve event by event", () => {
    fc.assert(
      fc.property(states, ({ state, log: events, start }) => {
        const replayed = expectRight(replay(events, start));
        expect(snapshotOf(replayed)).toBe(snapshotOf(state));
        let stepwise = start;
        for (const event of events) stepwise = evolve(stepwise, event);
        expect(snapshotOf(stepwise)).toBe(snapshotOf(state));
      }),
      { numRuns: RUNS },
    );
  });

  for (const scene of SCENES) {
    it(`the ${scene.name} scene: its log replays to Right with an equal state, also through a JSON round trip`, () => {
      const { log, state } = scene.played();
      expect(log.length).toBeGreaterThan(10);
      const replayed = expectRight(
        replay(JSON.parse(JSON.stringify(log)) as unknown[], initialState(scene.configuration)),
      );
      expect(snapshotOf(replayed)).toBe(snapshotOf(state));
    });
  }

  it("replayEvent, one event at a time, reaches the same state as replay", () => {
    const { log, state } = SCENES[4]?.played() ?? run([]);
    let folded = initialState(SCENES[4]?.configuration);
    for (const event of log) {
      const next = replayEvent(folded, event);
      if (E.isLeft(next)) throw new Error(next.left.message);
      folded = next.right;
    }
    expect(snapshotOf(folded)).toBe(snapshotOf(state));
  });
});

describe("stored-events fuzz (SEC-8)", () => {
  /** Anything JSON can hold, and things it cannot: never a throw, always a typed error at position 0 or a state. */
  it("a random value is never a throw: replay, replayEvent and evolve answer it", () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true }),
        (value) => {
          const s = initialState();
          expect(evolve(s, value as Event)).toBe(s);
          expect(decider.evolve(s, value as Event)).toBe(s);
          expect(E.isLeft(replayEvent(s, value))).toBe(true);
          const one = replay([value]);
          expectLeftAt(one, 0);
          typedOrEqual([value], s);
          const asLog = replay(value as Iterable<unknown>);
          if (E.isLeft(asLog)) expect(asLog.left.code).toBe("invalid_event");
        },
      ),
      { numRuns: RUNS * 5 },
    );
  });

  it("random JSON events of every known type, with fields of the right names and random values, are never a throw", () => {
    const types = [...new Set(SCENES.flatMap((s) => s.played().log.map((e) => e.type)))];
    const keys = [
      "type",
      "at",
      "by",
      "contactId",
      "userId",
      "teamId",
      "planId",
      "stepId",
      "from",
      "to",
      "previous",
      "level",
      "contact",
      "loanId",
      "taskId",
      "address",
      "credits",
    ];
    fc.assert(
      fc.property(
        states,
        fc.constantFrom(...types),
        fc.dictionary(
          fc.constantFrom(...keys),
          fc.oneof(fc.jsonValue(), fc.constantFrom("u1", "u2", "c1", "t1", "p1", AT, null)),
        ),
        ({ state, log: events, start }, type, fields) => {
          const lookalike = { ...fields, type };
          const after = evolve(state, lookalike as unknown as Event);
          expect(after === state || snapshotOf(after).length > 0).toBe(true);
          typedOrEqual([...events, lookalike], start, (replayed) => expect(replayed).toBeDefined());
          typedOrEqual([lookalike, ...events], start);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("a truncated log replays to Right and equals the state of the prefix", () => {
    fc.assert(
      fc.property(states, fc.nat(), ({ log: events, start }, cut) => {
        const n = cut % (events.length + 1);
        const prefix = events.slice(0, n);
        let expected = start;
        for (const event of prefix) expected = evolve(expected, event);
        const replayed = expectRight(replay(prefix, start));
        expect(snapshotOf(replayed)).toBe(snapshotOf(expected));
      }),
      { numRuns: RUNS },
    );
  });

  it("a reordered log is a typed error with a position whose prefix replays, or a state (never a throw)", () => {
    fc.assert(
      fc.property(states, fc.nat(), fc.nat(), ({ log: events, start }, i, j) => {
        if (events.length === 0) return;
        const log: Event[] = [...events];
        const a = i % log.length;
        const b = j % log.length;
        [log[a], log[b]] = [log[b] as Event, log[a] as Event];
        typedOrEqual(log, start);
        typedOrEqual(
          fc.sample(fc.shuffledSubarray(events, { minLength: events.length }), { numRuns: 1, seed: i })[0] ?? [],
          start,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("a log with an event duplicated is a typed error whose prefix replays, or a state; a duplicated creation is refused at the duplicate", () => {
    fc.assert(
      fc.property(states, fc.nat(), fc.nat(), ({ log: events, start }, i, j) => {
        if (events.length === 0) return;
        const a = i % events.length;
        const event = events[a] as Event;
        const at = a + 1 + (j % (events.length - a));
        const log = [...events.slice(0, at), event, ...events.slice(at)];
        typedOrEqual(log, start);
        const before = expectRight(replay(events.slice(0, at), start));
        const stillThere = event.type !== "ContactAdded" || contactIds(before).includes(event.contact.id); // not deleted in between
        if (
          (event.type === "ContactAdded" && stillThere) ||
          event.type === "UserRegistered" ||
          event.type === "TeamCreated" ||
          event.type === "OfficeOpened"
        ) {
          expectLeftAt(replay(log, start), at);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a log with an event dropped, or an event with one field changed, is a typed error whose prefix replays, or a state restore accepts", () => {
    fc.assert(
      fc.property(states, fc.nat(), FIELDS, VALUES, ({ log: events, start }, i, key, value) => {
        if (events.length === 0) return;
        const a = i % events.length;
        typedOrEqual([...events.slice(0, a), ...events.slice(a + 1)], start);
        const changed = { ...(events[a] as Event), [key]: value };
        typedOrEqual([...events.slice(0, a), changed, ...events.slice(a + 1)], start);
      }),
      { numRuns: RUNS },
    );
  });

  it("accessAt and accessTimeline refuse a damaged log no later than replay does, and never a log replay accepts", () => {
    const ever = "2030-01-01T00:00:00Z";
    fc.assert(
      fc.property(
        states,
        fc.nat(),
        FIELDS,
        VALUES,
        fc.constantFrom("c1", "c2", "c3", "c4"),
        ({ log: events, start }, i, key, value, contactId) => {
          if (events.length === 0) return;
          const a = i % events.length;
          const log = [...events.slice(0, a), { ...(events[a] as Event), [key]: value }, ...events.slice(a + 1)];
          const full = replay(log, start);
          for (const read of [
            accessAt(log, contactId, ever, start.configuration),
            accessTimeline(log, contactId, start.configuration),
          ]) {
            const refused =
              E.isLeft(read) && read.left.code === "invalid_event" ? (read.left as ReplayError).position : null;
            if (E.isRight(full)) expect(refused).toBe(null);
            else if (refused !== null) expect(full.left.position).toBeLessThanOrEqual(refused);
          }
          if (E.isRight(full))
            expect(accessAt(log, contactId, ever, start.configuration)).toEqual(accessList(full.right, contactId));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("decodeEvent, with each event type's schema compiled, answers exactly as the event schema does", () => {
    const scenes = SCENES.flatMap((scene) => scene.played().log);
    const same = (input: unknown): void => {
      const parsed = EventSchema.safeParse(input);
      const decoded = decodeEvent(input);
      if (parsed.success) expect(decoded).toEqual(E.right(parsed.data));
      else {
        const issue = parsed.error.issues[0];
        if (issue?.code === "unrecognized_keys") {
          // D-108: an unknown field is refused by name, in the path and the message.
          expect(decoded).toMatchObject({ left: { code: "invalid_input", path: [...issue.path, issue.keys[0]] } });
          expect(E.isLeft(decoded) && decoded.left.message.includes(`${issue.keys[0] ?? "?"}: unknown field`)).toBe(
            true,
          );
          return;
        }
        expect(decoded).toMatchObject({ left: { code: "invalid_input", path: issue?.path } });
        expect(E.isLeft(decoded) && decoded.left.message.endsWith(issue?.message ?? "?")).toBe(true);
      }
    };
    for (const event of scenes) same(JSON.parse(JSON.stringify(event)));
    fc.assert(
      fc.property(fc.constantFrom(...scenes), FIELDS, VALUES, (event, key, value) => {
        same({ ...event, [key]: value });
        same({ ...event, extra: value });
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it("accessAt and accessTimeline over a damaged log never throw: a typed error with a position, or the answer", () => {
    fc.assert(
      fc.property(
        states,
        fc.nat(),
        fc.anything(),
        fc.constantFrom("c1", "c2", "c3"),
        ({ log: events, start }, i, junk, contactId) => {
          const a = events.length === 0 ? 0 : i % (events.length + 1);
          const log: unknown[] = [...events.slice(0, a), junk, ...events.slice(a)];
          const configuration = start.configuration;
          const at = accessAt(log, contactId, "2030-01-01T00:00:00Z", configuration);
          const timeline = accessTimeline(log, contactId, configuration);
          // The valid prefix always reads; the junk, which never decodes, is reported where it stands.
          expect(at).toMatchObject({ left: { code: "invalid_event", position: a, cause: { code: "invalid_input" } } });
          expect(timeline).toMatchObject({
            left: { code: "invalid_event", position: a, cause: { code: "invalid_input" } },
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("reproduction 9 of issue 14: events from storage (SEC-8)", () => {
  const { log, state } = run(SETUP);

  it("evolve never throws on an event that is not one (SEC-8)", () => {
    for (const input of [
      { type: "Bogus" },
      { type: "AccessGranted" },
      null,
      undefined,
      42,
      "ContactAdded",
      [],
      { type: "ContactAdded" },
      { type: "ContactAdded", contact: {} },
      { type: "ConfigurationChanged" },
      { type: "UserRegistered", userId: "x" },
    ]) {
      expect(() => evolve(state, input as Event)).not.toThrow();
      expect(evolve(state, input as Event)).toBe(state);
    }
  });

  it("evolve leaves the state as it was for an event that does not apply (SEC-8)", () => {
    const added = execute(state, {
      type: "addContact",
      actor: "u3",
      at: AT,
      account: { kind: "team", teamId: "t1" },
      contactId: "c1",
      channel: "manual",
      details: { name: "Ann" },
    });
    if (E.isLeft(added)) throw new Error(added.left.message);
    const after = added.right.state;
    const again = added.right.events[0] as Event;
    expect(evolve(after, again)).toBe(after);
  });

  it("replay of an unknown event type is a typed error at its position (SEC-8)", () => {
    expect(expectLeftAt(replay([{ type: "Nope" }]), 0).cause).toMatchObject({ code: "invalid_input" });
    expect(expectLeftAt(replay([...log, { type: "Nope" }]), log.length).message).toContain(
      `event ${log.length} (Nope)`,
    );
    expect(expectLeftAt(replay([...log, null, ...log]), log.length).cause).toMatchObject({ code: "invalid_input" });
  });

  it("replay of an event with missing fields is a typed error naming the field (SEC-8)", () => {
    const r = expectLeftAt(replay([...log, { type: "AccessGranted" }]), log.length);
    if (r.cause.code !== "invalid_input") throw new Error(`not invalid_input: ${r.cause.code}`);
    expect(r.cause.path.length).toBeGreaterThan(0);
    expectLeftAt(replay([...log, { type: "ContactAdded" }]), log.length);
  });

  it("replay of something that is not a list is a typed error, never a throw (SEC-8)", () => {
    for (const value of [null, undefined, 42, "events", { type: "OfficeOpened" }]) {
      expect(() => replay(value as unknown as Iterable<unknown>)).not.toThrow();
      expect(replay(value as unknown as Iterable<unknown>)).toMatchObject({
        left: { code: "invalid_event", position: 0 },
      });
    }
  });

  it("a second ContactAdded for an existing id is refused at its position (SEC-8)", () => {
    const team = run([
      ...SETUP,
      {
        type: "addContact",
        actor: "u3",
        at: AT,
        account: { kind: "team", teamId: "t1" },
        contactId: "c1",
        channel: "manual",
        details: { name: "Ann" },
      },
    ]);
    const mine = run([
      ...SETUP,
      {
        type: "addContact",
        actor: "u2",
        at: AT,
        account: { kind: "personal", userId: "u2" },
        contactId: "c1",
        channel: "manual",
        details: { name: "Pat's" },
      },
    ]);
    const hijack = mine.log[mine.log.length - 1] as Event;
    expect(hijack.type).toBe("ContactAdded");
    const r = expectLeftAt(replay([...team.log, hijack]), team.log.length);
    expect(r.cause).toMatchObject({ code: "contact_exists" });
    // Before: the second record overwrote the team's contact with u2's personal one.
    expect(evolve(team.state, hijack)).toBe(team.state);
  });

  it("a second UserRegistered, OfficeOpened or TeamMemberAdded for a member is refused at its position (SEC-8)", () => {
    const registered = log.find((e) => e.type === "UserRegistered") as Event;
    const member = log.find((e) => e.type === "TeamMemberAdded") as Event;
    expect(expectLeftAt(replay([...log, registered]), log.length).cause.code).toBe("user_exists");
    expect(expectLeftAt(replay([...log, log[0]]), log.length).cause.code).toBe("office_already_open");
    expect(expectLeftAt(replay([...log, member]), log.length).cause.code).toBe("already_team_member");
  });

  it("given refuses facts that no log could hold, naming the first that does not apply (SEC-8)", () => {
    expect(() => given([...log, log[1] as Event])).toThrow(SpecificationMismatch);
    expect(() => given([...log, log[1] as Event])).toThrow(`event ${log.length} (UserRegistered)`);
    expect(given(log).state.users.size).toBe(7);
  });

  it("events before OfficeOpened are refused at position 0 (SEC-8)", () => {
    expect(expectLeftAt(replay(log.slice(1)), 0).cause.code).toBe("office_not_open");
  });

  const played = run([
    ...SETUP,
    {
      type: "addContact",
      actor: "u3",
      at: AT,
      account: { kind: "team", teamId: "t1" },
      contactId: "c1",
      channel: "manual",
      details: { name: "Ann", emails: ["ann@example.com"] },
    },
    {
      type: "grantAccess",
      actor: "u1",
      at: AT,
      account: { kind: "team", teamId: "t1" },
      contactId: "c1",
      userId: "u4",
      level: "view",
    },
    {
      type: "addLoan",
      actor: "u1",
      at: AT,
      account: { kind: "team", teamId: "t1" },
      contactId: "c1",
      loanId: "L1",
      amount: 1,
      status: "open",
    },
    {
      type: "addTask",
      actor: "u3",
      at: AT,
      account: { kind: "team", teamId: "t1" },
      contactId: "c1",
      taskId: "k1",
      title: "Call",
      assigneeId: "u3",
    },
    {
      type: "createSmartPlan",
      actor: "u1",
      at: AT,
      account: { kind: "team", teamId: "t1" },
      planId: "p1",
      name: "Plan",
      steps: [{ id: "s1", kind: "task", title: "Call" }],
    },
    {
      type: "enrolContact",
      actor: "u3",
      at: AT,
      account: { kind: "team", teamId: "t1" },
      planId: "p1",
      contactId: "c1",
    },
  ]);
  const base = played.log;
  it("the scene for the stale events below is accepted command by command", () => {
    expect(
      base.filter((e) =>
        ["ContactAdded", "AccessGranted", "LoanAdded", "TaskAdded", "SmartPlanCreated", "ContactEnrolled"].includes(
          e.type,
        ),
      ),
    ).toHaveLength(6);
  });
  const c1 = played.state;
  const stamp = { at: AT, by: "u1" };
  const refusedAfter = (event: unknown, code: string): void => {
    expect(expectLeftAt(replay([...base, event]), base.length).cause.code).toBe(code);
    expect(evolve(c1, event as Event)).toBe(c1);
  };

  it("a PrimaryChanged whose from is not the current primary is refused at its position (SEC-8)", () => {
    refusedAfter(
      { type: "PrimaryChanged", ...stamp, contactId: "c1", from: "u4", to: "u5", previousKeeps: "none", rule: "REA-1" },
      "invalid_event",
    );
    refusedAfter(
      { type: "PrimaryChanged", ...stamp, contactId: "c1", from: null, to: "u5", previousKeeps: "none", rule: "ASG-4" },
      "invalid_event",
    );
    refusedAfter(
      {
        type: "PrimaryChanged",
        ...stamp,
        contactId: "c1",
        from: "u3",
        to: "nobody",
        previousKeeps: "none",
        rule: "REA-1",
      },
      "user_not_found",
    );
  });

  it("an AccessGranted whose previous is not the current grant, or to an unknown user, is refused at its position (SEC-8)", () => {
    refusedAfter(
      { type: "AccessGranted", ...stamp, contactId: "c1", userId: "u4", level: "full", previous: null, rule: "ASG-2" },
      "invalid_event",
    );
    refusedAfter(
      {
        type: "AccessGranted",
        ...stamp,
        contactId: "c1",
        userId: "mallory",
        level: "full",
        previous: null,
        rule: "ASG-2",
      },
      "user_not_found",
    );
    refusedAfter(
      { type: "AccessGranted", ...stamp, contactId: "c1", userId: "u3", level: "full", previous: null, rule: "ASG-2" },
      "already_primary",
    );
    refusedAfter(
      { type: "AccessGranted", ...stamp, contactId: "c9", userId: "u4", level: "full", previous: null, rule: "ASG-2" },
      "contact_not_found",
    );
  });

  it("an AccessRevoked of a grant not held, or at another level, is refused at its position (SEC-8)", () => {
    refusedAfter(
      { type: "AccessRevoked", ...stamp, contactId: "c1", userId: "u5", level: "view", rule: "REA-3" },
      "not_assigned",
    );
    refusedAfter(
      { type: "AccessRevoked", ...stamp, contactId: "c1", userId: "u4", level: "full", rule: "REA-3" },
      "not_assigned",
    );
  });

  it("an OwnershipChanged or ContactMoved whose from differs is refused at its position (SEC-8)", () => {
    refusedAfter(
      {
        type: "OwnershipChanged",
        ...stamp,
        contactId: "c1",
        from: { kind: "user", userId: "u3" },
        to: { kind: "user", userId: "u4" },
        rule: "ACC-3",
      },
      "invalid_event",
    );
    refusedAfter(
      {
        type: "OwnershipChanged",
        ...stamp,
        contactId: "c1",
        from: { kind: "team", teamId: "t1" },
        to: { kind: "team", teamId: "t2" },
        rule: "ACC-3",
      },
      "invalid_event",
    );
    refusedAfter(
      {
        type: "ContactMoved",
        ...stamp,
        contactId: "c1",
        from: { kind: "personal", userId: "u3" },
        to: { kind: "team", teamId: "t1" },
        owner: { kind: "user", userId: "u3" },
      },
      "invalid_event",
    );
  });

  it("a LoanClosed of an absent loan, a TaskCompleted of an absent task, a repeated loan id are refused at their position (SEC-8)", () => {
    refusedAfter({ type: "LoanClosed", ...stamp, contactId: "c1", loanId: "L9" }, "item_not_found");
    refusedAfter({ type: "TaskCompleted", ...stamp, contactId: "c1", taskId: "k9" }, "item_not_found");
    refusedAfter(
      { type: "LoanAdded", ...stamp, contactId: "c1", loan: { id: "L1", amount: 2, status: "open" } },
      "duplicate_id",
    );
    refusedAfter(
      { type: "NoteAdded", ...stamp, contactId: "c9", note: { id: "n1", text: "x", private: false, by: "u1", at: AT } },
      "contact_not_found",
    );
  });

  it("ContactEnrolled twice, ContactUnenrolled when not enrolled, and step events for missing plans or contacts are refused (SEC-8)", () => {
    refusedAfter({ type: "ContactEnrolled", ...stamp, planId: "p1", contactId: "c1" }, "already_enrolled");
    refusedAfter({ type: "ContactUnenrolled", ...stamp, planId: "p1", contactId: "c2", rule: "LIF-8" }, "not_enrolled");
    refusedAfter({ type: "ContactEnrolled", ...stamp, planId: "p9", contactId: "c1" }, "plan_not_found");
    refusedAfter(
      {
        type: "TaskCreated",
        ...stamp,
        planId: "p9",
        stepId: "s1",
        contactId: "c1",
        assigneeId: "u3",
        reason: "taskStep",
      },
      "plan_not_found",
    );
    refusedAfter(
      {
        type: "TaskCreated",
        ...stamp,
        planId: "p1",
        stepId: "s9",
        contactId: "c1",
        assigneeId: "u3",
        reason: "taskStep",
      },
      "step_not_found",
    );
    refusedAfter(
      { type: "StepDeferred", ...stamp, planId: "p1", stepId: "s1", contactId: "c9", until: AT },
      "not_enrolled",
    );
    refusedAfter(
      {
        type: "TextSent",
        ...stamp,
        planId: "p1",
        stepId: "s1",
        contactId: "c1",
        senderId: "u3",
        to: "+13125550147",
        kind: "sms",
        international: false,
        credits: 1,
      },
      "invalid_event",
    );
    refusedAfter({ type: "ContactDeleted", ...stamp, contactId: "c1", rule: "ACC-9" }, "invalid_event");
  });

  it("nothing is dropped silently: a bad event in the middle stops the replay there, the events after it are not applied (SEC-8)", () => {
    const bad = { type: "AccessRevoked", ...stamp, contactId: "c1", userId: "u5", level: "view", rule: "REA-3" };
    const r = expectLeftAt(replay([...base, bad, ...base]), base.length);
    expect(r.message).toContain(`event ${base.length} (AccessRevoked)`);
  });

  it("accessAt reports the position of the first undecodable event before the cut, and of a bad event about the contact (SEC-8)", () => {
    const at = "2030-01-01T00:00:00Z";
    expect(accessAt(base, "c1", at)).toEqual(accessList(c1, "c1"));
    expect(accessAt([...base.slice(0, 3), { type: "Nope" }, ...base.slice(3)], "c1", at)).toMatchObject({
      left: { code: "invalid_event", position: 3 },
    });
    const stale = {
      type: "PrimaryChanged",
      ...stamp,
      contactId: "c1",
      from: "u4",
      to: "u5",
      previousKeeps: "none",
      rule: "REA-1",
    };
    expect(accessAt([...base, stale], "c1", at)).toMatchObject({
      left: { code: "invalid_event", position: base.length },
    });
    // Past the cut nothing is read: a later undecodable event does not matter.
    const later = { ...(base[0] as Event), at: "2031-01-01T00:00:00Z" };
    expect(accessAt([...base, later, { type: "Nope" }], "c1", at)).toEqual(accessList(c1, "c1"));
    expect(accessAt([...base, { type: "Nope" }, later], "c1", at)).toMatchObject({ left: { position: base.length } });
    expect(accessAt(null as unknown as Event[], "c1", at)).toMatchObject({
      left: { code: "invalid_event", position: 0 },
    });
  });

  it("accessTimeline is an Either and reports the position of the first bad event (SEC-8)", () => {
    const good = accessTimeline(base, "c1");
    expect(E.isRight(good) && good.right.length).toBeGreaterThan(0);
    expect(accessTimeline([], "c1")).toEqual(E.right([]));
    expect(accessTimeline([...base, null], "c1")).toMatchObject({
      left: { code: "invalid_event", position: base.length },
    });
    const twice = base.find((e) => e.type === "ContactAdded") as Event;
    expect(accessTimeline([...base, twice], "c1")).toMatchObject({
      left: { code: "invalid_event", position: base.length, cause: { code: "contact_exists" } },
    });
    expect(accessTimeline(base, "c1", { nope: true } as unknown as Configuration)).toMatchObject({
      left: { code: "invalid_event", position: 0, cause: { code: "invalid_input" } },
    });
    expect(accessAt(base, "c1", AT, (() => 1) as unknown as Configuration)).toMatchObject({
      left: { code: "invalid_event", position: 0, cause: { code: "invalid_input" } },
    });
  });
});
