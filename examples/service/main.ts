/**
 * Runs the example service: `npm run service` (or `npx tsx examples/service/main.ts`). Postgres is PGlite, in this
 * process: in memory, or in the directory named by PGLITE_DIR, which keeps the offices between runs.
 * PORT (default 3000) and SNAPSHOT_EVERY (default 100) are read from the environment.
 */
import { PGlite } from "@electric-sql/pglite";
import { createService } from "./service.js";
import { EventStore } from "./store.js";

const db = await PGlite.create(process.env.PGLITE_DIR);
const app = createService({
  store: await EventStore.open(db),
  snapshotEvery: Number(process.env.SNAPSHOT_EVERY ?? 100),
});
const address = await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 3000) });
console.log(
  `crm-access example service on ${address} (${process.env.PGLITE_DIR === undefined ? "in memory" : `data in ${process.env.PGLITE_DIR}`})`,
);
