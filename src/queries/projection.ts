import * as E from "../either.js";
import { get } from "../collections/persistent-map.js";
import { domainError, type DomainError } from "../errors.js";
import { factsOf, insideOwnerAccount, levelOf, outsider, permits, type AccessLevel } from "../permissions/access.js";
import { leadStatusOf, type LeadStatus } from "../contacts/model.js";
import { EMPTY_FILE, type Activity, type Loan, type Note, type Task } from "../profile/model.js";
import type { RuleId } from "../rules.js";
import type { State } from "../state.js";
import { assetsWithheldBy, seesAssets } from "../assets/access.js";
import { assetsOfContact, type FieldValue } from "../assets/model.js";

/** A part of the contact left out of a view, and the rule that leaves it out. */
export interface Withheld {
  readonly field:
    | "emails"
    | "phones"
    | "publicNotes"
    | "privateNotes"
    | "loans"
    | "groups"
    | "activities"
    | "tasks"
    | "tags"
    | "customFields"
    | "source";
  readonly rule: RuleId;
}

/** The contact as one viewer may see it. Fields the viewer may not see are absent and listed in `withheld`. */
export interface ContactView {
  readonly id: string;
  readonly viewer: string;
  readonly level: AccessLevel;
  readonly name: string;
  readonly leadSource?: string;
  /** Basic information, like the name (D-80). */
  readonly leadStatus: LeadStatus;
  readonly emails?: readonly string[];
  readonly phones?: readonly string[];
  readonly publicNotes?: readonly Note[];
  readonly privateNotes?: readonly Note[];
  readonly loans?: readonly Loan[];
  readonly groups?: readonly string[];
  readonly activities?: readonly Activity[];
  /** For a co-marketing partner: only the tasks assigned to them (SHR-5). */
  readonly tasks?: readonly Task[];
  /** The tags it carries, by id and current name (AST-1, AST-2); withheld outside the contact's account (AST-7, D-132). */
  readonly tags?: readonly { readonly id: string; readonly name: string }[];
  /** Its custom-field values, with each field's current name (AST-2); withheld as `tags` are. */
  readonly customFields?: readonly { readonly id: string; readonly name: string; readonly value: FieldValue }[];
  /** Its lead source: a built-in one, or a custom lead source of its account with its name (D-129); withheld as `tags` are. */
  readonly source?:
    | { readonly kind: "builtIn"; readonly name: string }
    | { readonly kind: "custom"; readonly id: string; readonly name: string };
  readonly withheld: readonly Withheld[];
}

/**
 * The contact as `viewerId` may see it: `view` access shows basic information only (ASG-3); private notes show
 * only inside the owner's account (SHR-6); loan data only there too; a co-marketing partner sees all contact data
 * and public notes but no groups, activities or tasks other than their own (SHR-5). A viewer without access gets
 * `contact_not_found`, never a hint that the contact exists.
 * @example
 * import { initialState, project } from "crm-access";
 * assert.deepStrictEqual(project(initialState(), "ann", "c1"),
 *   { _tag: "Left", left: { code: "contact_not_found", rule: "ACC-5", message: "no contact c1 visible to ann" } });
 * @since 0.1.0
 */
export function project(state: State, viewerId: string, contactId: string): E.Either<DomainError, ContactView> {
  const user = get(state.users, viewerId);
  const contact = get(state.contacts, contactId);
  const notFound = E.left(domainError("contact_not_found", "ACC-5", `no contact ${contactId} visible to ${viewerId}`));
  if (user === undefined || contact === undefined) return notFound;
  const facts = factsOf(state, user, contact);
  const level = levelOf(facts);
  if (level === null || !permits(facts, "view")) return notFound;
  const file = get(state.files, contactId) ?? EMPTY_FILE;
  const withheld: Withheld[] = [];
  const view: { -readonly [K in keyof ContactView]: ContactView[K] } = {
    id: contact.id,
    viewer: viewerId,
    level,
    name: contact.details.name,
    leadStatus: leadStatusOf(contact),
    withheld,
  };
  if (contact.details.leadSource !== undefined) view.leadSource = contact.details.leadSource;
  // AST-7, AST-1 (D-132): the account's organisation of the contact shows only to those who use that account's assets.
  const assetRule: RuleId | null = !seesAssets(facts)
    ? assetsWithheldBy(facts)
    : permits(facts, "viewDetails")
      ? null
      : "ASG-3";
  const done = (): E.Either<DomainError, ContactView> => {
    if (assetRule !== null) {
      withheld.push(
        { field: "tags", rule: assetRule },
        { field: "customFields", rule: assetRule },
        { field: "source", rule: assetRule },
      );
      return E.right(Object.freeze(view));
    }
    const links = assetsOfContact(state, contactId);
    const nameOf = (id: string): string => get(state.assets, id)?.name ?? id;
    view.tags = links.tags.map((id) => Object.freeze({ id, name: nameOf(id) }));
    view.customFields = links.fields.map((f) =>
      Object.freeze({ id: f.fieldId, name: nameOf(f.fieldId), value: f.value }),
    );
    const s = links.source;
    if (s !== undefined)
      view.source =
        s.kind === "builtIn"
          ? { kind: "builtIn", name: s.name }
          : { kind: "custom", id: s.assetId, name: nameOf(s.assetId) };
    return E.right(Object.freeze(view));
  };
  if (!permits(facts, "viewDetails")) {
    for (const field of [
      "emails",
      "phones",
      "publicNotes",
      "privateNotes",
      "loans",
      "groups",
      "activities",
      "tasks",
    ] as const) {
      withheld.push({ field, rule: "ASG-3" });
    }
    return done();
  }
  view.emails = contact.details.emails ?? [];
  view.phones = contact.details.phones ?? [];
  view.publicNotes = file.notes.filter((n) => !n.private);
  const inside = insideOwnerAccount(facts);
  if (inside) {
    view.privateNotes = file.notes.filter((n) => n.private);
    view.loans = file.loans;
  } else {
    withheld.push({ field: "privateNotes", rule: "SHR-6" }, { field: "loans", rule: "SHR-5" });
  }
  if (outsider(facts)) {
    withheld.push({ field: "groups", rule: "SHR-5" }, { field: "activities", rule: "SHR-5" });
    view.tasks = file.tasks.filter((t) => t.assigneeId === viewerId);
  } else {
    view.groups = file.groups;
    view.activities = file.activities;
    view.tasks = file.tasks;
  }
  return done();
}
