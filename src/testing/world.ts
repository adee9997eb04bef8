import fc from "fast-check";
import { DEFAULT_CONFIGURATION, type Configuration } from "../configuration/configuration.js";
import { PRESETS, type PresetName } from "../configuration/presets.js";
import type { Command } from "../decider.js";
import type { AccountRef } from "../wire.js";
import {
  arbitraryContactDetails,
  assetPopulation,
  commandTable,
  configurationOver,
  DRAWN_COMMAND_TYPES,
  runCommands,
  SETUP,
  STEP_TEMPLATES,
  UNIVERSE,
  type DrawnCommandType,
  type Ids,
} from "./arbitraries.js";
import type { GeneratedState } from "./format.js";

/** The roles a world's members hold (the library's `TeamRole`s it uses). */
export type WorldRole = "rainmaker" | "teamManager" | "transactionCoordinator" | "agent";

/** One membership of a world's layout. */
export interface WorldMember {
  readonly teamId: string;
  readonly userId: string;
  readonly role: WorldRole;
}

/** What a world is made of; every field optional. */
export interface WorldOptions {
  /** Users besides the admin, `u1` … `uN` (default 6). At least `teams`. */
  readonly users?: number;
  /** Teams `t1` … `tM` (default 2), at least 1; team `tj` is led by `uj` (the default layout is `SETUP`'s). */
  readonly teams?: number;
  /** Contact ids `c1` … `cK` (default 8), at least 1; the population adds about seven in eight of them. */
  readonly contacts?: number;
  /**
   * The configurations states are drawn under: one `Configuration`, a preset's name, `"any"` (every field and
   * every preset, naming the world's users), or an arbitrary of your own. Default: `DEFAULT_CONFIGURATION`.
   */
  readonly configuration?: Configuration | PresetName | "any" | fc.Arbitrary<Configuration>;
  /**
   * Weights by command type over `WORLD_WEIGHTS` (non-negative integers; 0 never draws the type). Only the types
   * of `DRAWN_COMMAND_TYPES`; `changeConfiguration` is 0 unless given.
   */
  readonly weights?: Partial<Record<DrawnCommandType, number>>;
  /** Whether states start with the population (default `true`); without it, only setup and the drawn commands. */
  readonly populate?: boolean;
}

/** A world: its ids and layout, and the arbitraries that act in it. */
export interface World {
  readonly admin: string;
  /** Users besides the admin. */
  readonly users: readonly string[];
  readonly teams: readonly string[];
  readonly contacts: readonly string[];
  /** Team plans `p1` … `pM`, then `p(M+1)`, the personal plan of the last user. */
  readonly plans: readonly string[];
  /** Every team membership, rainmakers first in each team. */
  readonly members: readonly WorldMember[];
  /** The account each contact id is added to by the population. */
  readonly homes: Readonly<Record<string, AccountRef>>;
  /** Opens the office, registers the users, builds the teams: every one accepted under any configuration. */
  readonly setup: readonly Command[];
  /** The command weights in force. */
  readonly weights: Readonly<Record<DrawnCommandType, number>>;
  /** The configurations of `options.configuration`. */
  configuration(): fc.Arbitrary<Configuration>;
  /** Commands that add most contacts to their homes and set up partnerships, plans, messaging and enrolments. */
  population(): fc.Arbitrary<Command[]>;
  /** One command by a member in one of their accounts, mostly on a contact of that account. */
  command(): fc.Arbitrary<Command>;
  /** Up to `maxLength` commands (default 40). */
  commands(maxLength?: number): fc.Arbitrary<Command[]>;
  /** A state: setup, population, then up to `maxCommands` drawn commands (default 40); prints as `describeRun`. */
  state(options?: {
    readonly maxCommands?: number;
    readonly configuration?: fc.Arbitrary<Configuration>;
  }): fc.Arbitrary<GeneratedState>;
}

/**
 * The default weights of a world's commands: the kit's command families, leaning to those the rules accept
 * from a member on a contact of their own account (grants, primaries, shares, the contact file, SmartPlans).
 */
export const WORLD_WEIGHTS: Readonly<Record<DrawnCommandType, number>> = Object.freeze({
  addContact: 2,
  importContacts: 1,
  grantAccess: 6,
  revokeAccess: 2,
  changePrimary: 4,
  unassignSelf: 1,
  changeOwner: 2,
  moveContact: 1,
  deleteContact: 1,
  shareContact: 3,
  assignToPartner: 1,
  startPartnership: 1,
  addLoan: 2,
  addNote: 3,
  changeMemberLevel: 1,
  removeTeamMember: 1,
  changeStaffPermissions: 1,
  deactivateUser: 1,
  reactivateUser: 1,
  changeOfficeRole: 1,
  reassignContacts: 1,
  unshareContact: 1,
  endPartnership: 1,
  archiveContact: 2,
  unarchiveContact: 1,
  recordOptOut: 1,
  recordOptIn: 1,
  linkToListing: 2,
  closeLoan: 1,
  addToGroup: 2,
  recordActivity: 2,
  addTask: 2,
  completeTask: 1,
  createSmartPlan: 1,
  setAgentDefaults: 1,
  setStepDesignee: 1,
  enrolContact: 3,
  unenrolContact: 1,
  runStep: 4,
  setMessagingPlan: 1,
  addTwilioCredits: 1,
  changeConfiguration: 0,
  editContact: 2,
  addContactPoint: 1,
  removeContactPoint: 1,
  setLeadStatus: 1,
  transferContacts: 1,
  assignContact: 1,
  receiveText: 1,
  createOpportunity: 2,
  updateOpportunity: 1,
  closeOpportunity: 1,
  deleteOpportunity: 1,
  createCampaign: 1,
  deleteCampaign: 1,
  addCampaignMember: 2,
  removeCampaignMember: 1,
  sendCampaign: 2,
  createAsset: 1,
  renameAsset: 1,
  deleteAsset: 1,
  tagContact: 3,
  untagContact: 1,
  setFieldValue: 2,
  clearFieldValue: 1,
  setLeadSource: 1,
  clearLeadSource: 1,
});

const AT = "2026-03-02T17:00:00Z";
const office = { kind: "office" } as const;
const team = (teamId: string) => ({ kind: "team", teamId }) as const;
const personal = (userId: string): AccountRef => ({ kind: "personal", userId });
const WORLD = Symbol.for("crm-access/testing/world");

/** The memberships of `SETUP`: t1 led by u1 (u2 TC, u3 and u4 agents, u5 manager), t2 led by u6 with u4. */
const SETUP_MEMBERS: readonly WorldMember[] = [
  { teamId: "t1", userId: "u1", role: "rainmaker" },
  { teamId: "t1", userId: "u2", role: "transactionCoordinator" },
  { teamId: "t1", userId: "u3", role: "agent" },
  { teamId: "t1", userId: "u4", role: "agent" },
  { teamId: "t1", userId: "u5", role: "teamManager" },
  { teamId: "t2", userId: "u6", role: "rainmaker" },
  { teamId: "t2", userId: "u4", role: "agent" },
];

const ROLES: readonly WorldRole[] = ["agent", "transactionCoordinator", "agent", "teamManager"];

/**
 * Team `tj` led by `uj`; the other users join the teams in turn as agent, transaction coordinator, agent, team
 * manager, …; every fourth of them also joins the next team as an agent (a member of two teams, as u4 in SETUP).
 */
function layout(users: readonly string[], teams: readonly string[]): readonly WorldMember[] {
  const rainmakers = teams.map((teamId, j) => ({ teamId, userId: users[j] as string, role: "rainmaker" as const }));
  const rest = users.slice(teams.length);
  const others: WorldMember[] = [];
  const cross: WorldMember[] = [];
  const sizes = teams.map(() => 0);
  rest.forEach((userId, k) => {
    const j = k % teams.length;
    const role = ROLES[(sizes[j] as number) % ROLES.length] as WorldRole;
    sizes[j] = (sizes[j] as number) + 1;
    others.push({ teamId: teams[j] as string, userId, role });
    if (teams.length > 1 && k % 4 === 3)
      cross.push({ teamId: teams[(j + 1) % teams.length] as string, userId, role: "agent" });
  });
  return teams.flatMap((teamId) => [...rainmakers, ...others, ...cross].filter((m) => m.teamId === teamId));
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min)
    throw new RangeError(`defineWorld: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  return n;
}

/** Whether `value` is a world made by `defineWorld`. */
export const isWorld = (value: unknown): value is World =>
  typeof value === "object" && value !== null && WORLD in value;

/**
 * A world of the size you ask, to draw states and commands in: `users` users besides the admin, `teams` teams,
 * `contacts` contact ids, one configuration or many, and command weights. Its states start with a population
 * that adds about seven contacts in eight, each to its home account, so states with hundreds of contacts are a
 * matter of `{ contacts: 300 }`; its commands are drawn by members in their own accounts, mostly on contacts of
 * that account, so most are accepted. `defineWorld()` is the default world: `UNIVERSE`'s ids and `SETUP`.
 * @example
 * import fc from "fast-check";
 * import { contactIds } from "crm-access";
 * import { defineWorld } from "crm-access/testing";
 * const world = defineWorld({ users: 12, teams: 3, contacts: 200, configuration: "any" });
 * fc.assert(fc.property(world.state({ maxCommands: 20 }), ({ state }) => contactIds(state).length <= 200), { numRuns: 3 });
 * @since 0.2.0
 */
export function defineWorld(options: WorldOptions = {}): World {
  const userCount = count("users", options.users, UNIVERSE.users.length, 1);
  const teamCount = count("teams", options.teams, UNIVERSE.teams.length, 1);
  const contactCount = count("contacts", options.contacts, UNIVERSE.contacts.length, 1);
  if (teamCount > userCount)
    throw new RangeError(
      `defineWorld: ${teamCount} teams need at least ${teamCount} users to lead them, got ${userCount}`,
    );
  const weights = { ...WORLD_WEIGHTS };
  for (const [type, weight] of Object.entries(options.weights ?? {})) {
    if (!(DRAWN_COMMAND_TYPES as readonly string[]).includes(type))
      throw new RangeError(`defineWorld: no weight for "${type}": the kit draws ${DRAWN_COMMAND_TYPES.join(", ")}`);
    if (!Number.isInteger(weight) || (weight as number) < 0)
      throw new RangeError(`defineWorld: the weight of ${type} must be a non-negative integer, got ${String(weight)}`);
    weights[type as DrawnCommandType] = weight as number;
  }
  if (Object.values(weights).every((w) => w === 0)) throw new RangeError("defineWorld: every command weight is 0");

  const standard = userCount === UNIVERSE.users.length && teamCount === UNIVERSE.teams.length;
  const admin = UNIVERSE.admin;
  const users = range("u", userCount);
  const teams = range("t", teamCount);
  const contacts = range("c", contactCount);
  const plans = range("p", teamCount + 1);
  const members = standard ? SETUP_MEMBERS : layout(users, teams);
  const rainmakerOf = (teamId: string) =>
    members.find((m) => m.teamId === teamId && m.role === "rainmaker")?.userId as string;
  const setup: readonly Command[] = standard
    ? SETUP
    : [
        {
          type: "openOffice",
          actor: admin,
          at: AT,
          account: office,
          officeId: "o1",
          officeName: "Office",
          adminName: "Admin",
        },
        ...users.map(
          (userId): Command => ({ type: "registerUser", actor: admin, at: AT, account: office, userId, name: userId }),
        ),
        ...teams.map(
          (teamId): Command => ({
            type: "createTeam",
            actor: admin,
            at: AT,
            account: office,
            teamId,
            name: teamId.toUpperCase(),
            rainmakerId: rainmakerOf(teamId),
          }),
        ),
        ...members
          .filter((m) => m.role !== "rainmaker")
          .map(
            (m): Command => ({
              type: "addTeamMember",
              actor: rainmakerOf(m.teamId),
              at: AT,
              account: team(m.teamId),
              userId: m.userId,
              role: m.role as Exclude<WorldRole, "rainmaker">,
            }),
          ),
      ];
  // Homes: contacts go round the teams, every (teams + 1)-th to a personal account, in turn.
  const homes: Record<string, AccountRef> = {};
  contacts.forEach((contactId, i) => {
    const slot = i % (teamCount + 1);
    homes[contactId] =
      slot < teamCount
        ? team(teams[slot] as string)
        : personal(users[Math.floor(i / (teamCount + 1)) % userCount] as string);
  });
  const homeKey = (account: AccountRef) =>
    account.kind === "team" ? `t:${account.teamId}` : account.kind === "personal" ? `p:${account.userId}` : "office";
  const byHome = new Map<string, string[]>();
  for (const c of contacts)
    byHome.set(homeKey(homes[c] as AccountRef), [...(byHome.get(homeKey(homes[c] as AccountRef)) ?? []), c]);
  const ids: Ids = { admin, users, teams, contacts, plans };

  const configuration = (): fc.Arbitrary<Configuration> => {
    const c = options.configuration;
    if (c === undefined) return fc.constant(DEFAULT_CONFIGURATION);
    if (c === "any") return configurationOver([admin, ...users]);
    if (typeof c === "string") {
      const preset = PRESETS[c];
      if (preset === undefined)
        throw new RangeError(`defineWorld: no preset "${c}": ${Object.keys(PRESETS).join(", ")}`);
      return fc.constant(preset);
    }
    if (c instanceof fc.Arbitrary || typeof (c as { generate?: unknown }).generate === "function")
      return c as fc.Arbitrary<Configuration>;
    return fc.constant(c as Configuration);
  };

  // Seats: each member in their team account, the admin in each team account, each user in their personal account.
  // Leaders (who see every team contact, ACC-9) sit more often than agents, who see only their own.
  const seatWeight: Record<WorldRole, number> = { rainmaker: 3, teamManager: 3, transactionCoordinator: 3, agent: 1 };
  const seats: { actor: string; account: AccountRef; weight: number }[] = [
    ...members.map((m) => ({ actor: m.userId, account: team(m.teamId), weight: seatWeight[m.role] })),
    ...teams.map((teamId) => ({ actor: admin, account: team(teamId), weight: 1 })),
    ...users.map((userId) => ({ actor: userId, account: personal(userId), weight: 2 })),
  ];
  const weighted = (table: Record<DrawnCommandType, fc.Arbitrary<Command>>) =>
    DRAWN_COMMAND_TYPES.filter((type) => weights[type] > 0).map((type) => ({
      weight: weights[type],
      arbitrary: table[type],
    }));
  let commandArbitrary: fc.Arbitrary<Command> | undefined;
  const command = (): fc.Arbitrary<Command> => {
    commandArbitrary ??= fc.oneof(
      ...seats.map(({ actor, account, weight }) => {
        const local = byHome.get(homeKey(account)) ?? [];
        const anywhere = fc.oneof(...weighted(commandTable(ids, actor, account, true)));
        if (local.length === 0) return { weight, arbitrary: anywhere };
        // Mostly a contact and plan of the account the seat acts in; now and then anything, for the refusals.
        const plan = account.kind === "team" ? plans[teams.indexOf(account.teamId)] : plans[teamCount];
        // In a team account, the users a command names are that team's members (grants, primaries, owners need them).
        const mates =
          account.kind === "team" ? members.filter((m) => m.teamId === account.teamId).map((m) => m.userId) : ids.users;
        const here: Ids = { ...ids, users: mates, contacts: local, plans: [plan as string] };
        return {
          weight,
          arbitrary: fc.oneof(
            { weight: 5, arbitrary: fc.oneof(...weighted(commandTable(here, actor, account, true))) },
            { weight: 1, arbitrary: anywhere },
          ),
        };
      }),
    );
    return commandArbitrary;
  };

  const population = (): fc.Arbitrary<Command[]> => {
    const addOne = (contactId: string): fc.Arbitrary<Command> => {
      const home = homes[contactId] as AccountRef;
      const adders =
        home.kind === "team"
          ? members.filter((m) => m.teamId === home.teamId).map((m) => m.userId)
          : [(home as { userId: string }).userId];
      const channels =
        home.kind === "team"
          ? (["manual", "manual", "manual", "api", "propertyEnquiry"] as const)
          : (["manual", "manual", "api", "apiSync"] as const);
      return fc
        .tuple(fc.constantFrom(...adders), fc.constantFrom(...channels), arbitraryContactDetails(), fc.boolean())
        .map(([actor, channel, details, reachable]): Command => {
          // Only manual adds skip deduplication (LIF-1): the others get addresses no other contact has.
          const own = { emails: [`${contactId}@example.com`], phones: [] as string[] };
          const body =
            channel === "manual"
              ? reachable
                ? { ...details, emails: [`${contactId}@example.com`], phones: ["+1 312 555 0147"] }
                : details
              : { ...details, ...own };
          return {
            type: "addContact",
            actor,
            at: AT,
            account: home,
            contactId,
            channel,
            details: body,
            ...(channel === "propertyEnquiry" ? { listingAgentId: actor } : {}),
          } as Command;
        });
    };
    const added = fc
      .tuple(...contacts.map((c) => fc.option(addOne(c), { freq: 8, nil: null })))
      .map((xs) => xs.filter((x): x is Command => x !== null));
    const pairs = users.flatMap((a) => users.filter((b) => a < b).map((b) => [a, b] as const));
    const partnerships =
      pairs.length === 0
        ? fc.constant([] as Command[])
        : fc.uniqueArray(fc.constantFrom(...pairs), { maxLength: 3 }).map((ps) =>
            ps.map(
              ([actor, partnerId]): Command => ({
                type: "startPartnership",
                actor,
                at: AT,
                account: office,
                partnerId,
              }),
            ),
          );
    const steps = () => fc.subarray([...STEP_TEMPLATES], { minLength: 1 }).map((s) => s.map((step) => ({ ...step })));
    const owner = users[userCount - 1] as string;
    const planCommands = fc
      .tuple(fc.tuple(...teams.map(() => steps())), steps())
      .map(([teamSteps, mine]): Command[] => [
        ...teams.map(
          (teamId, j): Command =>
            ({
              type: "createSmartPlan",
              actor: rainmakerOf(teamId),
              at: AT,
              account: team(teamId),
              planId: plans[j] as string,
              name: `Plan ${j + 1}`,
              steps: teamSteps[j] ?? [],
            }) as Command,
        ),
        {
          type: "createSmartPlan",
          actor: owner,
          at: AT,
          account: personal(owner),
          planId: plans[teamCount] as string,
          name: "Mine",
          steps: mine,
        } as Command,
      ]);
    const messaging = fc.subarray([admin, ...users], { maxLength: Math.min(8, userCount + 1) }).chain((who) =>
      fc.tuple(
        ...who.map((userId) =>
          fc
            .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }))
            .map(([limit, credits]): Command[] => [
              {
                type: "setMessagingPlan",
                actor: admin,
                at: AT,
                account: office,
                userId,
                twilio: true,
                twilioMonthlyCredits: limit,
              },
              { type: "addTwilioCredits", actor: admin, at: AT, account: office, userId, credits },
            ]),
        ),
      ),
    );
    const teamContacts = teams.map((teamId) => byHome.get(`t:${teamId}`) ?? []);
    const enrolments = fc.array(
      fc.integer({ min: 0, max: teamCount - 1 }).chain((j) => {
        const pool = teamContacts[j] as string[];
        return pool.length === 0
          ? fc.constant(null)
          : fc.constantFrom(...pool).map(
              (contactId): Command => ({
                type: "enrolContact",
                actor: rainmakerOf(teams[j] as string),
                at: AT,
                account: team(teams[j] as string),
                planId: plans[j] as string,
                contactId,
              }),
            );
      }),
      { maxLength: Math.min(6, contactCount) },
    );
    return fc
      .tuple(partnerships, added, planCommands, messaging, enrolments)
      .map(([ps, adds, planned, messages, enrols]) => [
        ...ps,
        ...adds,
        ...planned,
        ...messages.flat(),
        ...enrols.filter((x): x is Command => x !== null),
        ...assetPopulation(
          teams.map((teamId) => ({ teamId, rainmakerId: rainmakerOf(teamId) })),
          users,
        ),
      ]);
  };

  const commands = (maxLength = 40) => fc.array(command(), { maxLength, size: "max" });
  const world: World = {
    admin,
    users,
    teams,
    contacts,
    plans,
    members,
    homes,
    setup,
    weights,
    configuration,
    population,
    command,
    commands,
    state(stateOptions = {}) {
      const drawn = commands(stateOptions.maxCommands ?? 40);
      const sequence = options.populate === false ? drawn : fc.tuple(population(), drawn).map(([p, c]) => [...p, ...c]);
      return fc
        .tuple(stateOptions.configuration ?? configuration(), sequence)
        .map(([config, cs]) => runCommands(config, setup, cs));
    },
  };
  Object.defineProperty(world, WORLD, { value: true, enumerable: false });
  return world;
}
