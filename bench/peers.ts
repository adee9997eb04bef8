/**
 * The peers the suite measures `can` against, built from the same layout as the library's state and holding the
 * same policy (the oracle `levelOf` in `world.ts`):
 *
 * - the office admin may view and edit every team-account contact;
 * - a team's `enhanced` and `unlimited` members may view and edit its contacts;
 * - a personal account's user may view and edit its contacts;
 * - the primary may view and edit;
 * - a grantee may view, and edit with a `full` grant.
 *
 * Only `view` and `edit` are expressed: they are the actions the `can` case asks. Each peer answers
 * `(userId, action, contactId)` the way a service embedding it would: look the contact up in its own store, then
 * ask the authorization library.
 */
import { createMongoAbility, type MongoAbility, type RawRuleOf } from "@casl/ability";
import { newEnforcer, newModelFromString, type Adapter, type Enforcer, type Model } from "casbin";
import { contactId, type TeamInfo, type World } from "./world.js";

type PeerAction = "view" | "edit";
const GRANT_LEVELS = ["view", "shared", "full"] as const;

// ---------------------------------------------------------------- CASL

/** A contact as the CASL peer's store holds it. */
export interface CaslContact {
  readonly kind: "team" | "personal";
  readonly team: string | null;
  readonly personal: string | null;
  readonly primary: string;
  readonly grants: readonly { readonly user: string; readonly level: (typeof GRANT_LEVELS)[number] }[];
}

type CaslAbility = MongoAbility<[PeerAction, "Contact" | CaslContact]>;

export interface Peer {
  readonly name: string;
  /** Setup figures: how long building it took and how big its policy is. */
  readonly buildMs: number;
  readonly size: string;
  can(userId: string, action: PeerAction, contactId: string): boolean;
}

/**
 * `@casl/ability`: one ability per user, built once, with one rule per way of holding access; conditions are
 * MongoDB queries on the contact (`$elemMatch` over its grants).
 */
export function caslPeer(w: World): Peer {
  const t0 = performance.now();
  const contacts = new Map<string, CaslContact>();
  for (let i = 0; i < w.size; i++) {
    const ti = w.contactTeam[i] as number;
    const grants: { user: string; level: (typeof GRANT_LEVELS)[number] }[] = [];
    for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++) {
      grants.push({
        user: w.users[w.grantUser[k] as number] as string,
        level: GRANT_LEVELS[w.grantLevel[k] as number] as (typeof GRANT_LEVELS)[number],
      });
    }
    contacts.set(contactId(i), {
      kind: ti >= 0 ? "team" : "personal",
      team: ti >= 0 ? (w.teams[ti] as TeamInfo).id : null,
      personal: ti >= 0 ? null : (w.users[w.contactUser[i] as number] as string),
      primary: w.users[w.primary[i] as number] as string,
      grants,
    });
  }
  const abilities = new Map<string, CaslAbility>();
  w.users.forEach((userId, u) => {
    const both: PeerAction[] = ["view", "edit"];
    const rules: RawRuleOf<CaslAbility>[] = [];
    if (u === 0) rules.push({ action: both, subject: "Contact", conditions: { kind: "team" } });
    const ti = w.teamOfUser[u] as number;
    if (ti >= 0 && w.levelOfUser[u] !== 0)
      rules.push({ action: both, subject: "Contact", conditions: { team: (w.teams[ti] as TeamInfo).id } });
    rules.push(
      { action: both, subject: "Contact", conditions: { personal: userId } },
      { action: both, subject: "Contact", conditions: { primary: userId } },
      { action: "view", subject: "Contact", conditions: { grants: { $elemMatch: { user: userId } } } },
      { action: "edit", subject: "Contact", conditions: { grants: { $elemMatch: { user: userId, level: "full" } } } },
    );
    abilities.set(userId, createMongoAbility<CaslAbility>(rules, { detectSubjectType: () => "Contact" }));
  });
  const buildMs = performance.now() - t0;
  return {
    name: "CASL",
    buildMs,
    size: `${w.users.length} abilities, ${contacts.size.toLocaleString("en")} contact objects`,
    can(userId, action, id) {
      const ability = abilities.get(userId);
      const contact = contacts.get(id);
      return ability !== undefined && contact !== undefined && ability.can(action, contact);
    },
  };
}

// ---------------------------------------------------------------- the mutable-Map floor

/** A contact as the floor's index holds it: small integers for the account and users, grants as a flat array. */
interface FlatContact {
  /** Team index, or -1 for a personal account. */
  readonly team: number;
  /** The personal account's user index (-1 for a team account). */
  readonly personal: number;
  readonly primary: number;
  /** user index, level index (0 view, 1 shared, 2 full), … */
  readonly grants: Int32Array;
}

/**
 * The floor (#15): the same policy over one plain mutable `Map` from contact id to a flat record and one from user id
 * to its index, with no immutability, no rule ids and no explanation. It is what a hand-written index inside a service
 * would cost per check, measured with the same harness, so `can ÷ floor` says what the library's guarantees cost.
 */
export function floorPeer(w: World): Peer {
  const t0 = performance.now();
  const contacts = new Map<string, FlatContact>();
  for (let i = 0; i < w.size; i++) {
    const from = w.grantStart[i] as number;
    const to = w.grantStart[i + 1] as number;
    const grants = new Int32Array(2 * (to - from));
    for (let k = from; k < to; k++) {
      grants[2 * (k - from)] = w.grantUser[k] as number;
      grants[2 * (k - from) + 1] = w.grantLevel[k] as number;
    }
    const team = w.contactTeam[i] as number;
    contacts.set(contactId(i), {
      team,
      personal: team >= 0 ? -1 : (w.contactUser[i] as number),
      primary: w.primary[i] as number,
      grants,
    });
  }
  const userIndex = new Map<string, number>(w.users.map((u, k) => [u, k]));
  const buildMs = performance.now() - t0;
  return {
    name: "floor",
    buildMs,
    size: `${contacts.size.toLocaleString("en")} flat records in a mutable Map`,
    can(userId, action, id) {
      const c = contacts.get(id);
      const u = userIndex.get(userId);
      if (c === undefined || u === undefined) return false;
      if (c.team >= 0 ? u === 0 || (w.teamOfUser[u] === c.team && w.levelOfUser[u] !== 0) : c.personal === u)
        return true;
      if (c.primary === u) return true;
      for (let k = 0; k < c.grants.length; k += 2)
        if (c.grants[k] === u) return action === "view" || c.grants[k + 1] === 2;
      return false;
    },
  };
}

// ---------------------------------------------------------------- casbin

/**
 * RBAC with two role graphs: `g` puts a team's `enhanced`/`unlimited` members and the office admin in the team's
 * lead role; `g2` puts each contact in its account's group. Policy lines: one per (user, contact, action) for
 * every primary and grant, one per (lead role, team) and (user, personal account) for the account-wide access.
 */
const CASBIN_MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.act == p.act && g2(r.obj, p.obj) && g(r.sub, p.sub)
`;

/** Loads the lines straight into the model: the file and CSV adapters parse one line at a time. */
class LinesAdapter implements Adapter {
  constructor(private readonly lines: { readonly p: string[][]; readonly g: string[][]; readonly g2: string[][] }) {}
  async loadPolicy(model: Model): Promise<void> {
    for (const [sec, key, rows] of [
      ["p", "p", this.lines.p],
      ["g", "g", this.lines.g],
      ["g", "g2", this.lines.g2],
    ] as const) {
      const assertion = model.model.get(sec)?.get(key);
      if (assertion === undefined) throw new Error(`casbin model has no ${key}`);
      for (const row of rows) assertion.policy.push(row);
    }
  }
  async savePolicy(): Promise<boolean> {
    return false;
  }
  async addPolicy(): Promise<void> {}
  async removePolicy(): Promise<void> {}
  async removeFilteredPolicy(): Promise<void> {}
}

export function casbinLines(w: World): { p: string[][]; g: string[][]; g2: string[][] } {
  const p: string[][] = [];
  const g: string[][] = [];
  const g2: string[][] = [];
  for (const t of w.teams) {
    p.push([`lead:${t.id}`, `team:${t.id}`, "view"], [`lead:${t.id}`, `team:${t.id}`, "edit"]);
    g.push([w.admin, `lead:${t.id}`]);
    for (const m of t.members) if (m.level !== "standard") g.push([m.userId, `lead:${t.id}`]);
  }
  for (const userId of w.users.slice(1))
    p.push([userId, `personal:${userId}`, "view"], [userId, `personal:${userId}`, "edit"]);
  for (let i = 0; i < w.size; i++) {
    const id = contactId(i);
    const ti = w.contactTeam[i] as number;
    g2.push([
      id,
      ti >= 0 ? `team:${(w.teams[ti] as TeamInfo).id}` : `personal:${w.users[w.contactUser[i] as number] as string}`,
    ]);
    const primary = w.users[w.primary[i] as number] as string;
    p.push([primary, id, "view"], [primary, id, "edit"]);
    for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++) {
      const userId = w.users[w.grantUser[k] as number] as string;
      p.push([userId, id, "view"]);
      if (w.grantLevel[k] === 2) p.push([userId, id, "edit"]);
    }
  }
  return { p, g, g2 };
}

export async function casbinPeer(w: World): Promise<Peer> {
  const t0 = performance.now();
  const lines = casbinLines(w);
  const enforcer: Enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL), new LinesAdapter(lines));
  const buildMs = performance.now() - t0;
  return {
    name: "casbin",
    buildMs,
    size: `${lines.p.length.toLocaleString("en")} policy lines, ${(lines.g.length + lines.g2.length).toLocaleString("en")} role links`,
    can: (userId, action, id) => enforcer.enforceSync(userId, id, action),
  };
}
