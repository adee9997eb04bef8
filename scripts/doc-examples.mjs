// Extracts every ```ts block of README.md and docs/**/*.md into test/docs/examples/, importing the source
// instead of the package, so `npm test` type-checks and runs each example.
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
console.log(`extracted ${count} examples from README.md and docs/`);
