// The CommonJS copy of the package's declarations (D-88). `tsc -p tsconfig.build.json` writes one declaration file per
// source module into dist/types/, which the package's `"type": "module"` makes ES module declarations; the same
// files under dist/types-cjs/, with a package.json saying `"type": "commonjs"`, describe dist/index.cjs and
// dist/testing.cjs. Their relative imports (`./state.js`) resolve inside each folder, and the declaration maps
// (`../../src/…`) sit at the same depth in both. Run by `npm run build`, after tsc.
import { cpSync, rmSync, writeFileSync } from "node:fs";

const dist = new URL("../dist/", import.meta.url);
rmSync(new URL("types-cjs/", dist), { recursive: true, force: true });
cpSync(new URL("types/", dist), new URL("types-cjs/", dist), { recursive: true });
writeFileSync(new URL("types-cjs/package.json", dist), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
console.log("copied the declarations to dist/types-cjs/ (CommonJS)");
