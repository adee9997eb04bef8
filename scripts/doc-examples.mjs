// Extracts every ```ts block of README.md and docs/**/*.md, and every @example of a doc comment in src/, into
// test/docs/examples/, importing the source instead of the package, so `npm test` type-checks and runs each.
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
for (const file of [join(root, "README.md"), ...markdownFiles(join(root, "docs"))]) {
  const text = readFileSync(file, "utf8");
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  blocks.forEach((code, i) => {
    const name = `${relative(root, file).replace(/[^a-zA-Z0-9]+/g, "_")}_${i + 1}.ts`;
    const source = code
      .replaceAll('from "crm-access/testing"', 'from "../../../src/testing/index.js"')
      .replaceAll('from "crm-access"', 'from "../../../src/index.js"');
    writeFileSync(join(out, name), `// Extracted from ${relative(root, file)}, block ${i + 1}. Do not edit.\n${source}\nexport {};\n`);
    count++;
  });
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
    for (let j = i + 1; j < lines.length && !/^\s*\*\s*@|^\s*\*\//.test(lines[j]); j++) body.push(lines[j].replace(/^\s*\* ?/, ""));
    const name = `${relative(root, file).replace(/[^a-zA-Z0-9]+/g, "_")}_example_${++n}.ts`;
    const source = body
      .join("\n")
      .replaceAll('from "crm-access/testing"', 'from "../../../src/testing/index.js"')
      .replaceAll('from "crm-access"', 'from "../../../src/index.js"');
    writeFileSync(join(out, name), `// Extracted from the doc comments of ${relative(root, file)}. Do not edit.\n${source}\nexport {};\n`);
    count++;
  }
}
console.log(`extracted ${count} examples from README.md, docs/ and doc comments in src/`);
