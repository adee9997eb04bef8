/**
 * A synthetic but realistic office for the benchmarks: ~300 users, teams of 5–50 members (one unlimited
 * rainmaker, some enhanced coordinators and assistants, mostly standard agents), contacts spread over team and
 * personal accounts, each with a primary and 1–5 grants.
 *
 * The layout is drawn first into typed arrays (off the JS heap, so they do not distort the heap figures), then
 * turned into the EVENTS an office would have recorded and folded with `replay`: building 1M contacts through
 * `execute` would spend most of its time decoding commands.
 *
 * The layout doubles as an independent oracle: `levelOf` and `accessListSize` below answer from the drawn
 * layout alone, never from the library, so the benchmark can assert the library's answers.
 */
import type { Event, GrantLevel, PermissionLevel, TeamRole } from "../src/index.js";
import { mulberry32, type Rng } from "./prng.js";

export const USER_COUNT = 300;
/** The standard agent whose `visibleContacts` is measured sees exactly this many contacts. */
export const VISIBLE_TARGET = 1000;
const TEAM_SHARE = 0.75;
/** Partnerships between users of different teams, and the share of contacts shared with the primary's partner. */
const PARTNERSHIPS = 40;
const PARTNER_SHARE = 0.02;
const GRANT_LEVELS: readonly GrantLevel[] = ["view", "shared", "full"];
const LEVELS: readonly PermissionLevel[] = ["standard", "enhanced", "unlimited"];

export interface Member {
  readonly userId: string;
  readonly role: TeamRole;
  readonly level: PermissionLevel;
}

export interface TeamInfo {
  readonly id: string;
  readonly index: number;
  readonly rainmakerId: string;
  readonly members: readonly Member[];
  /** Members that random contacts may use as primary or grantee (everyone but the measured agent). */
  readonly pickable: readonly number[];
}

export interface World {
  readonly size: number;
  readonly seed: number;
  /** User ids by index; index 0 is the office admin. */
  readonly users: readonly string[];
  readonly userIndex: ReadonlyMap<string, number>;
  readonly admin: string;
  readonly teams: readonly TeamInfo[];
  /** user index → team index, or -1 for none (each user is in at most one team). */
  readonly teamOfUser: Int16Array;
  /** user index → 0 standard, 1 enhanced, 2 unlimited in their team. */
  readonly levelOfUser: Uint8Array;
  /** The standard agent constructed to see exactly VISIBLE_TARGET contacts. */
  readonly agent: string;
  readonly agentTeam: number;
  /** contact index → team index, or -1 for a personal-account contact. */
  readonly contactTeam: Int16Array;
  /** contact index → user index of the personal account, or -1 for a team contact. */
  readonly contactUser: Int16Array;
  readonly primary: Int16Array;
  /** Grants of contact i are grantUser/grantLevel[grantStart[i] .. grantStart[i+1]). */
  readonly grantStart: Uint32Array;
  readonly grantUser: Int16Array;
  /** 0 view, 1 shared, 2 full. */
  readonly grantLevel: Uint8Array;
  /** Co-marketing partnerships, as pairs of user indexes in different teams (never the measured agent). */
  readonly partnerships: readonly (readonly [number, number])[];
}

export const contactId = (i: number): string => `c${i}`;

function roleAndLevel(rng: Rng): { role: TeamRole; level: PermissionLevel } {
  const r = rng.next();
  if (r < 0.12) return { role: "transactionCoordinator", level: "enhanced" };
  if (r < 0.17) return { role: "administrativeAssistant", level: "enhanced" };
  if (r < 0.25) return { role: "teamManager", level: "standard" };
  return { role: "agent", level: "standard" };
}

/** k distinct elements of `from` other than `except`, by partial shuffle of a copy. */
function sample(rng: Rng, from: readonly number[], k: number, except: number): number[] {
  const pool = from.filter((u) => u !== except);
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = t;
  }
  return pool.slice(0, n);
}

export function makeWorld(size: number, seed = 0x5eed): World {
  if (size < VISIBLE_TARGET * 2) throw new Error(`size ${size} is too small for the visibleContacts case`);
  const rng = mulberry32(seed ^ size);
  const users = ["admin", ...Array.from({ length: USER_COUNT - 1 }, (_, i) => `u${String(i + 1).padStart(3, "0")}`)];
  const userIndex = new Map(users.map((u, i) => [u, i] as const));
  const teamOfUser = new Int16Array(USER_COUNT).fill(-1);
  const levelOfUser = new Uint8Array(USER_COUNT);

  // Teams: shuffle the staff, carve teams of 5–50; a remainder of fewer than 5 stays team-less.
  const staff = sample(rng, users.map((_, i) => i).slice(1), USER_COUNT, -1);
  const drafts: { id: string; members: { u: number; role: TeamRole; level: PermissionLevel }[] }[] = [];
  let cursor = 0;
  while (staff.length - cursor >= 5) {
    const n = Math.min(rng.between(5, 50), staff.length - cursor);
    const members = staff
      .slice(cursor, cursor + n)
      .map((u, k) =>
        k === 0
          ? { u, role: "rainmaker" as TeamRole, level: "unlimited" as PermissionLevel }
          : { u, ...roleAndLevel(rng) },
      );
    cursor += n;
    drafts.push({ id: `t${String(drafts.length + 1).padStart(2, "0")}`, members });
  }
  for (const [ti, t] of drafts.entries())
    for (const m of t.members) {
      teamOfUser[m.u] = ti;
      levelOfUser[m.u] = LEVELS.indexOf(m.level);
    }

  // The measured agent: a standard member of a team of at least 10.
  const agentTeam = drafts.findIndex((t) => t.members.length >= 10 && t.members.some((m) => m.level === "standard"));
  if (agentTeam < 0) throw new Error("no team of 10+ with a standard member");
  const agentIndex = (drafts[agentTeam]?.members.find((m) => m.level === "standard") ?? { u: -1 }).u;

  const teams: TeamInfo[] = drafts.map((t, index) => ({
    id: t.id,
    index,
    rainmakerId: users[(t.members[0] as { u: number }).u] as string,
    members: t.members.map((m) => ({ userId: users[m.u] as string, role: m.role, level: m.level })),
    pickable: t.members.map((m) => m.u).filter((u) => u !== agentIndex),
  }));
  // Partnerships: pairs drawn from different teams, each user in at most one, never the measured agent.
  const partnerOf = new Int16Array(USER_COUNT).fill(-1);
  const partnerships: [number, number][] = [];
  const candidates = sample(
    rng,
    staff.filter((u) => teamOfUser[u] !== -1),
    USER_COUNT,
    agentIndex,
  );
  for (let k = 0; k + 1 < candidates.length && partnerships.length < PARTNERSHIPS; k += 2) {
    const a = candidates[k] as number;
    const b = candidates[k + 1] as number;
    if (teamOfUser[a] === teamOfUser[b]) continue;
    partnerOf[a] = b;
    partnerOf[b] = a;
    partnerships.push([a, b]);
  }

  // Random contacts land in a team in proportion to its size; personal accounts belong to team members.
  const slots: number[] = [];
  for (const t of teams) for (const u of t.pickable) slots.push(u);

  const contactTeam = new Int16Array(size);
  const contactUser = new Int16Array(size);
  const primary = new Int16Array(size);
  const grantStart = new Uint32Array(size + 1);
  let grantUser = new Int16Array(size * 3);
  let grantLevel = new Uint8Array(size * 3);
  let g = 0;
  const pushGrant = (u: number, level: number): void => {
    if (g === grantUser.length) {
      const gu = new Int16Array(grantUser.length * 2);
      gu.set(grantUser);
      grantUser = gu;
      const gl = new Uint8Array(grantLevel.length * 2);
      gl.set(grantLevel);
      grantLevel = gl;
    }
    grantUser[g] = u;
    grantLevel[g] = level;
    g++;
  };
  const grantLevelOf = (): number => {
    const r = rng.next();
    return r < 0.4 ? 2 : r < 0.7 ? 1 : 0;
  };

  // The agent's contacts: 80% of VISIBLE_TARGET as primary in the team, 10% as grantee, 10% in their personal account.
  const agentRole = new Map<number, "primary" | "grant" | "personal">();
  while (agentRole.size < VISIBLE_TARGET) {
    const i = rng.int(size);
    if (agentRole.has(i)) continue;
    const k = agentRole.size;
    agentRole.set(i, k < VISIBLE_TARGET * 0.8 ? "primary" : k < VISIBLE_TARGET * 0.9 ? "grant" : "personal");
  }
  const agentPickable = (teams[agentTeam] as TeamInfo).pickable;

  for (let i = 0; i < size; i++) {
    grantStart[i] = g;
    const role = agentRole.get(i);
    if (role !== undefined) {
      if (role === "personal") {
        contactTeam[i] = -1;
        contactUser[i] = agentIndex;
        primary[i] = agentIndex;
        for (const u of sample(rng, agentPickable, rng.between(1, 5), -1)) pushGrant(u, grantLevelOf());
      } else {
        contactTeam[i] = agentTeam;
        contactUser[i] = -1;
        if (role === "primary") {
          primary[i] = agentIndex;
          for (const u of sample(rng, agentPickable, rng.between(1, 5), -1)) pushGrant(u, grantLevelOf());
        } else {
          const p = rng.pick(agentPickable);
          primary[i] = p;
          pushGrant(agentIndex, grantLevelOf());
          for (const u of sample(rng, agentPickable, rng.between(0, 4), p)) pushGrant(u, grantLevelOf());
        }
      }
      continue;
    }
    const owner = rng.pick(slots);
    const team = teams[teamOfUser[owner] as number] as TeamInfo;
    if (rng.next() < TEAM_SHARE) {
      contactTeam[i] = team.index;
      contactUser[i] = -1;
    } else {
      contactTeam[i] = -1;
      contactUser[i] = owner;
    }
    primary[i] = owner;
    for (const u of sample(rng, team.pickable, rng.between(1, 5), owner)) pushGrant(u, grantLevelOf());
    // Shared with the primary's co-marketing partner (SHR-1): a `shared` grant to a user of another team.
    const partner = partnerOf[owner] as number;
    if (partner >= 0 && rng.next() < PARTNER_SHARE) pushGrant(partner, 1);
  }
  grantStart[size] = g;

  return {
    size,
    seed,
    users,
    userIndex,
    admin: "admin",
    teams,
    teamOfUser,
    levelOfUser,
    agent: users[agentIndex] as string,
    agentTeam,
    contactTeam,
    contactUser,
    primary,
    grantStart,
    grantUser: grantUser.slice(0, g),
    grantLevel: grantLevel.slice(0, g),
    partnerships,
  };
}

const STAFF_PERMISSIONS = {
  createContacts: true,
  importContacts: true,
  editContactOwnership: false,
  archiveContacts: false,
};
/** Rainmakers also archive (LIF-2 needs the staff card's archive permission). */
const RAINMAKER_PERMISSIONS = { ...STAFF_PERMISSIONS, archiveContacts: true };
const T0 = Date.UTC(2024, 0, 1, 8, 0, 0);

/**
 * The events that build the world: the office, users and teams, then per contact a `ContactAdded` with its
 * primary (ASG-6 / ACC-4). A contact's grants either ride in its `ContactAdded` record or follow as one
 * `AccessGranted` event each: `laterGrants` is the share of contacts whose grants come as events (every
 * 1/laterGrants-th contact; 1 = all, 0 = none). All-events is the most faithful log but replays ~4× more events.
 */
export function worldEvents(w: World, laterGrants = 1): Event[] {
  const every = laterGrants <= 0 ? 0 : Math.max(1, Math.round(1 / laterGrants));
  const events: Event[] = [];
  const at0 = new Date(T0).toISOString();
  events.push({
    type: "OfficeOpened",
    at: at0,
    by: w.admin,
    officeId: "o1",
    officeName: "Harbour Realty",
    adminId: w.admin,
    adminName: "Ada Admin",
  });
  const rainmakers = new Set(w.teams.map((t) => t.rainmakerId));
  for (const u of w.users.slice(1)) {
    const permissions = rainmakers.has(u) ? RAINMAKER_PERMISSIONS : STAFF_PERMISSIONS;
    events.push({
      type: "UserRegistered",
      at: at0,
      by: w.admin,
      userId: u,
      name: `User ${u}`,
      officeRole: "staff",
      permissions,
    });
  }
  for (const t of w.teams) {
    events.push({
      type: "TeamCreated",
      at: at0,
      by: w.admin,
      teamId: t.id,
      name: `Team ${t.id}`,
      rainmakerId: t.rainmakerId,
    });
    for (const m of t.members) {
      if (m.role === "rainmaker") continue;
      events.push({
        type: "TeamMemberAdded",
        at: at0,
        by: t.rainmakerId,
        teamId: t.id,
        userId: m.userId,
        role: m.role,
        level: m.level,
      });
    }
  }
  for (const [a, b] of w.partnerships) {
    events.push({
      type: "PartnershipStarted",
      at: at0,
      by: w.users[a] as string,
      userId: w.users[a] as string,
      partnerId: w.users[b] as string,
    });
  }
  for (let i = 0; i < w.size; i++) {
    const id = contactId(i);
    const at = new Date(T0 + 60_000 + i * 30_000).toISOString();
    const p = w.users[w.primary[i] as number] as string;
    const ti = w.contactTeam[i] as number;
    const team = ti >= 0 ? (w.teams[ti] as TeamInfo) : undefined;
    const details =
      i % 3 === 0
        ? { name: `Contact ${i}`, emails: [`${id}@example.com`], phones: [`+61 4${String(i).padStart(8, "0")}`] }
        : { name: `Contact ${i}`, emails: [`${id}@example.com`] };
    const later = every > 0 && i % every === 0;
    const inline: { userId: string; level: GrantLevel }[] = [];
    if (!later) {
      for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++) {
        inline.push({
          userId: w.users[w.grantUser[k] as number] as string,
          level: GRANT_LEVELS[w.grantLevel[k] as number] as GrantLevel,
        });
      }
      inline.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    }
    if (team !== undefined) {
      events.push({
        type: "ContactAdded",
        at,
        by: p,
        contact: {
          id,
          account: { kind: "team", teamId: team.id },
          owner: { kind: "team", teamId: team.id },
          primary: p,
          grants: inline,
          details,
          channel: "manual",
          createdBy: p,
          createdAt: at,
        },
        rules: ["ACC-2", "ASG-6"],
      });
    } else {
      events.push({
        type: "ContactAdded",
        at,
        by: p,
        contact: {
          id,
          account: { kind: "personal", userId: p },
          owner: { kind: "user", userId: p },
          primary: p,
          grants: inline,
          details,
          channel: "manual",
          createdBy: p,
          createdAt: at,
        },
        rules: ["ACC-4"],
      });
    }
    if (!later) continue;
    const by = team === undefined ? p : team.rainmakerId;
    const rule = team === undefined ? "ACC-5" : "ASG-2";
    for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++) {
      const userId = w.users[w.grantUser[k] as number] as string;
      events.push({
        type: "AccessGranted",
        at,
        by,
        contactId: id,
        userId,
        level: GRANT_LEVELS[w.grantLevel[k] as number] as GrantLevel,
        previous: null,
        rule,
      });
    }
  }
  return events;
}

/** The oracle: the strongest access user `u` holds on contact `i`, from the layout alone. */
export function levelOf(w: World, u: number, i: number): "full" | "shared" | "view" | null {
  const ti = w.contactTeam[i] as number;
  if (ti >= 0) {
    if (u === 0) return "full"; // office admin (REA-2)
    if (w.teamOfUser[u] === ti && w.levelOfUser[u] !== 0) return "full"; // enhanced / unlimited (ACC-9)
  } else if (w.contactUser[i] === u) return "full"; // the personal account's user
  if (w.primary[i] === u) return "full";
  for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++) {
    if (w.grantUser[k] === u) return w.grantLevel[k] === 2 ? "full" : w.grantLevel[k] === 1 ? "shared" : "view";
  }
  return null;
}

/** The oracle: how many users `accessList` must name for contact `i`. */
export function accessListSize(w: World, i: number): number {
  const who = new Set<number>([w.primary[i] as number]);
  for (let k = w.grantStart[i] as number; k < (w.grantStart[i + 1] as number); k++) who.add(w.grantUser[k] as number);
  const ti = w.contactTeam[i] as number;
  if (ti >= 0) {
    who.add(0);
    for (const m of (w.teams[ti] as TeamInfo).members)
      if (m.level !== "standard") who.add(w.userIndex.get(m.userId) as number);
  } else who.add(w.contactUser[i] as number);
  return who.size;
}

/** The oracle: how many contacts the measured agent may view. */
export function agentVisibleCount(w: World): number {
  const u = w.userIndex.get(w.agent) as number;
  let n = 0;
  for (let i = 0; i < w.size; i++) if (levelOf(w, u, i) !== null) n++;
  return n;
}
