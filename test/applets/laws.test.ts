import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  COMMAND_TYPES,
  contactIds,
  decide,
  execute,
  fromSnapshot,
  getContact,
  getTeam,
  initialState,
  previewCampaign,
  replay,
  toSnapshot,
  visibleCampaigns,
  visibleOpportunities,
  type AccountRef,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { arbitraryCommand, arbitraryConfiguration, STEP_TIMES } from "../../src/testing/index.js";
import {
  answerOf,
  arbitraryRun,
  COVERAGE_CHECKED,
  isAdmin,
  runs,
  show,
  showCommand,
  USERS,
} from "../security/law-kit.js";

const same = (a: AccountRef, b: AccountRef): boolean => show(a) === show(b);
const APPLET_COMMANDS: ReadonlySet<string> = new Set(COMMAND_TYPES.filter((t) => /Opportunit|Campaign/.test(t)));
/**
 * Every kind of command, with the applet commands, and the moves and deletions that end their links, drawn more
 * often than among the whole catalogue (where each is one of about a hundred).
 */
const commands = fc.oneof(
  { weight: 3, arbitrary: arbitraryCommand() },
  {
    weight: 2,
    arbitrary: arbitraryCommand().filter(
      (c) => APPLET_COMMANDS.has(c.type) || c.type === "moveContact" || c.type === "deleteContact",
    ),
  },
);
const opportunitiesOf = (s: State) => {
  const out: { id: string; account: AccountRef; contactId: string | null; createdBy: string }[] = [];
  for (const u of USERS) for (const o of visibleOpportunities(s, u)) if (!out.some((x) => x.id === o.id)) out.push(o);
  return out;
};

/** Every opportunity and campaign in a state, read from its snapshot (the public, canonical form). */
function applets(s: State) {
  const snap = toSnapshot(s);
  return { opportunities: snap.opportunities ?? [], campaigns: snap.campaigns ?? [] };
}

describe("an opportunity or campaign member always belongs to its account (AST-4, AST-5, ACC-6)", () => {
  it("after every accepted command, each linked contact and each campaign member lives in the applet's account (ACC-6, AST-3)", () => {
    const seen = { linked: 0, members: 0, ended: 0 };
    fc.assert(
      fc.property(arbitraryRun({ commands, maxCommands: 60 }), (run) => {
        for (const step of run.steps) {
          const { opportunities, campaigns } = applets(step.after);
          for (const o of opportunities) {
            if (o.contactId === null) continue;
            seen.linked++;
            const c = getContact(step.after, o.contactId);
            if (c === undefined || !same(c.account, o.account))
              throw new Error(
                `${showCommand(step.command)} left opportunity ${o.id} of ${show(o.account)} linked to ${o.contactId} in ${show(c?.account ?? null)}`,
              );
          }
          for (const m of campaigns) {
            for (const id of m.members) {
              seen.members++;
              const c = getContact(step.after, id);
              if (c === undefined || !same(c.account, m.account))
                throw new Error(
                  `${showCommand(step.command)} left campaign ${m.id} of ${show(m.account)} with member ${id} in ${show(c?.account ?? null)}`,
                );
            }
          }
          if (
            step.events.some(
              (e) => (e.type === "OpportunityUnlinked" || e.type === "CampaignMemberRemoved") && e.rule !== "AST-5",
            )
          )
            seen.ended++;
        }
      }),
      { numRuns: runs(1) },
    );
    if (COVERAGE_CHECKED) expect(seen.linked > 0 && seen.members > 0 && seen.ended > 0, show(seen)).toBe(true);
  });

  it("opportunities change only by an editor of their contact, and campaigns are made only inside their account (AST-4, ASG-3, ACC-5)", () => {
    const seen = { changed: 0 };
    const inside = (s: State, actor: string, account: AccountRef): boolean =>
      account.kind === "personal"
        ? account.userId === actor
        : isAdmin(s, actor) || getTeam(s, account.teamId)?.members.some((m) => m.userId === actor) === true;
    fc.assert(
      fc.property(arbitraryRun({ commands, maxCommands: 60 }), (run) => {
        for (const step of run.steps) {
          for (const e of step.events) {
            if (e.type === "CampaignCreated" && !inside(step.before, step.command.actor, e.account))
              throw new Error(`${showCommand(step.command)}: a campaign made outside its account`);
            if (e.type !== "OpportunityUpdated" && e.type !== "OpportunityClosed" && e.type !== "OpportunityDeleted")
              continue;
            seen.changed++;
            const o = applets(step.before).opportunities.find((x) => x.id === e.opportunityId);
            if (o === undefined)
              throw new Error(`${showCommand(step.command)} changed an opportunity that did not exist`);
            if (!inside(step.before, step.command.actor, o.account))
              throw new Error(
                `${showCommand(step.command)}: ${step.command.actor} changed an opportunity of ${show(o.account)} from outside it`,
              );
            if (o.contactId !== null && !can(step.before, step.command.actor, "edit", o.contactId)) {
              throw new Error(
                `${showCommand(step.command)}: ${step.command.actor} changed opportunity ${o.id} without edit on ${o.contactId}`,
              );
            }
          }
        }
      }),
      { numRuns: runs(0.5) },
    );
    if (COVERAGE_CHECKED) expect(seen.changed).toBeGreaterThan(0);
  });
});

describe("applets are not access: their commands never change who may do what with a contact (AST-4, AST-5, REA-2)", () => {
  it("after every accepted opportunity or campaign command, can answers as before for every user, contact and action (REA-2)", () => {
    let checked = 0;
    fc.assert(
      fc.property(arbitraryRun({ commands, maxCommands: 50 }), (run) => {
        for (const step of run.steps) {
          if (!APPLET_COMMANDS.has(step.command.type)) continue;
          for (const u of USERS) {
            for (const c of contactIds(step.before)) {
              for (const a of ACTIONS) {
                if (can(step.before, u, a, c) !== can(step.after, u, a, c))
                  throw new Error(`${showCommand(step.command)} changed can(${u}, ${a}, ${c})`);
              }
            }
          }
          checked++;
        }
      }),
      { numRuns: runs(0.3) },
    );
    if (COVERAGE_CHECKED) expect(checked).toBeGreaterThan(0);
  });
});

/** A personal contact of some user in the state, with that user. */
function personalContact(s: State): { userId: string; contactId: string } | null {
  for (const id of contactIds(s)) {
    const c = getContact(s, id);
    if (c?.account.kind === "personal") return { userId: c.account.userId, contactId: id };
  }
  return null;
}

describe("nobody outside can detect a personal opportunity or campaign (AST-4, AST-5, ACC-5, SEC-2)", () => {
  it("the same run with and without a user's personal opportunity and campaign gives every other user identical answers (ACC-5, SEC-2)", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        arbitraryRun({ commands, maxCommands: 30 }),
        fc.array(arbitraryCommand(), { minLength: 5, maxLength: 25 }),
        (run, later) => {
          const hidden = personalContact(run.state);
          if (hidden === null) return;
          const { userId: owner, contactId } = hidden;
          const mine: AccountRef = { kind: "personal", userId: owner };
          const base = { actor: owner, at: STEP_TIMES[0], account: mine };
          let without = run.state;
          let withIt = run.state;
          for (const c of [
            {
              type: "createOpportunity",
              ...base,
              opportunityId: "secret-o",
              contactId,
              name: "Private deal",
              stage: "signed",
              value: 999,
            },
            {
              type: "createCampaign",
              ...base,
              campaignId: "secret-m",
              name: "Private list",
              audience: { primaryOnly: false },
            },
            { type: "addCampaignMember", ...base, campaignId: "secret-m", contactId },
          ] as Command[]) {
            const r = execute(withIt, c);
            if (E.isLeft(r)) return; // the owner cannot act (deactivated, say): nothing hidden to compare
            withIt = r.right.state;
          }
          const answersOf = (s: State) =>
            USERS.filter((u) => u !== owner).map((u) => show([u, visibleOpportunities(s, u), visibleCampaigns(s, u)]));
          for (const command of later) {
            const a = execute(without, command);
            const b = execute(withIt, command);
            if (command.actor !== owner && answerOf(a) !== answerOf(b))
              throw new Error(
                `${showCommand(command)} answers differently with ${owner}'s personal opportunity:\n${answerOf(a)}\n${answerOf(b)}`,
              );
            if (E.isRight(a)) without = a.right.state;
            if (E.isRight(b)) withIt = b.right.state;
            expect(answersOf(withIt)).toEqual(answersOf(without));
            compared++;
          }
        },
      ),
      { numRuns: runs(0.5) },
    );
    if (COVERAGE_CHECKED) expect(compared).toBeGreaterThan(0);
  });
});

/** The send's per-recipient events as preview deliveries read them. */
function deliveriesOf(events: readonly Event[]): Record<string, unknown>[] {
  return events.flatMap((e): Record<string, unknown>[] => {
    if (e.type === "CampaignEmailSent")
      return [
        {
          contactId: e.contactId,
          outcome: "sent",
          senderId: e.senderId,
          chargedTo: e.senderId,
          to: e.to,
          month: e.month,
        },
      ];
    if (e.type === "CampaignEmailSkipped")
      return [{ contactId: e.contactId, outcome: "skipped", agentId: e.agentId, reason: e.reason, rule: e.rule }];
    return [];
  });
}

describe("a campaign preview is exactly what the send does, without spending (AST-5)", () => {
  it("on the same state, previewCampaign answers the send's recipients, senders, charges and skips, or its refusal (AST-5, SP-4, SP-9)", () => {
    let previews = 0;
    fc.assert(
      fc.property(arbitraryRun({ commands, maxCommands: 60 }), fc.constantFrom(...STEP_TIMES), (run, at) => {
        for (const m of applets(run.state).campaigns) {
          for (const actor of USERS) {
            const request = { actor, at, account: m.account, campaignId: m.id };
            const before = toSnapshot(run.state);
            const preview = previewCampaign(run.state, request);
            const sent = decide(run.state, { type: "sendCampaign", ...request });
            expect(toSnapshot(run.state)).toEqual(before);
            if (E.isLeft(sent)) {
              expect(preview).toEqual(sent);
              continue;
            }
            if (E.isLeft(preview)) throw new Error(`preview refused what the send accepts: ${preview.left.message}`);
            expect(preview.right.deliveries).toEqual(deliveriesOf(sent.right));
            const summary = sent.right.at(-1);
            expect(summary).toMatchObject({
              type: "CampaignSent",
              sent: preview.right.sent,
              skipped: preview.right.skipped,
            });
            if (preview.right.deliveries.length > 0) previews++;
          }
        }
      }),
      { numRuns: runs(0.5) },
    );
    if (COVERAGE_CHECKED) expect(previews).toBeGreaterThan(0);
  });
});

describe("opportunities and campaigns survive snapshots and replay (AST-4, AST-5, SEC-7, SEC-8)", () => {
  it("toSnapshot → fromSnapshot and replay(log) rebuild the same opportunities and campaigns (SEC-7, SEC-8)", () => {
    let carried = 0;
    fc.assert(
      fc.property(arbitraryRun({ commands, maxCommands: 60, configuration: arbitraryConfiguration() }), (run) => {
        const snap = toSnapshot(run.state);
        const restored = fromSnapshot(JSON.parse(JSON.stringify(snap)));
        if (E.isLeft(restored)) throw new Error(`fromSnapshot refused a live state: ${restored.left.message}`);
        expect(toSnapshot(restored.right)).toEqual(snap);
        // No configuration changes in these runs: the log continues the initial state of the run's configuration.
        const replayed = replay(JSON.parse(JSON.stringify(run.log)), initialState(run.state.configuration));
        if (E.isLeft(replayed)) throw new Error(`replay refused the run's own log: ${replayed.left.message}`);
        expect(toSnapshot(replayed.right)).toEqual(snap);
        for (const u of USERS) {
          expect(visibleOpportunities(restored.right, u)).toEqual(visibleOpportunities(run.state, u));
          expect(visibleCampaigns(replayed.right, u)).toEqual(visibleCampaigns(run.state, u));
        }
        if (opportunitiesOf(run.state).length > 0 && (snap.campaigns ?? []).length > 0) carried++;
      }),
      { numRuns: runs(0.5) },
    );
    if (COVERAGE_CHECKED) expect(carried).toBeGreaterThan(0);
  });
});
