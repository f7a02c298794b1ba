/**
 * `npm run bench -- <suite...>`: runs benchmark suites and prints JSON lines (one per measurement).
 * Suites: env (steps/s per env, dataset generation rate), model (training/decoding speed), action-rows
 * (BC/MC/ILQL steps with vocabulary outputs at the action rows only vs every position), offline
 * (BC, %BC, MC, ILQL on any rows: normalised scores over seeds, data/results), time-to-score (FO-maze ILQL: wall time
 * and tokens to a score of 90).
 * With no suite named, runs every suite but the long ones (offline, time-to-score, maze-mc).
 */
const SUITES: Record<string, () => Promise<void>> = {
  env: async () => (await import("./env")).benchEnv(),
  model: async () => (await import("./model")).benchModel(),
  "action-rows": async () => (await import("./action-rows")).benchActionRows(),
  offline: async () => (await import("./offline")).benchOffline(),
  online: async () => (await import("./online")).benchOnline(),
  "time-to-score": async () => (await import("./time-to-score")).benchTimeToScore(),
  "maze-mc": async () => (await import("./maze-mc")).benchMazeMc(),
  "wordle-bc": async () => (await import("./wordle-bc")).benchWordleBc(),
  chess: async () => (await import("./chess")).benchChess(),
  reproduce: async () => (await import("./reproduce")).benchReproduce(),
};

const asked = process.argv.slice(2);
if (asked.includes("--help") || asked.includes("-h")) {
  console.log(`Usage: npm run bench -- [suite ...]   (no suite: every suite but offline, online, time-to-score, maze-mc, wordle-bc, chess and reproduce)

  env            env steps/s per row, dataset generation rate, step times on adversarial actions
  model          training and decoding tokens/s per compute path against PyTorch, 1 and 2 threads, over rounds
  action-rows    BC, MC Returns and ILQL steps with vocabulary outputs at the action rows only against every
                 position, on real batches of the dialogue rows and FO maze (ROWS, STEPS)
  offline        BC, %BC, MC, ILQL per row over seeds in parallel processes; results in data/results
                 (ENVS, ALGOS, SEEDS, JOBS, OFFLINE_CONFIG, QUICK=1, SUMMARY_ONLY=1, README_TABLES=1, OFFLINE_DIR)
  online         PPO, online %BC, GRPO from each row's BC on maze-fo, text-nav-po, wordle over seeds; rollout
                 throughput and learning curves in data/results (same variables as offline)
  time-to-score  FO-maze ILQL: wall time and tokens to the first evaluation >= 90, per seed
                 (SEEDS, TARGET, EVAL_EVERY, TTS_CONFIG, STOP_AT_TARGET=1)
  maze-mc        why FO-maze MC Returns scores below BC: the data's per-move returns, and the offline
                 bench's MC runs decoded with several β (SEEDS, BETAS, MC_DIR, MC_ENV=maze-po)
  chess          endgame solver build time and probes/s, chess env steps/s, opponent moves/s (native and WASM
                 Stockfish), endgame dataset games/s (GAMES, NODES)
  wordle-bc      why Wordle BC stays at the random-word level: the behaviour's loss floor, and trained
                 checkpoints' valid and feedback-consistent guess rates (EPISODES, WORDLE_CHECKPOINTS)
  reproduce      wall time of \`lmrl reproduce --quick\` (target 30 min, FO-maze ILQL >= 90) and of the
                 \`npm start\` rows (target 5 min), cold and with every stage reused (WHICH, REPRO_DIR, KEEP)

Each suite's file in bench/ documents its variables. LMRL_THREADS sets the native pool's threads,
LMRL_NATIVE_PROFILE=1 prints the time per native kernel at exit.`);
  process.exit(0);
}
const unknown = asked.filter((s) => !(s in SUITES));
if (unknown.length) {
  console.error(`Unknown bench suite(s): ${unknown.join(", ")}. Valid: ${Object.keys(SUITES).join(", ")}`);
  process.exit(2);
}
// offline, online, time-to-score, maze-mc, wordle-bc and reproduce train or evaluate models for tens of minutes to hours, and chess
// solves the endgame tables for minutes: run them only when named
const LONG = ["offline", "online", "time-to-score", "maze-mc", "wordle-bc", "chess", "reproduce"];
for (const name of asked.length ? asked : Object.keys(SUITES).filter((s) => !LONG.includes(s))) {
  try {
    await SUITES[name]();
  } catch (e) {
    // A bad variable (SEEDS=a) or a missing file ends in its message, not a stack trace; LMRL_DEBUG=1 shows the stack.
    console.error(`bench ${name}: ${process.env.LMRL_DEBUG === "1" && e instanceof Error ? e.stack : e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
export {};
