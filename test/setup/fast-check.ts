import fc from "fast-check";

/**
 * Property tests draw from a fixed seed, so `npm test` and CI see the same cases every run and a failure replays
 * exactly. `PROPERTY_SEED=<n>` picks another seed; `PROPERTY_SEED=random` draws a fresh one (the long profile's
 * way to explore further), which fast-check prints with any failure.
 */
const seed = process.env.PROPERTY_SEED;
if (seed !== "random") fc.configureGlobal({ seed: Number(seed ?? 20261129) });
