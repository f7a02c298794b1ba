/**
 * Why MC Returns scores below BC on FO maze (the paper reports 75.0): the evidence, rerunnable.
 *
 *   npm run bench -- maze-mc                       # needs the MC runs of the offline bench:
 *   ENVS=maze-fo ALGOS=mc npm run bench -- offline  # (trains BC then MC, seeds 0, 1, 2)
 *   BETAS=0,1,4,16 SEEDS=0,1,2 MC_DIR=runs/bench-offline/maze-fo npm run bench -- maze-mc
 *   MC_ENV=maze-po npm run bench -- maze-mc        # the PO row's MC runs (same data, 12-text window)
 *
 * 1. The data: for every cell and move of the default train split, how often the behaviour takes the
 *    move and the mean undiscounted return-to-go after it (what MC Returns regresses Q on). No
 *    trajectory that starts in a side T reaches the goal, so there the moves' returns differ only by
 *    sampling noise: the spread between a cell's best and worst move is compared with its standard error.
 * 2. The decoding: each seed's trained MC model evaluated with β in BETAS (logits_β + β·Q; β 0 is its
 *    BC start), on the run's own evaluation protocol, with the greedy move accuracy on the 25 cells.
 *    If Q carried information in the side Ts, raising β would raise the score; if it is noise, β
 *    amplifies the noise into a confident wrong move and the score falls below BC's.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { evaluateLearner, learnerFromCheckpoint } from "../src/algorithms/trainer";
import { datasetRng } from "../src/core/generate";
import { projectPath } from "../src/core/paths";
import { actionBody } from "../src/core/text";
import { generateMazeTrajectories } from "../src/tasks/maze/generate";
import { cellOf, MOVE_NAMES, MOVE_TEXTS, OPTIMAL_DIRECTIONS, parseFoPosition } from "../src/tasks/maze/formats";
import { getEnvSpec } from "../src/tasks/index";
import { seedsFromEnv } from "./offline";

interface MoveStats { n: number; sum: number; sumSq: number }

/** What the analysis reads off the default FO train split, in one pass over it. */
export interface MazeDatasetStats {
  /** Per "<start sub-maze> <row>,<col>": per move (up, down, left, right), count and return-to-go moments. */
  readonly moves: Map<string, MoveStats[]>;
  /** Trajectories per start sub-maze and how many of them reach the goal. */
  readonly bySubMaze: Record<string, { trajectories: number; successes: number }>;
}

export function mazeDatasetStats(n = 1240, seed = 0): MazeDatasetStats {
  const moves = new Map<string, MoveStats[]>();
  const bySubMaze: Record<string, { trajectories: number; successes: number }> = {};
  for (const t of generateMazeTrajectories("fo", n, datasetRng(seed, "maze", "train"))) {
    const sub = String(t.meta?.subMaze);
    const count = (bySubMaze[sub] ??= { trajectories: 0, successes: 0 });
    count.trajectories++;
    if (t.done) count.successes++;
    let cell = -1;
    for (let i = 0; i < t.texts.length; i++) {
      const x = t.texts[i];
      if (!x.isAction) {
        cell = parseFoPosition(x.text);
        continue;
      }
      let g = 0;
      for (let j = i; j < t.rewards.length; j++) g += t.rewards[j];
      const key = `${sub} ${cellOf(cell).join(",")}`;
      const stats = moves.get(key) ?? MOVE_NAMES.map(() => ({ n: 0, sum: 0, sumSq: 0 }));
      const s = stats[MOVE_TEXTS.indexOf(`${actionBody(x.text)}\n`)];
      s.n++;
      s.sum += g;
      s.sumSq += g * g;
      moves.set(key, stats);
    }
  }
  return { moves, bySubMaze };
}

export async function benchMazeMc(): Promise<void> {
  const data = mazeDatasetStats();
  console.log(JSON.stringify({ bench: "maze-mc", part: "data", successesBySubMaze: data.bySubMaze }));
  const rows = [...data.moves].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
  for (const [key, stats] of rows) {
    const [sub, cell] = key.split(" ");
    const means = stats.map((s) => (s.n ? s.sum / s.n : null));
    const ses = stats.map((s) => (s.n > 1 ? Math.sqrt((s.sumSq / s.n - (s.sum / s.n) ** 2) / (s.n - 1)) : null));
    const seen = means.flatMap((m, i) => (m === null ? [] : [{ m, se: ses[i] ?? 0, i }]));
    const best = seen.reduce((a, b) => (b.m > a.m ? b : a));
    const worst = seen.reduce((a, b) => (b.m < a.m ? b : a));
    const [r, c] = cell.split(",").map(Number);
    console.log(JSON.stringify({
      bench: "maze-mc", part: "data", subMaze: sub, cell, counts: stats.map((s) => s.n), meanReturnToGo: means.map((m) => (m === null ? null : +m.toFixed(2))),
      bestMove: MOVE_NAMES[best.i], optimalMove: OPTIMAL_DIRECTIONS[`${r},${c}`] ?? null, mostFrequent: MOVE_NAMES[stats.reduce((a, s, i) => (s.n > stats[a].n ? i : a), 0)],
      spread: +(best.m - worst.m).toFixed(2), spreadSe: +Math.hypot(best.se, worst.se).toFixed(2),
    }));
  }
  // MC_ENV=maze-po decodes the PO runs (the data part is the same: FO and PO hold the same episodes).
  const envId = process.env.MC_ENV ?? "maze-fo";
  if (envId !== "maze-fo" && envId !== "maze-po") throw new Error(`MC_ENV: "${envId}" is not a maze row (maze-fo or maze-po)`);
  const dir = process.env.MC_DIR ?? projectPath("runs", "bench-offline", envId);
  const seeds = seedsFromEnv();
  const betas = (process.env.BETAS ?? "0,1,4,16").split(",").map(Number);
  if (betas.some((b) => !Number.isFinite(b) || b < 0)) throw new Error(`BETAS: "${process.env.BETAS}" is not a list of numbers >= 0`);
  const spec = getEnvSpec(envId);
  for (const seed of seeds) {
    const ck = join(dir, `mc-seed${seed}`, "checkpoints", "latest");
    if (!existsSync(ck)) {
      console.error(`[maze-mc] no MC run at ${ck}: train it with ENVS=${envId} ALGOS=mc SEEDS=${seed} npm run bench -- offline (or set MC_DIR)`);
      continue;
    }
    for (const beta of betas) {
      const { learner, config } = await learnerFromCheckpoint(ck, spec, { decoding: { beta } });
      const { summary, scalars } = await evaluateLearner(learner, spec, config);
      learner.dispose();
      console.log(JSON.stringify({
        bench: "maze-mc", part: "decoding", env: envId, seed, beta, score: +summary.normalizedScore.toFixed(2), success: summary.successRate,
        meanReturn: +summary.meanReturn.toFixed(2), moveAccuracy: scalars["eval/move_accuracy"] ?? null, episodes: summary.episodes, evalSeed: config.evalSeed,
      }));
    }
  }
}
