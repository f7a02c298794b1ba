/**
 * Training defaults of the Guess My City row for the algorithms of src/algorithms — first settings, not
 * tuned yet. Whole conversations fit the context: the oracle answers in sentences, so with the kit's
 * word-level pre-tokens ("What", " is", " the", "?", "\n"; each digit its own token) 3,000 generated
 * conversations (behaviour asker, seed 3) measured 1,489 characters, 274 words and 375 tokens on
 * average, 435 tokens at the 90th percentile, 471 at the 99th and 523 at most (a question ≤ 13 tokens
 * with its "\n", an answer ≤ 42). maxLength 512 holds 99.9% of them whole (the rare longer one loses its
 * last answer); blockSize 544 also holds the prompt of the 20th question plus 16 new tokens.
 *
 * Data: 20,000 generated conversations in memory (about 20 s; the paper's 100k is the default file
 * size). BC and %BC take 400 steps of 16 conversations (~0.3 epoch, ~2.6M tokens: ~10–15 min on one
 * core; a 512-token batch is ~6× a Wordle batch), MC 150 and ILQL 200 steps from that BC — sized so the
 * three methods over three seeds fit an afternoon on 2 cores; not tuned. %BC keeps the successful conversations (53% of the data)
 * — the paper's Table 3 keeps the top 10% by return for the dialogue tasks, which here would be only the
 * early wins of the most skilled askers. MC Returns and ILQL follow the paper's Table 3 Guess My City
 * column (MC: β 16, CQL 0.001, γ 0.99; ILQL: β 4, CQL 0.001, τ 0.7, γ 0.99) with a linear head whose
 * bias starts at −5.9, the mean discounted (γ 0.99 per action token) return-to-go of an action token in
 * 5,000 generated conversations (seed 0; the reference starts its heads at −4.4). Online methods: the
 * reference's Guess My City PPO command (adaptive KL from 0.001 towards 0.1 over 10,000 steps) with the
 * dialogue scripts' BC-loss weight 1, lr 1e-4 for a small model trained from scratch, 64 rollouts a
 * round (a 20-question rollout decodes 20 times over a growing ~400-token context).
 */
import type { TaskTrainDefaults } from "../../core/spec";

export const GUESS_MY_CITY_TRAIN_DEFAULTS: TaskTrainDefaults = {
  all: { maxLength: 512, blockSize: 544, batchSize: 16, datasetSize: 20_000, evalEpisodes: 100, evalBatchSize: 50, maxNewTokens: 16 },
  bc: { steps: 400, lr: 1e-3 },
  pbc: { steps: 400, lr: 1e-3, filter: "success" },
  mc: { steps: 150, beta: 16, cqlWeight: 0.001, gamma: 0.99, headKind: "linear", headBiasInit: -5.9 },
  ilql: { steps: 200, tau: 0.7, beta: 4, cqlWeight: 0.001, gamma: 0.99, headKind: "linear", headBiasInit: -5.9, polyakAlpha: 0.02 },
  ppo: { steps: 20, lr: 1e-4, rolloutEpisodes: 64, klCoef: 0.001, klTarget: 0.1, klHorizon: 10_000, headBiasInit: -5.9, bcLossWeight: 1 },
  "online-bc": { steps: 20, lr: 1e-4, rolloutEpisodes: 64 },
  grpo: { steps: 20, lr: 1e-4, rolloutEpisodes: 64, klCoef: 0.04 },
};
