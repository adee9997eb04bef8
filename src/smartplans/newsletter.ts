import * as E from "../either.js";
import { get, has } from "../collections/persistent-map.js";
import { domainError, type DomainError } from "../errors.js";
import { emailKey, isValidEmail } from "../lifecycle/contact-points.js";
import type { State } from "../state.js";

/** Who a contact's newsletter comes from (ASG-10), and to which address, or why it is skipped (SP-9, LIF-5). */
export interface NewsletterDelivery {
  readonly contactId: string;
  readonly sender:
    | { readonly kind: "agent"; readonly userId: string; readonly as: "primary" | "configuredAgent" }
    | { readonly kind: "office" };
  readonly to: string | null;
  readonly skipped: null | "noValidEmail" | "emailOptedOut";
  readonly rules: readonly ("ASG-10" | "SP-9" | "LIF-5")[];
}

/**
 * The newsletter of each contact is sent from its primary; with no (active) primary, from the office or the
 * configured agent. Opted-out and invalid addresses are skipped with the reason.
 * @example
 * import { initialState, newsletterDelivery } from "crm-access";
 * assert.deepStrictEqual(newsletterDelivery(initialState(), "c1"),
 *   { _tag: "Left", left: { code: "contact_not_found", rule: "ASG-10", message: "no contact c1" } });
 * @since 0.1.0
 */
export function newsletterDelivery(state: State, contactId: string): E.Either<DomainError, NewsletterDelivery> {
  const contact = get(state.contacts, contactId);
  if (contact === undefined) return E.left(domainError("contact_not_found", "ASG-10", `no contact ${contactId}`));
  const primary = contact.primary === null ? undefined : get(state.users, contact.primary);
  const fallback = state.configuration.newsletterFallback;
  const fallbackAgent = fallback.kind === "agent" ? get(state.users, fallback.userId) : undefined;
  const sender: NewsletterDelivery["sender"] =
    primary !== undefined && primary.status === "active"
      ? { kind: "agent", userId: primary.id, as: "primary" }
      : fallbackAgent !== undefined && fallbackAgent.status === "active"
        ? { kind: "agent", userId: fallbackAgent.id, as: "configuredAgent" }
        : { kind: "office" };
  const valid = (contact.details.emails ?? []).filter(isValidEmail);
  const to = valid.find((e) => !has(state.optOuts, `email:${emailKey(e)}`));
  const skipped = valid.length === 0 ? "noValidEmail" : to === undefined ? "emailOptedOut" : null;
  const rules: NewsletterDelivery["rules"] =
    skipped === null ? ["ASG-10"] : skipped === "noValidEmail" ? ["ASG-10", "LIF-5"] : ["ASG-10", "SP-9"];
  return E.right(Object.freeze({ contactId, sender, to: to?.trim() ?? null, skipped, rules }));
}
