/**
 * Online-RL benchmark: PPO, online filtered BC and GRPO from each row's BC default (the same seed's BC
 * run of the offline bench, trained first when missing) on maze-fo, text-nav-po and wordle over seeds
 * 0,1,2, in parallel child processes. The machinery is the offline bench's (bench/offline.ts): results in
 * data/results/<row>/<algo>-seed<S>.json, with each run's rollout throughput (episodes/s, generated
 * tokens/s, share of wall time in rollouts) and learning curve (rollout score per round) under `online`;
 * finished runs are not trained again and interrupted ones resume. The summary adds one table of the online
 * methods beside the BC start and the paper's PPO and online %BC cells (README block `offline-results:online`).
 *
 *   npm run bench -- online                                    # 3 rows × PPO, online %BC, GRPO × seeds 0,1,2
 *   ENVS=text-nav-po ALGOS=ppo SEEDS=0 npm run bench -- online
 *   QUICK=1 npm run bench -- online                            # tiny runs to check the bench
 *
 * ENVS, ALGOS, SEEDS, JOBS, OFFLINE_CONFIG, QUICK, SUMMARY_ONLY, README_TABLES and OFFLINE_DIR work as in
 * the offline bench. QUICK=1 adds a tiny online budget (2 rounds of 8 episodes) to its tiny runs.
 */
import { benchOffline } from "./offline";

export async function benchOnline(): Promise<void> {
  await benchOffline({ envs: "maze-fo,text-nav-po,wordle", algos: "ppo,online-bc,grpo" });
}
