/**
 * The accounts slice: the office, its users and teams. One handler per command type and one evolver per event type;
 * `decider.ts` joins the slices and the compiler checks that none is missing (docs/architecture.md).
 */
import type { EventsOf, Evolvers, Handlers } from "../router.js";
import type { AccountCommand } from "./commands.js";
import { decideAccounts } from "./decide.js";
import type { AccountEvent } from "./events.js";
import { evolveAccounts } from "./evolve.js";

/** Every account command, routed to the handler that decides it. */
export const accountHandlers: Handlers<AccountCommand, EventsOf<typeof decideAccounts>> = {
  openOffice: decideAccounts,
  registerUser: decideAccounts,
  changeStaffPermissions: decideAccounts,
  changeOfficeRole: decideAccounts,
  deactivateUser: decideAccounts,
  reactivateUser: decideAccounts,
  changeConfiguration: decideAccounts,
  createTeam: decideAccounts,
  addTeamMember: decideAccounts,
  changeMemberLevel: decideAccounts,
  removeTeamMember: decideAccounts,
};

/** Every account event, routed to the function that applies it. */
export const accountEvolvers: Evolvers<AccountEvent> = {
  OfficeOpened: evolveAccounts,
  UserRegistered: evolveAccounts,
  StaffPermissionsChanged: evolveAccounts,
  OfficeRoleChanged: evolveAccounts,
  UserDeactivated: evolveAccounts,
  UserReactivated: evolveAccounts,
  ConfigurationChanged: evolveAccounts,
  TeamCreated: evolveAccounts,
  TeamMemberAdded: evolveAccounts,
  MemberLevelChanged: evolveAccounts,
  TeamMemberRemoved: evolveAccounts,
};
