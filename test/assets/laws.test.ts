import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  contactIds,
  execute,
  fromSnapshot,
  getContact,
  initialState,
  project,
  replay,
  toSnapshot,
  usableAssets,
  visibleContacts,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { checkStateInvariants, defineWorld, type World } from "../../src/testing/index.js";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const runs = (factor: number): number => Math.max(1, Math.round(RUNS * factor));
const AT = "2026-03-02T17:00:00Z";
const ASSET_COMMANDS = new Set([
  "createAsset",
  "renameAsset",
  "deleteAsset",
  "tagContact",
  "untagContact",
  "setFieldValue",
  "clearFieldValue",
  "setLeadSource",
  "clearLeadSource",
]);

/** The default world under every configuration and preset, and one leaning hard on the asset commands. */
const WORLDS: World[] = [
  defineWorld({ contacts: 6, configuration: "any" }),
  defineWorld({
    contacts: 6,
    configuration: "any",
    weights: { tagContact: 12, setFieldValue: 8, setLeadSource: 6, moveContact: 4, deleteAsset: 4, createAsset: 4 },
  }),
];

interface Step {
  readonly before: State;
  readonly command: Command;
  readonly events: readonly Event[] | null;
}

/** Runs a world's setup, population and drawn commands, keeping each step. */
function walk(
  world: World,
  configuration: Parameters<typeof execute>[0]["configuration"],
  commands: readonly Command[],
): { state: State; steps: Step[]; events: Event[] } {
  let state = world.setup.reduce((s, c) => {
    const r = execute(s, c);
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right.state;
  }, initialOf(configuration));
  const steps: Step[] = [];
  const events: Event[] = [];
  for (const command of commands) {
    const r = execute(state, command);
    steps.push({ before: state, command, events: E.isRight(r) ? r.right.events : null });
    if (E.isRight(r)) {
      state = r.right.state;
      events.push(...r.right.events);
    }
  }
  return { state, steps, events };
}

const initialOf = (configuration: Parameters<typeof initialState>[0]) => initialState(configuration);

const runArbitrary = (world: World, maxCommands = 40) =>
  fc
    .tuple(world.configuration(), world.population(), world.commands(maxCommands))
    .map(([configuration, population, commands]) => ({ configuration, commands: [...population, ...commands] }));

/** Every asset a contact carries, as [contact id, asset id] pairs. */
function carried(state: State): [string, string][] {
  const out: [string, string][] = [];
  const snapshot = toSnapshot(state);
  for (const entry of snapshot.contactAssets ?? []) {
    for (const tagId of entry.tags) out.push([entry.contactId, tagId]);
    for (const f of entry.fields) out.push([entry.contactId, f.fieldId]);
    if (entry.source?.kind === "custom") out.push([entry.contactId, entry.source.assetId]);
  }
  return out;
}

describe("AST-2 and AST-3 over random runs", () => {
  it("no contact ever carries a tag, custom-field value or custom lead source of another account, after any command, moves included (AST-2, AST-3, ACC-6)", () => {
    let links = 0;
    let moves = 0;
    let accepted = 0;
    for (const world of WORLDS) {
      fc.assert(
        fc.property(runArbitrary(world), ({ configuration, commands }) => {
          const { steps } = walk(world, configuration, commands);
          for (const step of steps) {
            if (step.events === null) continue;
            if (ASSET_COMMANDS.has(step.command.type)) accepted++;
            const after = steps[steps.indexOf(step) + 1]?.before;
            if (after === undefined) continue;
            const assets = new Map(toSnapshot(after).assets?.map((a) => [a.id, a]) ?? []);
            for (const [contactId, assetId] of carried(after)) {
              links++;
              const contact = getContact(after, contactId);
              const asset = assets.get(assetId);
              expect(asset, `${contactId} carries unknown ${assetId}`).toBeDefined();
              expect(
                JSON.stringify(asset?.account),
                `${contactId} carries ${assetId} of another account after ${step.command.type}`,
              ).toBe(JSON.stringify(contact?.account));
            }
          }
          // And every personal contact moved by its user into each of their teams, carrying whatever it carries (AST-3).
          const final = steps.length === 0 ? null : walk(world, configuration, commands).state;
          if (final === null) return;
          for (const id of contactIds(final)) {
            const c = getContact(final, id);
            if (c?.account.kind !== "personal") continue;
            for (const teamId of world.teams) {
              const r = execute(final, {
                type: "moveContact",
                actor: c.account.userId,
                at: AT,
                account: c.account,
                contactId: id,
                to: { kind: "team", teamId },
              });
              if (E.isLeft(r)) continue;
              moves++;
              const ended = r.right.events.filter(
                (e) => e.type === "ContactUntagged" || e.type === "FieldValueCleared" || e.type === "LeadSourceCleared",
              ).length;
              const before = carried(final).filter(([contactId]) => contactId === id).length;
              expect(ended, `${id} moved to ${teamId}: one event per link`).toBe(before);
              expect(carried(r.right.state).filter(([contactId]) => contactId === id)).toEqual([]);
            }
          }
        }),
        { numRuns: runs(0.5) },
      );
    }
    if (RUNS >= 30) {
      expect(links).toBeGreaterThan(50);
      expect(moves).toBeGreaterThan(0);
      expect(accepted).toBeGreaterThan(50);
    }
  });

  it("every accepted tag, field or lead-source write is by an actor whose projection shows that part of the contact (AST-7, SEC-4)", () => {
    let checked = 0;
    fc.assert(
      fc.property(runArbitrary(WORLDS[1] as World), ({ configuration, commands }) => {
        const { steps } = walk(WORLDS[1] as World, configuration, commands);
        for (const { before, command, events } of steps) {
          if (
            events === null ||
            ![
              "tagContact",
              "untagContact",
              "setFieldValue",
              "clearFieldValue",
              "setLeadSource",
              "clearLeadSource",
            ].includes(command.type)
          )
            continue;
          const view = project(before, command.actor, (command as { contactId: string }).contactId);
          expect(
            E.isRight(view) && view.right.tags !== undefined && view.right.customFields !== undefined,
            `${command.type} by ${command.actor}`,
          ).toBe(true);
          checked++;
        }
      }),
      { numRuns: runs(0.5) },
    );
    if (RUNS >= 30) expect(checked).toBeGreaterThan(20);
  });

  it("states with assets survive toSnapshot → fromSnapshot and replay(events) alike, and keep every invariant (AST-1, AST-2, SEC-7, SEC-8)", () => {
    fc.assert(
      fc.property(runArbitrary(WORLDS[1] as World), ({ configuration, commands }) => {
        const { state, events } = walk(WORLDS[1] as World, configuration, commands);
        expect(checkStateInvariants(state)).toBeNull();
        const snapshot = toSnapshot(state);
        const restored = fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
        expect(E.isRight(restored) && toSnapshot(restored.right)).toEqual(snapshot);
        const setup = walk(WORLDS[1] as World, configuration, []).state;
        const replayed = replay(events, setup);
        expect(E.isRight(replayed) && toSnapshot(replayed.right)).toEqual(snapshot);
      }),
      { numRuns: runs(0.3) },
    );
  });
});

describe("AST-1 a personal asset is undetectable by any other user", () => {
  const world = WORLDS[0] as World;
  // A user whose personal account the population fills (the world's first personal home).
  const home = Object.values(world.homes).find((a) => a.kind === "personal");
  const owner = home?.kind === "personal" ? home.userId : (world.users[0] as string);
  const mine = { kind: "personal", userId: owner } as const;

  /** The owner's secret organisation: a tag and a field in their personal account, put on each of their contacts. */
  function secret(state: State): Command[] {
    const theirs = contactIds(state).filter((id) => {
      const c = getContact(state, id);
      return c?.account.kind === "personal" && c.account.userId === owner;
    });
    return [
      { type: "createAsset", actor: owner, at: AT, account: mine, assetId: "secret", kind: "tag", name: "Secret" },
      {
        type: "createAsset",
        actor: owner,
        at: AT,
        account: mine,
        assetId: "secret-field",
        kind: "field",
        name: "Secret field",
        field: { type: "number" },
      },
      ...theirs.flatMap((contactId): Command[] => [
        { type: "tagContact", actor: owner, at: AT, account: mine, contactId, tagId: "secret" },
        { type: "setFieldValue", actor: owner, at: AT, account: mine, contactId, fieldId: "secret-field", value: 7 },
      ]),
    ];
  }

  const answer = (r: ReturnType<typeof execute>): string =>
    E.isLeft(r)
      ? JSON.stringify({ code: r.left.code, rule: r.left.rule, message: r.left.message })
      : JSON.stringify(r.right.events);

  /** What another user can learn: every projection, the tag filter, the usable assets, and probes naming the secret ids. */
  function seenBy(state: State, user: string): string {
    const out: unknown[] = [];
    for (const id of contactIds(state)) {
      const view = project(state, user, id);
      out.push(E.isLeft(view) ? view.left.code : view.right);
    }
    out.push(
      visibleContacts(state, user, { tag: "secret" }),
      visibleContacts(state, user, { field: { id: "secret-field" } }),
      usableAssets(state, user, mine),
    );
    for (const id of contactIds(state)) {
      const c = getContact(state, id);
      if (c === undefined) continue;
      out.push(
        answer(
          execute(state, {
            type: "untagContact",
            actor: user,
            at: AT,
            account: c.account,
            contactId: id,
            tagId: "secret",
          }),
        ),
      );
      out.push(
        answer(
          execute(state, {
            type: "clearFieldValue",
            actor: user,
            at: AT,
            account: c.account,
            contactId: id,
            fieldId: "secret-field",
          }),
        ),
      );
    }
    out.push(
      answer(execute(state, { type: "renameAsset", actor: user, at: AT, account: mine, assetId: "secret", name: "x" })),
    );
    return JSON.stringify(out);
  }

  it("the same run with and without another user's personal tag and field gives every other user identical answers, command by command (AST-1, ACC-5, SEC-2)", () => {
    let compared = 0;
    let secrets = 0;
    fc.assert(
      fc.property(
        world.configuration(),
        world.population(),
        world.commands(25),
        (configuration, population, commands) => {
          const populated = walk(world, configuration, population).state;
          const hidden = secret(populated);
          secrets += hidden.length - 2;
          let without = populated;
          let withSecret = hidden.reduce((s, c) => {
            const r = execute(s, c);
            return E.isRight(r) ? r.right.state : s;
          }, populated);
          for (const command of commands) {
            const a = execute(without, command);
            const b = execute(withSecret, command);
            if (command.actor !== owner) {
              expect(answer(b), `${command.type} by ${command.actor}`).toBe(answer(a));
              compared++;
            }
            if (E.isRight(a)) without = a.right.state;
            if (E.isRight(b)) withSecret = b.right.state;
          }
          for (const user of [world.admin, ...world.users])
            if (user !== owner) expect(seenBy(withSecret, user), user).toBe(seenBy(without, user));
        },
      ),
      { numRuns: runs(0.5) },
    );
    if (RUNS >= 30) {
      expect(compared).toBeGreaterThan(100);
      expect(secrets).toBeGreaterThan(10);
    }
  });
});
