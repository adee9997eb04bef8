import { freeze, produce } from "immer";
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

function updateUser(
  state: State,
  userId: string,
  recipe: (draft: { -readonly [K in keyof User]: User[K] }) => void,
): State {
  const user = get(state.users, userId);
  return user === undefined ? state : withUser(state, produce(user, recipe));
}

function withTeam(state: State, team: Team): State {
  return Object.freeze({ ...state, teams: set(state.teams, team.id, team) });
}

function joinTeam(state: State, team: Team, member: TeamMember): State {
  const members = [...team.members.filter((m) => m.userId !== member.userId), member].sort((a, b) =>
    a.userId < b.userId ? -1 : 1,
  );
  const teams = [...(get(state.teamsOfUser, member.userId) ?? []).filter((t) => t !== team.id), team.id].sort();
  const next = withTeam(
    state,
    produce(team, (d) => void (d.members = members)),
  );
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
        produce(admin, () => {}),
      );
    }
    case "UserRegistered":
      return withUser(
        state,
        produce(
          {
            id: event.userId,
            name: event.name,
            status: "active",
            officeRole: event.officeRole,
            permissions: event.permissions,
          } as User,
          () => {},
        ),
      );
    case "StaffPermissionsChanged":
      return updateUser(state, event.userId, (d) => void (d.permissions = event.permissions));
    case "OfficeRoleChanged":
      return updateUser(state, event.userId, (d) => void (d.officeRole = event.officeRole));
    case "UserDeactivated":
      return updateUser(state, event.userId, (d) => void (d.status = "deactivated"));
    case "UserReactivated":
      return updateUser(state, event.userId, (d) => void (d.status = "active"));
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
        produce(team, (d) => {
          for (const m of d.members) if (m.userId === event.userId) m.level = event.level;
        }),
      );
    }
    case "TeamMemberRemoved": {
      const team = get(state.teams, event.teamId);
      if (team === undefined) return state;
      const next = withTeam(
        state,
        produce(team, (d) => void (d.members = d.members.filter((m) => m.userId !== event.userId))),
      );
      const teams = (get(next.teamsOfUser, event.userId) ?? []).filter((t) => t !== event.teamId);
      return Object.freeze({ ...next, teamsOfUser: set(next.teamsOfUser, event.userId, Object.freeze(teams)) });
    }
  }
}
