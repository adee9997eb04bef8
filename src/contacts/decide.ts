import * as E from "../either.js";
import { actingUser, activeUser, enterAccount } from "../accounts/actor.js";
import { isOfficeAdmin, memberOf, type User } from "../accounts/model.js";
import { get, has } from "../collections/persistent-map.js";
import { domainError, invalidInput, notPermitted, type DomainError } from "../errors.js";
import {
  grantAuthority,
  hasStaffPermission,
  loanBlocks,
  permits,
  ruleOfAction,
  type Facts,
} from "../permissions/access.js";
import { emailKey, normalizePhone } from "../lifecycle/contact-points.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";
import { describeAccount } from "../accounts/account-ref.js";
import type { AccountRef } from "../wire.js";
import type { ContactCommand } from "./commands.js";
import type { ContactEvent } from "./events.js";
import type { SmartPlanEvent } from "../smartplans/events.js";
import { endAppletLinks } from "../applets/decide.js";
import type { AppletEvent } from "../applets/events.js";
import type { AssetEvent } from "../assets/events.js";
import { endAssetLinks } from "../assets/decide.js";
import { additions, Deduplicator, normalizeDetails, type Match } from "./deduplication.js";
import { enterContact, requirePermit } from "./guard.js";
import {
  leadStatusOf,
  previousAccess,
  type Contact,
  type ContactDetails,
  type Grant,
  type GrantLevel,
} from "./model.js";

type Decision = E.Either<DomainError, readonly (ContactEvent | SmartPlanEvent | AppletEvent | AssetEvent)[]>;

/** Enrolments end with the link they belong to (ACC-7 on a move, SHR-7 on a delete), one event each. */
function endEnrolments(
  state: State,
  command: { at: string; actor: string },
  contactId: string,
  rule: "ACC-7" | "SHR-7",
): SmartPlanEvent[] {
  return (get(state.enrolmentsByContact, contactId) ?? []).map((planId) => ({
    type: "ContactUnenrolled",
    at: command.at,
    by: command.actor,
    planId,
    contactId,
    rule,
  }));
}

/** Grant levels ranked from weakest to strongest; `NO_HOLD` and `OWNS` bracket them. */
const RANK: Record<GrantLevel, number> = { view: 1, shared: 2, full: 3 };
/** The rank of a user who holds nothing on the contact. */
const NO_HOLD = 0;
/** The rank of an owner or primary (or the personal account's user), who has full access already: above grants. */
const OWNS = 4;

/** The strongest access a user already holds as primary, owner or grant, ranked like grants. */
function heldRank(contact: Contact, userId: string): number {
  if (contact.primary === userId) return OWNS;
  if (contact.owner.kind === "user" && contact.owner.userId === userId) return OWNS;
  if (contact.account.kind === "personal" && contact.account.userId === userId) return OWNS;
  for (const g of contact.grants) if (g.userId === userId) return RANK[g.level];
  return NO_HOLD;
}

/**
 * Who may be assigned to a contact: an active user who, for a team-account contact, is in that team; for a
 * personal-account contact, shares a team with its user (SHR-3 narrows and widens this later).
 */
function assignableUser(state: State, account: AccountRef, userId: string): E.Either<DomainError, User> {
  const user = activeUser(state, userId);
  if (E.isLeft(user)) return user;
  if (account.kind === "team") {
    const team = get(state.teams, account.teamId);
    if (team === undefined || memberOf(team, userId) === undefined) {
      return E.left(domainError("not_team_member", "ACC-1", `${userId} is not a member of team ${account.teamId}`));
    }
    return user;
  }
  const theirTeams = get(state.teamsOfUser, userId) ?? [];
  const ownerTeams = get(state.teamsOfUser, account.userId) ?? [];
  if (userId === account.userId || theirTeams.some((t) => ownerTeams.includes(t))) return user;
  return E.left(domainError("not_team_member", "ACC-5", `${userId} shares no team with ${account.userId}`));
}

function requireStaff(actor: User, permission: "createContacts" | "importContacts"): E.Either<DomainError, User> {
  if (hasStaffPermission(actor, permission)) return E.right(actor);
  return E.left(
    domainError("staff_permission_missing", "ASG-2", `${actor.id} lacks the staff permission \`${permission}\``),
  );
}

interface Placement {
  readonly owner: Contact["owner"];
  readonly primary: string | null;
  readonly grants: readonly Grant[];
  readonly rules: RuleId[];
}

/** Who owns a new contact and who is assigned to it (ACC-2, ACC-4, ASG-6, ASG-7). */
function placementOf(
  state: State,
  account: AccountRef,
  creator: string,
  channel: Contact["channel"],
  listingAgentId: string,
): Placement {
  if (account.kind === "personal")
    return { owner: { kind: "user", userId: account.userId }, primary: account.userId, grants: [], rules: ["ACC-4"] };
  const owner = { kind: "team", teamId: account.teamId } as const;
  const config = state.configuration;
  const assign = (userId: string, access: "primary" | "full" | "none", rule: RuleId): Placement => ({
    owner,
    primary: access === "primary" ? userId : null,
    grants: access === "full" ? [{ userId, level: "full" }] : [],
    rules: ["ACC-2", rule],
  });
  switch (channel) {
    case "manual":
    case "api":
    case "apiSync":
    case "leadSource":
    case "support":
      return assign(creator, config.creatorAccessOnAdd, "ASG-6");
    case "import":
      return assign(creator, config.importerAccess, "ASG-6");
    case "openForInspection":
    case "propertyEnquiry":
      return assign(listingAgentId, config.listingAgentAccessOnNewEnquiry, "ASG-7");
  }
}

/**
 * SHR-9: a lead source may be configured to share a team account's new contacts with named team members, when they
 * may be (active, on the team) and not assigned already. No configuration shares a personal account's contact:
 * only its user does (ACC-5, SEC-5).
 */
function leadSourceGrants(state: State, account: AccountRef, details: ContactDetails, placed: Placement): Grant[] {
  const source = details.leadSource;
  if (source === undefined || account.kind === "personal") return [];
  const grants: Grant[] = [];
  const owner = placed.owner.kind === "user" ? placed.owner.userId : null;
  for (const rule of state.configuration.leadSourceShares) {
    if (rule.leadSource !== source) continue;
    for (const userId of rule.userIds) {
      if (
        userId === placed.primary ||
        userId === owner ||
        placed.grants.some((g) => g.userId === userId) ||
        grants.some((g) => g.userId === userId)
      )
        continue;
      if (E.isRight(assignableUser(state, account, userId))) grants.push({ userId, level: "shared" });
    }
  }
  return grants;
}

function newContact(
  state: State,
  command: { account: AccountRef; actor: string; at: string },
  id: string,
  details: ContactDetails,
  channel: Contact["channel"],
  listingAgentId: string,
): { contact: Contact; rules: RuleId[] } {
  const p = placementOf(state, command.account, command.actor, channel, listingAgentId);
  const shared = leadSourceGrants(state, command.account, details, p);
  const grants =
    shared.length === 0 ? p.grants : [...p.grants, ...shared].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  const contact: { -readonly [K in keyof Contact]: Contact[K] } = {
    id,
    account: command.account,
    owner: p.owner,
    primary: p.primary,
    grants,
    details,
    channel,
    createdBy: command.actor,
    createdAt: command.at,
  };
  // SHR-7 (seed 003): who the contact was first assigned to, for `contactDeletion: "initialAssignee"`.
  const initialAssignee = p.primary ?? p.grants[0]?.userId;
  if (initialAssignee !== undefined) contact.initialAssignee = initialAssignee;
  return { contact, rules: shared.length === 0 ? p.rules : [...p.rules, "SHR-9"] };
}

/** Decides every contact command; each refusal names its rule, each change is an event. */
export function decideContacts(state: State, command: ContactCommand): Decision {
  const actorE = actingUser(state, command.actor);
  if (E.isLeft(actorE)) return actorE;
  const actor = actorE.right;
  // Adding and importing act in the account itself; every other command names one contact and enters its
  // account through `permitted` (which also lets it visit a personal account that shares the contact, D-59).
  if (command.type === "addContact" || command.type === "importContacts") {
    const entered = enterAccount(state, actor, command.account);
    if (E.isLeft(entered)) return entered;
  }
  switch (command.type) {
    case "addContact":
      return addContact(state, actor, command);
    case "importContacts":
      return importContacts(state, actor, command);
    case "grantAccess":
      return grantAccess(state, actor, command);
    case "revokeAccess":
      return revokeAccess(state, actor, command);
    case "changePrimary":
      return changePrimary(state, actor, command);
    case "unassignSelf":
      return unassignSelf(state, actor, command);
    case "changeOwner":
      return changeOwner(state, actor, command);
    case "moveContact":
      return moveContact(state, actor, command);
    case "linkToListing":
      return linkToListing(state, actor, command);
    case "editContact":
    case "addContactPoint":
    case "removeContactPoint":
      return decideEdit(state, actor, command);
    case "setLeadStatus":
      return setLeadStatus(state, actor, command);
    case "deleteContact":
      return deleteContact(state, actor, command);
  }
}

// commands

/**
 * Adds one contact by hand, through the API or API-sync, or from a listing's feedback or enquiry (ACC-2, ACC-4,
 * ASG-6, ASG-7, LIF-1).
 */
function addContact(state: State, actor: User, command: Extract<ContactCommand, { type: "addContact" }>): Decision {
  const { at, actor: by } = command;
  if (command.channel === "apiSync" && command.account.kind !== "personal") {
    return E.left(domainError("channel_not_available", "ACC-4", "API-sync exists only for personal accounts"));
  }
  const allowed = requireStaff(actor, "createContacts");
  if (E.isLeft(allowed)) return allowed;
  const details = normalizeDetails(command.details, state.configuration.defaultPhoneCountry);
  if (command.channel === "api") {
    // LIF-1: an API add is deduplicated; a manual add never is.
    const dedup = new Deduplicator(state, actor);
    const match = dedup.find(command.account, details);
    if (match !== null) return E.right([matched(dedup, command, match, details, null, command.contactId, "api")]);
  }
  if (has(state.contacts, command.contactId)) return E.left(idTaken(command.contactId));
  const listingAgentId = command.listingAgentId ?? by;
  if (command.channel === "openForInspection" || command.channel === "propertyEnquiry") {
    const agent = assignableUser(state, command.account, listingAgentId);
    if (E.isLeft(agent)) return agent;
    if (command.account.kind === "personal" && listingAgentId !== command.account.userId) {
      return E.left(
        domainError(
          "account_not_allowed",
          "ACC-5",
          `only ${command.account.userId} works the listings of their personal account`,
        ),
      );
    }
  }
  const { contact, rules } = newContact(state, command, command.contactId, details, command.channel, listingAgentId);
  return E.right([{ type: "ContactAdded", at, by, contact: { ...contact, grants: [...contact.grants] }, rules }]);
}

/** Imports a list of contacts as one batch: each row is created, matched (LIF-1) or refused with its reason (ASG-6). */
function importContacts(
  state: State,
  actor: User,
  command: Extract<ContactCommand, { type: "importContacts" }>,
): Decision {
  const { at, actor: by } = command;
  const allowed = requireStaff(actor, "importContacts");
  if (E.isLeft(allowed)) return allowed;
  const events: ContactEvent[] = [];
  // D-183: a chunk numbers its rows from `firstRow`; it sees earlier chunks' contacts as every import sees contacts.
  const first = command.firstRow ?? 0;
  const dedup = new Deduplicator(state, actor);
  const phones = new Map<string, string | null>();
  const country = state.configuration.defaultPhoneCountry;
  const created = new Set<string>();
  let matchedRows = 0;
  command.rows.forEach((row, index) => {
    const details = normalizeDetails(row.details, country, phones);
    const keys = dedup.keysOf(command.account, details);
    const match = dedup.find(command.account, details, keys);
    if (match !== null) {
      events.push(matched(dedup, command, match, details, first + index, row.contactId, "import"));
      matchedRows++;
      return;
    }
    if (created.has(row.contactId) || has(state.contacts, row.contactId)) {
      const { code, rule, message } = idTaken(row.contactId);
      events.push({
        type: "ImportRowRefused",
        at,
        by,
        row: first + index,
        contactId: row.contactId,
        code,
        rule,
        message,
      });
      return;
    }
    const { contact, rules } = newContact(state, command, row.contactId, details, "import", by);
    dedup.remember(contact, keys);
    created.add(contact.id);
    events.push({ type: "ContactAdded", at, by, contact: { ...contact, grants: [...contact.grants] }, rules });
  });
  const refused = command.rows.length - created.size - matchedRows;
  events.push({
    type: "ContactsImported",
    at,
    by,
    account: command.account,
    created: created.size,
    matched: matchedRows,
    refused,
    ...(command.firstRow === undefined ? {} : { firstRow: command.firstRow }),
  });
  return E.right(events);
}

/** Gives a user view, shared or full access (ASG-2, REA-4, ACC-5), within what the actor may grant (SEC-1). */
function grantAccess(state: State, actor: User, command: Extract<ContactCommand, { type: "grantAccess" }>): Decision {
  const { at, actor: by } = command;
  const reached = enterContact(state, actor, command.account, command.contactId);
  if (E.isLeft(reached)) return reached;
  const facts = requirePermit(
    reached.right,
    grantAuthority(state, reached.right.contact, command.userId, command.level),
  );
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  const target = assignableUser(state, contact.account, command.userId);
  if (E.isLeft(target)) return target;
  if (contact.primary === command.userId) {
    return E.left(
      domainError("already_primary", "ASG-1", `${command.userId} is the primary and already has full access`),
    );
  }
  if (heldRank(contact, command.userId) === OWNS)
    return E.left(domainError("no_change", "input", `${command.userId} owns the contact`));
  const previous = contact.grants.find((g) => g.userId === command.userId)?.level ?? null;
  if (previous === command.level)
    return E.left(domainError("no_change", "input", `${command.userId} already holds ${command.level}`));
  const rule: RuleId = isOfficeAdmin(actor) ? "REA-4" : command.account.kind === "personal" ? "ACC-5" : "ASG-2";
  return E.right([
    {
      type: "AccessGranted",
      at,
      by,
      contactId: contact.id,
      userId: command.userId,
      level: command.level,
      previous,
      rule,
    },
  ]);
}

/** Takes a grant away (REA-3); never the primary's access or an admin's. */
function revokeAccess(state: State, actor: User, command: Extract<ContactCommand, { type: "revokeAccess" }>): Decision {
  const { at, actor: by } = command;
  const reached = enterContact(state, actor, command.account, command.contactId);
  if (E.isLeft(reached)) return reached;
  const held = reached.right.contact.grants.find((g) => g.userId === command.userId);
  const facts = requirePermit(
    reached.right,
    held === undefined ? "manageAccess" : grantAuthority(state, reached.right.contact, held.userId, held.level),
  );
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  if (contact.primary === command.userId) {
    return E.left(
      domainError(
        "cannot_revoke_primary",
        "REA-3",
        `${command.userId} is the assigned primary; reassign the primary instead`,
      ),
    );
  }
  const target = get(state.users, command.userId);
  if (target !== undefined && isOfficeAdmin(target)) {
    return E.left(
      domainError(
        "cannot_revoke_admin",
        "REA-3",
        `${command.userId} is an office admin; admin access cannot be revoked`,
      ),
    );
  }
  const grant = contact.grants.find((g) => g.userId === command.userId);
  if (grant === undefined)
    return E.left(domainError("not_assigned", "REA-3", `${command.userId} holds no grant on contact ${contact.id}`));
  return E.right([
    {
      type: "AccessRevoked",
      at,
      by,
      contactId: contact.id,
      userId: command.userId,
      level: grant.level,
      rule: "REA-3",
    },
  ]);
}

/** Sets, hands on or clears the contact's primary (ASG-1, ASG-4, REA-1). */
function changePrimary(
  state: State,
  actor: User,
  command: Extract<ContactCommand, { type: "changePrimary" }>,
): Decision {
  const { at, actor: by } = command;
  const facts = permitted(state, actor, command.account, command.contactId, "changePrimary");
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  if (contact.primary === command.userId)
    return E.left(domainError("no_change", "input", `${command.userId ?? "nobody"} is already the primary`));
  if (command.userId !== null) {
    const target = assignableUser(state, contact.account, command.userId);
    if (E.isLeft(target)) return target;
  }
  // REA-1: handing the contact to another agent revokes the previous one unless configured to keep them; one who
  // owns the contact keeps the owner's access, which only a change of owner takes away (ACC-3, D-63).
  const reassigning = contact.primary !== null && command.userId !== null;
  const previousKeeps = previousAccess(contact, contact.primary, reassigning && state.configuration.revokeOnReassign);
  return E.right([
    {
      type: "PrimaryChanged",
      at,
      by,
      contactId: contact.id,
      from: contact.primary,
      to: command.userId,
      previousKeeps,
      rule: reassigning ? "REA-1" : "ASG-4",
    },
  ]);
}

/** The actor steps off a contact: as its primary, or by giving up their grant (ASG-5). */
function unassignSelf(state: State, actor: User, command: Extract<ContactCommand, { type: "unassignSelf" }>): Decision {
  const { at, actor: by } = command;
  const facts = permitted(state, actor, command.account, command.contactId, "unassignSelf");
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  if (contact.primary === by) {
    return E.right([
      {
        type: "PrimaryChanged",
        at,
        by,
        contactId: contact.id,
        from: by,
        to: null,
        previousKeeps: previousAccess(contact, by, true),
        rule: "ASG-5",
      },
    ]);
  }
  const level = facts.right.grant ?? "view";
  return E.right([{ type: "AccessRevoked", at, by, contactId: contact.id, userId: by, level, rule: "ASG-5" }]);
}

/** Hands the contact to another owner inside its account (ACC-3, ACC-6, SHR-8). */
function changeOwner(state: State, actor: User, command: Extract<ContactCommand, { type: "changeOwner" }>): Decision {
  const { at, actor: by } = command;
  const facts = permitted(
    state,
    actor,
    command.account,
    command.contactId,
    "changeOwner",
    state.configuration.loansBlockOwnerChange ? "SHR-8" : null,
  );
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  const to = command.owner;
  if (to.kind === "team") {
    if (contact.account.kind !== "team" || to.teamId !== contact.account.teamId) {
      const owners =
        contact.account.kind === "team" ? `only team ${contact.account.teamId} can own it` : "no team can own it";
      return E.left(
        domainError("wrong_account", "ACC-6", `the contact is in the ${describeAccount(contact.account)}: ${owners}`),
      );
    }
  } else {
    const target = assignableUser(state, contact.account, to.userId);
    if (E.isLeft(target)) return target;
  }
  const from = contact.owner;
  const same =
    from.kind === to.kind &&
    (from.kind === "team"
      ? to.kind === "team" && from.teamId === to.teamId
      : to.kind === "user" && from.userId === to.userId);
  if (same) return E.left(domainError("no_change", "input", "the contact already has that owner"));
  return E.right([{ type: "OwnershipChanged", at, by, contactId: contact.id, from, to, rule: "ACC-3" }]);
}

/** Adds an existing contact to a listing as feedback or an enquiry (ASG-3, ASG-8). */
function linkToListing(
  state: State,
  actor: User,
  command: Extract<ContactCommand, { type: "linkToListing" }>,
): Decision {
  const { at, actor: by } = command;
  const facts = permitted(state, actor, command.account, command.contactId, "linkToListing");
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  const agentId = command.listingAgentId ?? by;
  if (
    agentId !== by &&
    !isOfficeAdmin(actor) &&
    facts.right.memberLevel !== "enhanced" &&
    facts.right.memberLevel !== "unlimited"
  ) {
    return E.left(
      notPermitted("ASG-3", `${by} may link the contact only to their own listings`, {
        action: "linkToOthersListing",
        contactId: contact.id,
      }),
    );
  }
  const agent = assignableUser(state, contact.account, agentId);
  if (E.isLeft(agent)) return agent;
  const events: ContactEvent[] = [
    {
      type: "ContactLinkedToListing",
      at,
      by,
      contactId: contact.id,
      listingId: command.listingId,
      listingAgentId: agentId,
      kind: command.kind,
    },
  ];
  // ASG-8 gives `full` only where the linker may grant it (SEC-1); otherwise the listing agent is given `view`.
  const configured = state.configuration.listingAgentAccessOnExistingEnquiry;
  const level =
    configured === "full" && !permits(facts.right, grantAuthority(state, contact, agentId, "full"))
      ? "view"
      : configured;
  if (heldRank(contact, agentId) < RANK[level]) {
    const previous = contact.grants.find((g) => g.userId === agentId)?.level ?? null;
    events.push({
      type: "AccessGranted",
      at,
      by,
      contactId: contact.id,
      userId: agentId,
      level,
      previous,
      rule: "ASG-8",
    });
  }
  return E.right(events);
}

/** Sets the contact's lead status from the fixed list; needs `edit` (seed 003). */
function setLeadStatus(
  state: State,
  actor: User,
  command: Extract<ContactCommand, { type: "setLeadStatus" }>,
): Decision {
  const { at, actor: by } = command;
  const facts = permitted(state, actor, command.account, command.contactId, "edit");
  if (E.isLeft(facts)) return facts;
  const from = leadStatusOf(facts.right.contact);
  if (from === command.status)
    return E.left(domainError("no_change", "input", `contact ${command.contactId} is already ${from}`));
  return E.right([
    {
      type: "LeadStatusChanged",
      at,
      by,
      contactId: command.contactId,
      from,
      to: command.status,
      rule: ruleOfAction(facts.right, "edit"),
    },
  ]);
}

/** Deletes the contact for everyone who had it, with its enrolments, applet links and assets (SHR-7, AST-3). */
function deleteContact(
  state: State,
  actor: User,
  command: Extract<ContactCommand, { type: "deleteContact" }>,
): Decision {
  const { at, actor: by } = command;
  const facts = permitted(state, actor, command.account, command.contactId, "delete", "SHR-7");
  if (E.isLeft(facts)) return facts;
  return E.right([
    ...endEnrolments(state, command, command.contactId, "SHR-7"),
    ...endAppletLinks(state, command, command.contactId, "SHR-7"),
    // AST-3, D-131: its tags, field values and lead source end with it, one event each.
    ...endAssetLinks(state, command, command.contactId, "SHR-7"),
    { type: "ContactDeleted", at, by, contactId: command.contactId, rule: ruleOfAction(facts.right, "delete") },
  ]);
}

type EditCommand = Extract<ContactCommand, { type: "editContact" | "addContactPoint" | "removeContactPoint" }>;
type DetailField = "name" | "emails" | "phones" | "leadSource";
const DETAIL_FIELDS: readonly DetailField[] = ["name", "emails", "phones", "leadSource"];
/** ContactDetails holds at most this many emails and as many phones. */
const MAX_POINTS = 20;

/** The details a command asks for, before they are normalised like an added contact's (LIF-6). */
function requestedDetails(
  current: ContactDetails,
  command: EditCommand,
  defaultCountry: string,
): E.Either<DomainError, ContactDetails> {
  if (command.type === "editContact") {
    const { name, emails, phones, leadSource } = command.changes;
    const next: ContactDetails = { ...current, name: name ?? current.name };
    if (emails !== undefined) next.emails = emails;
    if (phones !== undefined) next.phones = phones;
    if (leadSource === null) delete next.leadSource;
    else if (leadSource !== undefined) next.leadSource = leadSource;
    return E.right(next);
  }
  const { kind, value } = command.point;
  const field = kind === "email" ? "emails" : "phones";
  const have = current[field] ?? [];
  // Matched as deduplication matches: an email by its key, a phone by its stored form (E.164 when valid).
  const key = (v: string): string => (kind === "email" ? emailKey(v) : (normalizePhone(v, defaultCountry) ?? v.trim()));
  const present = have.some((v) => key(v) === key(value));
  if (command.type === "addContactPoint") {
    if (key(value) === "")
      return E.left(invalidInput(`command.point.value: an empty ${kind} cannot be added`, ["point", "value"]));
    if (present)
      return E.left(
        domainError("no_change", "input", `contact ${command.contactId} already has the ${kind} ${value.trim()}`),
      );
    if (have.length >= MAX_POINTS)
      return E.left(invalidInput(`command.point: a contact holds at most ${MAX_POINTS} ${field}`, ["point"]));
    return E.right({ ...current, [field]: [...have, value] });
  }
  if (!present)
    return E.left(
      domainError("item_not_found", "input", `contact ${command.contactId} has no ${kind} ${value.trim()}`),
    );
  const kept = have.filter((v) => key(v) !== key(value));
  const next: ContactDetails = { ...current, [field]: kept };
  if (kept.length === 0) delete next[field];
  return E.right(next);
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);

/**
 * Editing a contact's details (seed 002, seed 003): `edit` access — full access with the staff card's edit
 * permission (ASG-2); view only (ASG-3) and shared (SHR-1) cannot — on a contact the actor reaches (ACC-5, ACC-6),
 * not frozen (LIF-7). Details are stored as an added contact's are (LIF-6); the dedup index follows them (LIF-1);
 * opt-outs stay with the address, not the contact (LIF-3, LIF-4).
 */
function decideEdit(state: State, actor: User, command: EditCommand): Decision {
  const facts = permitted(state, actor, command.account, command.contactId, "edit");
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  const requested = requestedDetails(contact.details, command, state.configuration.defaultPhoneCountry);
  if (E.isLeft(requested)) return requested;
  const details = normalizeDetails(requested.right, state.configuration.defaultPhoneCountry);
  const before = contact.details;
  const changed = DETAIL_FIELDS.filter((f) =>
    f === "emails" || f === "phones" ? !sameList(before[f], details[f]) : before[f] !== details[f],
  );
  if (changed.length === 0)
    return E.left(domainError("no_change", "input", `contact ${contact.id} already has these details`));
  return E.right([
    {
      type: "ContactEdited",
      at: command.at,
      by: command.actor,
      contactId: contact.id,
      details,
      changed,
      rule: ruleOfAction(facts.right, "edit"),
    },
  ]);
}

/** A caller-chosen id already in use: refused without naming anything about whatever holds it (SEC-2). */
function idTaken(contactId: string): DomainError {
  return domainError("contact_exists", "input", `contact id ${contactId} is already taken`);
}

/** LIF-1: the row or API add updates the contact it matched with the emails and phones it lacks. */
function matched(
  dedup: Deduplicator,
  command: { actor: string; at: string; account: AccountRef },
  match: Match,
  details: ContactDetails,
  row: number | null,
  requestedId: string,
  channel: "import" | "api",
): ContactEvent {
  const added = additions(dedup.detailsOf(match.contactId) ?? { name: details.name }, details);
  dedup.rememberMatch(command.account, match.contactId, added);
  return {
    type: "ContactMatched",
    at: command.at,
    by: command.actor,
    contactId: match.contactId,
    requestedId,
    row,
    matchedOn: match.matchedOn,
    added,
    channel,
  };
}

function permitted(
  state: State,
  actor: User,
  account: AccountRef,
  contactId: string,
  action: Parameters<typeof requirePermit>[1],
  loanRule: "SHR-7" | "SHR-8" | null = null,
): E.Either<DomainError, Facts> {
  const facts = enterContact(state, actor, account, contactId);
  if (E.isLeft(facts)) return facts;
  // Told only to whom the loan alone stops (SEC-2, SEC-4); anyone else gets the refusal they would get without it.
  if (loanRule !== null && (action === "delete" || action === "changeOwner") && loanBlocks(facts.right, action)) {
    return E.left(
      domainError("contact_on_loan", loanRule, `contact ${contactId} is a participant on one or more loans`),
    );
  }
  return requirePermit(facts.right, action);
}

/**
 * ACC-7: personal → team (the agent is a member; they stay owner and primary) or team → the owner's personal
 * account (they become primary). Grants, and a primary other than the agent, end with an event each.
 */
function moveContact(state: State, actor: User, command: Extract<ContactCommand, { type: "moveContact" }>): Decision {
  const { at, actor: by } = command;
  const facts = permitted(state, actor, command.account, command.contactId, "move");
  if (E.isLeft(facts)) return facts;
  const contact = facts.right.contact;
  const to = command.to;
  if (contact.account.kind === "personal") {
    if (to.kind !== "team")
      return E.left(domainError("wrong_account", "ACC-7", "a personal-account contact moves to a team account"));
    const team = get(state.teams, to.teamId);
    if (team === undefined || memberOf(team, by) === undefined) {
      return E.left(domainError("not_team_member", "ACC-7", `${by} is not a member of team ${to.teamId}`));
    }
  } else if (to.kind !== "personal" || to.userId !== by) {
    return E.left(
      domainError("wrong_account", "ACC-7", "a team-account contact moves to its owner's own personal account"),
    );
  }
  const events: (ContactEvent | SmartPlanEvent | AppletEvent | AssetEvent)[] = [
    ...endEnrolments(state, command, contact.id, "ACC-7"),
    ...endAppletLinks(state, command, contact.id, "ACC-7"),
    ...endAssetLinks(state, command, contact.id, "ACC-7"),
  ];
  for (const g of contact.grants) {
    if (g.userId === by) continue; // the mover's own grant gives way to being primary below
    events.push({
      type: "AccessRevoked",
      at,
      by,
      contactId: contact.id,
      userId: g.userId,
      level: g.level,
      rule: "ACC-7",
    });
  }
  if (contact.primary !== by) {
    events.push({
      type: "PrimaryChanged",
      at,
      by,
      contactId: contact.id,
      from: contact.primary,
      to: by,
      previousKeeps: "none",
      rule: "ACC-7",
    });
  }
  events.push({
    type: "ContactMoved",
    at,
    by,
    contactId: contact.id,
    from: contact.account,
    to,
    owner: { kind: "user", userId: by },
  });
  return E.right(events);
}
