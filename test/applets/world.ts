import { DEFAULT_CONFIGURATION, type Configuration, type State } from "../../src/index.js";
import { OFFICE, personal, run, TEAM, teamOffice } from "../support/office.js";

/**
 * The team office of test/support (rain rainmaker, tc enhanced, amy and bob standard agents, lee outside) with:
 * c1 — a team contact amy added (amy primary), with a valid email; bob holds View Only on it;
 * c2 — a team contact bob added (bob primary), email opted out;
 * c3 — a team contact with no email, amy primary;
 * c4 — a team contact with no primary left (the admin took it off), valid email;
 * p1 — a contact in amy's personal account; q1 — one in bob's.
 */
export function appletOffice(configuration: Configuration = DEFAULT_CONFIGURATION): State {
  return run(
    teamOffice(configuration),
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c1",
      channel: "manual",
      details: { name: "Cal Buyer", emails: ["cal@example.com"] },
    },
    {
      type: "addContact",
      actor: "bob",
      account: TEAM,
      contactId: "c2",
      channel: "manual",
      details: { name: "Dee Seller", emails: ["dee@example.com"] },
    },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c3",
      channel: "manual",
      details: { name: "Eve NoMail" },
    },
    {
      type: "addContact",
      actor: "amy",
      account: TEAM,
      contactId: "c4",
      channel: "manual",
      details: { name: "Fay Orphan", emails: ["fay@example.com"] },
    },
    { type: "changePrimary", actor: "admin", account: TEAM, contactId: "c4", userId: null },
    { type: "grantAccess", actor: "rain", account: TEAM, contactId: "c1", userId: "bob", level: "view" },
    {
      type: "recordOptOut",
      actor: "admin",
      account: OFFICE,
      address: { kind: "email", value: "dee@example.com" },
      channel: "manual",
    },
    {
      type: "addContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "p1",
      channel: "manual",
      details: { name: "Gus Friend", emails: ["gus@example.com"] },
    },
    {
      type: "addContact",
      actor: "bob",
      account: personal("bob"),
      contactId: "q1",
      channel: "manual",
      details: { name: "Hal Friend", emails: ["hal@example.com"] },
    },
  ).state;
}
