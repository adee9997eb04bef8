/**
 * Type-level tests of the public surface: what `crm-access` and `crm-access/testing` promise a TypeScript caller.
 * `expectTypeOf` checks nothing at run time; `npm run typecheck` (tsc over test/) is what fails when a type
 * drifts. Each block names what a caller relies on; when a type gains precision (errors with per-code fields, say),
 * extend its block.
 */
import type fc from "fast-check";
import { describe, expectTypeOf, it } from "vitest";
import type * as z from "zod";
import type { accountCommandSchemas } from "../../src/accounts/commands.js";
import type { appletCommandSchemas } from "../../src/applets/commands.js";
import type { assetCommandSchemas } from "../../src/assets/commands.js";
import type { contactCommandSchemas } from "../../src/contacts/commands.js";
import type { lifecycleCommandSchemas } from "../../src/lifecycle/commands.js";
import type { fileCommandSchemas } from "../../src/profile/commands.js";
import type { sharingCommandSchemas } from "../../src/sharing/commands.js";
import type { smartPlanCommandSchemas } from "../../src/smartplans/commands.js";
import type { accountEventSchemas } from "../../src/accounts/events.js";
import type { appletEventSchemas } from "../../src/applets/events.js";
import type { assetEventSchemas } from "../../src/assets/events.js";
import type { contactEventSchemas } from "../../src/contacts/events.js";
import type { lifecycleEventSchemas } from "../../src/lifecycle/events.js";
import type { fileEventSchemas } from "../../src/profile/events.js";
import type { sharingEventSchemas } from "../../src/sharing/events.js";
import type { smartPlanEventSchemas } from "../../src/smartplans/events.js";
import {
  type ACTIONS,
  COMMAND_TYPES,
  can,
  decodeCommand,
  decodeEvent,
  type ERROR_CODES,
  EVENT_TYPES,
  execute,
  explain,
  replay,
  type AccessGranted,
  type AccountCommand,
  type AccountEvent,
  type Action,
  type AddContact,
  type AppletCommand,
  type AppletEvent,
  type AssetCommand,
  type AssetEvent,
  type ChangePrimary,
  type Command,
  type ContactAdded,
  type ContactCommand,
  type ContactEvent,
  type DomainError,
  type DomainErrorCode,
  type Event,
  type Executed,
  type Explanation,
  type FileCommand,
  type FileEvent,
  type GrantAccess,
  type LifecycleCommand,
  type LifecycleEvent,
  type Remedy,
  type ReplayError,
  type RuleId,
  type ContractId,
  type SharingCommand,
  type SharingEvent,
  type SmartPlanCommand,
  type SmartPlanEvent,
  type State,
  type TransferContacts,
  type UserRegistered,
} from "../../src/index.js";
import type { Either } from "../../src/either.js";
import {
  arbitraryCommand,
  given,
  type Accepted,
  type Expectation,
  type GivenCommand,
  type Outcome,
  type RefusalMatch,
  type Specification,
} from "../../src/testing/index.js";

describe("commands and events (crm-access)", () => {
  it("each domain's union is exactly the union of its named types, and those are what its schemas decode", () => {
    expectTypeOf<AccountCommand>().toEqualTypeOf<z.infer<(typeof accountCommandSchemas)[number]>>();
    expectTypeOf<AppletCommand>().toEqualTypeOf<z.infer<(typeof appletCommandSchemas)[number]>>();
    expectTypeOf<AssetCommand>().toEqualTypeOf<z.infer<(typeof assetCommandSchemas)[number]>>();
    expectTypeOf<ContactCommand>().toEqualTypeOf<z.infer<(typeof contactCommandSchemas)[number]>>();
    expectTypeOf<LifecycleCommand>().toEqualTypeOf<z.infer<(typeof lifecycleCommandSchemas)[number]>>();
    expectTypeOf<FileCommand>().toEqualTypeOf<z.infer<(typeof fileCommandSchemas)[number]>>();
    expectTypeOf<SharingCommand>().toEqualTypeOf<z.infer<(typeof sharingCommandSchemas)[number]>>();
    expectTypeOf<SmartPlanCommand>().toEqualTypeOf<z.infer<(typeof smartPlanCommandSchemas)[number]>>();
    expectTypeOf<AccountEvent>().toEqualTypeOf<z.infer<(typeof accountEventSchemas)[number]>>();
    expectTypeOf<AppletEvent>().toEqualTypeOf<z.infer<(typeof appletEventSchemas)[number]>>();
    expectTypeOf<AssetEvent>().toEqualTypeOf<z.infer<(typeof assetEventSchemas)[number]>>();
    expectTypeOf<ContactEvent>().toEqualTypeOf<z.infer<(typeof contactEventSchemas)[number]>>();
    expectTypeOf<LifecycleEvent>().toEqualTypeOf<z.infer<(typeof lifecycleEventSchemas)[number]>>();
    expectTypeOf<FileEvent>().toEqualTypeOf<z.infer<(typeof fileEventSchemas)[number]>>();
    expectTypeOf<SharingEvent>().toEqualTypeOf<z.infer<(typeof sharingEventSchemas)[number]>>();
    expectTypeOf<SmartPlanEvent>().toEqualTypeOf<z.infer<(typeof smartPlanEventSchemas)[number]>>();
  });

  it("Command and Event are the domains' unions; their type lists are COMMAND_TYPES and EVENT_TYPES", () => {
    expectTypeOf<Command>().toEqualTypeOf<
      | AccountCommand
      | ContactCommand
      | FileCommand
      | SharingCommand
      | LifecycleCommand
      | SmartPlanCommand
      | AppletCommand
      | AssetCommand
    >();
    expectTypeOf<Event>().toEqualTypeOf<
      | AccountEvent
      | ContactEvent
      | FileEvent
      | SharingEvent
      | LifecycleEvent
      | SmartPlanEvent
      | AppletEvent
      | AssetEvent
    >();
    expectTypeOf(COMMAND_TYPES).toEqualTypeOf<readonly Command["type"][]>();
    expectTypeOf(EVENT_TYPES).toEqualTypeOf<readonly Event["type"][]>();
  });

  it("a caller names one command or event without Extract, and sees its fields", () => {
    expectTypeOf<Extract<Command, { type: "addContact" }>>().toEqualTypeOf<AddContact>();
    expectTypeOf<Extract<Command, { type: "grantAccess" }>>().toEqualTypeOf<GrantAccess>();
    expectTypeOf<Extract<Command, { type: "transferContacts" }>>().toEqualTypeOf<TransferContacts>();
    expectTypeOf<Extract<Event, { type: "ContactAdded" }>>().toEqualTypeOf<ContactAdded>();
    expectTypeOf<Extract<Event, { type: "UserRegistered" }>>().toEqualTypeOf<UserRegistered>();
    expectTypeOf<AddContact["type"]>().toEqualTypeOf<"addContact">();
    expectTypeOf<AddContact>().toHaveProperty("listingAgentId");
    expectTypeOf<AddContact["listingAgentId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<GrantAccess["level"]>().toEqualTypeOf<"view" | "shared" | "full">();
    expectTypeOf<ChangePrimary["userId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<AccessGranted["previous"]>().toEqualTypeOf<"view" | "shared" | "full" | null>();
    expectTypeOf<AccessGranted["rule"]>().toEqualTypeOf<RuleId>();
    expectTypeOf<AddContact>().toExtend<Command>();
    expectTypeOf<ContactAdded>().toExtend<Event>();
  });

  it("decoders return a typed command or event, or a DomainError; replay a ReplayError", () => {
    expectTypeOf(decodeCommand).parameters.toEqualTypeOf<[unknown]>();
    expectTypeOf(decodeCommand).returns.toEqualTypeOf<Either<DomainError, Command>>();
    expectTypeOf(decodeEvent).returns.toEqualTypeOf<Either<DomainError, Event>>();
    expectTypeOf(replay).returns.toEqualTypeOf<Either<ReplayError, State>>();
  });
});

describe("deciding and asking (crm-access)", () => {
  it("execute returns the new state, the events and the stream versions, or the refusal", () => {
    expectTypeOf(execute).parameters.toEqualTypeOf<[State, Command]>();
    expectTypeOf(execute).returns.toEqualTypeOf<Either<DomainError, Executed>>();
    expectTypeOf<Executed>().toEqualTypeOf<{
      readonly state: State;
      readonly events: readonly Event[];
      readonly expectedVersion: number;
      readonly version: number;
    }>();
  });

  it("can answers a boolean for an action of the documented list; explain answers why, with a remedy", () => {
    expectTypeOf(can).parameters.toEqualTypeOf<[State, string, Action, string]>();
    expectTypeOf(can).returns.toEqualTypeOf<boolean>();
    expectTypeOf<Action>().toEqualTypeOf<(typeof ACTIONS)[number]>();
    expectTypeOf(explain).parameters.toEqualTypeOf<[State, string, Action, string]>();
    expectTypeOf(explain).returns.toEqualTypeOf<Explanation>();
    expectTypeOf<Explanation["allowed"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Explanation["remedy"]>().toEqualTypeOf<Remedy | null>();
    expectTypeOf<Explanation["rules"]>().toEqualTypeOf<readonly RuleId[]>();
    const misuse = (state: State): boolean =>
      // @ts-expect-error: an action outside ACTIONS is a compile error
      can(state, "ann", "fly", "c1");
    expectTypeOf(misuse).toBeFunction();
  });

  it("a DomainError narrows on its code; the codes are ERROR_CODES; a rule id or contract id says why", () => {
    expectTypeOf<DomainErrorCode>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
    expectTypeOf<DomainError["code"]>().toEqualTypeOf<DomainErrorCode>();
    expectTypeOf<DomainError["rule"]>().toEqualTypeOf<RuleId | ContractId>();
    expectTypeOf<DomainError["message"]>().toEqualTypeOf<string>();
    expectTypeOf<ReplayError["code"]>().toEqualTypeOf<"invalid_event">();
    expectTypeOf<ReplayError>().toExtend<DomainError>();
    const narrow = (error: DomainError): void => {
      if (error.code === "not_permitted") expectTypeOf(error.code).toEqualTypeOf<"not_permitted">();
      if (error.code === "invalid_input") {
        expectTypeOf(error.code).toEqualTypeOf<"invalid_input">();
        expectTypeOf(error).toHaveProperty("path");
      }
      // @ts-expect-error: a code outside ERROR_CODES is a compile error
      if (error.code === "no_such_code") return;
    };
    expectTypeOf(narrow).toBeFunction();
  });
});

describe("the test kit (crm-access/testing)", () => {
  it("given returns a named Specification; when a named Outcome; then takes a matcher or a check", () => {
    expectTypeOf(given).returns.toEqualTypeOf<Specification>();
    expectTypeOf<Specification["state"]>().toEqualTypeOf<State>();
    expectTypeOf<Specification["when"]>().parameters.toEqualTypeOf<[GivenCommand]>();
    expectTypeOf<Specification["when"]>().returns.toEqualTypeOf<Outcome>();
    expectTypeOf<Outcome["outcome"]>().toEqualTypeOf<Either<DomainError, readonly Event[]>>();
    expectTypeOf<Outcome["command"]>().toEqualTypeOf<Command>();
    expectTypeOf<Outcome["then"]>().parameter(0).toEqualTypeOf<Expectation | ((accepted: Accepted) => void)>();
    expectTypeOf<Accepted>().toEqualTypeOf<{ readonly events: readonly Event[]; readonly state: State }>();
    expectTypeOf<RefusalMatch["rule"]>().toEqualTypeOf<RuleId | ContractId | undefined>();
    expectTypeOf(arbitraryCommand).returns.toEqualTypeOf<fc.Arbitrary<Command>>();
  });

  it("a given command may leave out at, and only at", () => {
    const register = {
      type: "registerUser",
      actor: "ada",
      account: { kind: "office" },
      userId: "s",
      name: "S",
    } as const;
    expectTypeOf(register).toExtend<GivenCommand>();
    expectTypeOf(register).not.toExtend<Command>();
    expectTypeOf({ ...register, at: "2026-03-02T09:00:00Z" }).toExtend<Command>();
    expectTypeOf({ type: "registerUser", actor: "ada", userId: "s", name: "S" } as const).not.toExtend<GivenCommand>();
    expectTypeOf({ error: "not_permitted", rule: "ASG-3" } as const).toExtend<Expectation>();
    expectTypeOf({ error: "not_permitted", rule: "no-such-rule" } as const).not.toExtend<Expectation>();
    expectTypeOf({ error: "no_such_code" } as const).not.toExtend<Expectation>();
  });
});
