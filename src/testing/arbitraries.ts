import fc from "fast-check";
import * as E from "../either.js";
import { DEFAULT_CONFIGURATION, type Configuration } from "../configuration/configuration.js";
import { PRESETS } from "../configuration/presets.js";
import { Channel, LEAD_STATUSES } from "../contacts/model.js";
import { execute, type Command, type Event } from "../decider.js";
import { ACTIONS } from "../permissions/access.js";
import { initialState } from "../state.js";
import type { AccountRef } from "../wire.js";
import { describeCommand, describeRun, printable, type GeneratedState } from "./format.js";
import { defineWorld, isWorld, type World, type WorldOptions } from "./world.js";

/** The small, fixed world the generators act in: enough users and teams for every rule to come up. */
export const UNIVERSE = {
  admin: "admin",
  users: ["u1", "u2", "u3", "u4", "u5", "u6"],
  teams: ["t1", "t2"],
  contacts: ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"],
  plans: ["p1", "p2"],
} as const;

/** Lead sources the contact details draw, and the configuration's lead-source shares name (SHR-9). */
export const LEAD_SOURCES = ["Zillow", "Referral", "Open house"] as const;

/** Every channel a contact or a change may arrive through (LIF-2 refuses most of them for unarchiving). */
export const CHANNELS: readonly Channel[] = Channel.options;

/**
 * The steps a generated SmartPlan draws from (one of each kind), by id; a plan takes some of them, each with or
 * without its own designee (SP-1, SP-2).
 */
export const STEP_TEMPLATES = [
  { id: "s-task", kind: "task", title: "Call to welcome" },
  { id: "s-email", kind: "email", title: "Welcome" },
  { id: "s-sms", kind: "sms", title: "Hello" },
  { id: "s-mms", kind: "mms", title: "Photo" },
  { id: "s-call", kind: "call", title: "Ring" },
] as const;

/**
 * Moments steps run at: inside the default text window (10:00–19:00 Chicago), outside it, and across a month
 * boundary (SP-4, SP-5). Under other time zones and windows the same moments fall elsewhere.
 */
export const STEP_TIMES = [
  "2026-03-02T17:00:00Z",
  "2026-03-02T03:00:00Z",
  "2026-03-31T20:00:00Z",
  "2026-04-01T16:30:00Z",
] as const;

const AT = "2026-03-02T17:00:00Z";
const office = { kind: "office" } as const;
const team = (teamId: string) => ({ kind: "team", teamId }) as const;

/** Opens the office, registers the users and builds two teams: t1 led by u1, t2 led by u6. */
export const SETUP: readonly Command[] = [
  {
    type: "openOffice",
    actor: "admin",
    at: AT,
    account: office,
    officeId: "o1",
    officeName: "Office",
    adminName: "Admin",
  },
  ...UNIVERSE.users.map(
    (userId): Command => ({ type: "registerUser", actor: "admin", at: AT, account: office, userId, name: userId }),
  ),
  { type: "createTeam", actor: "admin", at: AT, account: office, teamId: "t1", name: "One", rainmakerId: "u1" },
  { type: "createTeam", actor: "admin", at: AT, account: office, teamId: "t2", name: "Two", rainmakerId: "u6" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u2", role: "transactionCoordinator" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u3", role: "agent" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u4", role: "agent" },
  { type: "addTeamMember", actor: "u1", at: AT, account: team("t1"), userId: "u5", role: "teamManager" },
  { type: "addTeamMember", actor: "u6", at: AT, account: team("t2"), userId: "u4", role: "agent" },
];

export const arbitraryUserId = (): fc.Arbitrary<string> => fc.constantFrom(UNIVERSE.admin, ...UNIVERSE.users);
export const arbitraryContactId = (): fc.Arbitrary<string> => fc.constantFrom(...UNIVERSE.contacts);
export const arbitraryAction = () => fc.constantFrom(...ACTIONS);
export const arbitraryGrantLevel = () => fc.constantFrom("full" as const, "view" as const, "shared" as const);
export const arbitraryAccount = (): fc.Arbitrary<AccountRef> =>
  fc.oneof(
    fc.constantFrom(...UNIVERSE.teams).map((teamId): AccountRef => ({ kind: "team", teamId })),
    fc.constantFrom(...UNIVERSE.users).map((userId): AccountRef => ({ kind: "personal", userId })),
  );

/** The details the first version of the kit drew (no lead source), kept for `families: "core"`. */
const coreContactDetails = () =>
  fc.record(
    {
      name: fc.constantFrom("Ann", "Bob", "Cy", "Di"),
      emails: fc.array(fc.constantFrom("ann@example.com", "bob@example.com", "not-an-email"), { maxLength: 2 }),
      phones: fc.array(fc.constantFrom("+1 312 555 0147", "+1 415 555 0132", "+1 999 555 0100"), { maxLength: 2 }),
    },
    { requiredKeys: ["name"] },
  );

/**
 * Contact details from a small pool, so that imports and API adds collide with existing contacts on email and
 * phone (LIF-1): a few names, emails (one differing only in case, one malformed), phones with and without a
 * country code (read by `defaultPhoneCountry`, LIF-6), and the lead sources of `LEAD_SOURCES` (SHR-9).
 */
export const arbitraryContactDetails = () =>
  fc.record(
    {
      name: fc.constantFrom("Ann", "Bob", "Cy", "Di"),
      emails: fc.array(fc.constantFrom("ann@example.com", "bob@example.com", "Ann@Example.com", "not-an-email"), {
        maxLength: 2,
      }),
      phones: fc.array(
        fc.constantFrom("+1 312 555 0147", "+1 415 555 0132", "+1 999 555 0100", "312-555-0147", "+44 20 7946 0958"),
        { maxLength: 2 },
      ),
      leadSource: fc.constantFrom(...LEAD_SOURCES),
    },
    { requiredKeys: ["name"] },
  );

/** The seven policy options, each drawn from every value it may take. */
const policyOptionFields = () => ({
  revokeOnReassign: fc.boolean(),
  creatorAccessOnAdd: fc.constantFrom("primary" as const, "full" as const),
  importerAccess: fc.constantFrom("primary" as const, "full" as const, "none" as const),
  listingAgentAccessOnNewEnquiry: fc.constantFrom("primary" as const, "full" as const),
  listingAgentAccessOnExistingEnquiry: fc.constantFrom("full" as const, "view" as const),
  ownershipTransfer: fc.constantFrom("permissionLevel" as const, "managersAndAdmins" as const),
  loansBlockOwnerChange: fc.boolean(),
});

/** The seven policy options of the first version of the kit, over the defaults (`only: "policyOptions"`). */
const policyOptions = (): fc.Arbitrary<Configuration> =>
  fc.record(policyOptionFields()).map((options) => ({ ...DEFAULT_CONFIGURATION, ...options }));

/** Which configurations to draw: every field and every preset (the default), or only the seven policy options. */
export interface ConfigurationOptions {
  readonly only?: "policyOptions";
}

/**
 * Any configuration the schema allows: every field drawn (policy options, phone country, time zone, text window,
 * small monthly email limits, the newsletter fallback, lead-source shares naming the lead sources the contact
 * details draw), or one of the named `PRESETS`. `{ only: "policyOptions" }` draws the seven policy options over
 * the defaults, exactly as the first version of the kit did (for a transcript that must stay the same).
 */
export const arbitraryConfiguration = (options: ConfigurationOptions = {}): fc.Arbitrary<Configuration> => {
  if (options.only === "policyOptions") return policyOptions();
  return configurationOver([UNIVERSE.admin, ...UNIVERSE.users]);
};

/** Every field drawn or a preset, naming `users` in the newsletter fallback and lead-source shares. */
export const configurationOver = (users: readonly string[]): fc.Arbitrary<Configuration> => {
  const every: fc.Arbitrary<Configuration> = fc.record({
    ...policyOptionFields(),
    defaultPhoneCountry: fc.constantFrom("US", "AU", "GB"),
    officeTimeZone: fc.constantFrom("America/Chicago", "Australia/Sydney", "Europe/London", "UTC"),
    textWindow: fc.constantFrom(
      { start: "10:00", end: "19:00" },
      { start: "08:00", end: "21:00" },
      { start: "00:00", end: "23:59" },
      { start: "12:00", end: "13:00" },
    ),
    defaultEmailMonthlyLimit: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(5000)),
    newsletterFallback: fc.oneof(
      fc.constant({ kind: "office" as const }),
      fc.constantFrom(...users).map((userId) => ({ kind: "agent" as const, userId })),
    ),
    leadSourceShares: fc.array(
      fc.record({
        leadSource: fc.constantFrom(...LEAD_SOURCES),
        userIds: fc.subarray([...users], { maxLength: Math.min(3, users.length) }),
      }),
      { maxLength: 3 },
    ),
    contactDeletion: fc.constantFrom("permissionLevel" as const, "initialAssignee" as const),
    teamAssets: fc.record({
      create: fc.constantFrom("anyMember" as const, "permissionLevel" as const),
      change: fc.constantFrom("permissionLevel" as const, "rainmakerAndAdmins" as const),
      onDelete: fc.constantFrom("unlink" as const, "refuse" as const),
    }),
  });
  return fc.oneof(
    { weight: 3, arbitrary: every },
    { weight: 1, arbitrary: fc.constantFrom(...Object.values(PRESETS)) },
  );
};

/**
 * Which commands to draw. `all` (the default): every command of the library — SmartPlans and messaging, every
 * channel, contact details with lead sources. `core`: the contact, sharing, file and lifecycle commands of the
 * first version of the kit, drawn exactly as it drew them. `configurationChanges` adds the admin's
 * `changeConfiguration` with any configuration (off by default: a law about one configuration stays about it).
 */
export interface CommandOptions {
  readonly families?: "core" | "all";
  readonly configurationChanges?: boolean;
}

/** The ids commands draw from: `UNIVERSE`'s, or a world's (`defineWorld`). `plans` lists every plan id, personal ones too. */
export interface Ids {
  readonly admin: string;
  readonly users: readonly string[];
  readonly teams: readonly string[];
  readonly contacts: readonly string[];
  readonly plans: readonly string[];
}

/** UNIVERSE as `Ids`: the first kit's draws, kept exactly. */
const UNIVERSE_IDS: Ids = {
  admin: UNIVERSE.admin,
  users: UNIVERSE.users,
  teams: UNIVERSE.teams,
  contacts: UNIVERSE.contacts,
  plans: [...UNIVERSE.plans, "p3"],
};

/** Every command type the kit draws after setup (`openOffice`, `registerUser`, `createTeam`, `addTeamMember` are setup's). */
export const DRAWN_COMMAND_TYPES = [
  "addContact",
  "importContacts",
  "grantAccess",
  "revokeAccess",
  "changePrimary",
  "unassignSelf",
  "changeOwner",
  "moveContact",
  "deleteContact",
  "shareContact",
  "assignToPartner",
  "startPartnership",
  "addLoan",
  "addNote",
  "changeMemberLevel",
  "removeTeamMember",
  "changeStaffPermissions",
  "deactivateUser",
  "reactivateUser",
  "changeOfficeRole",
  "reassignContacts",
  "unshareContact",
  "endPartnership",
  "archiveContact",
  "unarchiveContact",
  "recordOptOut",
  "recordOptIn",
  "linkToListing",
  "closeLoan",
  "addToGroup",
  "recordActivity",
  "addTask",
  "completeTask",
  "createSmartPlan",
  "setAgentDefaults",
  "setStepDesignee",
  "enrolContact",
  "unenrolContact",
  "runStep",
  "setMessagingPlan",
  "addTwilioCredits",
  "changeConfiguration",
  "editContact",
  "addContactPoint",
  "removeContactPoint",
  "setLeadStatus",
  "transferContacts",
  "assignContact",
  "receiveText",
  "createOpportunity",
  "updateOpportunity",
  "closeOpportunity",
  "deleteOpportunity",
  "createCampaign",
  "deleteCampaign",
  "addCampaignMember",
  "removeCampaignMember",
  "sendCampaign",
  "createAsset",
  "renameAsset",
  "deleteAsset",
  "tagContact",
  "untagContact",
  "setFieldValue",
  "clearFieldValue",
  "setLeadSource",
  "clearLeadSource",
] as const satisfies readonly Command["type"][];
/** A command type the kit draws. */
export type DrawnCommandType = (typeof DRAWN_COMMAND_TYPES)[number];

/** One command over the universe: mostly well-formed, often refused by the rules, which is the point. */
export function arbitraryCommand(options: CommandOptions = {}): fc.Arbitrary<Command> {
  return arbitraryUserId().chain((actorId) =>
    fc
      .constantFrom<AccountRef>(
        { kind: "team", teamId: "t1" },
        { kind: "team", teamId: "t1" },
        { kind: "team", teamId: "t2" },
        { kind: "personal", userId: actorId },
      )
      .chain((acting) => arbitraryCommandBy(actorId, acting, options)),
  );
}

/** One command by `actorId` acting in `acting` (office commands act in the office; admin-only ones are by `admin`). */
export function arbitraryCommandBy(
  actorId: string,
  acting: AccountRef,
  options: CommandOptions = {},
): fc.Arbitrary<Command> {
  const wide = options.families !== "core";
  const table = commandTable(UNIVERSE_IDS, actorId, acting, wide);
  const w = (weight: number, type: DrawnCommandType): fc.WeightedArbitrary<Command> => ({
    weight,
    arbitrary: table[type],
  });
  const core: fc.WeightedArbitrary<Command>[] = [
    w(4, "addContact"),
    w(1, "importContacts"),
    w(4, "grantAccess"),
    w(2, "revokeAccess"),
    w(3, "changePrimary"),
    w(1, "unassignSelf"),
    w(2, "changeOwner"),
    w(1, "moveContact"),
    w(1, "deleteContact"),
    w(1, "shareContact"),
    w(1, "assignToPartner"),
    w(1, "startPartnership"),
    w(1, "addLoan"),
    w(1, "addNote"),
    w(1, "changeMemberLevel"),
    w(1, "removeTeamMember"),
    w(1, "changeStaffPermissions"),
    // The first kit's one entry for both, reactivation twice as likely.
    {
      weight: 1,
      arbitrary: gen({
        type: fc.constantFrom("deactivateUser", "reactivateUser", "reactivateUser"),
        at: fc.constant(AT),
        actor: fc.constant("admin"),
        account: fc.constant(office),
        userId: arbitraryUserId(),
      } as never),
    },
    w(1, "changeOfficeRole"),
    w(1, "reassignContacts"),
    w(1, "unshareContact"),
    w(1, "endPartnership"),
    w(1, "archiveContact"),
    w(1, "unarchiveContact"),
    w(1, "recordOptOut"),
    w(1, "recordOptIn"),
    w(1, "linkToListing"),
    w(1, "closeLoan"),
    w(1, "addToGroup"),
    w(1, "recordActivity"),
    w(1, "addTask"),
    w(1, "completeTask"),
  ];
  if (!wide) return fc.oneof(...core);
  const extra: fc.WeightedArbitrary<Command>[] = [
    ...smartPlanFamily(actorId, acting),
    w(2, "editContact"),
    w(1, "addContactPoint"),
    w(1, "removeContactPoint"),
    w(1, "setLeadStatus"),
    w(1, "transferContacts"),
    w(1, "assignContact"),
    ...appletFamily(w),
    w(1, "createAsset"),
    w(1, "renameAsset"),
    w(1, "deleteAsset"),
    w(2, "tagContact"),
    w(1, "untagContact"),
    w(1, "setFieldValue"),
    w(1, "clearFieldValue"),
    w(1, "setLeadSource"),
    w(1, "clearLeadSource"),
  ];
  if (options.configurationChanges === true) extra.push(w(1, "changeConfiguration"));
  return fc.oneof(...core, ...extra);
}

const gen = <T extends Command>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Command> =>
  fc.record(shape as never) as fc.Arbitrary<Command>;

/**
 * Each drawn command type's arbitrary, by `actorId` acting in `acting`, over `ids`. Building arbitraries draws
 * nothing, so the order and weights a caller gives them decide the draws. `wide`: contact details with lead
 * sources and every channel (the first kit's narrower draws otherwise).
 */
export function commandTable(
  ids: Ids,
  actorId: string,
  acting: AccountRef,
  wide: boolean,
): Record<DrawnCommandType, fc.Arbitrary<Command>> {
  const actor = fc.constant(actorId);
  const user = fc.constantFrom(ids.admin, ...ids.users);
  const contactId = fc.constantFrom(...ids.contacts);
  const account = fc.constant(acting);
  const teamRef = () => fc.constantFrom(...ids.teams).map(team);
  const base = { at: fc.constant(AT), actor, account };
  const onContact = { ...base, contactId };
  const details = wide ? arbitraryContactDetails() : coreContactDetails();
  const address = fc.oneof(
    fc.record({ kind: fc.constant("email" as const), value: fc.constantFrom("ann@example.com", "bob@example.com") }),
    fc.record({ kind: fc.constant("phone" as const), value: fc.constantFrom("+1 312 555 0147", "+1 415 555 0132") }),
  );
  const anyAccount = fc.oneof(
    fc.constantFrom(...ids.teams).map((teamId): AccountRef => ({ kind: "team", teamId })),
    fc.constantFrom(...ids.users).map((userId): AccountRef => ({ kind: "personal", userId })),
  );
  const addChannels = wide
    ? (["manual", "api", "apiSync", "propertyEnquiry", "openForInspection", "leadSource", "support"] as const)
    : (["manual", "api", "apiSync", "propertyEnquiry"] as const);
  const archiveChannels = wide ? CHANNELS : (["manual", "api"] as const);
  const inOffice = { at: fc.constant(AT), actor, account: fc.constant(office) };
  const byAdmin = { at: fc.constant(AT), actor: fc.constant(ids.admin), account: fc.constant(office) };
  return {
    addContact: gen({
      type: fc.constant("addContact"),
      ...onContact,
      channel: fc.constantFrom(...addChannels),
      details,
      listingAgentId: user,
    } as never),
    importContacts: gen({
      type: fc.constant("importContacts"),
      ...base,
      rows: fc.array(fc.record({ contactId, details }), { maxLength: 3 }),
    } as never).map((c) =>
      // D-183: an import of two rows is drawn as a later chunk of a larger import, without a draw of its own (so the
      // kit's streams stay as they were), and the laws reach the chunk's continued deduplication.
      c.type === "importContacts" && c.rows.length === 2 ? { ...c, firstRow: 2 } : c,
    ),
    grantAccess: gen({
      type: fc.constant("grantAccess"),
      ...onContact,
      userId: user,
      level: arbitraryGrantLevel(),
    } as never),
    revokeAccess: gen({ type: fc.constant("revokeAccess"), ...onContact, userId: user } as never),
    changePrimary: gen({
      type: fc.constant("changePrimary"),
      ...onContact,
      userId: fc.option(user, { nil: null }),
    } as never),
    unassignSelf: gen({ type: fc.constant("unassignSelf"), ...onContact } as never),
    changeOwner: gen({
      type: fc.constant("changeOwner"),
      ...onContact,
      owner: fc.oneof(
        fc.record({ kind: fc.constant("user"), userId: user }),
        fc.constantFrom(...ids.teams).map((teamId) => ({ kind: "team", teamId })),
      ),
    } as never),
    moveContact: gen({ type: fc.constant("moveContact"), ...onContact, to: anyAccount } as never),
    deleteContact: gen({ type: fc.constant("deleteContact"), ...onContact } as never),
    shareContact: gen({ type: fc.constant("shareContact"), ...onContact, userId: user } as never),
    assignToPartner: gen({ type: fc.constant("assignToPartner"), ...onContact, partnerId: user } as never),
    startPartnership: gen({ type: fc.constant("startPartnership"), ...inOffice, partnerId: user } as never),
    addLoan: gen({
      type: fc.constant("addLoan"),
      ...onContact,
      loanId: fc.constantFrom("L1", "L2"),
      amount: fc.constant(1),
      status: fc.constant("open"),
    } as never),
    addNote: gen({
      type: fc.constant("addNote"),
      ...onContact,
      noteId: fc.constantFrom("n1", "n2"),
      text: fc.constant("note"),
      private: fc.boolean(),
    } as never),
    changeMemberLevel: gen({
      type: fc.constant("changeMemberLevel"),
      at: fc.constant(AT),
      actor,
      account: teamRef(),
      userId: user,
      level: fc.constantFrom("standard", "enhanced", "unlimited"),
    } as never),
    removeTeamMember: gen({
      type: fc.constant("removeTeamMember"),
      at: fc.constant(AT),
      actor,
      account: teamRef(),
      userId: user,
    } as never),
    changeStaffPermissions: gen({
      type: fc.constant("changeStaffPermissions"),
      ...byAdmin,
      userId: user,
      permissions: wide
        ? fc.record({ editContactOwnership: fc.boolean(), editContacts: fc.boolean() }, { requiredKeys: [] })
        : fc.record({ editContactOwnership: fc.boolean() }),
    } as never),
    deactivateUser: gen({ type: fc.constant("deactivateUser"), ...byAdmin, userId: user } as never),
    reactivateUser: gen({ type: fc.constant("reactivateUser"), ...byAdmin, userId: user } as never),
    changeOfficeRole: gen({
      type: fc.constant("changeOfficeRole"),
      ...inOffice,
      userId: user,
      officeRole: fc.constantFrom("staff", "admin", "master"),
    } as never),
    reassignContacts: gen({
      type: fc.constant("reassignContacts"),
      ...base,
      account: teamRef(),
      fromUserId: user,
      toUserId: user,
    } as never),
    unshareContact: gen({ type: fc.constant("unshareContact"), ...onContact, userId: user } as never),
    endPartnership: gen({ type: fc.constant("endPartnership"), ...inOffice, partnerId: user } as never),
    archiveContact: gen({
      type: fc.constant("archiveContact"),
      ...onContact,
      channel: fc.constantFrom(...archiveChannels),
      reason: fc.constantFrom("duplicate", "notInterested", "doNotContact", "other"),
    } as never),
    unarchiveContact: gen({
      type: fc.constant("unarchiveContact"),
      ...onContact,
      channel: fc.constantFrom(...archiveChannels),
    } as never),
    recordOptOut: gen({
      type: fc.constant("recordOptOut"),
      ...inOffice,
      address,
      channel: fc.constantFrom("manual", "api", "support"),
    } as never),
    recordOptIn: fc.oneof(
      gen({
        type: fc.constant("recordOptIn"),
        ...inOffice,
        address,
        channel: fc.constantFrom("manual", "api", "support"),
      } as never),
      gen({
        type: fc.constant("recordOptIn"),
        ...inOffice,
        address,
        channel: fc.constantFrom("api", "support"),
        consent: fc.constant({ reference: "signed form", givenAt: AT }),
      } as never),
    ),
    linkToListing: gen({
      type: fc.constant("linkToListing"),
      ...onContact,
      listingId: fc.constantFrom("L-1", "L-2"),
      listingAgentId: user,
      kind: fc.constantFrom("openForInspection", "propertyEnquiry"),
    } as never),
    closeLoan: gen({ type: fc.constant("closeLoan"), ...onContact, loanId: fc.constantFrom("L1", "L2") } as never),
    addToGroup: gen({
      type: fc.constant("addToGroup"),
      ...onContact,
      group: fc.constantFrom("Buyers", "Sellers"),
    } as never),
    recordActivity: gen({
      type: fc.constant("recordActivity"),
      ...onContact,
      activityId: fc.constantFrom("a1", "a2"),
      kind: fc.constant("call"),
      summary: fc.constant("spoke"),
    } as never),
    addTask: gen({
      type: fc.constant("addTask"),
      ...onContact,
      taskId: fc.constantFrom("k1", "k2"),
      title: fc.constant("Call back"),
      assigneeId: user,
    } as never),
    completeTask: gen({
      type: fc.constant("completeTask"),
      ...onContact,
      taskId: fc.constantFrom("k1", "k2"),
    } as never),
    ...smartPlanTable(ids, actorId, acting),
    ...appletTable(ids, actorId, acting),
    editContact: gen({
      type: fc.constant("editContact"),
      ...onContact,
      changes: fc.record(
        {
          name: fc.constantFrom("Ann Buyer", "Ann B."),
          emails: fc.subarray(["ann@example.com", "bob@example.com", "new@example.com"]),
          phones: fc.subarray(["+1 312 555 0147", "+1 415 555 0132", "+1 999 555 0100"]),
          leadSource: fc.option(fc.constantFrom(...LEAD_SOURCES), { nil: null }),
        },
        { requiredKeys: [] },
      ),
    } as never),
    addContactPoint: gen({ type: fc.constant("addContactPoint"), ...onContact, point: address } as never),
    removeContactPoint: gen({ type: fc.constant("removeContactPoint"), ...onContact, point: address } as never),
    setLeadStatus: gen({
      type: fc.constant("setLeadStatus"),
      ...onContact,
      status: fc.constantFrom(...LEAD_STATUSES),
    } as never),
    assignContact: gen({ type: fc.constant("assignContact"), ...onContact, userId: user } as never),
    transferContacts: gen({
      type: fc.constant("transferContacts"),
      ...base,
      account: teamRef(),
      fromUserId: user,
      toUserId: user,
    } as never),
    changeConfiguration: gen({
      type: fc.constant("changeConfiguration"),
      ...byAdmin,
      configuration: ids === UNIVERSE_IDS ? arbitraryConfiguration() : configurationOver([ids.admin, ...ids.users]),
    } as never),
    ...assetTable(ids, actorId, acting),
  };
}

/** The ids of the assets `assetPopulation` creates in an account: a tag, a single-choice field and a lead source (a personal account: a tag). */
export const assetIdsOf = (account: AccountRef) => {
  const own = account.kind === "team" ? account.teamId : account.userId;
  return { tag: `tag-${own}`, field: `field-${own}`, source: `src-${own}` };
};

/**
 * Commands creating each team's tag, custom field and lead source (by its rainmaker) and each user's personal tag
 * (AST-1): deterministic, so a population draws what it drew before them.
 */
export function assetPopulation(
  teams: readonly { teamId: string; rainmakerId: string }[],
  users: readonly string[],
): Command[] {
  return [
    ...teams.flatMap(({ teamId, rainmakerId }): Command[] => {
      const account = team(teamId);
      const ids = assetIdsOf(account);
      return [
        { type: "createAsset", actor: rainmakerId, at: AT, account, assetId: ids.tag, kind: "tag", name: "Hot lead" },
        {
          type: "createAsset",
          actor: rainmakerId,
          at: AT,
          account,
          assetId: ids.field,
          kind: "field",
          name: "Stage",
          field: { type: "choice", options: ["buyer", "seller"] },
        },
        {
          type: "createAsset",
          actor: rainmakerId,
          at: AT,
          account,
          assetId: ids.source,
          kind: "leadSource",
          name: "Billboard",
        },
      ];
    }),
    ...users.map(
      (userId): Command => ({
        type: "createAsset",
        actor: userId,
        at: AT,
        account: { kind: "personal", userId },
        assetId: assetIdsOf({ kind: "personal", userId }).tag,
        kind: "tag",
        name: "Mine",
      }),
    ),
  ];
}

/** Tags, custom fields and lead sources (AST-1 … AST-7): mostly the acting account's own assets, now and then another's. */
function assetTable(ids: Ids, actorId: string, acting: AccountRef) {
  const own = assetIdsOf(acting);
  const other = assetIdsOf({ kind: "team", teamId: ids.teams[0] as string });
  const someone = assetIdsOf({ kind: "personal", userId: ids.users[ids.users.length - 1] as string });
  const base = { at: fc.constant(AT), actor: fc.constant(actorId), account: fc.constant(acting) };
  const onContact = { ...base, contactId: fc.constantFrom(...ids.contacts) };
  const tagId = fc.constantFrom(own.tag, own.tag, other.tag, someone.tag, "tag-new");
  const fieldId = fc.constantFrom(own.field, own.field, other.field, "field-new");
  const sourceId = fc.constantFrom(own.source, other.source, "src-new");
  const anyAsset = fc.oneof(tagId, fieldId, sourceId);
  const c = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Command> => arbitrary as unknown as fc.Arbitrary<Command>;
  return {
    createAsset: fc.oneof(
      c(
        fc.record({
          type: fc.constant("createAsset"),
          ...base,
          assetId: tagId,
          kind: fc.constant("tag"),
          name: fc.constantFrom("Hot lead", "Warm", "hot LEAD"),
        }),
      ),
      c(
        fc.record({
          type: fc.constant("createAsset"),
          ...base,
          assetId: fieldId,
          kind: fc.constant("field"),
          name: fc.constantFrom("Stage", "Budget"),
          field: fc.constantFrom({ type: "choice", options: ["buyer", "seller"] }, { type: "number" }),
        }),
      ),
      c(
        fc.record({
          type: fc.constant("createAsset"),
          ...base,
          assetId: sourceId,
          kind: fc.constant("leadSource"),
          name: fc.constantFrom("Billboard", "Radio"),
        }),
      ),
    ),
    renameAsset: c(
      fc.record({
        type: fc.constant("renameAsset"),
        ...base,
        assetId: anyAsset,
        name: fc.constantFrom("Renamed", "Hot lead"),
      }),
    ),
    deleteAsset: c(fc.record({ type: fc.constant("deleteAsset"), ...base, assetId: anyAsset })),
    tagContact: c(fc.record({ type: fc.constant("tagContact"), ...onContact, tagId })),
    untagContact: c(fc.record({ type: fc.constant("untagContact"), ...onContact, tagId })),
    setFieldValue: c(
      fc.record({
        type: fc.constant("setFieldValue"),
        ...onContact,
        fieldId,
        value: fc.constantFrom<string | number>("buyer", "seller", 3, "x"),
      }),
    ),
    clearFieldValue: c(fc.record({ type: fc.constant("clearFieldValue"), ...onContact, fieldId })),
    setLeadSource: c(
      fc.record({
        type: fc.constant("setLeadSource"),
        ...onContact,
        source: fc.oneof(
          fc.constantFrom("referral", "website").map((name) => ({ kind: "builtIn", name })),
          sourceId.map((assetId) => ({ kind: "custom", assetId })),
        ),
      }),
    ),
    clearLeadSource: c(fc.record({ type: fc.constant("clearLeadSource"), ...onContact })),
  };
}

const role = () => fc.constantFrom("rainmaker" as const, "contactAssignee" as const);

/** Opportunity and campaign ids the applet commands draw (AST-4, AST-5). */
export const APPLET_IDS = { opportunities: ["o1", "o2", "o3"], campaigns: ["m1", "m2"] } as const;

/** Opportunities and email campaigns in the acting account, on the ids' contacts, sent at several moments (AST-4, AST-5). */
function appletTable(ids: Ids, actorId: string, acting: AccountRef) {
  const base = { at: fc.constant(AT), actor: fc.constant(actorId), account: fc.constant(acting) };
  const contactId = fc.constantFrom(...ids.contacts);
  const opportunityId = fc.constantFrom(...APPLET_IDS.opportunities);
  const campaignId = fc.constantFrom(...APPLET_IDS.campaigns);
  const stage = fc.constantFrom("lead" as const, "appointment" as const, "signed" as const, "underContract" as const);
  const value = fc.constantFrom(0, 250_000, 1_000_000);
  const c = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Command> => arbitrary as unknown as fc.Arbitrary<Command>;
  return {
    createOpportunity: c(
      fc.record({
        type: fc.constant("createOpportunity"),
        ...base,
        opportunityId,
        contactId,
        name: fc.constantFrom("Buyer", "Listing"),
        stage,
        value,
      }),
    ),
    updateOpportunity: c(
      fc.record(
        { type: fc.constant("updateOpportunity"), ...base, opportunityId, name: fc.constant("Renamed"), stage, value },
        { requiredKeys: ["type", "at", "actor", "account", "opportunityId"] },
      ),
    ),
    closeOpportunity: c(
      fc.record({
        type: fc.constant("closeOpportunity"),
        ...base,
        opportunityId,
        outcome: fc.constantFrom("won" as const, "lost" as const),
      }),
    ),
    deleteOpportunity: c(fc.record({ type: fc.constant("deleteOpportunity"), ...base, opportunityId })),
    createCampaign: c(
      fc.record({
        type: fc.constant("createCampaign"),
        ...base,
        campaignId,
        name: fc.constant("Market update"),
        audience: fc.option(fc.record({ primaryOnly: fc.boolean() }), { nil: null }),
      }),
    ),
    deleteCampaign: c(fc.record({ type: fc.constant("deleteCampaign"), ...base, campaignId })),
    addCampaignMember: c(fc.record({ type: fc.constant("addCampaignMember"), ...base, campaignId, contactId })),
    removeCampaignMember: c(fc.record({ type: fc.constant("removeCampaignMember"), ...base, campaignId, contactId })),
    sendCampaign: c(
      fc.record({ type: fc.constant("sendCampaign"), ...base, at: fc.constantFrom(...STEP_TIMES), campaignId }),
    ),
  };
}

/** The applet commands with the kit's weights: creation and membership lean ahead of deletion. */
function appletFamily(
  w: (weight: number, type: DrawnCommandType) => fc.WeightedArbitrary<Command>,
): fc.WeightedArbitrary<Command>[] {
  return [
    w(2, "createOpportunity"),
    w(1, "updateOpportunity"),
    w(1, "closeOpportunity"),
    w(1, "deleteOpportunity"),
    w(2, "createCampaign"),
    w(1, "deleteCampaign"),
    w(2, "addCampaignMember"),
    w(1, "removeCampaignMember"),
    w(2, "sendCampaign"),
  ];
}

/** A plan's steps: some of `STEP_TEMPLATES`, each with its own designee or none. */
const arbitrarySteps = () =>
  fc
    .subarray([...STEP_TEMPLATES], { minLength: 1 })
    .chain((steps) =>
      fc.tuple(
        ...steps.map((step) =>
          fc
            .option(role(), { nil: undefined })
            .map((designee) => (designee === undefined ? { ...step } : { ...step, designee })),
        ),
      ),
    );

/** SmartPlans, agent defaults and designees, enrolments, steps run at several moments, messaging plans and credits. */
function smartPlanTable(ids: Ids, actorId: string, acting: AccountRef) {
  const actor = fc.constant(actorId);
  const account = fc.constant(acting);
  const teamAccount = acting.kind === "team" ? fc.constant(acting) : fc.constantFrom(...ids.teams).map(team);
  const planId = fc.constantFrom(...ids.plans);
  const stepId = fc.constantFrom(...STEP_TEMPLATES.map((s) => s.id));
  const contactId = fc.constantFrom(...ids.contacts);
  const at = fc.constant(AT);
  const admin = fc.constant(ids.admin);
  const user = fc.constantFrom(ids.admin, ...ids.users);
  const c = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Command> => arbitrary as unknown as fc.Arbitrary<Command>;
  return {
    createSmartPlan: c(
      fc.record({
        type: fc.constant("createSmartPlan"),
        at,
        actor,
        account,
        planId,
        name: fc.constant("Plan"),
        steps: arbitrarySteps(),
      }),
    ),
    setAgentDefaults: c(
      fc.record({
        type: fc.constant("setAgentDefaults"),
        at,
        actor,
        account: teamAccount,
        defaults: fc.record({ task: role(), email: role(), text: role() }),
      }),
    ),
    setStepDesignee: c(
      fc.record({
        type: fc.constant("setStepDesignee"),
        at,
        actor,
        account: teamAccount,
        planId,
        stepId,
        designee: fc.option(role(), { nil: null }),
      }),
    ),
    enrolContact: c(fc.record({ type: fc.constant("enrolContact"), at, actor, account, planId, contactId })),
    unenrolContact: c(fc.record({ type: fc.constant("unenrolContact"), at, actor, account, planId, contactId })),
    runStep: c(
      fc.record({
        type: fc.constant("runStep"),
        at: fc.constantFrom(...STEP_TIMES),
        actor,
        account,
        planId,
        stepId,
        contactId,
      }),
    ),
    // By the admin or the user themselves (D-100); limits at, below and above the base allowance; small allotments.
    setMessagingPlan: c(
      fc.record(
        {
          type: fc.constant("setMessagingPlan"),
          at: fc.constantFrom(...STEP_TIMES),
          actor: fc.constantFrom(ids.admin, actorId),
          account: fc.constant(office),
          userId: fc.oneof(user, fc.constant(actorId)),
          emailMonthlyLimit: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(5000, 7500)),
          twilio: fc.boolean(),
          twilioMonthlyCredits: fc.integer({ min: 0, max: 3 }),
        },
        { requiredKeys: ["type", "at", "actor", "account", "userId"] },
      ),
    ),
    addTwilioCredits: c(
      fc.record({
        type: fc.constant("addTwilioCredits"),
        at,
        actor: admin,
        account: fc.constant(office),
        userId: user,
        credits: fc.integer({ min: 1, max: 4 }),
      }),
    ),
    // A reply from a number the population's contacts text, an unknown one, or a malformed one (SP-5, LIF-3, D-103).
    receiveText: c(
      fc.record(
        {
          type: fc.constant("receiveText"),
          at: fc.constantFrom(...STEP_TIMES),
          actor: fc.constantFrom(ids.admin, ids.admin, actorId),
          account: fc.constant(office),
          from: fc.constantFrom(
            "+1 312 555 0147",
            "312-555-0147",
            "+1 415 555 0132",
            "+44 20 7946 0958",
            "+1 212 555 0199",
            "12",
          ),
          messageId: fc.constantFrom("m1", "m2"),
          body: fc.constantFrom("Thanks", "START", "stop"),
        },
        { requiredKeys: ["type", "at", "actor", "account", "from"] },
      ),
    ),
  };
}

/** The SmartPlan family with the first kit's weights. */
function smartPlanFamily(actorId: string, acting: AccountRef): fc.WeightedArbitrary<Command>[] {
  const t = smartPlanTable(UNIVERSE_IDS, actorId, acting);
  return [
    { weight: 2, arbitrary: t.createSmartPlan },
    { weight: 1, arbitrary: t.setAgentDefaults },
    { weight: 1, arbitrary: t.setStepDesignee },
    { weight: 3, arbitrary: t.enrolContact },
    { weight: 1, arbitrary: t.unenrolContact },
    { weight: 5, arbitrary: t.runStep },
    { weight: 2, arbitrary: t.setMessagingPlan },
    { weight: 2, arbitrary: t.addTwilioCredits },
    { weight: 2, arbitrary: t.receiveText },
  ];
}

/** The SmartPlan and messaging commands alone, by any user in any of their accounts: to weigh a sequence towards them. */
export function arbitrarySmartPlanCommand(): fc.Arbitrary<Command> {
  return arbitraryUserId().chain((actorId) =>
    fc
      .constantFrom<AccountRef>(
        { kind: "team", teamId: "t1" },
        { kind: "team", teamId: "t2" },
        { kind: "personal", userId: actorId },
      )
      .chain((acting) => fc.oneof(...smartPlanFamily(actorId, acting))),
  );
}

/**
 * Commands that populate the world after `SETUP`, most of them accepted: contacts added by members in their
 * team accounts and by users in their personal accounts (by hand, through the API or API-sync, from an enquiry,
 * or imported), co-marketing partnerships, a team SmartPlan in each team and a personal one, messaging plans with
 * Twilio credits, and enrolments. Random commands after it then act on a world where every rule can come up.
 */
export function arbitraryPopulation(): fc.Arbitrary<Command[]> {
  const members: Record<string, readonly string[]> = { t1: ["u1", "u2", "u3", "u4", "u5"], t2: ["u6", "u4"] };
  const adder = fc.oneof(
    fc.constantFrom(...(members.t1 ?? [])).map((actor) => ({ actor, account: team("t1") as AccountRef })),
    fc.constantFrom(...(members.t2 ?? [])).map((actor) => ({ actor, account: team("t2") as AccountRef })),
    fc
      .constantFrom(...UNIVERSE.users)
      .map((actor) => ({ actor, account: { kind: "personal", userId: actor } as AccountRef })),
  );
  const channel = fc.constantFrom(
    "manual" as const,
    "api" as const,
    "apiSync" as const,
    "propertyEnquiry" as const,
    "import" as const,
  );
  // Half of them reachable by email and text (SmartPlan steps then send rather than fail on a missing address).
  const reachable = fc.tuple(
    arbitraryContactDetails(),
    fc.constantFrom("ann@example.com", "bob@example.com"),
    fc.constantFrom("+1 312 555 0147", "+1 415 555 0132", "312-555-0147", "+44 20 7946 0958"),
  );
  const details = fc.oneof(
    arbitraryContactDetails(),
    reachable.map(([d, email, phone]) => ({ ...d, emails: [email], phones: [phone] })),
  );
  const contact = fc
    .tuple(adder, arbitraryContactId(), channel, details, arbitraryContactDetails())
    .map(([{ actor, account }, contactId, ch, details, second]): Command => {
      if (ch === "import")
        return {
          type: "importContacts",
          actor,
          at: AT,
          account,
          rows: [
            { contactId, details },
            { contactId: `${contactId}-i`, details: second },
          ],
        };
      const channel = ch === "apiSync" && account.kind === "team" ? "api" : ch;
      return {
        type: "addContact",
        actor,
        at: AT,
        account,
        contactId,
        channel,
        details,
        ...(channel === "propertyEnquiry" ? { listingAgentId: actor } : {}),
      };
    });
  const partnership = fc.constantFrom(["u3", "u6"], ["u6", "u3"], ["u2", "u6"], ["u4", "u1"], ["u5", "u6"]).map(
    ([actor, partnerId]): Command => ({
      type: "startPartnership",
      actor: actor as string,
      at: AT,
      account: office,
      partnerId: partnerId as string,
    }),
  );
  const plans = fc
    .tuple(arbitrarySteps(), arbitrarySteps(), arbitrarySteps(), fc.constantFrom(...UNIVERSE.users))
    .map(([a, b, c, owner]): Command[] => [
      { type: "createSmartPlan", actor: "u1", at: AT, account: team("t1"), planId: "p1", name: "One", steps: a },
      { type: "createSmartPlan", actor: "u6", at: AT, account: team("t2"), planId: "p2", name: "Two", steps: b },
      {
        type: "createSmartPlan",
        actor: owner,
        at: AT,
        account: { kind: "personal", userId: owner },
        planId: "p3",
        name: "Mine",
        steps: c.map((step) => ({ id: step.id, kind: step.kind, title: step.title })),
      },
    ]);
  const messaging = fc.subarray([UNIVERSE.admin, ...UNIVERSE.users]).chain((users) =>
    fc.tuple(
      ...users.map((userId) =>
        fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 })).map(([limit, credits]): Command[] => [
          // The office's base allowance is every plan's floor (D-100): the small limit is the subscription's allotment now.
          {
            type: "setMessagingPlan",
            actor: UNIVERSE.admin,
            at: AT,
            account: office,
            userId,
            twilio: true,
            twilioMonthlyCredits: limit,
          },
          { type: "addTwilioCredits", actor: UNIVERSE.admin, at: AT, account: office, userId, credits },
        ]),
      ),
    ),
  );
  const enrol = fc.tuple(fc.constantFrom(["u1", "t1", "p1"], ["u6", "t2", "p2"]), arbitraryContactId()).map(
    ([[actor, teamId, planId], contactId]): Command => ({
      type: "enrolContact",
      actor: actor as string,
      at: AT,
      account: team(teamId as string),
      planId: planId as string,
      contactId,
    }),
  );
  return fc
    .tuple(
      fc.array(contact, { minLength: 4, maxLength: 10 }),
      fc.array(partnership, { maxLength: 3 }),
      plans,
      messaging,
      fc.array(enrol, { maxLength: 6 }),
    )
    .map(([contacts, partners, planCommands, messages, enrolments]) => [
      ...partners,
      ...contacts,
      ...planCommands,
      ...messages.flat(),
      ...enrolments,
      ...assetPopulation(
        [
          { teamId: "t1", rainmakerId: "u1" },
          { teamId: "t2", rainmakerId: "u6" },
        ],
        UNIVERSE.users,
      ),
    ]);
}

/** A sequence of commands to run after `SETUP`. */
export const arbitraryCommandSequence = (maxLength = 40, options: CommandOptions = {}): fc.Arbitrary<Command[]> =>
  fc.array(arbitraryCommand(options), { maxLength, size: "max" });

/**
 * A state reached by `SETUP` and a random command sequence (refused commands simply leave no trace). The
 * commands are drawn by `arbitraryCommand(options)`, or from `options.commands` when given; with `populate`, the
 * sequence starts with `arbitraryPopulation()`. With `world`, the state is that world's instead (`defineWorld`):
 * its setup, its population and its commands. fast-check prints the value as `describeRun` does.
 */
export function arbitraryState(options: StateOptions = {}): fc.Arbitrary<GeneratedState> {
  if (options.world !== undefined) {
    const { world, ...rest } = options;
    return (isWorld(world) ? world : defineWorld(world)).state(rest);
  }
  const maxLength = options.maxCommands ?? 40;
  const drawn =
    options.commands === undefined
      ? arbitraryCommandSequence(maxLength, options)
      : fc.array(options.commands, { maxLength, size: "max" });
  const sequence =
    options.populate === true
      ? fc.tuple(arbitraryPopulation(), drawn).map(([population, commands]) => [...population, ...commands])
      : drawn;
  return fc
    .tuple(options.configuration ?? fc.constant(DEFAULT_CONFIGURATION), sequence)
    .map(([configuration, commands]) => runCommands(configuration, SETUP, commands));
}

/** Options of `arbitraryState`. */
export interface StateOptions extends CommandOptions {
  /** Commands drawn after setup (and population), at most (default 40). */
  readonly maxCommands?: number;
  /** The configurations to draw (default: `DEFAULT_CONFIGURATION` alone; a world's own otherwise). */
  readonly configuration?: fc.Arbitrary<Configuration>;
  /** The commands to draw instead of `arbitraryCommand(options)` (UNIVERSE only). */
  readonly commands?: fc.Arbitrary<Command>;
  /** Starts the sequence with `arbitraryPopulation()` (UNIVERSE only; a world always populates). */
  readonly populate?: boolean;
  /** A world, or the options of one, to draw the state in instead of UNIVERSE. */
  readonly world?: World | WorldOptions;
}

/**
 * Runs `setup` (each command must be accepted) then `commands` (refused ones leave no trace) from the initial state
 * under `configuration`; the result prints as `describeRun`.
 */
export function runCommands(
  configuration: Configuration,
  setup: readonly Command[],
  commands: Command[],
): GeneratedState {
  let state = initialState(configuration);
  const events: Event[] = [];
  for (const command of setup) {
    const r = execute(state, command);
    if (E.isLeft(r))
      throw new Error(`setup command refused: ${describeCommand(command)}: ${r.left.code} (${r.left.rule})`);
    state = r.right.state;
    events.push(...r.right.events);
  }
  const outcomes: boolean[] = [];
  for (const command of commands) {
    const r = execute(state, command);
    outcomes.push(E.isRight(r));
    if (E.isRight(r)) {
      state = r.right.state;
      events.push(...r.right.events);
    }
  }
  const final = state;
  const generated: GeneratedState = { state: final, events, commands, accepted: outcomes.filter(Boolean).length };
  return printable(generated, () => describeRun({ state: final, commands, outcomes }));
}
