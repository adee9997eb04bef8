// Extracts every ```ts block of README.md and docs/**/*.md, and every @example of a doc comment in src/, into
// test/docs/examples/, importing the source instead of the package, so `npm test` type-checks and runs each.
// A block's `console.log(...)` line that ends in a comment — `// → value` or `// value` — promises what it prints:
// the line goes through test/support/printed.ts, and the extracted block fails unless the line printed just that
// (D-89). An explanation that is not the printed value belongs on the line above.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, "test/docs/examples");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "api" ? [] : markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

let count = 0;
let checkedLines = 0;
for (const file of [join(root, "README.md"), ...markdownFiles(join(root, "docs"))]) {
  const text = readFileSync(file, "utf8");
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  blocks.forEach((code, i) => {
    const name = `${relative(root, file).replace(/[^a-zA-Z0-9]+/g, "_")}_${i + 1}.ts`;
    const where = `${relative(root, file)}, block ${i + 1}`;
    const { source: checked, expected } = checkPrinted(code);
    const source = checked
      .replaceAll('from "crm-access/testing"', 'from "../../../src/testing/index.js"')
      .replaceAll('from "crm-access"', 'from "../../../src/index.js"');
    const prelude =
      expected.length === 0
        ? ""
        : `import { printed as __printed } from "../../support/printed.js";\nconst __out = __printed(${JSON.stringify(where)});\n`;
    const check = expected.length === 0 ? "" : `__out.check(${JSON.stringify(expected)});\n`;
    writeFileSync(
      join(out, name),
      `// Extracted from ${where}. Do not edit.\n${prelude}${source}\n${check}export {};\n`,
    );
    checkedLines += expected.length;
    count++;
  });
}

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

/** Routes each commented `console.log(` line through the checker; returns the code and [line, promised value] pairs. */
function checkPrinted(code) {
  const expected = [];
  const lines = code.split("\n").map((line, index) => {
    const at = line.indexOf("console.log(");
    const comment = commentStart(line);
    if (at === -1 || comment === -1 || comment < at) return line;
    const promised = line
      .slice(comment + 2)
      .trim()
      .replace(/^→\s*/, "");
    if (promised === "") return line;
    expected.push([index + 1, promised]);
    return `${line.slice(0, at)}__out.log(${index + 1}, ${line.slice(at + "console.log(".length)}`;
  });
  return { source: lines.join("\n"), expected };
}
function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

for (const file of sourceFiles(join(root, "src"))) {
  const lines = readFileSync(file, "utf8").split("\n");
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\* @example\s*$/.test(lines[i])) continue;
    const body = [];
    for (let j = i + 1; j < lines.length && !/^\s*\*\s*@|^\s*\*\//.test(lines[j]); j++)
      body.push(lines[j].replace(/^\s*\* ?/, ""));
    const name = `${relative(root, file).replace(/[^a-zA-Z0-9]+/g, "_")}_example_${++n}.ts`;
    const source = body
      .join("\n")
      .replaceAll('from "crm-access/testing"', 'from "../../../src/testing/index.js"')
      .replaceAll('from "crm-access"', 'from "../../../src/index.js"');
    writeFileSync(
      join(out, name),
      `// Extracted from the doc comments of ${relative(root, file)}. Do not edit.\n${source}\nexport {};\n`,
    );
    count++;
  }
}
console.log(
  `extracted ${count} examples from README.md, docs/ and doc comments in src/; ${checkedLines} console.log lines are checked against their comments`,
);
