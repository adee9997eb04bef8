import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { COMMAND_TYPES, decodeCommand, decodeEvent, DEFAULT_CONFIGURATION } from "../../src/index.js";

/**
 * The input contract, field by field: one well-formed example of every command, each accepted; then, per field,
 * the values at its limits (accepted) and just past them (refused with `invalid_input` and the field's path).
 * The fuzz test throws random JSON at the decoders; this pins where each line is drawn.
 */
const at = "2026-03-02T17:00:00Z";
const office = { kind: "office" };
const team = { kind: "team", teamId: "t1" };
const mine = { kind: "personal", userId: "u1" };
const base = { actor: "u1", at };
const onContact = { ...base, account: team, contactId: "c1" };
const text = (n: number) => "x".repeat(n);

const EXAMPLES: Record<string, Record<string, unknown>> = {
  openOffice: { type: "openOffice", ...base, account: office, officeId: "o1", officeName: "Office", adminName: "Ada" },
  registerUser: {
    type: "registerUser",
    ...base,
    account: office,
    userId: "u2",
    name: "Bo",
    officeRole: "admin",
    permissions: { archiveContacts: true },
  },
  changeStaffPermissions: {
    type: "changeStaffPermissions",
    ...base,
    account: office,
    userId: "u2",
    permissions: { createContacts: false },
  },
  changeOfficeRole: { type: "changeOfficeRole", ...base, account: office, userId: "u2", officeRole: "master" },
  deactivateUser: { type: "deactivateUser", ...base, account: office, userId: "u2" },
  reactivateUser: { type: "reactivateUser", ...base, account: office, userId: "u2" },
  changeConfiguration: { type: "changeConfiguration", ...base, account: office, configuration: DEFAULT_CONFIGURATION },
  createTeam: { type: "createTeam", ...base, account: office, teamId: "t1", name: "One", rainmakerId: "u1" },
  addTeamMember: { type: "addTeamMember", ...base, account: team, userId: "u2", role: "agent", level: "enhanced" },
  changeMemberLevel: { type: "changeMemberLevel", ...base, account: team, userId: "u2", level: "unlimited" },
  removeTeamMember: { type: "removeTeamMember", ...base, account: team, userId: "u2" },
  addContact: {
    type: "addContact",
    ...base,
    account: team,
    contactId: "c1",
    channel: "propertyEnquiry",
    details: { name: "Ann", emails: ["a@example.com"], phones: ["+13125550147"], leadSource: "Zillow" },
    listingAgentId: "u2",
  },
  importContacts: {
    type: "importContacts",
    ...base,
    account: team,
    rows: [{ contactId: "c1", details: { name: "Ann" } }],
  },
  grantAccess: { type: "grantAccess", ...onContact, userId: "u2", level: "view" },
  revokeAccess: { type: "revokeAccess", ...onContact, userId: "u2" },
  changePrimary: { type: "changePrimary", ...onContact, userId: null },
  unassignSelf: { type: "unassignSelf", ...onContact },
  changeOwner: { type: "changeOwner", ...onContact, owner: { kind: "user", userId: "u2" } },
  moveContact: { type: "moveContact", ...onContact, to: mine },
  linkToListing: {
    type: "linkToListing",
    ...onContact,
    listingId: "L1",
    listingAgentId: "u2",
    kind: "openForInspection",
  },
  deleteContact: { type: "deleteContact", ...onContact },
  editContact: { type: "editContact", ...onContact, changes: { name: "Ann B", emails: [], leadSource: null } },
  addContactPoint: { type: "addContactPoint", ...onContact, point: { kind: "email", value: "a@example.com" } },
  setLeadStatus: { type: "setLeadStatus", ...onContact, status: "appointmentSet" },
  removeContactPoint: { type: "removeContactPoint", ...onContact, point: { kind: "phone", value: "+13125550147" } },
  archiveContact: { type: "archiveContact", ...onContact, channel: "manual", reason: "badContactInformation" },
  unarchiveContact: { type: "unarchiveContact", ...onContact, channel: "manual" },
  recordOptOut: {
    type: "recordOptOut",
    ...base,
    account: office,
    address: { kind: "phone", value: "+13125550147" },
    channel: "support",
  },
  recordOptIn: {
    type: "recordOptIn",
    ...base,
    account: office,
    address: { kind: "email", value: "a@example.com" },
    channel: "support",
    consent: { reference: "form", givenAt: at },
  },
  addNote: { type: "addNote", ...onContact, noteId: "n1", text: "hello", private: true },
  addLoan: { type: "addLoan", ...onContact, loanId: "L1", amount: 0, status: "open" },
  closeLoan: { type: "closeLoan", ...onContact, loanId: "L1" },
  addToGroup: { type: "addToGroup", ...onContact, group: "Buyers" },
  recordActivity: { type: "recordActivity", ...onContact, activityId: "a1", kind: "call", summary: "left a message" },
  addTask: { type: "addTask", ...onContact, taskId: "k1", title: "Call", assigneeId: "u2" },
  completeTask: { type: "completeTask", ...onContact, taskId: "k1" },
  startPartnership: { type: "startPartnership", ...base, account: office, partnerId: "u2" },
  endPartnership: { type: "endPartnership", ...base, account: office, partnerId: "u2" },
  shareContact: { type: "shareContact", ...onContact, userId: "u2" },
  unshareContact: { type: "unshareContact", ...onContact, userId: "u2" },
  assignToPartner: { type: "assignToPartner", ...onContact, partnerId: "u2" },
  assignContact: { type: "assignContact", ...onContact, userId: "u2" },
  reassignContacts: { type: "reassignContacts", ...base, account: team, fromUserId: "u2", toUserId: "u3" },
  transferContacts: { type: "transferContacts", ...base, account: team, fromUserId: "u2", toUserId: "u3" },
  createSmartPlan: {
    type: "createSmartPlan",
    ...base,
    account: team,
    planId: "p1",
    name: "Plan",
    steps: [{ id: "s1", kind: "mms", title: "Hi", designee: "rainmaker" }],
  },
  setAgentDefaults: {
    type: "setAgentDefaults",
    ...base,
    account: team,
    defaults: { task: "rainmaker", email: "contactAssignee", text: "rainmaker" },
  },
  setStepDesignee: { type: "setStepDesignee", ...base, account: team, planId: "p1", stepId: "s1", designee: null },
  enrolContact: { type: "enrolContact", ...base, account: mine, planId: "p1", contactId: "c1" },
  unenrolContact: { type: "unenrolContact", ...base, account: mine, planId: "p1", contactId: "c1" },
  setMessagingPlan: {
    type: "setMessagingPlan",
    ...base,
    account: office,
    userId: "u2",
    emailMonthlyLimit: 0,
    twilio: true,
    twilioMonthlyCredits: 500,
  },
  receiveText: { type: "receiveText", ...base, account: office, from: "+13125550147", messageId: "SM1", body: "START" },
  addTwilioCredits: { type: "addTwilioCredits", ...base, account: office, userId: "u2", credits: 1 },
  runStep: { type: "runStep", ...base, account: team, planId: "p1", stepId: "s1", contactId: "c1" },
  createOpportunity: {
    type: "createOpportunity",
    ...onContact,
    opportunityId: "o1",
    name: "Buyer",
    stage: "lead",
    value: 450000,
  },
  updateOpportunity: {
    type: "updateOpportunity",
    ...base,
    account: team,
    opportunityId: "o1",
    name: "Buyer",
    stage: "underContract",
    value: 0,
  },
  closeOpportunity: { type: "closeOpportunity", ...base, account: mine, opportunityId: "o1", outcome: "won" },
  deleteOpportunity: { type: "deleteOpportunity", ...base, account: team, opportunityId: "o1" },
  createCampaign: {
    type: "createCampaign",
    ...base,
    account: team,
    campaignId: "m1",
    name: "Spring",
    audience: { primaryOnly: true },
  },
  deleteCampaign: { type: "deleteCampaign", ...base, account: team, campaignId: "m1" },
  addCampaignMember: { type: "addCampaignMember", ...onContact, campaignId: "m1" },
  removeCampaignMember: { type: "removeCampaignMember", ...onContact, campaignId: "m1" },
  sendCampaign: { type: "sendCampaign", ...base, account: mine, campaignId: "m1" },
  createAsset: {
    type: "createAsset",
    ...base,
    account: team,
    assetId: "a1",
    kind: "field",
    name: "Stage",
    field: { type: "choice", options: ["buyer", "seller"] },
  },
  renameAsset: { type: "renameAsset", ...base, account: mine, assetId: "a1", name: "Golf" },
  deleteAsset: { type: "deleteAsset", ...base, account: team, assetId: "a1" },
  tagContact: { type: "tagContact", ...onContact, tagId: "a1" },
  untagContact: { type: "untagContact", ...onContact, tagId: "a1" },
  setFieldValue: { type: "setFieldValue", ...onContact, fieldId: "a1", value: 450000 },
  clearFieldValue: { type: "clearFieldValue", ...onContact, fieldId: "a1" },
  setLeadSource: { type: "setLeadSource", ...onContact, source: { kind: "builtIn", name: "openHouse" } },
  clearLeadSource: { type: "clearLeadSource", ...onContact },
};

type Patch = Record<string, unknown>;
const config = (patch: Patch) => ({ configuration: { ...DEFAULT_CONFIGURATION, ...patch } });
const details = (patch: Patch) => ({ details: { name: "Ann", ...patch } });

/** [command, patch, accepted?] — the patch replaces top-level fields of the example. */
const LIMITS: [string, Patch, boolean][] = [
  ["deactivateUser", { userId: text(200) }, true],
  ["deactivateUser", { userId: text(201) }, false],
  ["deactivateUser", { userId: "" }, false],
  ["deactivateUser", { actor: "" }, false],
  ["deactivateUser", { at: "2026-03-02T18:00:00+01:00" }, true],
  ["deactivateUser", { at: "2026-03-02" }, false],
  ["deactivateUser", { at: "yesterday" }, false],
  ["deactivateUser", { account: team }, false],
  ["deactivateUser", { extra: 1 }, false],
  ["deactivateUser", { type: "deactivateuser" }, false],
  ["openOffice", { officeName: text(500) }, true],
  ["openOffice", { officeName: text(501) }, false],
  ["openOffice", { adminName: text(501) }, false],
  ["registerUser", { officeRole: "owner" }, false],
  ["registerUser", { permissions: { archiveContacts: "yes" } }, false],
  ["registerUser", { permissions: { deleteEverything: true } }, false],
  ["registerUser", { officeRole: undefined, permissions: undefined }, true],
  ["changeStaffPermissions", { permissions: {} }, true],
  ["changeStaffPermissions", { permissions: { editContacts: false } }, true],
  ["changeStaffPermissions", { permissions: { editContacts: "no" } }, false],
  ["editContact", { changes: {} }, true],
  ["editContact", { changes: { name: text(500) } }, true],
  ["editContact", { changes: { name: text(501) } }, false],
  ["editContact", { changes: { emails: Array.from({ length: 20 }, (_, i) => `a${i}@example.com`) } }, true],
  ["editContact", { changes: { emails: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`) } }, false],
  ["editContact", { changes: { phones: [text(41)] } }, false],
  ["editContact", { changes: { leadSource: text(501) } }, false],
  ["editContact", { changes: { owner: "u2" } }, false],
  ["addContactPoint", { point: { kind: "email", value: text(320) } }, true],
  ["addContactPoint", { point: { kind: "email", value: text(321) } }, false],
  ["addContactPoint", { point: { kind: "fax", value: "1" } }, false],
  ["addContactPoint", { point: { kind: "phone", value: text(40) } }, true],
  ["addContactPoint", { point: { kind: "phone", value: text(41) } }, false],
  ["removeContactPoint", { point: { kind: "phone" } }, false],
  ["setLeadStatus", { status: "lost" }, true],
  ["setLeadStatus", { status: "Lost" }, false],
  ["transferContacts", { account: mine }, false],
  ["transferContacts", { toUserId: "" }, false],
  ["changeOfficeRole", { officeRole: "staff" }, true],
  ["changeOfficeRole", { officeRole: "boss" }, false],
  ["createTeam", { account: team }, false],
  ["addTeamMember", { role: "rainmaker" }, false],
  ["addTeamMember", { role: "administrativeAssistant", level: undefined }, true],
  ["addTeamMember", { level: "super" }, false],
  ["addTeamMember", { account: office }, false],
  ["changeMemberLevel", { level: "standard" }, true],
  ["changeMemberLevel", { level: "high" }, false],
  ["changeConfiguration", config({ defaultPhoneCountry: "GB" }), true],
  ["changeConfiguration", config({ defaultPhoneCountry: "gb" }), false],
  ["changeConfiguration", config({ defaultPhoneCountry: "GBR" }), false],
  ["changeConfiguration", config({ officeTimeZone: "Europe/London" }), true],
  ["changeConfiguration", config({ officeTimeZone: "Nowhere/At_All" }), false],
  ["changeConfiguration", config({ officeTimeZone: `${text(101)}` }), false],
  ["changeConfiguration", config({ textWindow: { start: "00:00", end: "23:59" } }), true],
  ["changeConfiguration", config({ textWindow: { start: "9:00", end: "19:00" } }), false],
  ["changeConfiguration", config({ textWindow: { start: "09:00", end: "24:00" } }), false],
  ["changeConfiguration", config({ textWindow: { start: "09:60", end: "19:00" } }), false],
  ["changeConfiguration", config({ defaultEmailMonthlyLimit: 10_000_000 }), true],
  ["changeConfiguration", config({ defaultEmailMonthlyLimit: 10_000_001 }), false],
  ["changeConfiguration", config({ defaultEmailMonthlyLimit: -1 }), false],
  ["changeConfiguration", config({ defaultEmailMonthlyLimit: 1.5 }), false],
  ["changeConfiguration", config({ newsletterFallback: { kind: "agent", userId: "u2" } }), true],
  ["changeConfiguration", config({ newsletterFallback: { kind: "agent", userId: "" } }), false],
  ["changeConfiguration", config({ newsletterFallback: { kind: "team" } }), false],
  ["changeConfiguration", config({ leadSourceShares: [{ leadSource: "Zillow", userIds: ["u2"] }] }), true],
  ["changeConfiguration", config({ leadSourceShares: [{ leadSource: "Zillow", userIds: [""] }] }), false],
  ["changeConfiguration", config({ leadSourceShares: [{ leadSource: text(501), userIds: [] }] }), false],
  [
    "changeConfiguration",
    config({ leadSourceShares: [{ leadSource: "Zillow", userIds: Array.from({ length: 1001 }, (_, i) => `u${i}`) }] }),
    false,
  ],
  ["changeConfiguration", config({ revokeOnReassign: "yes" }), false],
  ["changeConfiguration", config({ creatorAccessOnAdd: "view" }), false],
  ["changeConfiguration", config({ importerAccess: "none" }), true],
  ["changeConfiguration", config({ importerAccess: "view" }), false],
  ["changeConfiguration", config({ listingAgentAccessOnNewEnquiry: "view" }), false],
  ["changeConfiguration", config({ listingAgentAccessOnExistingEnquiry: "primary" }), false],
  ["changeConfiguration", config({ ownershipTransfer: "managersAndAdmins" }), true],
  ["changeConfiguration", config({ ownershipTransfer: "anyone" }), false],
  ["changeConfiguration", config({ loansBlockOwnerChange: 0 }), false],
  ["addContact", details({ name: text(500) }), true],
  ["addContact", details({ name: text(501) }), false],
  ["addContact", details({ emails: Array.from({ length: 20 }, (_, i) => `a${i}@example.com`) }), true],
  ["addContact", details({ emails: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`) }), false],
  ["addContact", details({ emails: [`${text(308)}@example.com`] }), true],
  ["addContact", details({ emails: [`${text(309)}@example.com`] }), false],
  ["addContact", details({ phones: Array.from({ length: 21 }, () => "+13125550147") }), false],
  ["addContact", details({ phones: [text(40)] }), true],
  ["addContact", details({ phones: [text(41)] }), false],
  ["addContact", details({ leadSource: text(501) }), false],
  ["addContact", details({ nickname: "A" }), false],
  ["addContact", { channel: "import" }, false],
  ["addContact", { channel: "apiSync" }, true],
  ["addContact", { listingAgentId: "" }, false],
  ["importContacts", { rows: [] }, true],
  ["importContacts", { rows: [{ contactId: "", details: { name: "Ann" } }] }, false],
  ["importContacts", { rows: [{ contactId: "c1", details: { name: "Ann" }, owner: "u1" }] }, false],
  ["grantAccess", { level: "shared" }, true],
  ["grantAccess", { level: "owner" }, false],
  ["changePrimary", { userId: "u2" }, true],
  ["changePrimary", { userId: "" }, false],
  ["changeOwner", { owner: { kind: "team", teamId: "t1" } }, true],
  ["changeOwner", { owner: { kind: "team", userId: "u2" } }, false],
  ["moveContact", { to: office }, false],
  ["linkToListing", { kind: "sale" }, false],
  ["linkToListing", { listingAgentId: undefined }, true],
  ["archiveContact", { reason: "bored" }, false],
  ["archiveContact", { reason: "deceased" }, true],
  ["unarchiveContact", { channel: "fax" }, false],
  ["recordOptOut", { address: { kind: "email", value: "" } }, false],
  ["recordOptOut", { address: { kind: "email", value: text(320) } }, true],
  ["recordOptOut", { address: { kind: "email", value: text(321) } }, false],
  ["recordOptOut", { address: { kind: "fax", value: "1" } }, false],
  ["recordOptIn", { consent: { reference: "", givenAt: at } }, false],
  ["recordOptIn", { consent: { reference: text(500), givenAt: at } }, true],
  ["recordOptIn", { consent: { reference: text(501), givenAt: at } }, false],
  ["recordOptIn", { consent: { reference: "form", givenAt: "last week" } }, false],
  ["recordOptIn", { consent: undefined }, true],
  ["addNote", { text: text(10_000) }, true],
  ["addNote", { text: text(10_001) }, false],
  ["addNote", { private: "no" }, false],
  ["addLoan", { amount: -1 }, false],
  ["addLoan", { amount: Number.POSITIVE_INFINITY }, false],
  ["addLoan", { amount: 1_250_000.5 }, true],
  ["addLoan", { status: text(501) }, false],
  ["addToGroup", { group: "" }, false],
  ["addToGroup", { group: text(500) }, true],
  ["addToGroup", { group: text(501) }, false],
  ["recordActivity", { summary: text(10_000) }, true],
  ["recordActivity", { summary: text(10_001) }, false],
  ["recordActivity", { kind: text(501) }, false],
  ["addTask", { title: text(501) }, false],
  ["addTask", { assigneeId: "" }, false],
  ["reassignContacts", { account: mine }, false],
  ["startPartnership", { account: team }, false],
  ["createSmartPlan", { steps: [] }, false],
  [
    "createSmartPlan",
    { steps: Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, kind: "task", title: "t" })) },
    true,
  ],
  [
    "createSmartPlan",
    { steps: Array.from({ length: 201 }, (_, i) => ({ id: `s${i}`, kind: "task", title: "t" })) },
    false,
  ],
  ["createSmartPlan", { steps: [{ id: "s1", kind: "fax", title: "t" }] }, false],
  ["createSmartPlan", { steps: [{ id: "s1", kind: "call", title: "t", designee: "teamManager" }] }, false],
  ["createSmartPlan", { steps: [{ id: "s1", kind: "email", title: "t", delay: 3 }] }, false],
  ["createSmartPlan", { name: text(501) }, false],
  ["setAgentDefaults", { account: mine }, false],
  ["setAgentDefaults", { defaults: { task: "rainmaker", email: "rainmaker" } }, false],
  ["setAgentDefaults", { defaults: { task: "rainmaker", email: "rainmaker", text: "partner" } }, false],
  ["setStepDesignee", { designee: "contactAssignee" }, true],
  ["setStepDesignee", { designee: "nobody" }, false],
  ["setMessagingPlan", { emailMonthlyLimit: undefined, twilio: undefined }, true],
  ["setMessagingPlan", { emailMonthlyLimit: 10_000_000 }, true],
  ["setMessagingPlan", { emailMonthlyLimit: 10_000_001 }, false],
  ["setMessagingPlan", { emailMonthlyLimit: -1 }, false],
  ["setMessagingPlan", { emailMonthlyLimit: 2.5 }, false],
  ["setMessagingPlan", { twilio: "yes" }, false],
  ["setMessagingPlan", { twilioMonthlyCredits: 0 }, true],
  ["setMessagingPlan", { twilioMonthlyCredits: 1_000_000 }, true],
  ["setMessagingPlan", { twilioMonthlyCredits: 1_000_001 }, false],
  ["setMessagingPlan", { twilioMonthlyCredits: -1 }, false],
  ["setMessagingPlan", { twilioMonthlyCredits: 0.5 }, false],
  ["receiveText", { from: text(64) }, true],
  ["receiveText", { from: text(65) }, false],
  ["receiveText", { from: "" }, false],
  ["receiveText", { body: text(1600) }, true],
  ["receiveText", { body: text(1601) }, false],
  ["receiveText", { messageId: text(200) }, true],
  ["receiveText", { messageId: text(201) }, false],
  ["receiveText", { messageId: "" }, false],
  ["receiveText", { account: team }, false],
  ["addTwilioCredits", { credits: 0 }, false],
  ["addTwilioCredits", { credits: 10_000_000 }, true],
  ["addTwilioCredits", { credits: 10_000_001 }, false],
  ["addTwilioCredits", { credits: 1.5 }, false],
  ["runStep", { account: office }, false],
  ["createOpportunity", { name: text(200) }, true],
  ["createOpportunity", { name: text(201) }, false],
  ["createOpportunity", { name: "" }, false],
  ["createOpportunity", { value: 1_000_000_000_000 }, true],
  ["createOpportunity", { value: 1_000_000_000_001 }, false],
  ["createOpportunity", { value: -1 }, false],
  ["createOpportunity", { value: 0.5 }, false],
  ["createOpportunity", { stage: "closed" }, false],
  ["createOpportunity", { opportunityId: text(201) }, false],
  ["createOpportunity", { account: office }, false],
  ["updateOpportunity", { name: undefined, stage: undefined }, true],
  ["updateOpportunity", { stage: "lost" }, false],
  ["closeOpportunity", { outcome: "withdrawn" }, false],
  ["createCampaign", { audience: null }, true],
  ["createCampaign", { audience: {} }, false],
  ["createCampaign", { name: text(201) }, false],
  ["addCampaignMember", { campaignId: "" }, false],
  ["sendCampaign", { account: office }, false],
  ["createAsset", { name: text(100) }, true],
  ["createAsset", { name: text(101) }, false],
  ["createAsset", { name: "" }, false],
  ["createAsset", { name: "   " }, false],
  ["createAsset", { kind: "tag", field: undefined }, true],
  ["createAsset", { kind: "label" }, false],
  ["createAsset", { field: { type: "money" } }, false],
  ["createAsset", { field: { type: "choice", options: Array.from({ length: 50 }, (_, i) => `o${i}`) } }, true],
  ["createAsset", { field: { type: "choice", options: Array.from({ length: 51 }, (_, i) => `o${i}`) } }, false],
  ["createAsset", { field: { type: "choice", options: [text(101)] } }, false],
  ["createAsset", { assetId: text(201) }, false],
  ["createAsset", { account: office }, false],
  ["renameAsset", { name: text(101) }, false],
  ["deleteAsset", { assetId: "" }, false],
  ["tagContact", { tagId: text(200) }, true],
  ["tagContact", { tagId: text(201) }, false],
  ["untagContact", { tagId: "" }, false],
  ["setFieldValue", { value: text(1000) }, true],
  ["setFieldValue", { value: text(1001) }, false],
  ["setFieldValue", { value: true }, false],
  ["setFieldValue", { value: null }, false],
  ["clearFieldValue", { fieldId: "" }, false],
  ["setLeadSource", { source: { kind: "custom", assetId: "a2" } }, true],
  ["setLeadSource", { source: { kind: "builtIn", name: "billboard" } }, false],
  ["setLeadSource", { source: "referral" }, false],
  ["clearLeadSource", { account: office }, false],
];

function decoded(command: unknown): boolean {
  return E.isRight(decodeCommand(command));
}

describe("the input contract of every command", () => {
  it("accepts one well-formed example of every command", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const [type, example] of Object.entries(EXAMPLES)) {
      const r = decodeCommand(example);
      if (E.isLeft(r)) throw new Error(`${type}: ${r.left.message}`);
      expect(r.right).toEqual(example);
    }
  });

  it("refuses each example without any one of its required fields, naming the field", () => {
    const optional = new Set([
      "registerUser.officeRole",
      "registerUser.permissions",
      "addContact.listingAgentId",
      "linkToListing.listingAgentId",
      "recordOptIn.consent",
      "addTeamMember.level",
      "setMessagingPlan.emailMonthlyLimit",
      "setMessagingPlan.twilio",
      "setMessagingPlan.twilioMonthlyCredits",
      "receiveText.messageId",
      "receiveText.body",
      "updateOpportunity.name",
      "updateOpportunity.stage",
      "updateOpportunity.value",
      "createAsset.field",
    ]);
    for (const [type, example] of Object.entries(EXAMPLES)) {
      for (const field of Object.keys(example)) {
        const { [field]: _gone, ...rest } = example;
        const r = decodeCommand(rest);
        if (optional.has(`${type}.${field}`)) expect(E.isRight(r), `${type} without ${field}`).toBe(true);
        else {
          expect(E.isLeft(r), `${type} without ${field}`).toBe(true);
          if (E.isLeft(r) && field !== "type") expect(r.left.code).toBe("invalid_input");
        }
      }
    }
  });

  it("draws each field's line where the schema says: at the limit accepted, past it refused", () => {
    for (const [type, patch, accepted] of LIMITS) {
      const command = { ...EXAMPLES[type], ...patch };
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (command as Record<string, unknown>)[k];
      expect(decoded(command), `${type} ${JSON.stringify(patch).slice(0, 120)}`).toBe(accepted);
    }
  });

  it("a refusal names the offending field's path and says what is wrong", () => {
    const r = decodeCommand({ ...EXAMPLES.addContact, details: { name: "Ann", emails: [`${text(309)}@example.com`] } });
    expect(E.isLeft(r) && r.left).toMatchObject({ code: "invalid_input", rule: "input" });
    expect(E.isLeft(r) && r.left.message).toMatch(/details\.emails\.0/);
    const window = decodeCommand({
      ...EXAMPLES.changeConfiguration,
      ...config({ textWindow: { start: "19:00", end: "10:00" } }),
    });
    expect(E.isLeft(window) && window.left.message).toMatch(/configuration\.textWindow.*opens before it closes/);
  });
});

describe("the stored event contract", () => {
  const event = (patch: Patch) =>
    decodeEvent({ type: "TwilioCreditsAdded", at, by: "admin", userId: "u2", credits: 5, ...patch });
  it("reads a stored event back and refuses one altered past its schema", () => {
    expect(E.isRight(event({}))).toBe(true);
    for (const patch of [
      { credits: 0 },
      { credits: 1.5 },
      { by: "" },
      { at: "noon" },
      { extra: true },
      { type: "CreditsAdded" },
    ]) {
      expect(E.isLeft(event(patch)), JSON.stringify(patch)).toBe(true);
    }
    const imported = { type: "ContactsImported", at, by: "u1", account: team, created: 0, matched: 0, refused: 0 };
    expect(E.isRight(decodeEvent(imported))).toBe(true);
    expect(E.isLeft(decodeEvent({ ...imported, created: -1 }))).toBe(true);
    expect(E.isLeft(decodeEvent({ ...imported, matched: 0.5 }))).toBe(true);
    const matched = {
      type: "ContactMatched",
      at,
      by: "u1",
      contactId: "c1",
      requestedId: "c2",
      row: null,
      matchedOn: "email",
      added: { emails: [], phones: [] },
      channel: "api",
    };
    expect(E.isRight(decodeEvent(matched))).toBe(true);
    for (const patch of [{ row: -1 }, { matchedOn: "name" }, { channel: "manual" }, { added: { emails: [] } }])
      expect(E.isLeft(decodeEvent({ ...matched, ...patch })), JSON.stringify(patch)).toBe(true);
  });

  it("reads a 0.1.0 MessagingPlanChanged without an allotment, and the messaging events of 0.2.0 (SP-5, D-101 … D-104)", () => {
    const plan = { type: "MessagingPlanChanged", at, by: "admin", userId: "u2", emailMonthlyLimit: 5000, twilio: true };
    expect(E.isRight(decodeEvent(plan))).toBe(true);
    expect(E.isRight(decodeEvent({ ...plan, twilioMonthlyCredits: 500 }))).toBe(true);
    expect(E.isLeft(decodeEvent({ ...plan, twilioMonthlyCredits: -1 }))).toBe(true);
    const allotment = {
      type: "TwilioAllotmentCredited",
      at,
      by: "u2",
      userId: "u2",
      from: "2026-03",
      through: "2026-05",
      credits: 1500,
    };
    expect(E.isRight(decodeEvent(allotment))).toBe(true);
    for (const patch of [{ credits: 0 }, { from: "2026-03-01T00:00" }])
      expect(E.isLeft(decodeEvent({ ...allotment, ...patch })), JSON.stringify(patch)).toBe(true);
    const received = {
      type: "TextReceived",
      at,
      by: "admin",
      userId: "u2",
      from: "+13125550147",
      route: "sender",
      credits: 1,
    };
    expect(E.isRight(decodeEvent(received))).toBe(true);
    for (const patch of [{ route: "anyone" }, { credits: -1 }, { unpaid: "broke" }, { contactId: "c1" }])
      expect(E.isLeft(decodeEvent({ ...received, ...patch })), JSON.stringify(patch)).toBe(true);
    const unrouted = { type: "TextUnrouted", at, by: "admin", from: "+13125550147", reason: "noRoute", rule: "SP-5" };
    expect(E.isRight(decodeEvent(unrouted))).toBe(true);
    expect(E.isLeft(decodeEvent({ ...unrouted, reason: "lost" }))).toBe(true);
  });
});
