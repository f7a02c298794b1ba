/**
 * The Maze task's two evaluation rows, "maze-fo" (fully observed: goal, position and walls; the agent
 * sees only the current observation) and "maze-po" (wall sentence only; the agent sees the last 40
 * texts). See README.md in this folder for formats, rewards, quirks, the dataset generator and anchors.
 *
 * @example
 * const env = mazeFoSpec.make();
 * const h = env.reset({ seed: 0, options: mazeFoSpec.evaluation.resetOptions!(0) });
 */
import { checkEnvOptions, type EnvSpec } from "../../core/spec";
import type { DatasetStats } from "../../core/types";
import { MAZE_ANCHORS_OURS, MAZE_ANCHORS_PAPER, MAZE_EVAL_EPISODES, mazeEvalResetOptions } from "./anchors";
import { behaviourPolicy, datasetFrequencyPolicy, foOptimalPolicy, poOptimalPolicy, randomPolicy } from "./behaviour";
import { MAZE_HISTORY_WINDOW, MAZE_MAX_TURNS, MazeEnv, REWARD_INVALID, type MazeVariant } from "./env";
import { generateMazeTrajectories, MAZE_BEHAVIOUR_DESCRIPTION } from "./generate";
import { mazeFoMetrics } from "./metrics";
import { readReferenceFoMaze, readReferencePoMaze } from "./reference";
import { MAZE_TRAIN_DEFAULTS } from "./train";

export { MazeEnv, MAZE_MAX_STEPS, MAZE_MAX_TURNS, MAZE_HISTORY_WINDOW, type MazeVariant, type MazeResetOptions } from "./env";
export { OPTIMAL_DIRECTIONS, START_CELLS, GOAL, MOVE_TEXTS, MOVE_NAMES, foObservation, poObservation, wallSentence, parseMove, optimalMove, cellIndex, cellOf, renderMoveMap, parseFoPosition } from "./formats";
export type { SubMaze } from "./behaviour";
export { moveAccuracy, randomPolicy, foOptimalPolicy, poOptimalPolicy, behaviourPolicy, datasetFrequencyPolicy, behaviourMove, subMazeOf, inSubMaze, DATASET_ACTION_COUNTS } from "./behaviour";
export { BeliefPlanner, beliefFromHistory, beliefPolicyExpectedReturn } from "./belief";
export { generateMazeTrajectories, computeDatasetActionCounts, sampleHorizon } from "./generate";
export { readReferenceFoMaze, readReferencePoMaze } from "./reference";
export { greedyMazeMoves, mazeFoMetrics } from "./metrics";
export { MAZE_TRAIN_DEFAULTS } from "./train";
export { computeMazeAnchors, mazeEvalResetOptions, protocolMeanReturn, MAZE_ANCHORS_OURS, MAZE_ANCHORS_PAPER, MAZE_EVAL_EPISODES } from "./anchors";

/** Paper Table 1, Maze row (shared by FO and PO: same trajectories, different texts). */
export const MAZE_PAPER_STATS: DatasetStats = {
  trajectories: 1240,
  meanLength: 19.7,
  stdLength: 24.5,
  successRate: 0.11,
  meanReturn: -19.7,
  stdReturn: 24.5,
};

/** Paper Table 2, the FO and PO maze rows (normalised scores by method). */
export const MAZE_PAPER_SCORES = {
  fo: { bc: 58.2, pbc: 68.9, mc: 75.0, ilql: 99.9, ppo: 79.7, "online-pbc": 57.4, gpt4: 78.2 },
  po: { bc: 53.1, pbc: 50.1, mc: 52.4, ilql: 76.3, ppo: 42.4, "online-pbc": 53.1, gpt4: 60.4 },
} as const;

function mazeSpec(variant: MazeVariant): EnvSpec {
  const fo = variant === "fo";
  return {
    id: `maze-${variant}`,
    task: "maze",
    description: fo
      ? "Double-T maze, fully observed: goal, position and walls; the agent sees only the current observation."
      : "Double-T maze, partially observed: only the wall sentence; the agent sees the last 40 texts.",
    actions: `"move up", "move down", "move left" or "move right" (walls keep you in place, reward -1 a move); anything else is an invalid action: reward ${REWARD_INVALID}, the turn counts.`,
    maxTurns: MAZE_MAX_TURNS,
    historyWindow: MAZE_HISTORY_WINDOW[variant],
    make: (options) => {
      checkEnvOptions({ id: `maze-${variant}` }, options);
      return new MazeEnv(variant);
    },
    tokenizer: "maze",
    train: MAZE_TRAIN_DEFAULTS[`maze-${variant}`],
    paperScores: MAZE_PAPER_SCORES[variant],
    ...(fo ? { metrics: mazeFoMetrics } : {}),
    referenceReader: fo ? readReferenceFoMaze : readReferencePoMaze,
    // seconds of one core per episode, measured by `reproduce --quick` (2026-12-04): planning only
    evaluation: { episodes: MAZE_EVAL_EPISODES, resetOptions: mazeEvalResetOptions, cost: fo ? { evalEpisode: 0.06, onlineEpisode: 0.32 } : { evalEpisode: 0.16, onlineEpisode: 1.0 } },
    anchors: { paper: MAZE_ANCHORS_PAPER[variant], ours: MAZE_ANCHORS_OURS[variant] },
    policies: {
      random: () => randomPolicy(),
      optimal: fo ? () => foOptimalPolicy() : () => poOptimalPolicy(),
      behaviour: (env) => behaviourPolicy(env),
      "dataset-frequency": () => datasetFrequencyPolicy(),
    },
    dataset: {
      defaultSize: 1240,
      paperStats: MAZE_PAPER_STATS,
      generate: (n, rng) => generateMazeTrajectories(variant, n, rng),
      behaviour: MAZE_BEHAVIOUR_DESCRIPTION,
    },
  };
}

export const mazeFoSpec: EnvSpec = mazeSpec("fo");
export const mazePoSpec: EnvSpec = mazeSpec("po");
/** Both maze rows, for the task registry. */
export const mazeSpecs: readonly EnvSpec[] = [mazeFoSpec, mazePoSpec];
