/**
 * A narrated walk through crm-access on the default configuration (the seeds' defaults).
 * Run with `npm run demo`.
 */
import * as E from "fp-ts/lib/Either.js";
import {
  can,
  DEFAULT_CONFIGURATION,
  execute,
  explain,
  getContact,
  accessAt,
  accessTimeline,
  initialState,
  isOptedOut,
  policyImpact,
  previewCampaign,
  PRESETS,
  visibleOpportunities,
  messagingOf,
  newsletterDelivery,
  project,
  resolveStep,
  usableAssets,
  visibleContacts,
  type Command,
  type ContactView,
  type Event,
  type State,
} from "../src/index.js";

const office = { kind: "office" } as const;
const team = { kind: "team", teamId: "harbour" } as const;
const personal = (userId: string) => ({ kind: "personal", userId }) as const;

/** A command without its time: the demo's clock stamps it. */
type Untimed = Command extends infer C ? (C extends Command ? Omit<C, "at"> : never) : never;

let clock = Date.UTC(2026, 2, 2, 9, 0, 0);
let state: State = initialState();
/** Every event the demo's commands caused, as a service would store them. */
const log: Event[] = [];

function say(text: string): void {
  console.log(`\n${text}`);
}

function describe(event: Event): string {
  const { type, at: _at, by: _by, ...rest } = event;
  return `${type} ${JSON.stringify(rest)}`;
}

function act(command: Untimed): readonly Event[] {
  clock += 60_000;
  const result = execute(state, { ...command, at: new Date(clock).toISOString() } as Command);
  if (E.isLeft(result)) throw new Error(`demo step refused: ${result.left.message}`);
  state = result.right.state;
  log.push(...result.right.events);
  for (const event of result.right.events) console.log(`  • ${describe(event)}`);
  return result.right.events;
}

function refuse(command: Untimed): void {
  const result = execute(state, { ...command, at: new Date(clock).toISOString() } as Command);
  if (E.isRight(result)) throw new Error("demo expected a refusal");
  console.log(
    `  ✗ ${command.type} by ${command.actor}: ${result.left.code} (${result.left.rule}) — ${result.left.message}`,
  );
}

const users = ["admin", "rita", "eve", "sam", "sue"] as const;

function matrix(contactIds: readonly string[]): void {
  const cell = (u: string, c: string): string =>
    can(state, u, "edit", c)
      ? "edit"
      : can(state, u, "viewDetails", c)
        ? "details"
        : can(state, u, "view", c)
          ? "view"
          : "·";
  const width = Math.max(...contactIds.map((c) => c.length), 7);
  console.log(`  ${"".padEnd(7)}${contactIds.map((c) => c.padEnd(width + 1)).join("")}`);
  for (const u of users) console.log(`  ${u.padEnd(7)}${contactIds.map((c) => cell(u, c).padEnd(width + 1)).join("")}`);
}

say("1. The office opens; Ada the admin registers a rainmaker, a transaction coordinator and two agents.");
act({
  type: "openOffice",
  actor: "admin",
  account: office,
  officeId: "o1",
  officeName: "Harbour Realty",
  adminName: "Ada",
});
act({ type: "registerUser", actor: "admin", account: office, userId: "rita", name: "Rita (rainmaker)" });
act({ type: "registerUser", actor: "admin", account: office, userId: "eve", name: "Eve (transaction coordinator)" });
act({
  type: "registerUser",
  actor: "admin",
  account: office,
  userId: "sam",
  name: "Sam (agent)",
  permissions: { editContactOwnership: true },
});
act({ type: "registerUser", actor: "admin", account: office, userId: "sue", name: "Sue (agent)" });
act({
  type: "createTeam",
  actor: "admin",
  account: office,
  teamId: "harbour",
  name: "Harbour Team",
  rainmakerId: "rita",
});
act({ type: "addTeamMember", actor: "rita", account: team, userId: "eve", role: "transactionCoordinator" });
act({ type: "addTeamMember", actor: "rita", account: team, userId: "sam", role: "agent" });
act({ type: "addTeamMember", actor: "rita", account: team, userId: "sue", role: "agent" });

say("2. Sam adds a buyer by hand in the team account: the team owns it (ACC-2), Sam becomes primary (ASG-6).");
act({
  type: "addContact",
  actor: "sam",
  account: team,
  contactId: "buyer-1",
  channel: "manual",
  details: { name: "Bea Buyer", emails: ["bea@example.com"] },
});

say("3. Sue imports two leads into the team account: the team owns them, not Sue (ACC-2).");
act({
  type: "importContacts",
  actor: "sue",
  account: team,
  rows: [
    { contactId: "lead-1", details: { name: "Len Lead" } },
    { contactId: "lead-2", details: { name: "Liv Lead" } },
  ],
});

say("4. An enquiry on Sue's listing creates a contact with Sue as primary (ASG-7).");
act({
  type: "addContact",
  actor: "eve",
  account: team,
  contactId: "enq-1",
  channel: "propertyEnquiry",
  listingAgentId: "sue",
  details: { name: "Ed Enquirer" },
});

say("5. Sue keeps a private client in her personal account, synced through API-sync (ACC-4).");
act({
  type: "addContact",
  actor: "sue",
  account: personal("sue"),
  contactId: "sue-own",
  channel: "apiSync",
  details: { name: "Pat Private" },
});

const contacts = ["buyer-1", "lead-1", "lead-2", "enq-1", "sue-own"];
say(
  "Access matrix (edit > details > view): standard agents see their own, Eve and Rita see the team (ACC-9), nobody sees Sue's personal contact (ACC-5).",
);
matrix(contacts);

say("6. Refusals explain themselves.");
refuse({ type: "changePrimary", actor: "sue", account: team, contactId: "lead-1", userId: "sue" });
refuse({ type: "deleteContact", actor: "eve", account: team, contactId: "lead-2" });
refuse({ type: "addContact", actor: "sam", account: team, contactId: "x", channel: "apiSync", details: { name: "X" } });
console.log(`  ? ${explain(state, "rita", "view", "sue-own").message}`);
console.log(`  ? ${explain(state, "sue", "edit", "buyer-1").message}`);

say("7. Sam, the current primary, reassigns the buyer to Sue: Sam's access is revoked by default (REA-1).");
act({ type: "changePrimary", actor: "sam", account: team, contactId: "buyer-1", userId: "sue" });
console.log(`  Sam can still view buyer-1? ${can(state, "sam", "view", "buyer-1")}`);

say("8. Rita gives Sue ownership of lead-1 (ACC-3); Sue moves it to her personal account (ACC-7).");
act({ type: "changeOwner", actor: "rita", account: team, contactId: "lead-1", owner: { kind: "user", userId: "sue" } });
act({ type: "moveContact", actor: "sue", account: team, contactId: "lead-1", to: personal("sue") });

say("9. Sue leaves the team: she loses every team contact she held; nothing is deleted (ACC-10).");
act({ type: "removeTeamMember", actor: "sue", account: team, userId: "sue" });
matrix(contacts);
console.log(
  `\n  buyer-1 still exists: ${getContact(state, "buyer-1") !== undefined}; its primary is now ${getContact(state, "buyer-1")?.primary ?? "nobody"}.`,
);
console.log("  lead-1 went with Sue to her personal account, so she keeps it.");

say(
  "10. Lou, a loan officer, co-markets with Sam (SHR-3) and assigns him a borrower from her personal account (SHR-2).",
);
act({ type: "registerUser", actor: "admin", account: office, userId: "lou", name: "Lou (loan officer)" });
act({ type: "startPartnership", actor: "lou", account: office, partnerId: "sam" });
const lou = personal("lou");
act({
  type: "addContact",
  actor: "lou",
  account: lou,
  contactId: "borrower",
  channel: "manual",
  details: { name: "Bo Borrower", emails: ["bo@example.com"], phones: ["+1 312 555 0147"] },
});
act({
  type: "addNote",
  actor: "lou",
  account: lou,
  contactId: "borrower",
  noteId: "n1",
  text: "Wants a 3-bed near the school",
  private: false,
});
act({
  type: "addNote",
  actor: "lou",
  account: lou,
  contactId: "borrower",
  noteId: "n2",
  text: "Credit score under review",
  private: true,
});
act({
  type: "addLoan",
  actor: "lou",
  account: lou,
  contactId: "borrower",
  loanId: "loan-7",
  amount: 420000,
  status: "pre-approval",
});
act({ type: "assignToPartner", actor: "lou", account: lou, contactId: "borrower", partnerId: "sam" });
act({
  type: "addTask",
  actor: "lou",
  account: lou,
  contactId: "borrower",
  taskId: "t1",
  title: "Send listings",
  assigneeId: "sam",
});
act({
  type: "addTask",
  actor: "lou",
  account: lou,
  contactId: "borrower",
  taskId: "t2",
  title: "Order appraisal",
  assigneeId: "lou",
});

say(
  "11. The same contact, seen by Lou (owner) and by Sam (co-marketing partner): Sam gets no private notes, loans or Lou's own tasks (SHR-5, SHR-6).",
);
function show(viewer: string): void {
  const view = project(state, viewer, "borrower");
  if (E.isLeft(view)) throw new Error(view.left.message);
  const v: ContactView = view.right;
  const list = (xs: readonly { id: string }[] | undefined): string =>
    xs === undefined ? "—" : xs.map((x) => x.id).join(", ") || "none";
  console.log(
    `  ${viewer.padEnd(4)} public notes: ${list(v.publicNotes)} | private notes: ${list(v.privateNotes)} | loans: ${list(v.loans)} | tasks: ${list(v.tasks)}`,
  );
  if (v.withheld.length > 0)
    console.log(`       withheld: ${v.withheld.map((w) => `${w.field} (${w.rule})`).join(", ")}`);
}
show("lou");
show("sam");
refuse({ type: "deleteContact", actor: "lou", account: lou, contactId: "borrower" });

say("12. The partnership ends; the contact stays shared until Lou unshares it (SHR-4).");
act({ type: "endPartnership", actor: "sam", account: office, partnerId: "lou" });
console.log(`  Sam can still see the borrower? ${can(state, "sam", "viewDetails", "borrower")}`);
act({ type: "unshareContact", actor: "lou", account: lou, contactId: "borrower", userId: "sam" });
console.log(`  After unsharing: ${can(state, "sam", "view", "borrower")}`);

say(
  "13. Reassignment with and without revocation (REA-1): the office switches revokeOnReassign off, Rita hands enq-1 on.",
);
act({
  type: "changeStaffPermissions",
  actor: "admin",
  account: office,
  userId: "rita",
  permissions: { editContactOwnership: true },
});
act({ type: "changePrimary", actor: "rita", account: team, contactId: "enq-1", userId: "eve" });
act({ type: "changePrimary", actor: "rita", account: team, contactId: "enq-1", userId: "sam" });
console.log(
  `  with revocation (default): Eve keeps a grant on enq-1? ${getContact(state, "enq-1")?.grants.some((g) => g.userId === "eve")}`,
);
act({
  type: "changeConfiguration",
  actor: "admin",
  account: office,
  configuration: { ...DEFAULT_CONFIGURATION, revokeOnReassign: false },
});
act({ type: "changePrimary", actor: "rita", account: team, contactId: "enq-1", userId: "eve" });
console.log(
  `  without revocation: Sam keeps full access to enq-1? ${getContact(state, "enq-1")?.grants.some((g) => g.userId === "sam" && g.level === "full")}`,
);

say(
  "14. Eve imports a list with duplicates: rows matching an existing contact by email or phone update it instead (LIF-1).",
);
act({
  type: "addContact",
  actor: "eve",
  account: team,
  contactId: "ann",
  channel: "manual",
  details: { name: "Ann Archer", emails: ["ann@example.com"], phones: ["(312) 555-0199"] },
});
act({
  type: "importContacts",
  actor: "eve",
  account: team,
  rows: [
    { contactId: "row-1", details: { name: "Ann Archer", emails: ["ANN@example.com"], phones: ["+1 415 555 0132"] } },
    { contactId: "row-2", details: { name: "Ann A.", phones: ["312.555.0199"] } },
    { contactId: "row-3", details: { name: "Ned New", emails: ["ned@example.com"] } },
  ],
});

say(
  "15. Ann texts STOP: her number is opted out. Rita deletes Ann; the opt-out stays, stored by phone number (LIF-3, LIF-4).",
);
act({
  type: "recordOptOut",
  actor: "eve",
  account: office,
  address: { kind: "phone", value: "312-555-0199" },
  channel: "api",
});
act({ type: "deleteContact", actor: "rita", account: team, contactId: "ann" });
console.log(
  `  Ann's contact exists: ${getContact(state, "ann") !== undefined}; her number is still opted out: ${isOptedOut(state, { kind: "phone", value: "+1 312 555 0199" })}`,
);
refuse({
  type: "recordOptIn",
  actor: "admin",
  account: office,
  address: { kind: "phone", value: "+1 312 555 0199" },
  channel: "api",
});

say(
  "16. A team SmartPlan with every step type (SP-1 … SP-9). Eve has Twilio, its monthly allotment and extra credits; Sam has no Twilio; nobody's email can go below the 5,000 sends every user has (SP-4).",
);
act({
  type: "createSmartPlan",
  actor: "rita",
  account: team,
  planId: "nurture",
  name: "Buyer nurture",
  steps: [
    { id: "call", kind: "call", title: "Intro call" },
    { id: "mail", kind: "email", title: "Market report" },
    { id: "text", kind: "sms", title: "Quick hello" },
    { id: "todo", kind: "task", title: "Send listings", designee: "rainmaker" },
  ],
});
act({ type: "setMessagingPlan", actor: "admin", account: office, userId: "eve", twilio: true });
act({ type: "addTwilioCredits", actor: "admin", account: office, userId: "eve", credits: 50 });
refuse({ type: "setMessagingPlan", actor: "admin", account: office, userId: "rita", emailMonthlyLimit: 0 });
act({ type: "setMessagingPlan", actor: "rita", account: office, userId: "rita", emailMonthlyLimit: 20000 }); // "That individual can upgrade their Command Email subscription"
act({
  type: "addContact",
  actor: "eve",
  account: team,
  contactId: "olive",
  channel: "manual",
  details: { name: "Olive Opted", emails: ["olive@example.com"], phones: ["+1 312 555 0123"] },
});
act({
  type: "recordOptOut",
  actor: "eve",
  account: office,
  address: { kind: "phone", value: "+1 312 555 0123" },
  channel: "api",
});
act({
  type: "addContact",
  actor: "eve",
  account: team,
  contactId: "pia",
  channel: "manual",
  details: { name: "Pia Primary", emails: ["pia@example.com"], phones: ["+1 312 555 0111"] },
});
act({
  type: "addContact",
  actor: "sam",
  account: team,
  contactId: "sol",
  channel: "manual",
  details: { name: "Sol (Sam's)", emails: ["sol@example.com"], phones: ["+1 312 555 0112"] },
});
act({
  type: "addContact",
  actor: "rita",
  account: team,
  contactId: "nia",
  channel: "manual",
  details: { name: "Nia No-primary", emails: ["nia@example.com"], phones: ["+1 312 555 0113"] },
});
act({ type: "changePrimary", actor: "rita", account: team, contactId: "nia", userId: null });
const at = "2026-03-02T17:00:00Z";
for (const contactId of ["pia", "sol", "nia", "olive"]) {
  const primary = getContact(state, contactId)?.primary ?? "none";
  console.log(`\n  ${contactId} (primary: ${primary})`);
  for (const stepId of ["call", "mail", "text", "todo"]) {
    const r = resolveStep(state, { planId: "nurture", stepId, contactId, at });
    console.log(
      `    ${stepId.padEnd(5)} ${E.isRight(r) ? `${r.right.message}  [${r.right.rules.join(", ")}]` : r.left.message}`,
    );
  }
}
const night = resolveStep(state, { planId: "nurture", stepId: "text", contactId: "pia", at: "2026-03-02T03:00:00Z" });
console.log(`\n  at 21:00 Chicago time: ${E.isRight(night) ? night.right.message : night.left.message}`);

say("17. Eve enrols Pia and the text step runs: the credit comes off Eve's balance (SP-5).");
act({ type: "enrolContact", actor: "eve", account: team, planId: "nurture", contactId: "pia" });
clock = Date.parse(at); // the plan engine runs the step at 11:00 Chicago time
act({ type: "runStep", actor: "eve", account: team, planId: "nurture", stepId: "text", contactId: "pia" });
console.log(`  Eve's credits: ${messagingOf(state, "eve").credits}`);

say("18. Newsletter senders (ASG-10): from the primary, otherwise the office; opted-out addresses skipped.");
for (const contactId of ["pia", "nia", "olive", "lead-2"]) {
  const d = newsletterDelivery(state, contactId);
  if (E.isRight(d)) {
    const from = d.right.sender.kind === "office" ? "the office" : d.right.sender.userId;
    console.log(
      `  ${contactId.padEnd(7)} from ${from}${d.right.skipped === null ? ` to ${d.right.to}` : `, skipped: ${d.right.skipped}`}`,
    );
  }
}

say("19. Before switching to the mortgage CRM's preset, the admin asks who would gain or lose what (policy impact).");
const impact = policyImpact(state, state.configuration, PRESETS.mortgageCoMarketing);
for (const row of impact.byRule) console.log(`  ${row.rule}: ${row.gained} gained, ${row.lost} lost`);
for (const change of impact.lost.slice(0, 4))
  console.log(`  - ${change.userId} would lose ${change.action} on ${change.contactId} (${change.rule})`);

say("20. Access history of buyer-1, from the event log alone (REA-2 over time).");
const timeline = accessTimeline(log, "buyer-1");
if (E.isLeft(timeline)) throw new Error(timeline.left.message); // a stored log that does not replay names its bad event (SEC-8)
for (const step of timeline.right) {
  const changes = step.changes.map((c) => `${c.userId}: ${c.from ?? "none"} → ${c.to ?? "none"}`).join("; ");
  console.log(`  ${step.at} ${step.event.padEnd(16)} ${changes}`);
}
const then = accessAt(log, "buyer-1", "2026-03-02T09:10:00Z");
if (E.isRight(then))
  console.log(`  at 09:10 the list was: ${then.right.map((e) => `${e.userId} (${e.level})`).join(", ")}`);

say(
  "21. Side doors stay shut (docs/security.md). Sam cannot see Pia, Eve's client; each way round is closed as the direct way is.",
);
console.log(`  can(sam, view, pia): ${can(state, "sam", "view", "pia")}`);
const hidden = explain(state, "sam", "view", "pia").message;
const absent = explain(state, "sam", "view", "nobody").message.replace("nobody", "pia");
console.log(
  `  explain says of Pia exactly what it says of an id that does not exist (SEC-2): ${hidden === absent} — "${hidden}"`,
);
act({
  type: "importContacts",
  actor: "sam",
  account: team,
  rows: [
    { contactId: "row-9", details: { name: "Probe", phones: ["+1 312 555 0111"], emails: ["sam-inbox@example.com"] } },
  ],
});
console.log(
  `  the row carried Pia's phone but made a new contact: Pia's emails are still ${JSON.stringify(getContact(state, "pia")?.details.emails)} (SEC-3)`,
);
refuse({ type: "grantAccess", actor: "eve", account: team, contactId: "pia", userId: "sam", level: "shared" });
refuse({ type: "runStep", actor: "eve", account: team, planId: "nurture", stepId: "text", contactId: "pia" });
console.log(`  Eve's credits are still ${messagingOf(state, "eve").credits}: a step runs once per enrolment (SEC-6)`);

say("22. A team tag every member uses, and a personal tag nobody else can tell exists (AST-1, ACC-8, ACC-5, SEC-2).");
act({ type: "createAsset", actor: "sam", account: team, assetId: "hot", kind: "tag", name: "Hot lead" });
act({
  type: "addContact",
  actor: "sam",
  account: team,
  contactId: "lead-22",
  channel: "manual",
  details: { name: "Lena Lead" },
});
act({ type: "tagContact", actor: "sam", account: team, contactId: "lead-22", tagId: "hot" });
act({ type: "tagContact", actor: "rita", account: team, contactId: "enq-1", tagId: "hot" });
console.log(
  `  Rita lists the team's hot leads: ${[...visibleContacts(state, "rita", { tag: "hot" })].sort().join(", ")}`,
);
act({
  type: "createAsset",
  actor: "sam",
  account: personal("sam"),
  assetId: "golf",
  kind: "tag",
  name: "Golf buddies",
});
act({
  type: "addContact",
  actor: "sam",
  account: personal("sam"),
  contactId: "sams-pal",
  channel: "manual",
  details: { name: "Pal" },
});
act({ type: "tagContact", actor: "sam", account: personal("sam"), contactId: "sams-pal", tagId: "golf" });
console.log(
  `  the assets Rita may use in Sam's personal account: ${usableAssets(state, "rita", personal("sam")).length} (none to see)`,
);
refuse({ type: "tagContact", actor: "rita", account: team, contactId: "enq-1", tagId: "golf" });
refuse({ type: "tagContact", actor: "rita", account: team, contactId: "enq-1", tagId: "no-such-tag" });
refuse({ type: "tagContact", actor: "sam", account: team, contactId: "lead-22", tagId: "golf" });
say(
  "23. Opportunities and email campaigns belong to one account (AST-4, AST-5). A team opportunity does not recognise Sam's personal client (ACC-6).",
);
act({
  type: "addContact",
  actor: "sam",
  account: personal("sam"),
  contactId: "sam-own",
  channel: "manual",
  details: { name: "Pat Private" },
});
refuse({
  type: "createOpportunity",
  actor: "sam",
  account: team,
  opportunityId: "deal-1",
  contactId: "sam-own",
  name: "Pat's condo",
  stage: "lead",
  value: 320000,
});
act({
  type: "createOpportunity",
  actor: "sam",
  account: personal("sam"),
  opportunityId: "deal-1",
  contactId: "sam-own",
  name: "Pat's condo",
  stage: "lead",
  value: 320000,
});
act({
  type: "createOpportunity",
  actor: "eve",
  account: team,
  opportunityId: "deal-2",
  contactId: "pia",
  name: "Pia buys in Harbour Park",
  stage: "appointment",
  value: 450000,
});
for (const u of ["rita", "eve", "sam"])
  console.log(`  ${u.padEnd(5)} sees ${JSON.stringify(visibleOpportunities(state, u).map((o) => o.id))}`);
console.log(
  "  nobody but Sam sees his personal opportunity, the rainmaker included (ACC-5); Sam does not see Pia's, as he cannot see Pia.",
);
act({
  type: "createCampaign",
  actor: "rita",
  account: team,
  campaignId: "spring",
  name: "Spring market update",
  audience: { primaryOnly: false },
});
const campaignPreview = previewCampaign(state, {
  actor: "eve",
  at: new Date(clock).toISOString(),
  account: team,
  campaignId: "spring",
});
if (E.isLeft(campaignPreview)) throw new Error(campaignPreview.left.message);
console.log(
  "  Eve previews the campaign: each email resolves like a SmartPlan email step, and nothing is spent (SP-4, SP-9, SEC-6):",
);
for (const d of campaignPreview.right.deliveries) {
  console.log(
    `  ${d.contactId.padEnd(8)} ${d.outcome === "sent" ? `from and charged to ${d.senderId}, to ${d.to}` : `skipped: ${d.reason} (${d.rule})`}`,
  );
}
console.log(`  Eve's emails this month are still ${messagingOf(state, "eve").emailsSent}.`);
