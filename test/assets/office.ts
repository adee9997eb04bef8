import { initialState, type Configuration, type Event, type State } from "../../src/index.js";
import { OFFICE, personal, run, TEAM, TEAM_OFFICE_COMMANDS, type Input } from "../support/office.js";

/**
 * The team office of test/support (rain rainmaker, tc enhanced, amy and bob standard agents, lee outside the team),
 * with lee co-marketing with rain, team contacts c1 (primary amy) and c2 (primary bob), and amy's personal
 * contact p1.
 */
export function office(configuration?: Configuration): { state: State; events: Event[] } {
  return run(
    initialState(configuration),
    ...TEAM_OFFICE_COMMANDS,
    { type: "startPartnership", actor: "rain", account: OFFICE, partnerId: "lee" },
    { type: "addContact", actor: "amy", account: TEAM, contactId: "c1", channel: "manual", details: { name: "Cal" } },
    { type: "addContact", actor: "bob", account: TEAM, contactId: "c2", channel: "manual", details: { name: "Dee" } },
    {
      type: "addContact",
      actor: "amy",
      account: personal("amy"),
      contactId: "p1",
      channel: "manual",
      details: { name: "Pat" },
    },
  );
}

export const teamTag = (actor = "amy", assetId = "hot", name = "Hot lead"): Input => ({
  type: "createAsset",
  actor,
  account: TEAM,
  assetId,
  kind: "tag",
  name,
});
export const myTag = (actor = "amy", assetId = "mine", name = "Golf buddies"): Input => ({
  type: "createAsset",
  actor,
  account: personal(actor),
  assetId,
  kind: "tag",
  name,
});
