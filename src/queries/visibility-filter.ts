import * as E from "../either.js";
import * as z from "zod";
import { isOfficeAdmin, type User } from "../accounts/model.js";
import { forEach, forEachHashed, get, has, hasHashed, type PersistentSet } from "../collections/persistent-map.js";
import type { Contact } from "../contacts/model.js";
import { domainError, fromZodIssue, invalidInput, type DomainError } from "../errors.js";
import { ACTIONS, factsOf, permits, type Action } from "../permissions/access.js";
import type { State } from "../state.js";
import type { AccountRef } from "../wire.js";

/**
 * What a user may act on, as plain data a service turns into a query over its own contact table (a SQL `WHERE`,
 * a Mongo filter). A row `{ id, accountId, archived }` is in the answer exactly when
 *
 * ```
 * ((accounts ∋ accountId  and  except ∌ id)  or  contacts ∋ id)  and  (archived = null  or  row.archived = archived)
 * ```
 *
 * `accountId` is the account key `team:<teamId>` or `personal:<userId>` of the account the contact lives in, and
 * `archived` whether it is archived (LIF-2): the service keeps both from the events (`ContactAdded`,
 * `ContactMoved`, `ContactArchived`, `ContactUnarchived`). Every id listed is one the user holds access to
 * (SEC-2): `contacts` only ids they may take the action on, `except` only ids inside accounts they see whole.
 * @since 0.2.0
 */
export interface VisibilityFilter {
  /** The action the filter answers for. */
  readonly action: Action;
  /**
   * Account keys whose every contact is in, but for `except`: the user's personal account (ACC-4) and the team
   * accounts their level or office role opens for this action (ACC-9, REA-2). Sorted.
   */
  readonly accounts: readonly string[];
  /**
   * Ids inside `accounts` that are out: contacts of a deactivated owner (LIF-7) and, for `delete` (and for
   * `changeOwner` while loans block it), contacts on a loan (SHR-7, SHR-8). Usually empty.
   */
  readonly except: readonly string[];
  /** Ids outside `accounts` that are in: held individually, as owner, primary or grantee (ACC-3, ASG-1, ASG-2, ASG-3, SHR-1). */
  readonly contacts: readonly string[];
  /** `true`: only archived rows; `false`: only active ones; `null`: both (LIF-2). */
  readonly archived: boolean | null;
}

/**
 * `visibleContacts`' archive filter, the one a filter over the service's table applies by itself (D-96).
 * @since 0.2.0
 */
export interface VisibilityFilterOptions {
  /** `true`: only archived contacts; `false`: only active ones (LIF-2). Absent: both. */
  readonly archived?: boolean;
}

const Options = z.strictObject({ archived: z.boolean().optional() });

/**
 * `visibleContacts` as a filter (`VisibilityFilter`): the accounts the user sees whole for `action` (default
 * `view`), the ids inside them that are nevertheless out, and the ids they hold individually, for a service to
 * apply to its own contact table — sorted, paged and joined as its database does best (docs/guides/listing.md
 * shows the SQL). Every account listed is the user's own personal account or a team they belong to (an office
 * admin: every team). An unknown user is an `actor_not_found` error, an unknown action or an option other than
 * `archived` an `invalid_input` error; a deactivated user gets a filter that matches nothing (LIF-7).
 *
 * Cost: the user's own index (the contacts they own, are primary on or hold a grant on), tested against the
 * whole accounts without reading a contact for `view`; while some user is deactivated, that user's index too;
 * for `delete` (and `changeOwner` while loans block it), each contact file; for `delete` under seed 003's rule
 * (`contactDeletion: "initialAssignee"`), every contact of the user's teams, since no team account is whole then.
 * Otherwise it does not grow with the accounts it lists: compute it once per listing and pass it to each page's query.
 * @example
 * import { initialState, visibilityFilter } from "crm-access";
 * assert.deepStrictEqual(visibilityFilter(initialState(), "ann"),
 *   { _tag: "Left", left: { code: "actor_not_found", rule: "office", message: "no user ann in this office" } });
 * const unknownAction = visibilityFilter(initialState(), "ann", "fly" as never);
 * assert.ok(unknownAction._tag === "Left");
 * assert.strictEqual(unknownAction.left.code, "invalid_input");
 * @since 0.2.0
 */
export function visibilityFilter(
  state: State,
  actorId: string,
  action: Action = "view",
  options: VisibilityFilterOptions = {},
): E.Either<DomainError, VisibilityFilter> {
  if (!ACTIONS.includes(action))
    return E.left(
      invalidInput(`no action ${typeof action === "string" ? action : typeof action}: one of ${ACTIONS.join(", ")}`, [
        "action",
      ]),
    );
  const decoded = Options.safeParse(options);
  if (!decoded.success) return E.left(fromZodIssue(decoded.error.issues[0], "options"));
  if (typeof actorId !== "string") return E.left(invalidInput("the actor id is not a string", ["actorId"]));
  const user = get(state.users, actorId);
  if (user === undefined) return E.left(domainError("actor_not_found", "office", `no user ${actorId} in this office`));
  const archived = decoded.data.archived ?? null;
  if (user.status !== "active") return E.right(frozenFilter(action, [], [], [], archived)); // LIF-7: sees nothing

  // An account is whole for the action when a contact in it that the user holds nothing on individually (not
  // owner, primary or grantee), of an active owner and on no loan, is permitted: `permits` decides it, as it
  // decides every check. The contact below is such a contact; its id, "", is never a contact's (ids are not empty).
  const candidates: AccountRef[] = [{ kind: "personal", userId: user.id }];
  if (isOfficeAdmin(user)) forEach(state.teams, (_team, teamId) => candidates.push({ kind: "team", teamId }));
  else for (const teamId of get(state.teamsOfUser, user.id) ?? []) candidates.push({ kind: "team", teamId });
  const accounts: string[] = [];
  const sets: PersistentSet[] = [];
  const contacts = new Set<string>();
  // Seed 003's deletion rule (D-81) turns on who each contact was first assigned to: no team account is whole for
  // `delete` then, and its contacts are put to `permits` one by one.
  const oneByOne = action === "delete" && state.configuration.contactDeletion === "initialAssignee";
  for (const account of candidates) {
    if (oneByOne && account.kind === "team") {
      const members = get(state.contactsByAccount, `team:${account.teamId}`);
      if (members !== undefined)
        forEach(
          members,
          (_t, contactId) => void (permitted(state, user, contactId, action) && contacts.add(contactId)),
        );
      continue;
    }
    if (!permits(factsOf(state, user, representative(account)), action)) continue;
    const key = account.kind === "team" ? `team:${account.teamId}` : `personal:${account.userId}`;
    accounts.push(key);
    const set = get(state.contactsByAccount, key);
    if (set !== undefined) sets.push(set);
  }
  accounts.sort();
  const covered = (contactId: string, hash: number): boolean => sets.some((s) => hasHashed(s, contactId, hash));

  // Within a whole account, the user's own ties to a contact only add to what the account gives; what takes away
  // is a deactivated owner (LIF-7) or a loan (SHR-7, SHR-8). Those contacts are found from their indexes and
  // each is put to `permits`.
  const except = new Set<string>();
  const test = (contactId: string): void => {
    const contact = get(state.contacts, contactId);
    if (contact !== undefined && !permits(factsOf(state, user, contact), action)) except.add(contactId);
  };
  for (const deactivated of state.deactivatedUsers) {
    const held = get(state.contactsByUser, deactivated);
    if (held !== undefined && sets.length > 0)
      forEachHashed(held, (_t, contactId, hash) => void (covered(contactId, hash) && test(contactId)));
  }
  if (
    sets.length > 0 &&
    (action === "delete" || (action === "changeOwner" && state.configuration.loansBlockOwnerChange))
  ) {
    forEach(
      state.files,
      (file, contactId) => void (file.loans.length > 0 && sets.some((s) => has(s, contactId)) && test(contactId)),
    );
  }

  // Outside the whole accounts, only the user's own index holds contacts they may act on. Every entry of it gives
  // at least `view` while nobody is deactivated, so plain visibility reads no contact (as `visibleContacts`).
  const own = get(state.contactsByUser, user.id);
  const plain = action === "view" && state.deactivatedUsers.length === 0;
  if (own !== undefined) {
    forEachHashed(own, (_t, contactId, hash) => {
      if (covered(contactId, hash)) return;
      if (plain || permitted(state, user, contactId, action)) contacts.add(contactId);
    });
  }
  return E.right(frozenFilter(action, accounts, [...except], [...contacts], archived));
}

function permitted(state: State, user: User, contactId: string, action: Action): boolean {
  const contact = get(state.contacts, contactId);
  return contact !== undefined && permits(factsOf(state, user, contact), action);
}

function representative(account: AccountRef): Contact {
  return {
    id: "",
    account,
    owner:
      account.kind === "team" ? { kind: "team", teamId: account.teamId } : { kind: "user", userId: account.userId },
    primary: null,
    grants: [],
    details: { name: "" },
    channel: "manual",
    createdBy: "",
    createdAt: "",
  };
}

function frozenFilter(
  action: Action,
  accounts: string[],
  except: string[],
  contacts: string[],
  archived: boolean | null,
): VisibilityFilter {
  return Object.freeze({
    action,
    accounts: Object.freeze(accounts),
    except: Object.freeze(except),
    contacts: Object.freeze(contacts),
    archived,
  });
}
