import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import {
  accessList,
  ACTIONS,
  can,
  contactIds,
  getContact,
  PRESETS,
  type Configuration,
  type Event,
} from "../../src/index.js";
import { arbitraryConfiguration, LEAD_SOURCES } from "../../src/testing/index.js";
import { arbitraryRun, runs, show, showContact, USERS, type Run } from "./law-kit.js";

/**
 * SEC-5: no configuration — any value of every field, every preset, changed mid-run — opens a personal account.
 * For every personal-account contact, everyone with any access is its user, or holds a grant that the event log
 * shows that user gave (an `AccessGranted` by them, after the contact last arrived in their account). Lead-source
 * shares, presets and policy options never add anyone.
 */

/** Where the contact's current life in its personal account began: its last ContactAdded or ContactMoved. */
function arrivalIndex(log: readonly Event[], contactId: string): number {
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i] as Event;
    if (
      (e.type === "ContactAdded" && e.contact.id === contactId) ||
      (e.type === "ContactMoved" && e.contactId === contactId)
    )
      return i;
  }
  return -1;
}

/** Who gave `userId` their current grant on the contact, from the log: the last AccessGranted since arrival. */
function grantedBy(log: readonly Event[], contactId: string, userId: string, from: number): string | null {
  for (let i = log.length - 1; i > from; i--) {
    const e = log[i] as Event;
    if (e.type === "AccessGranted" && e.contactId === contactId && e.userId === userId) return e.by;
  }
  return null;
}

function isolationViolations(run: Run): string[] {
  const out: string[] = [];
  const { state, log } = run;
  for (const id of contactIds(state)) {
    const c = getContact(state, id);
    if (c === undefined || c.account.kind !== "personal") continue;
    const owner = c.account.userId;
    const from = arrivalIndex(log, id);
    const list = accessList(state, id);
    const listed = E.isRight(list) ? list.right.map((e) => e.userId) : [];
    const withAccess = new Set([...listed, ...USERS.filter((u) => ACTIONS.some((a) => can(state, u, a, id)))]);
    for (const user of withAccess) {
      if (user === owner) continue;
      const by = grantedBy(log, id, user, from);
      if (by !== owner) {
        const arrival = log[from];
        out.push(
          `${user} has access to ${owner}'s personal contact ${id} (${showContact(state, id)}) ` +
            (by === null
              ? `without any AccessGranted since it arrived (${arrival === undefined ? "?" : show(arrival)})`
              : `through a grant given by ${by}, not ${owner}`),
        );
      }
    }
  }
  return out;
}

/** Configurations that share every lead source with everyone: the widest SHR-9 can be. */
const sharingEverything: fc.Arbitrary<Configuration> = fc
  .tuple(arbitraryConfiguration(), fc.constantFrom(...Object.values(PRESETS)), fc.boolean())
  .map(([drawn, preset, usePreset]) => ({
    ...(usePreset ? preset : drawn),
    leadSourceShares: LEAD_SOURCES.map((leadSource) => ({ leadSource, userIds: [...USERS] })),
  }));

describe("SEC-5 configuration never breaks ACC-5", () => {
  it("under every configuration and preset, changed mid-run too, only a personal account's user gives access to its contacts (SEC-5, ACC-5, SHR-9)", () => {
    let personal = 0;
    let withLeadSource = 0;
    fc.assert(
      fc.property(arbitraryRun({ maxCommands: 60, configurationChanges: true }), (run) => {
        for (const id of contactIds(run.state)) {
          const c = getContact(run.state, id);
          if (c?.account.kind !== "personal") continue;
          personal++;
          if (
            c.details.leadSource !== undefined &&
            run.state.configuration.leadSourceShares.some(
              (s) => s.leadSource === c.details.leadSource && s.userIds.length > 0,
            )
          )
            withLeadSource++;
        }
        const violations = isolationViolations(run);
        if (violations.length > 0) throw new Error(`SEC-5:\n  ${violations.join("\n  ")}`);
      }),
      { numRuns: runs(1.5) },
    );
    expect(personal).toBeGreaterThan(0);
    expect(withLeadSource).toBeGreaterThan(0);
  });

  it("lead-source shares naming every user, under any preset, give nobody access to a personal-account contact added by hand, by API-sync or by import (SEC-5, SHR-9)", () => {
    let personalWithSource = 0;
    fc.assert(
      fc.property(arbitraryRun({ maxCommands: 40, configuration: sharingEverything }), (run) => {
        for (const id of contactIds(run.state)) {
          const c = getContact(run.state, id);
          if (c?.account.kind === "personal" && c.details.leadSource !== undefined) personalWithSource++;
        }
        const violations = isolationViolations(run);
        if (violations.length > 0)
          throw new Error(`SEC-5 (every lead source shared with everyone):\n  ${violations.join("\n  ")}`);
      }),
      { numRuns: runs(1) },
    );
    expect(personalWithSource).toBeGreaterThan(0);
  });
});
