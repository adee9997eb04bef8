/**
 * What decoding costs an import, before and after D-158, side by side in one process on the same command:
 *
 *   npx tsx bench/decode.ts [contacts in the office, default 10000] [rounds, default 7]
 *
 * The command is the suite's import of 100k rows (`importCommand`, BENCH_IMPORT_ROWS to change it). "Before" is
 * what 0.1.0 did, rebuilt from the same parts: `decodeCommand` parsed with the command union at run time
 * (`CommandSchema.safeParse`), and `decide` decoded its command again before routing it, so a service that decoded a
 * request body and then decided it parsed it twice. "After": `decodeCommand` parses with the command type's
 * compiled schema, and `decideInput` decodes once and decides. The rounds alternate the two, and each figure is the
 * median of the rounds.
 */
import * as E from "fp-ts/lib/Either.js";
import { CommandSchema, decideDecoded, decideInput, decodeCommand, replay, type Command } from "../src/decider.js";
import { mulberry32 } from "./prng.js";
import { importCommand } from "./suite.js";
import { makeWorld, worldEvents } from "./world.js";

const size = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 7);
const replayed = replay(worldEvents(makeWorld(size), 1));
if (E.isLeft(replayed)) throw new Error(replayed.left.message);
const state = replayed.right;
const { command } = importCommand(makeWorld(size), mulberry32(7));
const rows = command.type === "importContacts" ? command.rows.length : 0;
const body: unknown = JSON.parse(JSON.stringify(command));

/** 0.1.0's decodeCommand: the union, at run time. */
function decodeBefore(input: unknown): Command {
  const parsed = CommandSchema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

const cases: Record<string, () => unknown> = {
  "decode, before (union at run time)": () => decodeBefore(body),
  "decode, after (decodeCommand, compiled)": () => E.getOrElseW(() => null)(decodeCommand(body)),
  "decodeCommand + decide, before (two parses)": () => decideDecoded(state, decodeBefore(decodeBefore(body))),
  "decideInput, after (one compiled parse)": () => decideInput(state, body),
  "typed decide, before (one parse at run time)": () => decideDecoded(state, decodeBefore(command)),
  "typed decide, after (one compiled parse)": () => decideInput(state, command),
};

const times = new Map<string, number[]>(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(cases)) {
    const t0 = performance.now();
    const result = run();
    const ms = performance.now() - t0;
    if (result === null || (typeof result === "object" && "_tag" in result && result._tag === "Left"))
      throw new Error(`${name} refused the import`);
    times.get(name)?.push(ms);
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
console.log(
  `importContacts of ${rows.toLocaleString("en")} rows into ${size.toLocaleString("en")} contacts; ${rounds} rounds, medians:`,
);
for (const [name, xs] of times) console.log(`  ${name.padEnd(46)} ${median(xs).toFixed(0).padStart(6)} ms`);
