import * as E from "../either.js";
import { actingUser, activeUser, enterAccount } from "../accounts/actor.js";
import { isOfficeAdmin, memberOf, type Team, type User } from "../accounts/model.js";
import { get, keys } from "../collections/persistent-map.js";
import type { ContactEvent } from "../contacts/events.js";
import { enterContact, requirePermit } from "../contacts/guard.js";
import { grantOf, previousAccess, type Contact, type GrantLevel } from "../contacts/model.js";
import { domainError, notPermitted, type DomainError } from "../errors.js";
import {
  factsOf,
  grantAuthority,
  levelOf,
  loanBlocks,
  permits,
  remedyFor,
  ruleOfAction,
  type Facts,
} from "../permissions/access.js";
import type { State } from "../state.js";
import type { SharingCommand } from "./commands.js";
import type { SharingEvent } from "./events.js";
import { arePartners, areTeammates } from "../accounts/relations.js";

type Decision = E.Either<DomainError, readonly (SharingEvent | ContactEvent)[]>;

/** Inside the contact's own team: its team's members, or for a personal contact its user's teammates. */
function onContactsTeam(state: State, contact: Contact, userId: string): boolean {
  if (contact.account.kind === "personal") return areTeammates(state, contact.account.userId, userId);
  const team = get(state.teams, contact.account.teamId);
  return team !== undefined && memberOf(team, userId) !== undefined;
}

/**
 * The one user the contact is assigned to, if any (SHR-2): the recorded assignee, or — for a contact assigned
 * before assignments were recorded — the co-marketing partner holding `full`.
 */
function assignee(state: State, contact: Contact): string | undefined {
  return (
    contact.assignedTo ??
    contact.grants.find((g) => g.level === "full" && !onContactsTeam(state, contact, g.userId))?.userId
  );
}

/**
 * The actor reaches the contact and holds the authority that governs giving or taking `userId`'s grant of `level`
 * (SEC-1): sharing (SHR-3) for a `shared` grant or a partner's, managing access for a teammate's `full` grant — the
 * same check as `grantAccess` and `revokeAccess` make for the same effect.
 */
function sharer(
  state: State,
  command: Extract<SharingCommand, { contactId: string }>,
  userId: string,
  level: (contact: Contact) => GrantLevel | undefined,
): E.Either<DomainError, Facts> {
  const facts = reachedBy(state, command);
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  const held = level(contact);
  const authority = held === undefined ? "share" : grantAuthority(state, contact, userId, held);
  if (authority === "share") {
    const shares = requireShare(facts.right, "share");
    if (E.isLeft(shares)) return shares;
  }
  return requirePermit(facts.right, authority);
}

/** The contact a sharing command names, as its actor reaches it (ACC-5, ACC-6, LIF-7). */
function reachedBy(
  state: State,
  command: Extract<SharingCommand, { contactId: string }>,
): E.Either<DomainError, Facts> {
  const actor = actingUser(state, command.actor);
  if (E.isLeft(actor)) return actor;
  return enterContact(state, actor.right, command.account, command.contactId);
}

/** SHR-3: a personal contact's user shares or assigns it; in a team, its manager (and rainmaker and office admins). */
function requireShare(facts: Facts, verb: "share" | "assign"): E.Either<DomainError, Facts> {
  if (permits(facts, "share")) return E.right(facts);
  const contact = facts.contact;
  const who =
    contact.account.kind === "personal"
      ? `only ${contact.account.userId} ${verb}s the contacts of their personal account`
      : `within a team only the team manager ${verb}s`;
  return E.left(
    notPermitted("SHR-3", `${facts.user.id} may not ${verb} contact ${contact.id}: ${who}`, {
      action: "share",
      contactId: contact.id,
      remedy: remedyFor(facts, "share"),
    }),
  );
}

export function decideSharing(state: State, command: SharingCommand): Decision {
  const { at, actor: by } = command;
  switch (command.type) {
    case "startPartnership": {
      const actor = actingUser(state, by);
      if (E.isLeft(actor)) return actor;
      const partner = activeUser(state, command.partnerId);
      if (E.isLeft(partner)) return partner;
      if (command.partnerId === by)
        return E.left(domainError("no_change", "input", "a user cannot partner with themselves"));
      if (arePartners(state, by, command.partnerId)) {
        return E.left(domainError("already_partners", "SHR-3", `${by} and ${command.partnerId} already co-market`));
      }
      return E.right([{ type: "PartnershipStarted", at, by, userId: by, partnerId: command.partnerId }]);
    }
    case "endPartnership": {
      const actor = actingUser(state, by);
      if (E.isLeft(actor)) return actor;
      if (!arePartners(state, by, command.partnerId)) {
        return E.left(
          domainError("not_partner", "SHR-4", `${by} and ${command.partnerId} are not co-marketing partners`),
        );
      }
      return E.right([{ type: "PartnershipEnded", at, by, userId: by, partnerId: command.partnerId }]);
    }
    case "shareContact": {
      const facts = sharer(state, command, command.userId, () => "shared");
      if (E.isLeft(facts)) return facts;
      const contact = facts.right.contact;
      const target = eligible(state, contact, by, command.userId);
      if (E.isLeft(target)) return target;
      const held = levelOf(factsOf(state, target.right, contact));
      const previous = grantOf(contact, command.userId) ?? null;
      if (held === "full" || held === "shared") {
        return E.left(
          domainError("no_change", "input", `${command.userId} already sees every detail of contact ${contact.id}`),
        );
      }
      return E.right([
        {
          type: "AccessGranted",
          at,
          by,
          contactId: contact.id,
          userId: command.userId,
          level: "shared",
          previous,
          rule: "SHR-3",
        },
      ]);
    }
    case "assignToPartner": {
      const facts = sharer(state, command, command.partnerId, () => "full");
      if (E.isLeft(facts)) return facts;
      const contact = facts.right.contact;
      const owner = contact.account.kind === "personal" ? contact.account.userId : by;
      if (onContactsTeam(state, contact, command.partnerId)) {
        return E.left(
          domainError(
            "not_partner",
            "SHR-3",
            `${command.partnerId} is on the contact's team; a contact is assigned only to a co-marketing partner outside it`,
          ),
        );
      }
      if (!arePartners(state, owner, command.partnerId)) {
        return E.left(
          domainError("not_partner", "SHR-3", `${command.partnerId} is not a co-marketing partner of ${owner}`),
        );
      }
      const target = activeUser(state, command.partnerId);
      if (E.isLeft(target)) return target;
      const current = assignee(state, contact);
      if (current === command.partnerId)
        return E.left(domainError("no_change", "input", `${current} is already the assigned partner`));
      if (current !== undefined) {
        return E.left(
          domainError(
            "partner_already_assigned",
            "SHR-2",
            `contact ${contact.id} is already assigned to ${current}; it can be shared with many but assigned to one`,
          ),
        );
      }
      const previous = grantOf(contact, command.partnerId) ?? null;
      return E.right([
        {
          type: "AccessGranted",
          at,
          by,
          contactId: contact.id,
          userId: command.partnerId,
          level: "full",
          previous,
          rule: "SHR-2",
        },
      ]);
    }
    case "assignContact":
      return decideAssign(state, command);
    case "unshareContact": {
      const facts = sharer(state, command, command.userId, (contact) => grantOf(contact, command.userId));
      if (E.isLeft(facts)) return facts;
      const contact = facts.right.contact;
      const level = grantOf(contact, command.userId);
      if (level === undefined)
        return E.left(
          domainError("not_assigned", "SHR-4", `contact ${contact.id} is not shared with ${command.userId}`),
        );
      return E.right([
        { type: "AccessRevoked", at, by, contactId: contact.id, userId: command.userId, level, rule: "SHR-4" },
      ]);
    }
    case "reassignContacts":
      return decideBulkReassign(state, command);
    case "transferContacts":
      return decideBulkTransfer(state, command);
  }
}

/** SHR-3: share or assign only between users on the same team or in a co-marketing partnership. */
function eligible(state: State, contact: Contact, actorId: string, userId: string): E.Either<DomainError, User> {
  const user = activeUser(state, userId);
  if (E.isLeft(user)) return user;
  const owner = contact.account.kind === "personal" ? contact.account.userId : actorId;
  if (userId === owner)
    return E.left(domainError("no_change", "input", `${userId} cannot share a contact with themselves`));
  if (onContactsTeam(state, contact, userId) || arePartners(state, owner, userId)) return user;
  return E.left(
    domainError("not_partner", "SHR-3", `${userId} is neither on the team nor a co-marketing partner of ${owner}`),
  );
}

/**
 * Who a bulk command acts as and in which team, after its gate: the receiver is an active member of the team
 * (`rule`), and not the giver.
 */
function bulkParties(
  state: State,
  command: Extract<SharingCommand, { type: "reassignContacts" | "transferContacts" }>,
  rule: "ACC-1" | "ACC-3",
  sameUser: string,
  gate: (actor: User, team: Team | null) => DomainError | null,
): E.Either<DomainError, { readonly actor: User; readonly teamId: string }> {
  const actor = actingUser(state, command.actor);
  if (E.isLeft(actor)) return actor;
  const team = enterAccount(state, actor.right, command.account);
  if (E.isLeft(team)) return team;
  const teamId = command.account.teamId;
  const closed = gate(actor.right, team.right);
  if (closed !== null) return E.left(closed);
  const to = activeUser(state, command.toUserId);
  if (E.isLeft(to)) return to;
  if (team.right === null || memberOf(team.right, command.toUserId) === undefined) {
    return E.left(domainError("not_team_member", rule, `${command.toUserId} is not a member of team ${teamId}`));
  }
  if (command.fromUserId === command.toUserId) return E.left(domainError("no_change", "input", sameUser));
  return E.right({ actor: actor.right, teamId });
}

/**
 * REA-1 in bulk: each contact in the team account whose primary is `fromUserId` goes to `toUserId`, one
 * `PrimaryChanged` each; a contact that cannot be reassigned gets a `ReassignmentRefused` with its reason.
 */
function decideBulkReassign(state: State, command: Extract<SharingCommand, { type: "reassignContacts" }>): Decision {
  const { at, actor: by } = command;
  const leads = (actor: User, team: Team | null): DomainError | null =>
    isOfficeAdmin(actor) || team?.rainmakerId === by || (team !== null && memberOf(team, by)?.level === "unlimited")
      ? null
      : notPermitted(
          "REA-1",
          `${by} does not lead team ${command.account.teamId}; bulk reassignment is for its leaders and admins`,
          { action: "reassignInBulk", contactId: null },
        );
  const parties = bulkParties(state, command, "ACC-1", "reassigning an agent to themselves changes nothing", leads);
  if (E.isLeft(parties)) return parties;
  const { actor, teamId } = parties.right;
  const events: (SharingEvent | ContactEvent)[] = [];
  let reassigned = 0;
  let refused = 0;
  const theirs = get(state.contactsByUser, command.fromUserId);
  if (theirs !== undefined) {
    // In contact-id order, so that equal states (however they were built) emit the same events in the same order.
    for (const contactId of keys(theirs).sort()) {
      const contact = get(state.contacts, contactId);
      if (contact === undefined || contact.primary !== command.fromUserId) continue;
      if (contact.account.kind !== "team" || contact.account.teamId !== teamId) continue;
      const owner = contact.owner.kind === "user" ? get(state.users, contact.owner.userId) : undefined;
      if (owner !== undefined && owner.status === "deactivated") {
        refused++;
        events.push({
          type: "ReassignmentRefused",
          at,
          by,
          contactId,
          code: "contact_frozen",
          rule: "LIF-7",
          message: `contact ${contactId} belongs to ${owner.id}, who is deactivated`,
        });
        continue;
      }
      // The same authority as changing one contact's primary (ASG-4, SEC-1); leading the team is not enough.
      if (!permits(factsOf(state, actor, contact), "changePrimary")) {
        refused++;
        const message = `${by} may not change the primary of contact ${contactId}; it would need the staff permission \`editContactOwnership\``;
        events.push({ type: "ReassignmentRefused", at, by, contactId, code: "not_permitted", rule: "ASG-4", message });
        continue;
      }
      reassigned++;
      const previousKeeps = previousAccess(contact, command.fromUserId, state.configuration.revokeOnReassign);
      events.push({
        type: "PrimaryChanged",
        at,
        by,
        contactId,
        from: command.fromUserId,
        to: command.toUserId,
        previousKeeps,
        rule: "REA-1",
      });
    }
  }
  events.push({
    type: "ContactsReassigned",
    at,
    by,
    teamId,
    fromUserId: command.fromUserId,
    toUserId: command.toUserId,
    reassigned,
    refused,
  });
  return E.right(events);
}

/**
 * Seed 003's change of ownership for a whole database (a loan officer leaving): each contact `fromUserId` owns in the
 * team account goes to `toUserId`, one `OwnershipChanged` each, archived ones included and left archived. Each is
 * checked as one `changeOwner` would be — the actor's authority (ACC-3, SHR-8), a loan per `loansBlockOwnerChange`,
 * a deactivated holder (LIF-7) — and one that stays gets a `TransferRefused` with the reason. Contacts the actor
 * cannot see are not theirs to move and are not named (SEC-2).
 */
function decideBulkTransfer(state: State, command: Extract<SharingCommand, { type: "transferContacts" }>): Decision {
  const { at, actor: by } = command;
  const parties = bulkParties(
    state,
    command,
    "ACC-3",
    "transferring a user's contacts to themselves changes nothing",
    () => null,
  );
  if (E.isLeft(parties)) return parties;
  const { actor, teamId } = parties.right;
  const events: (SharingEvent | ContactEvent)[] = [];
  let transferred = 0;
  let refused = 0;
  const refuse = (contactId: string, error: DomainError): void => {
    refused++;
    events.push({
      type: "TransferRefused",
      at,
      by,
      contactId,
      code: error.code,
      rule: error.rule,
      message: error.message,
    });
  };
  const theirs = get(state.contactsByUser, command.fromUserId);
  // In contact-id order, so that equal states (however they were built) emit the same events in the same order.
  for (const contactId of theirs === undefined ? [] : keys(theirs).sort()) {
    const contact = get(state.contacts, contactId);
    if (contact === undefined || contact.owner.kind !== "user" || contact.owner.userId !== command.fromUserId) continue;
    if (contact.account.kind !== "team" || contact.account.teamId !== teamId) continue;
    const facts = factsOf(state, actor, contact);
    if (levelOf(facts) === null) continue;
    if (facts.blockedBy !== null) {
      refuse(
        contactId,
        domainError(
          "contact_frozen",
          "LIF-7",
          `contact ${contactId} belongs to ${facts.blockedBy}, who is deactivated`,
        ),
      );
      continue;
    }
    if (loanBlocks(facts, "changeOwner")) {
      refuse(
        contactId,
        domainError("contact_on_loan", "SHR-8", `contact ${contactId} is a participant on one or more loans`),
      );
      continue;
    }
    const permitted = requirePermit(facts, "changeOwner");
    if (E.isLeft(permitted)) {
      refuse(contactId, permitted.left);
      continue;
    }
    transferred++;
    events.push({
      type: "OwnershipChanged",
      at,
      by,
      contactId,
      from: { kind: "user", userId: command.fromUserId },
      to: { kind: "user", userId: command.toUserId },
      rule: ruleOfAction(facts, "changeOwner"),
    });
  }
  events.push({
    type: "ContactsTransferred",
    at,
    by,
    teamId,
    fromUserId: command.fromUserId,
    toUserId: command.toUserId,
    transferred,
    refused,
  });
  return E.right(events);
}

/**
 * SHR-2, SHR-3 (seed 003): assigning a contact to one teammate or co-marketing partner, who gets `full`. The actor
 * shares (the manager rule, SHR-3) and holds the authority the grant itself needs (SEC-1: managing access for a
 * teammate's `full`, sharing for a partner's).
 */
function decideAssign(state: State, command: Extract<SharingCommand, { type: "assignContact" }>): Decision {
  const { at, actor: by } = command;
  const reached = reachedBy(state, command);
  if (E.isLeft(reached)) return reached;
  const contact = reached.right.contact;
  const shares = requireShare(reached.right, "assign");
  if (E.isLeft(shares)) return shares;
  const facts = requirePermit(reached.right, grantAuthority(state, contact, command.userId, "full"));
  if (E.isLeft(facts)) return facts;
  const target = eligible(state, contact, by, command.userId);
  if (E.isLeft(target)) return target;
  if (contact.primary === command.userId) {
    return E.left(
      domainError("already_primary", "ASG-1", `${command.userId} is the primary and already has full access`),
    );
  }
  const current = assignee(state, contact);
  if (current === command.userId)
    return E.left(domainError("no_change", "input", `contact ${contact.id} is already assigned to ${current}`));
  if (current !== undefined) {
    return E.left(
      domainError(
        "partner_already_assigned",
        "SHR-2",
        `contact ${contact.id} is already assigned to ${current}; it can be shared with many but assigned to one`,
      ),
    );
  }
  const previous = grantOf(contact, command.userId) ?? null;
  return E.right([
    {
      type: "AccessGranted",
      at,
      by,
      contactId: contact.id,
      userId: command.userId,
      level: "full",
      previous,
      rule: "SHR-2",
    },
  ]);
}
