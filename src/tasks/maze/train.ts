/**
 * Training defaults of the maze rows for the offline algorithms (src/algorithms). FO follows the recipe
 * that reached >= 90 in spec §7.1 (2-layer d128 GPT, batch 64, BC first; ILQL τ 0.95, γ 0.99 per token,
 * CQL 0.5, β 16, heads at 10x lr, Polyak 0.02) with step counts that fit minutes on a 2-core CPU
 * (ILQL then scores about BC's 50). §7.1 needed ~8k ILQL steps for >= 90; our 8k-step run did not get
 * there (src/algorithms/README.md, "Measured"). PO trains on a 12-text window.
 */
import type { TaskTrainDefaults } from "../../algorithms/defaults";

export const MAZE_TRAIN_DEFAULTS: Readonly<Record<string, TaskTrainDefaults>> = {
  "maze-fo": {
    all: { maxLength: 40, blockSize: 48, batchSize: 64, evalEpisodes: 100, evalBatchSize: 100, maxNewTokens: 4 },
    bc: { steps: 500, lr: 1e-3 },
    pbc: { steps: 300, lr: 1e-3, filter: "success" },
    mc: { steps: 500, lr: 3e-4, beta: 16, cqlWeight: 0.5 },
    ilql: { steps: 1500, lr: 3e-4, tau: 0.95, gamma: 0.99, beta: 16, cqlWeight: 0.5, polyakAlpha: 0.02, headLrScale: 10 },
  },
  "maze-po": {
    all: { historyWindow: 12, maxLength: 96, blockSize: 104, batchSize: 32, evalEpisodes: 50, evalBatchSize: 50, maxNewTokens: 4 },
    bc: { steps: 400, lr: 1e-3 },
    pbc: { steps: 300, lr: 1e-3, filter: "success" },
    mc: { steps: 400, beta: 16, cqlWeight: 0.5 },
    ilql: { steps: 600, tau: 0.95, beta: 16, cqlWeight: 0.5, polyakAlpha: 0.02 },
  },
};
