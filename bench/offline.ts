/**
 * Offline-RL benchmark on FO maze (spec §5.3 row "FO Maze", §7.1): trains BC, %BC, MC Returns and ILQL
 * with the task's default configs (src/tasks/maze/train.ts) for several seeds, MC and ILQL starting from
 * the same seed's BC checkpoint, and prints one JSON line per run plus a summary per algorithm: the
 * normalised score (paper anchors) as mean ± 95% CI over seeds, and wall-clock time.
 *
 *   npm run bench -- offline                    # 3 seeds, default configs (~2.5 h: ILQL is 8,000 steps)
 *   SEEDS=1 npm run bench -- offline & SEEDS=2 npm run bench -- offline   # one process per core
 *   SEEDS=0 OFFLINE_CONFIG=more.json npm run bench -- offline   # extra config layer for every run
 *   QUICK=1 npm run bench -- offline            # tiny steps: checks the bench runs
 *   ENVS=text-nav-fo,wordle ALGOS=bc,ilql SEEDS=0 npm run bench -- offline   # other rows' defaults
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AlgorithmName } from "../src/algorithms/defaults";
import { train, type TrainResult } from "../src/algorithms/trainer";
import { projectPath } from "../src/core/paths";
import { ci95, mean } from "../src/core/stats";

export async function benchOffline(): Promise<void> {
  for (const env of (process.env.ENVS ?? "maze-fo").split(",")) await benchEnv(env);
}

async function benchEnv(ENV: string): Promise<void> {
  const quick = process.env.QUICK === "1";
  const seeds = (process.env.SEEDS ?? "0,1,2").split(",").map(Number);
  const extra = process.env.OFFLINE_CONFIG ? [JSON.parse(readFileSync(process.env.OFFLINE_CONFIG, "utf8")) as Record<string, unknown>] : [];
  const quickLayer = quick ? [{ steps: 20, evalEpisodes: 25, evalBatchSize: 25 }] : [];
  const algos: AlgorithmName[] = (process.env.ALGOS ?? "bc,pbc,mc,ilql").split(",") as AlgorithmName[];
  const results: Record<string, TrainResult[]> = {};
  for (const seed of seeds) {
    const runs = projectPath("runs", "bench-offline", ...(ENV === "maze-fo" ? [] : [ENV]));
    const bcCheckpoint = join(runs, `bc-seed${seed}`, "checkpoints", "latest");
    for (const algo of algos) {
      const init = algo === "mc" || algo === "ilql" ? [{ initCheckpoint: bcCheckpoint }] : [];
      const r = await train({ algorithm: algo, envId: ENV, seed, out: join(runs, `${algo}-seed${seed}`), config: [...quickLayer, ...init, ...extra], progress: "lines", verbose: false });
      (results[algo] ??= []).push(r);
      console.log(JSON.stringify({
        bench: "offline", env: ENV, algorithm: algo, seed, score: +r.finalEval.normalizedScore.toFixed(2), scoreOurs: +r.finalEval.normalizedScoreOurs.toFixed(2),
        return: +r.finalEval.meanReturn.toFixed(3), success: r.finalEval.successRate, moveAccuracy: r.moveAccuracy ?? null,
        steps: r.config.steps, seconds: +r.seconds.toFixed(1), tokens: r.tokens, tokensPerSec: Math.round(r.tokensPerSec), backend: r.backend.backend,
      }));
    }
  }
  for (const [algo, rs] of Object.entries(results)) {
    const scores = rs.map((r) => r.finalEval.normalizedScore);
    console.log(JSON.stringify({
      bench: "offline", summary: true, env: ENV, algorithm: algo, seeds: rs.length,
      scoreMean: +mean(scores).toFixed(2), scoreCi95: rs.length > 1 ? +ci95(scores).toFixed(2) : null,
      moveAccuracyMean: rs[0].moveAccuracy === undefined ? null : +mean(rs.map((r) => r.moveAccuracy ?? NaN)).toFixed(3),
      secondsMean: +mean(rs.map((r) => r.seconds)).toFixed(1), paperScore: ENV === "maze-fo" ? ({ bc: 58.2, pbc: 68.9, mc: 75.0, ilql: 99.9 }[algo] ?? null) : null,
    }));
  }
}
