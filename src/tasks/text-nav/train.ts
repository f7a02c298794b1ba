/**
 * Training defaults of the Text-Nav rows for the offline algorithms (src/algorithms). Episodes are
 * ~900 tokens, too long for a small CPU model, so training and decoding use a window of the last texts
 * (FO: the current observation, which names the room and inventory, plus the previous action; PO: two
 * turns). Rewards are 0/1, so heads start at bias 0. ILQL τ 0.8, β 16 (code defaults, spec §4.7) with
 * the paper table's small CQL weight 0.001; MC β 4.
 */
import type { TaskTrainDefaults } from "../../algorithms/defaults";

const common = { maxLength: 192, blockSize: 224, batchSize: 16, evalEpisodes: 32, evalBatchSize: 32, maxNewTokens: 10, datasetSize: 2500 };

export const TEXT_NAV_TRAIN_DEFAULTS: Readonly<Record<string, TaskTrainDefaults>> = {
  "text-nav-fo": {
    all: { ...common, historyWindow: 2 },
    bc: { steps: 300, lr: 1e-3 },
    pbc: { steps: 200, lr: 1e-3, filter: "success" },
    mc: { steps: 200, beta: 4, cqlWeight: 0.001 },
    ilql: { steps: 300, tau: 0.8, beta: 16, cqlWeight: 0.001, polyakAlpha: 0.02 },
  },
  "text-nav-po": {
    all: { ...common, historyWindow: 4 },
    bc: { steps: 300, lr: 1e-3 },
    pbc: { steps: 200, lr: 1e-3, filter: "success" },
    mc: { steps: 200, beta: 4, cqlWeight: 0.001 },
    ilql: { steps: 300, tau: 0.8, beta: 16, cqlWeight: 0.001, polyakAlpha: 0.02 },
  },
};
