/**
 * `npm run bench -- <suite...>`: runs benchmark suites and prints JSON lines (one per measurement).
 * Suites: env (steps/s per env, dataset generation rate), model (training/decoding speed), offline
 * (BC, %BC, MC, ILQL on FO maze: normalised scores over seeds), time-to-score (FO-maze ILQL: wall time
 * and tokens to a score of 90).
 * With no suite named, runs them all.
 */
const SUITES: Record<string, () => Promise<void>> = {
  env: async () => (await import("./env")).benchEnv(),
  model: async () => (await import("./model")).benchModel(),
  offline: async () => (await import("./offline")).benchOffline(),
  "time-to-score": async () => (await import("./time-to-score")).benchTimeToScore(),
};

const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !(s in SUITES));
if (unknown.length) {
  console.error(`Unknown bench suite(s): ${unknown.join(", ")}. Valid: ${Object.keys(SUITES).join(", ")}`);
  process.exit(2);
}
// offline trains 12 models (~2.5 h on 2 cores, ILQL ~45 min per seed; SEEDS=0 / SEEDS=1 ... in parallel processes halve it): run it only when named
const LONG = ["offline", "time-to-score"];
for (const name of asked.length ? asked : Object.keys(SUITES).filter((s) => !LONG.includes(s))) await SUITES[name]();
export {};
