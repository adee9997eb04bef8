import * as E from "../either.js";
import { actingOfficeAdmin, actingUser } from "../accounts/actor.js";
import { get, has } from "../collections/persistent-map.js";
import { enterContact, requirePermit } from "../contacts/guard.js";
import { domainError, type DomainError } from "../errors.js";
import type { State } from "../state.js";
import type { ContactAddress, LifecycleCommand } from "./commands.js";
import { emailKey, isValidEmail, normalizePhone } from "./contact-points.js";
import type { LifecycleEvent } from "./events.js";
import { optOutKey } from "./model.js";

type Decision = E.Either<DomainError, readonly LifecycleEvent[]>;

/** The registry's form of an address: E.164 for a phone (LIF-6), trimmed lower case for an email (LIF-5). */
function normalizedAddress(state: State, address: ContactAddress): E.Either<DomainError, ContactAddress> {
  if (address.kind === "phone") {
    const e164 = normalizePhone(address.value, state.configuration.defaultPhoneCountry);
    return e164 === null
      ? E.left(
          domainError(
            "invalid_address",
            "LIF-6",
            `${address.value} is not a valid phone number (its area code must exist)`,
          ),
        )
      : E.right({ kind: "phone", value: e164 });
  }
  return isValidEmail(address.value)
    ? E.right({ kind: "email", value: emailKey(address.value) })
    : E.left(domainError("invalid_address", "LIF-5", `${address.value} is not a well-formed email address`));
}

export function decideLifecycle(state: State, command: LifecycleCommand): Decision {
  const { at, actor: by } = command;
  switch (command.type) {
    case "archiveContact":
    case "unarchiveContact": {
      const actor = actingUser(state, by);
      if (E.isLeft(actor)) return actor;
      const facts = enterContact(state, actor.right, command.account, command.contactId);
      if (E.isLeft(facts)) return facts;
      const archiving = command.type === "archiveContact";
      if (archiving && command.channel !== "manual") {
        return E.left(
          domainError("channel_not_available", "LIF-2", "contacts are archived manually only, never automatically"),
        );
      }
      // LIF-2: never through the API — nor through its kin (API-sync, import, lead sources): a person unarchives.
      if (!archiving && command.channel !== "manual" && command.channel !== "support") {
        return E.left(
          domainError(
            "channel_not_available",
            "LIF-2",
            `contacts cannot be unarchived through the ${command.channel} channel, only by hand`,
          ),
        );
      }
      const allowed = requirePermit(facts.right, "archive");
      if (E.isLeft(allowed)) return allowed;
      const archived = has(state.archive, command.contactId);
      if (archiving) {
        if (archived)
          return E.left(domainError("no_change", "input", `contact ${command.contactId} is already archived`));
        return E.right([{ type: "ContactArchived", at, by, contactId: command.contactId, reason: command.reason }]);
      }
      if (!archived) return E.left(domainError("no_change", "input", `contact ${command.contactId} is not archived`));
      return E.right([{ type: "ContactUnarchived", at, by, contactId: command.contactId, channel: command.channel }]);
    }
    case "recordOptOut": {
      const actor = actingUser(state, by);
      if (E.isLeft(actor)) return actor;
      const address = normalizedAddress(state, command.address);
      if (E.isLeft(address)) return address;
      // Accepted alike whether or not the address is opted out already, so the answer never reads the registry
      // (SEC-2); a repeat leaves the first opt-out standing (LIF-3).
      return E.right([{ type: "OptedOut", at, by, address: address.right, channel: command.channel }]);
    }
    case "recordOptIn": {
      if (command.channel !== "support") {
        return E.left(
          domainError(
            "resubscribe_refused",
            "LIF-3",
            `resubscribing is refused through the ${command.channel} channel; the contact's consent goes to support`,
          ),
        );
      }
      const actor = actingOfficeAdmin(state, by);
      if (E.isLeft(actor)) return actor;
      if (command.consent === undefined)
        return E.left(
          domainError("consent_required", "LIF-3", "support resubscribes only with the contact's recorded consent"),
        );
      const address = normalizedAddress(state, command.address);
      if (E.isLeft(address)) return address;
      if (get(state.optOuts, optOutKey(address.right)) === undefined) {
        return E.left(domainError("no_change", "input", `${address.right.value} is not opted out`));
      }
      return E.right([{ type: "OptedIn", at, by, address: address.right, consent: command.consent }]);
    }
  }
}
