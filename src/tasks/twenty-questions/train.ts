/**
 * Training defaults of the Twenty Questions row for the algorithms of src/algorithms — first settings,
 * not tuned yet. Whole games fit the context: with a word-level tokenizer ("Is", " it", " a", " cat",
 * "?", "\n"), 5,000 generated games (`new Rng(0)`) measured 175 tokens on average, 210 at the 99th
 * percentile and 218 at most (the longest question 11 tokens with its "\n"); counted as a subword
 * tokenizer would roughly split them (1.3 tokens per word, 1 per punctuation mark and newline), 206 on
 * average and 259 at most. maxLength 288 holds every game either way, and blockSize 304 the prompt of
 * the 20th question plus 16 new tokens (batches are padded to their longest game, not to maxLength).
 *
 * Data: 20,000 generated games in memory (~25 s; the paper's 100k is the default file size). BC takes
 * 400 steps of 32 games (~0.6 epoch, ~2.7M tokens: ~10 min on one core), MC 200 and ILQL 300 steps from
 * that BC — sized so the three methods over three seeds fit an afternoon on 2 cores (a 1,500-step BC
 * measured ~85 min on a busy core); not tuned. %BC keeps the successful games (31% of the data) — the
 * paper's Table 3 keeps the top 10% by return for the dialogue tasks, which here would be only the
 * fastest wins (at most 10 questions, return ≥ −9, in the default file), a third as many games for a model trained from scratch. MC Returns
 * and ILQL follow the paper's Table 3 20Q column (MC: β 16, CQL 0.001, γ 0.99; ILQL: β 4, CQL 0.001,
 * τ 0.7, γ 0.99) with a linear head whose bias starts at −6.5, the mean discounted (γ 0.99 per action
 * token) return-to-go of an action token in those 5,000 games. Online methods: the paper's 20Q PPO KL
 * 0.01 with BC weight 0; lr 1e-4 for a small model trained from scratch.
 */
import type { TaskTrainDefaults } from "../../core/spec";

export const TWENTY_QUESTIONS_TRAIN_DEFAULTS: TaskTrainDefaults = {
  all: { maxLength: 288, blockSize: 304, batchSize: 32, datasetSize: 20_000, evalEpisodes: 158, evalBatchSize: 64, maxNewTokens: 16 },
  bc: { steps: 400, lr: 1e-3 },
  pbc: { steps: 400, lr: 1e-3, filter: "success" },
  mc: { steps: 200, beta: 16, cqlWeight: 0.001, gamma: 0.99, headKind: "linear", headBiasInit: -6.5 },
  ilql: { steps: 300, tau: 0.7, beta: 4, cqlWeight: 0.001, gamma: 0.99, headKind: "linear", headBiasInit: -6.5, polyakAlpha: 0.02 },
  ppo: { steps: 30, lr: 1e-4, klCoef: 0.01, headBiasInit: -6.5, bcLossWeight: 0 },
  "online-bc": { steps: 30, lr: 1e-4 },
  grpo: { steps: 30, lr: 1e-4, klCoef: 0.04 },
};
