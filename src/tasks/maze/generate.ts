/**
 * The maze dataset generator (paper App. C.1, ICLR 2024 submission; the original generator is not in
 * the reference repo). Each trajectory starts in a uniformly random start cell, follows the
 * behaviour policy of ./behaviour (15% noisy solver, 85% random, never leaving its T-shaped
 * sub-maze) and ends on reaching the goal or after a per-trajectory horizon drawn log-uniformly (see
 * `sampleHorizon`). The same generator serves maze-fo and maze-po: only the observation texts
 * differ.
 *
 * @example
 * for (const t of generateMazeTrajectories("po", 3, new Rng(0))) console.log(t.meta);
 */
import { EpisodeRecorder } from "../../core/rollout";
import { datasetRng } from "../../core/generate";
import { deriveSeed, Rng } from "../../core/rng";
import { actionBody } from "../../core/text";
import type { Trajectory } from "../../core/types";
import { behaviourMove, SOLVER_ACCURACY, SOLVER_SHARE, subMazeOf } from "./behaviour";
import { MazeEnv, MAZE_MAX_STEPS, type MazeVariant } from "./env";
import { MOVE_TEXTS } from "./formats";

/** Upper end of the log-uniform horizon before the cap at the env's 100 steps. */
export const HORIZON_SCALE = 107;

/**
 * Per-trajectory horizon: H = min(100, ceil(107^U)), U ~ Uniform[0, 1) — log-uniform on (1, 107],
 * capped at the env's 100 counted steps (about 1.5% of trajectories get the full 100). A log-uniform
 * length has std ≈ 1.2 × mean, which is what Table 1's std 24.5 vs mean 19.7 calls for (a fixed
 * horizon or a geometric one cannot give std > mean); the scale 107 was tuned to Table 1.
 */
export function sampleHorizon(rng: Rng): number {
  return Math.min(MAZE_MAX_STEPS, Math.max(1, Math.ceil(Math.exp(rng.next() * Math.log(HORIZON_SCALE)))));
}

/** One-line description printed by `lmrl data generate`. */
export const MAZE_BEHAVIOUR_DESCRIPTION =
  `start uniform over the 25 start cells; each action ${SOLVER_SHARE * 100}% noisy BFS solver (BFS move toward the ` +
  `sub-maze target with p=${SOLVER_ACCURACY}, else random) and ${100 - SOLVER_SHARE * 100}% uniform over the moves that stay in ` +
  `the start's T-shaped sub-maze; horizon min(100, ceil(${HORIZON_SCALE}^U))`;

/**
 * Streams `n` behaviour trajectories on maze-fo or maze-po, deterministic in `rng`. Trajectory i uses
 * env seed s_i = rng.nextUint32() (which draws the start cell) and its own stream
 * `deriveSeed(s_i, "behaviour")` for the horizon, then the moves. `done` is true only on success;
 * horizon-cut trajectories end on an observation with `done: false`.
 */
export function* generateMazeTrajectories(variant: MazeVariant, n: number, rng: Rng): Generator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateMazeTrajectories: n must be a non-negative integer, got ${n}`);
  const env = new MazeEnv(variant);
  for (let i = 0; i < n; i++) {
    const seed = rng.nextUint32();
    const rec = new EpisodeRecorder(env, seed);
    const behaviourRng = new Rng(deriveSeed(seed, "behaviour"));
    const horizon = sampleHorizon(behaviourRng);
    const [row, col] = env.startPosition;
    const subMaze = subMazeOf(env.positionIndex);
    for (let t = 0; t < horizon && !rec.done; t++) rec.step(MOVE_TEXTS[behaviourMove(env.positionIndex, subMaze, behaviourRng)]);
    yield rec.episode(env.id, { policy: "behaviour", start: [row, col], subMaze, horizon }).trajectory;
  }
}

/**
 * Counts of each move (up, down, left, right) in a generated train split (the stream
 * `lmrl data generate` uses); with the defaults this is the default dataset behind {@link DATASET_ACTION_COUNTS} and the "dataset-frequency" policy.
 */
export function computeDatasetActionCounts(n = 1240, seed = 0): number[] {
  const counts = [0, 0, 0, 0];
  for (const t of generateMazeTrajectories("fo", n, datasetRng(seed, "maze", "train"))) {
    for (const x of t.texts) if (x.isAction) counts[MOVE_TEXTS.indexOf(`${actionBody(x.text)}\n`)]++;
  }
  return counts;
}
