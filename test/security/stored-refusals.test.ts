import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { replayEvent, type State } from "../../src/index.js";
import { ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS, sceneLog } from "../golden/scenes.js";

/**
 * An approval transcript of what `replayEvent` says of stored events that do not apply (SEC-8): every event of the
 * five scenes' logs, applied a second time right after itself, and applied to an office where nothing else has
 * happened yet. Each line is the event's position and type, then `applies` or the refusal's code, rule and
 * message — so a check that stops refusing, or refuses with another reason, shows as a diff of
 * `stored-refusals.txt`; review it, then accept it with `npx vitest run test/security -u`.
 */
const said = (r: E.Either<{ code: string; rule: string; message: string }, State>): string =>
  E.isRight(r) ? "applies" : `${r.left.code} (${r.left.rule}): ${r.left.message}`;

describe("stored events that do not apply are refused with their reason (SEC-8)", () => {
  it("every scene event, applied again after itself and applied to a new office, is answered as approved (SEC-8)", async () => {
    const lines: string[] = [];
    for (const scene of [ACCOUNTS, CONTACTS, LIFECYCLE, SHARING, SMARTPLANS]) {
      const { log, after: states } = sceneLog(scene);
      const opened = states[0] as State; // just after OfficeOpened
      lines.push(`# ${scene.name}`);
      log.forEach((event, i) => {
        lines.push(`${i} ${event.type} again: ${said(replayEvent(states[i] as State, event))}`);
        lines.push(`${i} ${event.type} in a new office: ${said(replayEvent(opened, event))}`);
      });
    }
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("./stored-refusals.txt");
  });
});
