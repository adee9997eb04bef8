// Stryker's incremental file, kept compressed in git. Stryker reads and writes `reports/stryker-incremental.json`
// (12 MB of JSON whose line layout changes on every run); the repository keeps only the brotli-compressed copy
// `reports/stryker-incremental.json.br` (about 0.3 MB). `npm run mutate` unpacks it before Stryker starts and packs
// it again after Stryker stops, whatever Stryker's exit status, so the next run starts from this run's results.
//
//   node scripts/incremental.mjs unpack   # .json.br → .json (no-op when there is no packed file)
//   node scripts/incremental.mjs pack     # .json → .json.br (no-op when Stryker wrote no file)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";

const plain = "reports/stryker-incremental.json";
const packed = `${plain}.br`;
const [verb] = process.argv.slice(2);

if (verb === "unpack") {
  if (existsSync(packed)) {
    const text = brotliDecompressSync(readFileSync(packed));
    JSON.parse(text.toString("utf8")); // a damaged pack stops the run here, before Stryker starts from nothing
    writeFileSync(plain, text);
    console.log(`unpacked ${packed} → ${plain} (${text.length} B)`);
  } else console.log(`no ${packed}: Stryker starts without earlier results`);
} else if (verb === "pack") {
  if (existsSync(plain)) {
    // Re-serialised without indentation so the packed bytes depend on the results, not on Stryker's layout.
    const text = JSON.stringify(JSON.parse(readFileSync(plain, "utf8")));
    const out = brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
    writeFileSync(packed, out);
    console.log(`packed ${plain} → ${packed} (${out.length} B)`);
  } else console.log(`no ${plain} to pack`);
} else {
  console.error("usage: node scripts/incremental.mjs unpack|pack");
  process.exit(2);
}
