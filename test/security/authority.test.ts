import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  can,
  execute,
  getContact,
  getContactFile,
  getTeam,
  getUser,
  type Action,
  type Command,
  type Event,
  type State,
} from "../../src/index.js";
import { arbitraryCommandBy, UNIVERSE } from "../../src/testing/index.js";
import {
  arbitraryRun,
  AT,
  COVERAGE_CHECKED,
  leadsTeam,
  onContactsTeam,
  runs,
  show,
  showCommand,
  showContact,
  USERS,
  type Step,
} from "./law-kit.js";

/**
 * SEC-1 from outside the decider: every contact an accepted command's events touch was open to the actor, in
 * the state before, for the action that governs that effect. The table below is the event → governing action
 * table of docs/security.md, written as data from the spec and issue 14's decisions (item 5 for grants, 6 for
 * file items, 10 and 11 for primaries, 15 for listings and leaving); the oracle is the public `can` on the state
 * before the command.
 */

/** Who may take an ACC-10 effect: the team's leadership, or the member leaving on their own. */
type Authority = Action | "teamLeadershipOrSelf" | "taskAssigneeOrEdit" | "assetManagement";

/** How an event matches a row; every field given must hold. */
interface Row {
  readonly event: Event["type"];
  readonly rule?: readonly string[];
  readonly level?: readonly ("full" | "view" | "shared")[];
  /** The user the grant names: inside the contact's team, or outside it (a co-marketing partner). */
  readonly grantee?: "teammate" | "outsider";
  readonly authority: Authority;
  readonly why: string;
}

const AUTHORITY_TABLE: readonly Row[] = [
  {
    event: "ContactMatched",
    authority: "edit",
    why: "SEC-3: deduplication writes only to a contact the actor may edit",
  },
  {
    event: "AccessGranted",
    rule: ["ASG-8"],
    level: ["full"],
    authority: "manageAccess",
    why: "ASG-8 full for the listing agent only by a manageAccess holder (decision 15b)",
  },
  {
    event: "AccessGranted",
    rule: ["ASG-8"],
    authority: "linkToListing",
    why: "ASG-3/ASG-8: linking to a listing gives the listing agent view",
  },
  {
    event: "AccessGranted",
    level: ["shared"],
    authority: "share",
    why: "SHR-3: a shared grant is sharing, whichever command",
  },
  {
    event: "AccessGranted",
    grantee: "outsider",
    authority: "share",
    why: "SHR-3: any grant to a user outside the contact's team (a partner) is sharing",
  },
  {
    event: "AccessGranted",
    grantee: "teammate",
    authority: "manageAccess",
    why: "REA-4/ASG-2: full or view for a team member is managing access",
  },
  { event: "AccessRevoked", rule: ["ASG-5"], authority: "unassignSelf", why: "ASG-5: unassigning oneself" },
  {
    event: "AccessRevoked",
    rule: ["ACC-10"],
    authority: "teamLeadershipOrSelf",
    why: "ACC-10: a member leaving loses their team grants",
  },
  {
    event: "AccessRevoked",
    rule: ["ACC-7"],
    authority: "move",
    why: "ACC-7: a move ends the grants of the old account",
  },
  { event: "AccessRevoked", level: ["shared"], authority: "share", why: "SHR-3: unsharing" },
  {
    event: "AccessRevoked",
    grantee: "outsider",
    authority: "share",
    why: "SHR-3: taking a partner's access away is unsharing",
  },
  {
    event: "AccessRevoked",
    grantee: "teammate",
    authority: "manageAccess",
    why: "REA-3/REA-4: revoking a member's full or view grant",
  },
  {
    event: "PrimaryChanged",
    rule: ["ASG-4", "REA-1"],
    authority: "changePrimary",
    why: "ASG-4 (and REA-1 through reassignContacts, decision 10)",
  },
  {
    event: "PrimaryChanged",
    rule: ["ASG-5"],
    authority: "unassignSelf",
    why: "ASG-5: the primary unassigns themselves",
  },
  { event: "PrimaryChanged", rule: ["ACC-10"], authority: "teamLeadershipOrSelf", why: "ACC-10" },
  { event: "PrimaryChanged", rule: ["ACC-7"], authority: "move", why: "ACC-7: the mover becomes primary" },
  { event: "OwnershipChanged", rule: ["ACC-3", "SHR-8"], authority: "changeOwner", why: "ACC-3/SHR-8" },
  {
    event: "OwnershipChanged",
    rule: ["ACC-10"],
    authority: "teamLeadershipOrSelf",
    why: "ACC-10: a leaver's owned contacts go back to the team",
  },
  { event: "ContactMoved", authority: "move", why: "ACC-7" },
  { event: "ContactDeleted", authority: "delete", why: "SHR-7/ACC-9" },
  {
    event: "LeadStatusChanged",
    authority: "edit",
    why: "seed 003: the lead status is part of the contact record its editors set",
  },
  {
    event: "ContactEdited",
    authority: "edit",
    why: "ASG-2/ASG-3/SHR-1: editing a contact's details (seed 002, seed 003)",
  },
  { event: "ContactArchived", authority: "archive", why: "LIF-2" },
  { event: "ContactUnarchived", authority: "archive", why: "LIF-2" },
  { event: "ContactLinkedToListing", authority: "linkToListing", why: "ASG-3" },
  { event: "NoteAdded", authority: "edit", why: "ASG-2/SHR-1 (and SEC-4 for private notes: field-writes.test.ts)" },
  { event: "LoanAdded", authority: "edit", why: "ASG-2 (and SEC-4)" },
  { event: "LoanClosed", authority: "edit", why: "ASG-2 (and SEC-4)" },
  { event: "AddedToGroup", authority: "edit", why: "ASG-2 (and SEC-4)" },
  { event: "ActivityRecorded", authority: "viewDetails", why: "SHR-1 (and SEC-4)" },
  { event: "TaskAdded", authority: "edit", why: "ASG-2 (and SEC-4)" },
  { event: "TaskCompleted", authority: "taskAssigneeOrEdit", why: "SHR-5: one's own task, or edit" },
  { event: "ContactEnrolled", authority: "enrol", why: "SHR-1/LIF-8" },
  { event: "ContactUnenrolled", rule: ["ACC-7"], authority: "move", why: "ACC-7: links of the old account end" },
  {
    event: "ContactUnenrolled",
    rule: ["SHR-7"],
    authority: "delete",
    why: "SHR-7: a deleted contact's enrolments end",
  },
  { event: "ContactUnenrolled", authority: "enrol", why: "LIF-8" },
  { event: "EmailSent", authority: "enrol", why: "running an enrolment's step" },
  { event: "TextSent", authority: "enrol", why: "running an enrolment's step" },
  { event: "TaskCreated", authority: "enrol", why: "running an enrolment's step" },
  { event: "StepFailed", authority: "enrol", why: "running an enrolment's step" },
  { event: "StepDeferred", authority: "enrol", why: "running an enrolment's step" },
  {
    event: "OpportunityCreated",
    authority: "edit",
    why: "AST-4: an opportunity is linked by whoever may edit the contact (ASG-3: not View Only)",
  },
  {
    event: "OpportunityUnlinked",
    rule: ["ACC-7"],
    authority: "move",
    why: "AST-3/ACC-7: a move ends the old account's opportunity links",
  },
  {
    event: "OpportunityUnlinked",
    rule: ["SHR-7"],
    authority: "delete",
    why: "AST-3/SHR-7: a deleted contact's opportunity links end (D-148)",
  },
  {
    event: "CampaignMemberAdded",
    authority: "enrol",
    why: "AST-5/SHR-1: a campaign membership is enrolment in automation",
  },
  {
    event: "CampaignMemberRemoved",
    rule: ["ACC-7"],
    authority: "move",
    why: "AST-3/ACC-7: a move ends the old account's campaign memberships",
  },
  {
    event: "CampaignMemberRemoved",
    rule: ["SHR-7"],
    authority: "delete",
    why: "AST-3/SHR-7: a deleted contact's memberships end (D-148)",
  },
  { event: "CampaignMemberRemoved", authority: "enrol", why: "AST-5/SHR-1" },
  { event: "CampaignEmailSent", authority: "enrol", why: "AST-5: a send reaches only contacts the sender may message" },
  {
    event: "CampaignEmailSkipped",
    authority: "enrol",
    why: "AST-5: a send reaches only contacts the sender may message",
  },
  {
    event: "ContactTagged",
    authority: "edit",
    why: "AST-2/ASG-2: what a contact carries is edited by its editors (and SEC-4 for what their view withholds)",
  },
  { event: "FieldValueSet", authority: "edit", why: "AST-2/ASG-2" },
  { event: "LeadSourceSet", authority: "edit", why: "AST-2/ASG-2" },
  {
    event: "ContactUntagged",
    rule: ["ACC-7"],
    authority: "move",
    why: "AST-3: a move ends the links to the old account's assets",
  },
  { event: "FieldValueCleared", rule: ["ACC-7"], authority: "move", why: "AST-3" },
  { event: "LeadSourceCleared", rule: ["ACC-7"], authority: "move", why: "AST-3" },
  { event: "ContactUntagged", rule: ["SHR-7"], authority: "delete", why: "SHR-7: a deleted contact's links end" },
  { event: "FieldValueCleared", rule: ["SHR-7"], authority: "delete", why: "SHR-7" },
  { event: "LeadSourceCleared", rule: ["SHR-7"], authority: "delete", why: "SHR-7" },
  {
    event: "ContactUntagged",
    rule: ["AST-6"],
    authority: "assetManagement",
    why: "AST-6: deleting an asset ends its links, by whoever may delete it",
  },
  { event: "FieldValueCleared", rule: ["AST-6"], authority: "assetManagement", why: "AST-6" },
  { event: "LeadSourceCleared", rule: ["AST-6"], authority: "assetManagement", why: "AST-6" },
  { event: "ContactUntagged", authority: "edit", why: "AST-2/ASG-2: taken off by an editor" },
  { event: "FieldValueCleared", authority: "edit", why: "AST-2/ASG-2" },
  { event: "LeadSourceCleared", authority: "edit", why: "AST-2/ASG-2" },
];

/** Events that touch no existing contact (records of a batch, office and plan administration, the registry). */
const NO_CONTACT: ReadonlySet<string> = new Set([
  "OfficeOpened",
  "UserRegistered",
  "StaffPermissionsChanged",
  "OfficeRoleChanged",
  "UserDeactivated",
  "UserReactivated",
  "ConfigurationChanged",
  "TeamCreated",
  "TeamMemberAdded",
  "MemberLevelChanged",
  "TeamMemberRemoved",
  "PartnershipStarted",
  "PartnershipEnded",
  "ContactsImported",
  "ImportRowRefused",
  "ReassignmentRefused",
  "ContactsReassigned",
  "TransferRefused",
  "ContactsTransferred",
  "OptedOut",
  "OptedIn",
  "SmartPlanCreated",
  "AgentDefaultsChanged",
  "StepDesigneeChanged",
  "MessagingPlanChanged",
  "TwilioCreditsAdded",
  // Messaging (D-100 … D-104): a user's own entitlements, and replies routed by number, naming no contact (SEC-2);
  // who may change whose plan and who is charged for a reply is SEC-6's law (spending.test.ts).
  "TwilioAllotmentCredited",
  "TextReceived",
  "TextUnrouted",
  // Opportunities' and campaigns' own records change no contact; who may change an opportunity (the linked
  // contact's edit) and who may delete a campaign is test/applets/laws.test.ts's law.
  "OpportunityUpdated",
  "OpportunityClosed",
  "OpportunityDeleted",
  "CampaignCreated",
  "CampaignDeleted",
  "CampaignSent",
  // Asset definitions (AST-1, AST-6) name no contact; deleting one ends its links with events of their own, above.
  "AssetCreated",
  "AssetRenamed",
  "AssetDeleted",
]);

interface Touch {
  readonly contactId: string;
  readonly row: Row;
}

/** The row governing one event, or a description of why there is none. */
function governing(before: State, event: Event): Touch | string | null {
  if (NO_CONTACT.has(event.type) || event.type === "ContactAdded") return null;
  const e = event as Event & { contactId?: string; rule?: string; level?: "full" | "view" | "shared"; userId?: string };
  if (typeof e.contactId !== "string") return `event ${event.type} names no contact and is not in the table`;
  const grantee =
    e.userId === undefined ? undefined : onContactsTeam(before, e.contactId, e.userId) ? "teammate" : "outsider";
  const row = AUTHORITY_TABLE.find(
    (r) =>
      r.event === event.type &&
      (r.rule === undefined || (e.rule !== undefined && r.rule.includes(e.rule))) &&
      (r.level === undefined || (e.level !== undefined && r.level.includes(e.level))) &&
      (r.grantee === undefined || r.grantee === grantee),
  );
  return row === undefined ? `no governing action in the table for ${show(event)}` : { contactId: e.contactId, row };
}

/** Whether the actor held the authority, in the state before; `null` when held, else what was missing. */
function held(before: State, actor: string, touch: Touch, event: Event): string | null {
  const { contactId, row } = touch;
  switch (row.authority) {
    case "teamLeadershipOrSelf": {
      const c = getContact(before, contactId);
      const leaver =
        event.type === "AccessRevoked"
          ? event.userId
          : event.type === "PrimaryChanged"
            ? event.from
            : event.type === "OwnershipChanged" && event.from.kind === "user"
              ? event.from.userId
              : null;
      if (c === undefined || c.account.kind !== "team") return "an ACC-10 effect on a contact outside any team account";
      if (leaver === actor) return null;
      if (!leadsTeam(before, c.account.teamId, actor))
        return `${actor} does not lead team ${c.account.teamId} and is not the one leaving (${leaver})`;
      if (leaver !== null && getUser(before, leaver)?.status !== "active")
        return `${leaver} is deactivated: their contacts are frozen (LIF-7, decision 15a)`;
      return null;
    }
    case "taskAssigneeOrEdit": {
      const taskId = event.type === "TaskCompleted" ? event.taskId : "";
      const task = getContactFile(before, contactId)?.tasks.find((t) => t.id === taskId);
      if (task?.assigneeId === actor)
        return can(before, actor, "view", contactId) ? null : `${actor} cannot view ${contactId}`;
      return can(before, actor, "edit", contactId)
        ? null
        : `${actor} lacks edit on ${contactId} and the task is ${task?.assigneeId ?? "absent"}'s`;
    }
    case "assetManagement": {
      // AST-6, read from the configuration and the team as the spec states it: a personal account's user; in a team,
      // office admins and the rainmaker always, `enhanced`/`unlimited` members under `permissionLevel` (the default).
      const c = getContact(before, contactId);
      if (c === undefined) return `${contactId} did not exist`;
      if (c.account.kind === "personal")
        return c.account.userId === actor ? null : `${actor} does not own the personal account of ${c.account.userId}`;
      const user = getUser(before, actor);
      if (user !== undefined && user.officeRole !== "staff") return null;
      const member = getTeam(before, c.account.teamId)?.members.find((m) => m.userId === actor);
      const policy = before.configuration.teamAssets?.change ?? "permissionLevel";
      if (member?.role === "rainmaker") return null;
      return policy === "permissionLevel" && member !== undefined && member.level !== "standard"
        ? null
        : `${actor} may not delete team ${c.account.teamId}'s assets (teamAssets.change: ${policy})`;
    }
    default:
      return can(before, actor, row.authority, contactId)
        ? null
        : `${actor} lacked \`${row.authority}\` on ${contactId}`;
  }
}

/** Every violation of SEC-1 in one accepted command, described. */
function authorityViolations(step: Pick<Step, "before" | "command" | "events">): string[] {
  const { before, command, events } = step;
  const out: string[] = [];
  const createdHere = new Set<string>();
  for (const event of events) {
    if ((event as { by?: string }).by !== command.actor)
      out.push(`${event.type} is attributed to ${(event as { by?: string }).by}, not the actor ${command.actor}`);
    if (event.type === "ContactAdded") {
      if (getContact(before, event.contact.id) !== undefined)
        out.push(`ContactAdded overwrites the existing contact ${showContact(before, event.contact.id)}`);
      createdHere.add(event.contact.id);
      continue;
    }
    if (event.type === "ContactMatched" && createdHere.has(event.contactId)) continue; // a row matching an earlier row of the same import
    if (event.type === "ContactUnarchived" && event.channel !== "manual" && event.channel !== "support")
      out.push(
        `${show(event)}: unarchived through the ${event.channel} channel; only manual and support unarchive (LIF-2, decisions 13)`,
      );
    const touch = governing(before, event);
    if (touch === null) continue;
    if (typeof touch === "string") {
      out.push(touch);
      continue;
    }
    if (getContact(before, touch.contactId) === undefined) {
      out.push(`${event.type} touches ${touch.contactId}, which did not exist before`);
      continue;
    }
    const missing = held(before, command.actor, touch, event);
    if (missing !== null)
      out.push(
        `${show(event)} needs \`${touch.row.authority}\` (${touch.row.why}): ${missing}; contact before: ${showContact(before, touch.contactId)}`,
      );
  }
  return out;
}

function report(step: Pick<Step, "before" | "command" | "events">, violations: string[]): string {
  return `SEC-1: ${showCommand(step.command)} was accepted, but\n  ${violations.join("\n  ")}`;
}

describe("SEC-1 effect within authority", () => {
  it("an accepted command changes a contact only where the actor held the governing action before it (SEC-1)", () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(arbitraryRun({ maxCommands: 60, configurationChanges: true }), (run) => {
        for (const step of run.steps) {
          for (const e of step.events) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
          const violations = authorityViolations(step);
          if (violations.length > 0) throw new Error(report(step, violations));
        }
      }),
      { numRuns: runs(1.5) },
    );
    // The law saw the effects it is about (ACC-10 and ASG-8 are rarer and come up in the long profile).
    for (const type of COVERAGE_CHECKED
      ? [
          "ContactMatched",
          "AccessGranted",
          "AccessRevoked",
          "PrimaryChanged",
          "NoteAdded",
          "ContactEnrolled",
          "ContactEdited",
          "LeadStatusChanged",
          "OwnershipChanged",
        ]
      : []) {
      expect(seen.get(type) ?? 0, `${type} seen`).toBeGreaterThan(0);
    }
  });

  it("every path to the same effect needs the same authority: grantAccess{shared} and shareContact, grantAccess{full} and assignToPartner, revokeAccess and unshareContact, changePrimary and reassignContacts (SEC-1, SHR-3, ASG-4)", () => {
    let accepted = 0;
    const target = fc.constantFrom(...USERS);
    const contact = fc.constantFrom(...UNIVERSE.contacts);
    fc.assert(
      fc.property(
        arbitraryRun({ maxCommands: 50 }),
        fc.constantFrom(...USERS),
        contact,
        target,
        ({ state }, actor, contactId, userId) => {
          const c = getContact(state, contactId);
          if (c === undefined) return;
          const on = { actor, at: AT, account: c.account, contactId };
          const teamAccount = c.account.kind === "team" ? c.account : { kind: "team" as const, teamId: "t1" };
          const pairs: Command[][] = [
            [
              { type: "grantAccess", ...on, userId, level: "shared" },
              { type: "shareContact", ...on, userId },
            ],
            [
              { type: "grantAccess", ...on, userId, level: "full" },
              { type: "assignToPartner", ...on, partnerId: userId },
            ],
            [
              { type: "revokeAccess", ...on, userId },
              { type: "unshareContact", ...on, userId },
            ],
            [
              { type: "changePrimary", ...on, userId },
              ...(c.primary === null
                ? []
                : [
                    {
                      type: "reassignContacts",
                      actor,
                      at: AT,
                      account: teamAccount,
                      fromUserId: c.primary,
                      toUserId: userId,
                    } as Command,
                  ]),
            ],
          ];
          for (const pair of pairs) {
            for (const command of pair) {
              const r = execute(state, command);
              if (E.isLeft(r)) continue;
              accepted++;
              const violations = authorityViolations({ before: state, command, events: r.right.events });
              if (violations.length > 0)
                throw new Error(
                  `${report({ before: state, command, events: r.right.events }, violations)}\n  (paired with ${pair
                    .filter((p) => p !== command)
                    .map(showCommand)
                    .join(", ")})`,
                );
            }
          }
        },
      ),
      { numRuns: runs(2) },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it("a random command by any actor on a random reachable state stays within authority, team leaders and partners included (SEC-1)", () => {
    fc.assert(
      fc.property(
        arbitraryRun({ maxCommands: 50 }),
        fc
          .constantFrom(...USERS)
          .chain((actor) =>
            fc
              .constantFrom(
                { kind: "team" as const, teamId: "t1" },
                { kind: "team" as const, teamId: "t2" },
                { kind: "personal" as const, userId: actor },
                { kind: "personal" as const, userId: "u3" },
              )
              .chain((acting) => arbitraryCommandBy(actor, acting)),
          ),
        ({ state }, command) => {
          const r = execute(state, command);
          if (E.isLeft(r)) return;
          const violations = authorityViolations({ before: state, command, events: r.right.events });
          if (violations.length > 0)
            throw new Error(report({ before: state, command, events: r.right.events }, violations));
        },
      ),
      { numRuns: runs(2) },
    );
  });
});
