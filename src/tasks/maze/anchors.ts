/**
 * The maze evaluation protocol (LMRL-Gym paper App. E, ICLR 2024 submission: 25 starts × 32 rollouts =
 * 800 episodes) and its normalisation anchors (same appendix): the paper's Table-5 values and ours,
 * recomputed on this simulator and dataset by `computeMazeAnchors()`.
 *
 * @example
 * computeMazeAnchors().fo; // { min: -101, avg: -82.535, max: -6.84 }
 */
import { evalEpisodeSeed } from "../../core/evaluate";
import { rolloutSync } from "../../core/rollout";
import { deriveSeed, Rng } from "../../core/rng";
import { mean } from "../../core/stats";
import type { Anchors, Policy } from "../../core/types";
import { datasetFrequencyPolicy, foOptimalPolicy, poOptimalPolicy } from "./behaviour";
import { MazeEnv, type MazeVariant } from "./env";
import { START_CELLS } from "./formats";
import { computeDatasetActionCounts } from "./generate";

/** Episodes of the paper's protocol: 32 rollouts from each of the 25 start cells. */
export const MAZE_EVAL_EPISODES = 800;

/** Reset options of evaluation episode i: start cell i mod 25 (row-major order of START_CELLS). */
export function mazeEvalResetOptions(episode: number): { initPosition: [number, number] } {
  const [r, c] = START_CELLS[((episode % START_CELLS.length) + START_CELLS.length) % START_CELLS.length];
  return { initPosition: [r, c] };
}

/** Paper Table 5: min possible return, "dataset average" (App. E.1 procedure), max. */
export const MAZE_ANCHORS_PAPER: Readonly<Record<MazeVariant, Anchors>> = {
  fo: { min: -101, avg: -83, max: -6.84 },
  po: { min: -101, avg: -83, max: -25.75 },
};

/**
 * Ours, as recomputed by {@link computeMazeAnchors} (a test checks they agree to 1e-9): min −101
 * (100 valid non-goal moves then "Failure"); avg = mean return of the dataset-frequency policy
 * (action counts of the default 1,240-trajectory dataset, seed 0) on the 800-episode protocol with
 * evaluation seed 0; max = our optimal policy's mean return on the same protocol (FO: BFS, exactly
 * −6.84; PO: the exact belief-state policy).
 */
export const MAZE_ANCHORS_OURS: Readonly<Record<MazeVariant, Anchors>> = {
  fo: { min: -101, avg: -82.535, max: -6.84 },
  po: { min: -101, avg: -82.535, max: -7.24 },
};

/** Mean return of `policy` on the protocol, seeded exactly as core `evaluate()` seeds episodes. */
export function protocolMeanReturn(variant: MazeVariant, policy: Policy, episodes = MAZE_EVAL_EPISODES, seed = 0): number {
  const env = new MazeEnv(variant);
  const returns: number[] = [];
  for (let i = 0; i < episodes; i++) {
    const ep = rolloutSync(env, policy, {
      seed: evalEpisodeSeed(seed, i),
      options: mazeEvalResetOptions(i),
      rng: new Rng(deriveSeed(seed, "eval-policy", i)),
    });
    returns.push(ep.return);
  }
  return mean(returns);
}

/**
 * Recomputes {@link MAZE_ANCHORS_OURS} from scratch: regenerates the default dataset (1,240
 * trajectories, seed 0) for the action frequencies, then rolls out the dataset-frequency and optimal
 * policies on the 800-episode protocol (evaluation seed 0). Takes well under a second.
 */
export function computeMazeAnchors(): Record<MazeVariant, Anchors> {
  const counts = computeDatasetActionCounts(1240, 0);
  const anchors = (variant: MazeVariant, optimal: Policy): Anchors => ({
    min: -101,
    avg: protocolMeanReturn(variant, datasetFrequencyPolicy(counts)),
    max: protocolMeanReturn(variant, optimal),
  });
  return { fo: anchors("fo", foOptimalPolicy()), po: anchors("po", poOptimalPolicy()) };
}
