import { format } from "node:util";

/**
 * What the documentation's `console.log` lines print, against what their comments promise (D-89). Each documented
 * `console.log(...); // → value` (or `// value`) is rewritten by `scripts/doc-examples.mjs` into `out.log(line, ...)`,
 * `line` being its line in the Markdown file, and the extracted example ends with `out.check(...)`: every commented line must have printed, and what it printed
 * last — formatted as Node's console formats it — must match the comment. Runs of white space compare equal, and
 * `…` in a comment stands for any text.
 */
export function printed(where: string): {
  log: (line: number, ...args: unknown[]) => void;
  check: (expected: readonly (readonly [number, string])[]) => void;
} {
  const lines = new Map<number, string>();
  return {
    log: (line, ...args) => {
      const text = format(...args);
      lines.set(line, text);
      console.log(text);
    },
    check: (expected) => {
      const wrong: string[] = [];
      for (const [line, comment] of expected) {
        const text = lines.get(line);
        if (text === undefined)
          wrong.push(`${where}, line ${line}: printed nothing, the comment says ${JSON.stringify(comment)}`);
        else if (!matches(text, comment))
          wrong.push(
            `${where}, line ${line}: printed ${JSON.stringify(text)}, the comment says ${JSON.stringify(comment)}`,
          );
      }
      if (wrong.length > 0) throw new Error(wrong.join("\n"));
    },
  };
}

const squash = (s: string): string => s.replace(/\s+/g, " ").trim();
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `text` as the comment describes it: equal up to runs of white space, with `…` for any text. */
export function matches(text: string, comment: string): boolean {
  const pattern = squash(comment)
    .split("…")
    .map((part) => escapeRegExp(part.trim()))
    .join("[\\s\\S]*?");
  return new RegExp(`^\\s*${pattern}\\s*$`).test(squash(text));
}
