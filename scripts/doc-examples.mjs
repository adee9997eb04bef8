// Extracts every ```ts block of README.md and docs/**/*.md, and every @example of a doc comment in src/, into
// test/docs/examples/, importing the source instead of the package, so `npm test` type-checks and runs each.
//
// An example states a result in one of two ways, and the extracted module checks both (D-169):
// - `assert.deepStrictEqual(actual, expected)` (or any other function of Node's `assert`), as fp-ts writes its
//   examples. A doc comment in src/ uses `assert` without importing it, since src/ imports nothing from node:; a
//   Markdown block may import it. The extracted module's `assert` is Node's, through test/support/asserted.ts, so a
//   failure names the file and line the example was written at.
// - In README and docs code blocks, a comment at the end of a `console.log(...)` line — `// → value` or `// value` —
//   promises what the line prints: the line goes through test/support/printed.ts, and the extracted block fails
//   unless the line printed just that (D-89).
// A result stated any other way would be checked by nothing, so the extractor refuses it and exits with 1: in a doc
// comment, a comment after code or after the last line of code; in Markdown, `// → …` on a line that prints nothing,
// or a comment under a `console.log(...)` line that says what it printed. An explanation goes on the line above.
//
// `node scripts/doc-examples.mjs [--root <dir>] [--out <dir>]` reads README.md, docs/ and src/ under <root> (this
// repository by default) and writes to <out> (test/docs/examples); test/docs/extractor.test.ts runs it on fixtures.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));

/** The position of a line's `//` comment outside strings and template literals, or -1. */
function commentStart(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && line[i + 1] === "/") return i;
  }
  return -1;
}

/** A line split into its code and its `//` comment (each trimmed, "" when absent). */
function parts(line) {
  const at = commentStart(line);
  return at === -1
    ? { code: line.trim(), comment: "" }
    : { code: line.slice(0, at).trim(), comment: line.slice(at + 2).trim() };
}

const PRINTS = "console.log(";
const ASSERT_IMPORT = /^\s*import\s+assert\s+from\s+("node:assert(?:\/strict)?"|'node:assert(?:\/strict)?');?\s*$/;
const USES_ASSERT = /(^|[^.\w$])assert\s*[.(]/;

/** Whether a comment reads as a value (`// → 3`, `// left({ … })`, `// [ 'c1' ]`, `// null`) rather than prose. */
const statesValue = (comment) =>
  /^(→|=>|(left|right|some)\(|(none|true|false|null|undefined|NaN)\b|-?\d|["'`[{])/.test(comment);

/** Results stated where nothing checks them, as `[line in the example, what is wrong]` pairs. */
function uncheckedResults(lines, kind) {
  const found = [];
  const hasCodeAfter = (i) => lines.slice(i + 1).some((l) => parts(l).code !== "");
  const codeAbove = (i) => {
    for (let j = i - 1; j >= 0; j--) if (lines[j].trim() !== "") return parts(lines[j]);
    return null;
  };
  lines.forEach((line, i) => {
    const { code, comment } = parts(line);
    if (comment === "") return;
    if (kind === "doc comment") {
      if (code !== "")
        found.push([
          i + 1,
          "a comment after code: state a result as assert.deepStrictEqual(actual, expected), an explanation on the line above",
        ]);
      else if (statesValue(comment) || !hasCodeAfter(i))
        found.push([i + 1, "a comment under the code states a result nothing checks: assert it"]);
      return;
    }
    if (code !== "" && !code.includes(PRINTS) && /^(→|=>)/.test(comment))
      found.push([i + 1, "`// → …` on a line that prints nothing: assert the value, or print it"]);
    const above = code === "" ? codeAbove(i) : null;
    if (above !== null && above.code !== "") {
      const silentPrint = above.code.includes(PRINTS) && above.comment === "";
      if (statesValue(comment) || (silentPrint && !hasCodeAfter(i)))
        found.push([
          i + 1,
          "a comment under the code states a result nothing checks: end the console.log line with `// → value`, or assert it",
        ]);
    }
  });
  return found;
}

/**
 * Routes each commented `console.log(` line through the checker; returns the lines and [line, promised value] pairs,
 * each line numbered in the file the example was written in (its first line being `firstLine`).
 */
function checkPrinted(lines, firstLine) {
  const expected = [];
  const routed = lines.map((line, index) => {
    const at = line.indexOf(PRINTS);
    const comment = commentStart(line);
    if (at === -1 || comment === -1 || comment < at) return line;
    const promised = line
      .slice(comment + 2)
      .trim()
      .replace(/^→\s*/, "");
    if (promised === "") return line;
    expected.push([firstLine + index, promised]);
    return `${line.slice(0, at)}__out.log(${firstLine + index}, ${line.slice(at + PRINTS.length)}`;
  });
  return { lines: routed, expected };
}

const importPath = (from, to) => {
  const path = relative(from, to).split("\\").join("/");
  return path.startsWith(".") ? path : `./${path}`;
};

/**
 * One example as the source of a module in `out`: `code` is the example's text, `file` the file it was written in
 * (relative to the root read), `firstLine` the line of that file its first line is on, `kind` "markdown" or
 * "doc comment". Returns the module's source, its stated results that nothing would check (`problems`, as
 * `file:line: what`), and how many printed lines and assertions it checks.
 */
function exampleModule(code, { file, firstLine, kind, out, title }) {
  const problems = uncheckedResults(code.split("\n"), kind).map(
    ([line, what]) => `${file}:${firstLine + line - 1}: ${what}`,
  );
  const library = importPath(out, join(repo, "src/index.js"));
  const kit = importPath(out, join(repo, "src/testing/index.js"));
  const support = importPath(out, join(repo, "test/support"));
  let assertModule = "node:assert";
  const body = code.split("\n").map((line) => {
    const imported = ASSERT_IMPORT.exec(line);
    if (imported === null)
      return line
        .replaceAll('from "crm-access/testing"', `from "${kit}"`)
        .replaceAll('from "crm-access"', `from "${library}"`);
    assertModule = imported[1].slice(1, -1);
    return "";
  });
  const { lines, expected } = kind === "markdown" ? checkPrinted(body, firstLine) : { lines: body, expected: [] };
  const assertions = body.filter((line) => USES_ASSERT.test(parts(line).code)).length;
  const head = [`// Extracted from ${title}. Do not edit.`];
  if (assertions > 0)
    head.push(
      `import __assert from "${assertModule}";`,
      `import { asserting as __asserting } from "${support}/asserted.js";`,
    );
  if (expected.length > 0)
    head.push(
      `import { printed as __printed } from "${support}/printed.js";`,
      `const __out = __printed(${JSON.stringify(file)});`,
    );
  if (assertions > 0)
    // The first line of the example is line head.length + 2 of the module; a failure maps its line back.
    head.push(
      `const assert: typeof __assert = __asserting(__assert, ${JSON.stringify(file)}, ${firstLine - head.length - 2}, import.meta.url);`,
    );
  const check = expected.length === 0 ? "" : `__out.check(${JSON.stringify(expected)});\n`;
  return {
    source: `${head.join("\n")}\n${lines.join("\n")}\n${check}export {};\n`,
    problems,
    printedLines: expected.length,
    assertions,
  };
}

function markdownFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "api" ? [] : markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

const lineAt = (text, index) => text.slice(0, index).split("\n").length;

/** Writes every example under `root` into `out` as a module; returns the counts and the problems found. */
function extractAll(root, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const totals = { examples: 0, printedLines: 0, assertions: 0, problems: [] };
  const write = (name, code, options) => {
    const made = exampleModule(code, { ...options, out });
    writeFileSync(join(out, name), made.source);
    totals.examples++;
    totals.printedLines += made.printedLines;
    totals.assertions += made.assertions;
    totals.problems.push(...made.problems);
  };
  const readme = join(root, "README.md");
  for (const path of [...(existsSync(readme) ? [readme] : []), ...markdownFiles(join(root, "docs"))]) {
    const text = readFileSync(path, "utf8");
    const file = relative(root, path);
    [...text.matchAll(/```ts\n([\s\S]*?)```/g)].forEach((m, i) => {
      const name = `${file.replace(/[^a-zA-Z0-9]+/g, "_")}_${i + 1}.ts`;
      const firstLine = lineAt(text, m.index) + 1;
      write(name, m[1], { file, firstLine, kind: "markdown", title: `${file}, block ${i + 1}` });
    });
  }
  for (const path of sourceFiles(join(root, "src"))) {
    const lines = readFileSync(path, "utf8").split("\n");
    const file = relative(root, path);
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\* @example\s*$/.test(lines[i])) continue;
      const body = [];
      for (let j = i + 1; j < lines.length && !/^\s*\*\s*@|^\s*\*\//.test(lines[j]); j++)
        body.push(lines[j].replace(/^\s*\* ?/, ""));
      const name = `${file.replace(/[^a-zA-Z0-9]+/g, "_")}_example_${++n}.ts`;
      write(name, body.join("\n"), {
        file,
        firstLine: i + 2,
        kind: "doc comment",
        title: `the doc comments of ${file} (the @example at line ${i + 1})`,
      });
    }
  }
  return totals;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? fallback : resolve(process.argv[at + 1]);
  };
  const root = option("--root", repo);
  const out = option("--out", join(repo, "test/docs/examples"));
  const totals = extractAll(root, out);
  console.log(
    `extracted ${totals.examples} examples from README.md, docs/ and doc comments in src/; ${totals.assertions} assertions and ${totals.printedLines} console.log lines check what they state`,
  );
  if (totals.problems.length > 0) {
    console.error(`${totals.problems.length} stated results that nothing checks:\n${totals.problems.join("\n")}`);
    process.exitCode = 1;
  }
}
