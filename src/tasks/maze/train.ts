/**
 * Training defaults of the maze rows for the offline algorithms (src/algorithms). FO follows the recipe
 * that reaches >= 90 in our measurements (2-layer d128 GPT, batch 64, BC first; ILQL τ 0.95, γ 0.99 per
 * token, CQL 0.5, β 16, heads at 10x lr, Polyak 0.02) and its budget: ILQL trains 8,000 steps (~20M
 * padded tokens, ~45 min on one core, ~22 min on both). The BC trunk it starts from encodes the wall
 * sentence, not the position digits (the behaviour data is 85% random, so BC gains almost nothing from
 * the position), and ILQL stays near BC's score until its TD targets have pulled same-wall cells apart:
 * seeds 0/1/2 scored 96/99/81 at 6,000 steps and 96.5/99.9/99.4 at 8,000 (src/algorithms/README.md,
 * "Measured"). PO trains on a 12-text window (6 moves; the earlier moves in it are context, src/core/chain.ts).
 */
import type { TaskTrainDefaults } from "../../core/spec";

/**
 * Online methods (rounds of 128 rollouts). The paper's maze PPO row (Table 3): KL 0.1, BC weight 0, γ 0.99,
 * value-loss weight 0.5 (FO script), value-head bias −1; our lr is 100× the paper's 1e-6 because the
 * model is small and trained from scratch. First defaults: not tuned yet.
 */
const MAZE_ONLINE: TaskTrainDefaults = {
  ppo: { steps: 30, lr: 1e-4, klCoef: 0.1, valueCoef: 0.5, headBiasInit: -1 },
  "online-bc": { steps: 30, lr: 1e-4 },
  grpo: { steps: 30, lr: 1e-4, klCoef: 0.04 },
};

export const MAZE_TRAIN_DEFAULTS: Readonly<Record<string, TaskTrainDefaults>> = {
  "maze-fo": {
    all: { maxLength: 40, blockSize: 48, batchSize: 64, evalEpisodes: 100, evalBatchSize: 100, maxNewTokens: 4 },
    bc: { steps: 500, lr: 1e-3 },
    pbc: { steps: 300, lr: 1e-3, filter: "success" },
    mc: { steps: 500, lr: 3e-4, beta: 16, cqlWeight: 0.5 },
    // Polyak 0.02. 0.1 needed fewer tokens to 90 on tuning seeds 10-12 but not on the held-out seeds 0-1
    // (seed 0 later, seed 1 collapsed to 0 for thousands of steps): src/algorithms/README.md, "Recipe levers".
    ilql: { steps: 8000, evalEvery: 1000, lr: 3e-4, tau: 0.95, gamma: 0.99, beta: 16, cqlWeight: 0.5, polyakAlpha: 0.02, headLrScale: 10 },
    ...MAZE_ONLINE,
  },
  "maze-po": {
    all: { historyWindow: 12, maxLength: 96, blockSize: 104, batchSize: 32, evalEpisodes: 200, evalBatchSize: 100, maxNewTokens: 4 },
    bc: { steps: 400, lr: 1e-3 },
    pbc: { steps: 300, lr: 1e-3, filter: "success" },
    mc: { steps: 400, beta: 16, cqlWeight: 0.5 },
    // 8,000 steps as on FO (~25M padded tokens, ~30 min on one core): on the tuning seed (10, evaluation seed 1)
    // the 200-episode evaluations went 24, 54, 58, 61, 30, 36 at steps 500-3,000 (mean Q still falling),
    // then 52, 73, 60, 80, 66, 90, 67 at 3,500-7,000, 95 at 7,500 and 106 (success 100%) at 8,000 — above
    // %BC's 66 from 5,500 on, swinging as FO's do.
    ilql: { steps: 8000, tau: 0.95, beta: 16, cqlWeight: 0.5, polyakAlpha: 0.02 },
    ...MAZE_ONLINE,
  },
};
