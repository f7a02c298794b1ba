/**
 * Offline-RL benchmark on FO maze (paper Table 2, row "FO Maze"; the recipe of src/tasks/maze/train.ts): trains BC, %BC, MC Returns and ILQL
 * with the task's default configs (src/tasks/maze/train.ts) for several seeds, MC and ILQL starting from
 * the same seed's BC checkpoint, and prints one JSON line per run plus a summary per algorithm: the
 * normalised score (paper anchors) as mean ± 95% Student-t CI over seeds (t_{0.975, n−1}, not 1.96), and
 * wall-clock time.
 *
 *   npm run bench -- offline                    # 3 seeds, default configs (~2.5 h: ILQL is 8,000 steps)
 *   SEEDS=1 npm run bench -- offline & SEEDS=2 npm run bench -- offline   # one process per core
 *   SEEDS=0 OFFLINE_CONFIG=more.json npm run bench -- offline   # extra config layer for every run
 *   QUICK=1 npm run bench -- offline            # tiny steps: checks the bench runs
 *   ENVS=text-nav-fo,wordle ALGOS=bc,ilql SEEDS=0 npm run bench -- offline   # other rows' defaults
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getAlgorithm } from "../src/algorithms/index";
import { train, type TrainResult } from "../src/algorithms/trainer";
import { projectPath } from "../src/core/paths";
import { ci95, formatMeanCi, mean } from "../src/core/stats";
import { getEnvSpec } from "../src/tasks/index";

export async function benchOffline(): Promise<void> {
  for (const env of (process.env.ENVS ?? "maze-fo").split(",")) await benchEnv(env);
}

async function benchEnv(ENV: string): Promise<void> {
  const quick = process.env.QUICK === "1";
  const seeds = (process.env.SEEDS ?? "0,1,2").split(",").map(Number);
  const extra = process.env.OFFLINE_CONFIG ? [JSON.parse(readFileSync(process.env.OFFLINE_CONFIG, "utf8")) as Record<string, unknown>] : [];
  const quickLayer = quick ? [{ steps: 20, evalEpisodes: 25, evalBatchSize: 25 }] : [];
  const algos = (process.env.ALGOS ?? "bc,pbc,mc,ilql").split(",").map((a) => getAlgorithm(a).name);
  const spec = getEnvSpec(ENV);
  const results: Record<string, TrainResult[]> = {};
  for (const seed of seeds) {
    const runs = projectPath("runs", "bench-offline", ...(ENV === "maze-fo" ? [] : [ENV]));
    const bcCheckpoint = join(runs, `bc-seed${seed}`, "checkpoints", "latest");
    for (const algo of algos) {
      const init = getAlgorithm(algo).start === "bc" ? [{ initCheckpoint: bcCheckpoint }] : [];
      const r = await train({ algorithm: algo, env: spec, seed, out: join(runs, `${algo}-seed${seed}`), config: [...quickLayer, ...init, ...extra], progress: "lines", verbose: false, overwrite: true });
      (results[algo] ??= []).push(r);
      console.log(JSON.stringify({
        bench: "offline", env: ENV, algorithm: algo, seed, score: +r.finalEval.normalizedScore.toFixed(2), scoreOurs: +r.finalEval.normalizedScoreOurs.toFixed(2),
        return: +r.finalEval.meanReturn.toFixed(3), success: r.finalEval.successRate, taskMetrics: r.taskMetrics,
        steps: r.config.steps, seconds: +r.seconds.toFixed(1), tokens: r.tokens, tokensPerSec: Math.round(r.tokensPerSec), backend: r.backend.backend,
      }));
    }
  }
  for (const [algo, rs] of Object.entries(results)) {
    const scores = rs.map((r) => r.finalEval.normalizedScore);
    console.log(JSON.stringify({
      bench: "offline", summary: true, env: ENV, algorithm: algo, seeds: rs.length,
      scoreMean: +mean(scores).toFixed(2), scoreCi95: rs.length > 1 ? +ci95(scores).toFixed(2) : null,
      ciMethod: rs.length > 1 ? `95% Student-t CI over ${rs.length} seeds` : null, scoreText: formatMeanCi(scores, 1, "seeds"),
      taskMetricsMean: Object.fromEntries(Object.keys(rs[0].taskMetrics).map((k) => [k, +mean(rs.map((r) => r.taskMetrics[k])).toFixed(3)])),
      secondsMean: +mean(rs.map((r) => r.seconds)).toFixed(1), paperScore: spec.paperScores?.[algo] ?? null,
    }));
  }
}
