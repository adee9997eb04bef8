import * as E from "../either.js";
import { get, keys } from "../collections/persistent-map.js";
import type { ContactEvent } from "../contacts/events.js";
import { domainError, notPermitted, type DomainError } from "../errors.js";
import type { State } from "../state.js";
import { actingOfficeAdmin, actingUser, activeUser, enterAccount } from "./actor.js";
import type { AccountCommand } from "./commands.js";
import type { AccountEvent } from "./events.js";
import {
  DEFAULT_STAFF_PERMISSIONS,
  defaultLevelFor,
  isOfficeAdmin,
  memberOf,
  withPermissions,
  type Team,
  type User,
} from "./model.js";

type Decision = E.Either<DomainError, readonly (AccountEvent | ContactEvent)[]>;

const noChange = (message: string): Decision => E.left(domainError("no_change", "input", message));

/** Office admins, the team's rainmaker and its `unlimited` members run the team. */
function leads(actor: User, team: Team): boolean {
  return isOfficeAdmin(actor) || team.rainmakerId === actor.id || memberOf(team, actor.id)?.level === "unlimited";
}

function activeAdminCount(state: State, except: string): number {
  let n = 0;
  for (const id of state.officeAdmins) if (id !== except && get(state.users, id)?.status === "active") n++;
  return n;
}

export function decideAccounts(state: State, command: AccountCommand): Decision {
  const { at, actor: by } = command;
  switch (command.type) {
    case "openOffice": {
      if (state.office !== null)
        return E.left(domainError("office_already_open", "office", "the office is already open"));
      return E.right([
        {
          type: "OfficeOpened",
          at,
          by,
          officeId: command.officeId,
          officeName: command.officeName,
          adminId: by,
          adminName: command.adminName,
        },
      ]);
    }
    case "registerUser": {
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      if (get(state.users, command.userId) !== undefined) {
        return E.left(domainError("user_exists", "office", `user ${command.userId} is already registered`));
      }
      const permissions = withPermissions(DEFAULT_STAFF_PERMISSIONS, command.permissions ?? {});
      const officeRole = command.officeRole ?? "staff";
      return E.right([
        { type: "UserRegistered", at, by, userId: command.userId, name: command.name, officeRole, permissions },
      ]);
    }
    case "changeStaffPermissions": {
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      const user = get(state.users, command.userId);
      if (user === undefined) return E.left(domainError("user_not_found", "office", `no user ${command.userId}`));
      const permissions = withPermissions(user.permissions, command.permissions);
      const flags = new Set([...Object.keys(permissions), ...Object.keys(user.permissions)]) as Set<
        keyof typeof permissions
      >;
      const same = [...flags].every((k) => permissions[k] === user.permissions[k]);
      if (same) return noChange(`${command.userId} already has these staff permissions`);
      return E.right([{ type: "StaffPermissionsChanged", at, by, userId: command.userId, permissions }]);
    }
    case "changeOfficeRole": {
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      const user = get(state.users, command.userId);
      if (user === undefined) return E.left(domainError("user_not_found", "office", `no user ${command.userId}`));
      if (user.officeRole === command.officeRole) return noChange(`${command.userId} is already ${command.officeRole}`);
      if (command.officeRole === "staff" && activeAdminCount(state, user.id) === 0) {
        return E.left(domainError("last_office_admin", "office", "the office must keep one active admin"));
      }
      return E.right([{ type: "OfficeRoleChanged", at, by, userId: command.userId, officeRole: command.officeRole }]);
    }
    case "deactivateUser": {
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      const user = activeUser(state, command.userId);
      if (E.isLeft(user)) return user;
      if (isOfficeAdmin(user.right) && activeAdminCount(state, user.right.id) === 0) {
        return E.left(domainError("last_office_admin", "office", "the office must keep one active admin"));
      }
      return E.right([{ type: "UserDeactivated", at, by, userId: command.userId }]);
    }
    case "reactivateUser": {
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      const user = get(state.users, command.userId);
      if (user === undefined) return E.left(domainError("user_not_found", "office", `no user ${command.userId}`));
      if (user.status === "active") return noChange(`${command.userId} is already active`);
      return E.right([{ type: "UserReactivated", at, by, userId: command.userId }]);
    }
    case "changeConfiguration": {
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      // Every user the configuration names is registered, so no name waits to become access when someone registers it (SEC-7).
      const named = command.configuration.leadSourceShares.flatMap((share) => share.userIds);
      if (command.configuration.newsletterFallback.kind === "agent")
        named.push(command.configuration.newsletterFallback.userId);
      const unknown = named.find((userId) => get(state.users, userId) === undefined);
      if (unknown !== undefined)
        return E.left(
          domainError(
            "user_not_found",
            "office",
            `the configuration names ${unknown}, who is not a user of this office`,
          ),
        );
      return E.right([{ type: "ConfigurationChanged", at, by, configuration: command.configuration }]);
    }
    case "createTeam": {
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      if (get(state.teams, command.teamId) !== undefined) {
        return E.left(domainError("team_exists", "office", `team ${command.teamId} already exists`));
      }
      const rainmaker = activeUser(state, command.rainmakerId);
      if (E.isLeft(rainmaker)) return rainmaker;
      return E.right([
        { type: "TeamCreated", at, by, teamId: command.teamId, name: command.name, rainmakerId: command.rainmakerId },
      ]);
    }
    case "addTeamMember": {
      const led = leadingTeam(state, by, command.account.teamId);
      if (E.isLeft(led)) return led;
      const user = activeUser(state, command.userId);
      if (E.isLeft(user)) return user;
      if (memberOf(led.right, command.userId) !== undefined) {
        return E.left(
          domainError("already_team_member", "ACC-1", `${command.userId} is already in team ${led.right.id}`),
        );
      }
      const level = command.level ?? defaultLevelFor(command.role);
      return E.right([
        { type: "TeamMemberAdded", at, by, teamId: led.right.id, userId: command.userId, role: command.role, level },
      ]);
    }
    case "changeMemberLevel": {
      const led = leadingTeam(state, by, command.account.teamId);
      if (E.isLeft(led)) return led;
      const member = memberOf(led.right, command.userId);
      if (member === undefined) {
        return E.left(domainError("not_team_member", "ACC-9", `${command.userId} is not in team ${led.right.id}`));
      }
      if (member.role === "rainmaker" && command.level !== "unlimited") {
        return E.left(domainError("rainmaker_always_unlimited", "ACC-9", "the rainmaker's level is always unlimited"));
      }
      if (member.level === command.level) return noChange(`${command.userId} is already ${command.level}`);
      return E.right([
        { type: "MemberLevelChanged", at, by, teamId: led.right.id, userId: command.userId, level: command.level },
      ]);
    }
    case "removeTeamMember":
      return decideLeaving(state, command);
  }
}

/** The actor acts in the team's account (ACC-1) and leads the team. */
function leadingTeam(state: State, actorId: string, teamId: string): E.Either<DomainError, Team> {
  const actor = actingUser(state, actorId);
  if (E.isLeft(actor)) return actor;
  const team = enterAccount(state, actor.right, { kind: "team", teamId });
  if (E.isLeft(team)) return team;
  if (team.right === null || !leads(actor.right, team.right)) {
    return E.left(
      notPermitted("ACC-9", `${actorId} does not lead team ${teamId} (rainmaker, unlimited member or office admin)`, {
        action: "manageTeam",
        contactId: null,
      }),
    );
  }
  return E.right(team.right);
}

/**
 * ACC-10: the member loses access to team-account contacts they own, are primary on or hold a grant on;
 * each loss is an event and nothing is deleted. Contacts they moved to their personal account stay theirs.
 */
function decideLeaving(state: State, command: Extract<AccountCommand, { type: "removeTeamMember" }>): Decision {
  const { at, actor: by } = command;
  const teamId = command.account.teamId;
  const actor = actingUser(state, by);
  if (E.isLeft(actor)) return actor;
  const team = enterAccount(state, actor.right, command.account);
  if (E.isLeft(team) || team.right === null)
    return E.isLeft(team) ? team : E.left(domainError("team_not_found", "ACC-1", teamId));
  const leaving = command.userId === by;
  if (!leaving && !leads(actor.right, team.right)) {
    return E.left(
      notPermitted("ACC-10", `${by} does not lead team ${teamId} and may only remove themselves`, {
        action: "manageTeam",
        contactId: null,
      }),
    );
  }
  const member = memberOf(team.right, command.userId);
  if (member === undefined)
    return E.left(domainError("not_team_member", "ACC-10", `${command.userId} is not in team ${teamId}`));
  if (member.role === "rainmaker") {
    return E.left(domainError("rainmaker_cannot_leave", "ACC-10", "the rainmaker cannot leave the team they lead"));
  }
  // LIF-7: a deactivated user's contacts are not acted on until they are reactivated — leaving the team included.
  if (get(state.users, command.userId)?.status === "deactivated") {
    return E.left(
      domainError(
        "user_deactivated",
        "LIF-7",
        `${command.userId} is deactivated: reactivate them before removing them from team ${teamId}`,
      ),
    );
  }
  const events: (AccountEvent | ContactEvent)[] = [];
  const mine = get(state.contactsByUser, command.userId);
  if (mine !== undefined) {
    // In contact-id order, so that equal states (however they were built) emit the same events in the same order.
    for (const contactId of keys(mine).sort()) {
      const contact = get(state.contacts, contactId);
      if (contact === undefined || contact.account.kind !== "team" || contact.account.teamId !== teamId) continue;
      const userId = command.userId;
      if (contact.owner.kind === "user" && contact.owner.userId === userId) {
        events.push({
          type: "OwnershipChanged",
          at,
          by,
          contactId,
          from: contact.owner,
          to: { kind: "team", teamId },
          rule: "ACC-10",
        });
      }
      if (contact.primary === userId) {
        events.push({
          type: "PrimaryChanged",
          at,
          by,
          contactId,
          from: userId,
          to: null,
          previousKeeps: "none",
          rule: "ACC-10",
        });
      }
      for (const g of contact.grants) {
        if (g.userId === userId)
          events.push({ type: "AccessRevoked", at, by, contactId, userId, level: g.level, rule: "ACC-10" });
      }
    }
  }
  events.push({ type: "TeamMemberRemoved", at, by, teamId, userId: command.userId });
  return E.right(events);
}
