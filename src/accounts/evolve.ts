import { freeze } from "immer";
import { get, set } from "../collections/persistent-map.js";
import type { State } from "../state.js";
import type { AccountEvent } from "./events.js";
import { DEFAULT_STAFF_PERMISSIONS, isOfficeAdmin, type Team, type TeamMember, type User } from "./model.js";

function withUser(state: State, user: User): State {
  const admins = state.officeAdmins.filter((id) => id !== user.id);
  if (isOfficeAdmin(user)) admins.push(user.id);
  admins.sort();
  const inactive = state.deactivatedUsers.filter((id) => id !== user.id);
  if (user.status === "deactivated") inactive.push(user.id);
  inactive.sort();
  return Object.freeze({
    ...state,
    users: set(state.users, user.id, user),
    officeAdmins: Object.freeze(admins),
    deactivatedUsers: Object.freeze(inactive),
  });
}

/** The user with some fields changed; a new frozen record over the old one's frozen parts (D-174). */
function updateUser(state: State, userId: string, changes: Partial<User>): State {
  const user = get(state.users, userId);
  return user === undefined ? state : withUser(state, Object.freeze({ ...user, ...changes }));
}

/** Staff permissions as an event carries them, copied and frozen for the state (D-174). */
const ownPermissions = (permissions: User["permissions"]): User["permissions"] =>
  freeze(structuredClone(permissions), true);

/** The team with a new list of members, frozen (the members are frozen when made). */
const withMembers = (team: Team, members: readonly TeamMember[]): Team =>
  Object.freeze({ ...team, members: Object.freeze(members) });

function withTeam(state: State, team: Team): State {
  return Object.freeze({ ...state, teams: set(state.teams, team.id, team) });
}

function joinTeam(state: State, team: Team, member: TeamMember): State {
  const members = [...team.members.filter((m) => m.userId !== member.userId), Object.freeze(member)].sort((a, b) =>
    a.userId < b.userId ? -1 : 1,
  );
  const teams = [...(get(state.teamsOfUser, member.userId) ?? []).filter((t) => t !== team.id), team.id].sort();
  const next = withTeam(state, withMembers(team, members));
  return Object.freeze({ ...next, teamsOfUser: set(next.teamsOfUser, member.userId, Object.freeze(teams)) });
}

/** Applies one office, user or team event. */
export function evolveAccounts(state: State, event: AccountEvent): State {
  switch (event.type) {
    case "OfficeOpened": {
      const admin: User = {
        id: event.adminId,
        name: event.adminName,
        status: "active",
        officeRole: "admin",
        permissions: DEFAULT_STAFF_PERMISSIONS,
      };
      return withUser(
        Object.freeze({ ...state, office: Object.freeze({ id: event.officeId, name: event.officeName }) }),
        Object.freeze(admin),
      );
    }
    case "UserRegistered":
      return withUser(
        state,
        Object.freeze({
          id: event.userId,
          name: event.name,
          status: "active",
          officeRole: event.officeRole,
          permissions: ownPermissions(event.permissions),
        }),
      );
    case "StaffPermissionsChanged":
      return updateUser(state, event.userId, { permissions: ownPermissions(event.permissions) });
    case "OfficeRoleChanged":
      return updateUser(state, event.userId, { officeRole: event.officeRole });
    case "UserDeactivated":
      return updateUser(state, event.userId, { status: "deactivated" });
    case "UserReactivated":
      return updateUser(state, event.userId, { status: "active" });
    case "ConfigurationChanged":
      return Object.freeze({ ...state, configuration: freeze(structuredClone(event.configuration), true) });
    case "TeamCreated": {
      const team: Team = { id: event.teamId, name: event.name, rainmakerId: event.rainmakerId, members: [] };
      return joinTeam(state, team, { userId: event.rainmakerId, role: "rainmaker", level: "unlimited" });
    }
    case "TeamMemberAdded": {
      const team = get(state.teams, event.teamId);
      return team === undefined
        ? state
        : joinTeam(state, team, { userId: event.userId, role: event.role, level: event.level });
    }
    case "MemberLevelChanged": {
      const team = get(state.teams, event.teamId);
      if (team === undefined) return state;
      return withTeam(
        state,
        withMembers(
          team,
          team.members.map((m) => (m.userId === event.userId ? Object.freeze({ ...m, level: event.level }) : m)),
        ),
      );
    }
    case "TeamMemberRemoved": {
      const team = get(state.teams, event.teamId);
      if (team === undefined) return state;
      const next = withTeam(
        state,
        withMembers(
          team,
          team.members.filter((m) => m.userId !== event.userId),
        ),
      );
      const teams = (get(next.teamsOfUser, event.userId) ?? []).filter((t) => t !== event.teamId);
      return Object.freeze({ ...next, teamsOfUser: set(next.teamsOfUser, event.userId, Object.freeze(teams)) });
    }
  }
}
