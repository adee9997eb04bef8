import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessList,
  ACTIONS,
  archiveOf,
  contactIds,
  decodeEvent,
  execute,
  explain,
  getContactFile,
  fromSnapshot,
  initialState,
  isOptedOut,
  messagingOf,
  newsletterDelivery,
  policyImpact,
  project,
  resolveStep,
  toSnapshot,
  visibleContacts,
  type Command,
  type State,
} from "../../src/index.js";
import { SETUP } from "../../src/testing/index.js";
import { ACCOUNTS, AT, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS, USERS, type Scene } from "./scenes.js";

/**
 * The second approval transcript: hand-written scenes for the commands the random corpus reaches least —
 * contact placement and lead-source sharing, deduplicated adds and imports, grants, primaries, owners, moves,
 * listings, deletes; archive, opt-out and the contact file; SmartPlans from creation to every step outcome.
 * Each command shows its events or refusal; each touched contact shows its access list and the view every user
 * gets of it; each runStep first shows what `resolveStep` says it will do. A scene ends with every user's
 * answers, visible contacts, newsletters, messaging balances, and the snapshot (which must read back).
 * Accept a reviewed change with `npx vitest run test/golden/edges.test.ts -u`.
 */
const compact = (value: unknown): string => JSON.stringify(value);

function say(lines: string[], state: State, contactId: string): void {
  const list = accessList(state, contactId);
  lines.push(
    `  access ${contactId}: ${E.isLeft(list) ? list.left.code : list.right.map((e) => `${e.userId}=${e.level}[${e.reasons.map((x) => x.rule).join(",")}]`).join(" ")}`,
  );
  for (const user of USERS) {
    const view = project(state, user, contactId);
    if (E.isRight(view)) lines.push(`  view ${user}: ${compact(view.right)}`);
  }
}

function scene({ name, configuration, commands }: Scene): string[] {
  const lines = [`# ${name}`, `# configuration ${compact(configuration)}`];
  let state = initialState(configuration);
  for (const command of SETUP) {
    const r = execute(state, command);
    if (E.isLeft(r)) throw new Error(`setup refused: ${r.left.message}`);
    state = r.right.state;
  }
  for (const loose of commands) {
    const command = { at: AT, ...loose } as unknown as Command;
    const { at, ...shown } = command as Command & { at: string };
    lines.push(`> ${compact(shown)}${at === AT ? "" : ` at ${at}`}`);
    if (command.type === "runStep") {
      const plan = resolveStep(state, command);
      lines.push(
        `  resolves: ${E.isLeft(plan) ? `${plan.left.code} (${plan.left.rule}) ${plan.left.message}` : `${compact(plan.right.designation)} ${compact(plan.right.outcome)} [${plan.right.rules.join(",")}] ${plan.right.message}`}`,
      );
    }
    const r = execute(state, command);
    if (E.isLeft(r)) {
      lines.push(`  refused ${r.left.code} (${r.left.rule}): ${r.left.message}`);
      continue;
    }
    state = r.right.state;
    for (const event of r.right.events) {
      const stored = decodeEvent(JSON.parse(JSON.stringify(event)));
      if (E.isLeft(stored) || JSON.stringify(stored.right) !== JSON.stringify(event))
        throw new Error(`${event.type} does not read back`);
      const { at: _t, ...rest } = event as typeof event & { at: string };
      lines.push(`  ${compact(rest)}`);
    }
    if ("contactId" in command) say(lines, state, command.contactId);
  }
  for (const contactId of contactIds(state)) {
    for (const user of USERS) {
      const answers = ACTIONS.map((action) => explain(state, user, action, contactId));
      lines.push(
        `= ${user} ${contactId} ${answers[0]?.level ?? "none"} may [${answers
          .filter((a) => a.allowed)
          .map((a) => a.action)
          .join(",")}]`,
      );
      for (const a of answers)
        if (!a.allowed && a.level !== null) lines.push(`  ${a.action}: ${a.rules.join(",")} ${a.message}`);
    }
    const letter = newsletterDelivery(state, contactId);
    lines.push(`  newsletter ${contactId}: ${E.isLeft(letter) ? letter.left.code : compact(letter.right)}`);
    lines.push(`  file ${contactId}: ${compact(getContactFile(state, contactId))}`);
    const archived = archiveOf(state, contactId);
    if (archived !== undefined) lines.push(`  archived ${contactId}: ${compact(archived)}`);
  }
  for (const [user, contactId] of [
    ["zz", contactIds(state)[0] ?? "c1"],
    ["u1", "c99"],
  ] as const) {
    const none = explain(state, user, "view", contactId);
    lines.push(`= ${user} ${contactId} ${compact(none)}`);
  }
  for (const user of USERS) {
    lines.push(
      `= ${user} sees [${visibleContacts(state, user).join(",")}] archived [${visibleContacts(state, user, { archived: true }).join(",")}]`,
    );
    const filters = [
      { primaryOnly: true },
      { action: "edit" },
      { action: "delete" },
      { account: { kind: "team", teamId: "t1" } },
      { account: { kind: "personal", userId: user } },
      { validEmail: true },
      { validEmail: false },
      { unsubscribed: true },
      { unsubscribed: false, archived: false },
    ] as const;
    lines.push(
      `  filtered ${filters.map((f) => `${compact(f)}=[${visibleContacts(state, user, f).join(",")}]`).join(" ")}`,
    );
    lines.push(`  messaging ${user}: ${compact(messagingOf(state, user))}`);
  }
  for (const value of [
    "ann@example.com",
    " ANN@Example.com ",
    "cy@example.com",
    "+13125550147",
    "(312) 555-0147",
    "+442079460018",
    "not a phone",
  ]) {
    const address = { kind: value.includes("@") ? "email" : "phone", value } as const;
    lines.push(`  opted out ${value}: ${isOptedOut(state, address)}`);
  }
  const nowhere = accessList(state, "c99");
  lines.push(
    `  c99: file ${compact(getContactFile(state, "c99"))} archive ${compact(archiveOf(state, "c99"))} access ${E.isLeft(nowhere) ? `${nowhere.left.code} ${nowhere.left.rule} ${nowhere.left.message}` : "?"}`,
  );
  const flips = [
    {
      ownershipTransfer:
        configuration.ownershipTransfer === "permissionLevel" ? "managersAndAdmins" : "permissionLevel",
    },
    { loansBlockOwnerChange: !configuration.loansBlockOwnerChange },
  ] as const;
  for (const flip of flips) {
    const impact = policyImpact(state, configuration, { ...configuration, ...flip });
    lines.push(`impact ${compact(flip)}: ${compact(impact)}`);
    lines.push(`impact back: ${compact(policyImpact(state, { ...configuration, ...flip }, configuration).byRule)}`);
  }
  const snapshot = toSnapshot(state);
  const back = fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
  if (E.isLeft(back) || compact(toSnapshot(back.right)) !== compact(snapshot))
    throw new Error("the snapshot does not read back");
  lines.push(`snapshot ${compact(snapshot)}`);
  return lines;
}

describe("approval transcript of hand-written scenes", () => {
  it("contacts: ACC-2/4/5/6/7, ASG-1…8, SHR-7/8/9, LIF-1, REA-1/3/4 outcomes are as approved", async () => {
    await expect(`${scene(CONTACTS).join("\n")}\n`).toMatchFileSnapshot("./scenes/contacts.txt");
  });
  it("lifecycle and the contact file: LIF-2…5, SHR-5/6 views, files, archive and opt-outs are as approved", async () => {
    await expect(`${scene(LIFECYCLE).join("\n")}\n`).toMatchFileSnapshot("./scenes/lifecycle.txt");
  });
  it("accounts: office admins, last admin, staff permissions, team leaders, ACC-9/ACC-10 outcomes are as approved", async () => {
    await expect(`${scene(ACCOUNTS).join("\n")}\n`).toMatchFileSnapshot("./scenes/accounts.txt");
  });
  it("sharing: SHR-1…4, REA-1 in bulk, partnerships, outcomes are as approved", async () => {
    await expect(`${scene(SHARING).join("\n")}\n`).toMatchFileSnapshot("./scenes/sharing.txt");
  });
  it("SmartPlans: SP-1…9, LIF-8, ASG-10 outcomes and resolutions are as approved", async () => {
    await expect(`${scene(SMARTPLANS).join("\n")}\n`).toMatchFileSnapshot("./scenes/smartplans.txt");
  });
});
