import fc from "fast-check";
import type { Command } from "../decider.js";
import { toSnapshot } from "../snapshot/snapshot.js";
import type { State } from "../state.js";

/** How much `describeState` and `describeRun` print at most. */
export interface DescribeOptions {
  /** Contacts listed one by one (default 12); the rest are counted. */
  readonly maxContacts?: number;
  /** Users listed (default 16); the rest are counted. */
  readonly maxUsers?: number;
  /** Commands listed by `describeRun` (default 20: the first 5 and the last 15); the rest are counted. */
  readonly maxCommands?: number;
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const accountLabel = (account: unknown): string => {
  if (account === null || typeof account !== "object") return String(account);
  const a = account as { kind?: string; teamId?: string; userId?: string };
  if (a.kind === "team") return a.teamId ?? "team";
  if (a.kind === "personal") return `~${a.userId ?? ""}`;
  if (a.kind === "user") return a.userId ?? "user";
  return a.kind ?? "?";
};

const valueLabel = (value: unknown): string => {
  if (value === null || typeof value !== "object") return String(value);
  if ("kind" in value && ("teamId" in value || "userId" in value || (value as { kind: unknown }).kind === "office"))
    return accountLabel(value);
  return JSON.stringify(value);
};

/**
 * One line for a command: `actor@account type contactId key=value …`, the account as its team id, `~user` for a
 * personal account or `office`; the time left out. At most 120 characters.
 * @example
 * import { describeCommand } from "crm-access/testing";
 * const line = describeCommand({ type: "grantAccess", actor: "u1", at: "2026-03-02T17:00:00Z",
 *   account: { kind: "team", teamId: "t1" }, contactId: "c3", userId: "u4", level: "full" });
 * assert.strictEqual(line, "u1@t1 grantAccess c3 userId=u4 level=full");
 * @since 0.2.0
 */
export function describeCommand(command: Command): string {
  const { type, actor, account, at: _at, ...rest } = command as Command & { contactId?: string; account: unknown };
  const fields = rest as Record<string, unknown>;
  const parts = [`${actor}@${accountLabel(account)}`, type];
  if (typeof fields.contactId === "string") parts.push(fields.contactId);
  for (const [key, value] of Object.entries(fields)) if (key !== "contactId") parts.push(`${key}=${valueLabel(value)}`);
  return clip(parts.join(" "), 120);
}

/**
 * A short, readable summary of a state, from its facts (never the internal tries): the users (office role when
 * not staff, deactivated ones marked), each team with its members' roles and levels, partnerships, and each contact
 * with its account, owner, primary and number of grants. Long lists are cut and counted.
 * @example
 * import { initialState } from "crm-access";
 * import { describeState } from "crm-access/testing";
 * assert.strictEqual(describeState(initialState()), "office: not open; users(0); teams(0); contacts(0)");
 * @since 0.2.0
 */
export function describeState(state: State, options: DescribeOptions = {}): string {
  const maxContacts = options.maxContacts ?? 12;
  const maxUsers = options.maxUsers ?? 16;
  const s = toSnapshot(state);
  const more = (total: number, shown: number) => (total > shown ? ` …+${total - shown}` : "");
  const users = s.users
    .slice(0, maxUsers)
    .map(
      (u) =>
        `${u.id}${u.officeRole === "staff" ? "" : `(${u.officeRole})`}${u.status === "active" ? "" : "(deactivated)"}`,
    );
  const teams = s.teams.map((t) => {
    const members = t.members.slice(0, 8).map((m) => `${m.userId}:${m.role}/${m.level}`);
    return `${t.id}[${members.join(" ")}${more(t.members.length, members.length)}]`;
  });
  const contacts = s.contacts
    .slice(0, maxContacts)
    .map(
      (c) =>
        `${c.id}{${accountLabel(c.account)} owner:${accountLabel(c.owner)} primary:${c.primary ?? "-"} grants:${c.grants.length}}`,
    );
  const lines = [
    `office: ${s.office === null ? "not open" : s.office.id}`,
    `users(${s.users.length})${users.length > 0 ? `: ${users.join(" ")}${more(s.users.length, users.length)}` : ""}`,
    `teams(${s.teams.length})${teams.length > 0 ? `: ${teams.slice(0, 6).join(" ")}${more(s.teams.length, Math.min(6, teams.length))}` : ""}`,
    ...(s.partnerships.length > 0
      ? [
          `partners: ${s.partnerships
            .slice(0, 8)
            .map(([a, b]) => `${a}~${b}`)
            .join(" ")}${more(s.partnerships.length, Math.min(8, s.partnerships.length))}`,
        ]
      : []),
    `contacts(${s.contacts.length})${contacts.length > 0 ? `: ${contacts.join(" ")}${more(s.contacts.length, contacts.length)}` : ""}`,
  ];
  return lines.join("; ");
}

/** What `arbitraryState` and a world's `state()` generate. */
export interface GeneratedState {
  /** The state reached. */
  readonly state: State;
  /** The events of the accepted commands, setup's included. */
  readonly events: import("../decider.js").Event[];
  /** The commands drawn after setup (population first, when there is one), accepted or not. */
  readonly commands: Command[];
  /** How many of `commands` were accepted. */
  readonly accepted: number;
}

/**
 * A generated state as fast-check prints it: the state's summary (`describeState`), then the commands, one a
 * line, `✓` accepted or `✗` refused, the middle of a long run cut and counted.
 * @since 0.2.0
 */
export function describeRun(
  run: { readonly state: State; readonly commands: readonly Command[]; readonly outcomes?: readonly boolean[] },
  options: DescribeOptions = {},
): string {
  const max = options.maxCommands ?? 20;
  const head = Math.min(5, Math.floor(max / 4));
  const line = (c: Command, i: number) =>
    `  ${i + 1}. ${run.outcomes === undefined ? "" : run.outcomes[i] === true ? "✓ " : "✗ "}${describeCommand(c)}`;
  const all = run.commands;
  const shown =
    all.length <= max
      ? all.map(line)
      : [
          ...all.slice(0, head).map(line),
          `  … ${all.length - max} more`,
          ...all.slice(all.length - (max - head)).map((c, j) => line(c, all.length - (max - head) + j)),
        ];
  const accepted = run.outcomes === undefined ? "" : `, ${run.outcomes.filter(Boolean).length} accepted`;
  return `State(${describeState(run.state, options)})\ncommands(${all.length}${accepted}):${shown.length > 0 ? `\n${shown.join("\n")}` : " none"}`;
}

/**
 * Gives `value` a non-enumerable `fc.toStringMethod`, so fast-check prints `text()` instead of its structure.
 * Equality, spreading and JSON are unchanged. Returns `value`.
 * @since 0.2.0
 */
export function printable<T extends object>(value: T, text: () => string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: text, enumerable: false });
  return value;
}
