/**
 * Training defaults of the Wordle row for the offline algorithms (src/algorithms). Whole episodes fit
 * 80 tokens. %BC keeps the top 30% by return (paper Table 3). ILQL/MC follow the paper's Wordle row
 * (τ 0.7, β 32 ILQL / 64 MC, CQL 0.01, γ 0.99) with a linear head and bias −4.4 ≈ the dataset's mean
 * return; the paper's 1M-trajectory dataset is replaced by 20k generated in memory.
 */
import type { TaskTrainDefaults } from "../../core/spec";

export const WORDLE_TRAIN_DEFAULTS: Readonly<Record<string, TaskTrainDefaults>> = {
  wordle: {
    all: { maxLength: 80, blockSize: 96, batchSize: 32, datasetSize: 20_000, evalEpisodes: 64, evalBatchSize: 64, maxNewTokens: 12 },
    bc: { steps: 400, lr: 1e-3 },
    pbc: { steps: 300, lr: 1e-3, filter: "top", topFraction: 0.3 },
    mc: { steps: 300, beta: 64, cqlWeight: 0.01, headKind: "linear", headBiasInit: -4.4 },
    ilql: { steps: 400, tau: 0.7, beta: 32, cqlWeight: 0.01, headKind: "linear", headBiasInit: -4.4, polyakAlpha: 0.02 },
    // Online methods, first defaults (not tuned yet): the paper's Wordle PPO KL 0.001, value-head bias −4.1,
    // the reference script's BC-loss weight 1.
    ppo: { steps: 30, lr: 1e-4, klCoef: 0.001, headBiasInit: -4.1, bcLossWeight: 1 },
    "online-bc": { steps: 30, lr: 1e-4 },
    grpo: { steps: 30, lr: 1e-4, klCoef: 0.04 },
  },
};
