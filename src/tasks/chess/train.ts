/**
 * Training defaults of the endgames row. An observation is one spaced FEN (~60 tokens) and the agent sees
 * only the current position (historyWindow 1, as the reference env), so a link is one position and one
 * move, like the FO maze. The data is a file (`npx lmrl data generate endgames --n 2000`): generating it
 * plays ~30k engine moves, too slow to redo in memory for every run. Offline hyperparameters from the
 * paper's Endgames column (Table 3): %BC keeps won games, MC β 8, ILQL τ 0.7, β 8, CQL 1 (the table's
 * value; its OCR is unsure between 1 and 1e-4), γ 0.99; the model and budget are the FO maze's.
 */
import type { TaskTrainDefaults } from "../../core/spec";

export const ENDGAMES_TRAIN_DEFAULTS: TaskTrainDefaults = {
  // datasetSize: the default file's size (`npx lmrl data generate endgames --n 2000 --seed 0`)
  all: { dataset: "file", datasetSize: 2000, maxLength: 96, blockSize: 112, batchSize: 32, evalEpisodes: 645, evalBatchSize: 64, maxNewTokens: 12 },
  bc: { steps: 2000, lr: 1e-3 },
  pbc: { steps: 1000, lr: 1e-3, filter: "success" },
  mc: { steps: 1000, beta: 8, cqlWeight: 1 },
  ilql: { steps: 4000, tau: 0.7, beta: 8, cqlWeight: 1, polyakAlpha: 0.02 },
  // Online methods: the paper's Endgames PPO KL 0.01; each round's games start from fresh random positions
  // (never a test position), as the paper's online runs. PPO adds the BC loss on the dataset (weight 1;
  // Table 3's OCR reads 0 for Chess and Endgames, but the paper's text says its PPO "included BC loss" against
  // its instabilities): without it PPO from this BC, 92% of whose moves are illegal, unlearns the newline
  // that ends a move — every illegal move's −1 lands on that shared last token — and moves that run to the
  // 12-token cap are all illegal (full-game chess, commit 82daa93: 0.4 after 30 rounds, ~3 legal moves a game;
  // after 6 rounds from the same BC, the KL to BC is 93 with the BC loss against 1,112: chess README).
  ppo: { steps: 30, lr: 1e-4, klCoef: 0.01, bcLossWeight: 1 },
  "online-bc": { steps: 30, lr: 1e-4 },
  grpo: { steps: 30, lr: 1e-4, klCoef: 0.04 },
};

/**
 * The full-game row: the endgames recipe with the paper's Chess column where it differs (ILQL CQL 1e-4 in
 * Table 3, 1.0 in the script; the table's value here), and 100 evaluation games per run (the paper's
 * protocol of 1,000 is `lmrl eval chess`'s default: ~1.5 s a game against the engine).
 */
export const CHESS_TRAIN_DEFAULTS: TaskTrainDefaults = {
  ...ENDGAMES_TRAIN_DEFAULTS,
  all: { ...ENDGAMES_TRAIN_DEFAULTS.all, datasetSize: 1000, evalEpisodes: 100 },
  mc: { steps: 1000, beta: 8, cqlWeight: 1e-4 },
  ilql: { steps: 4000, tau: 0.7, beta: 8, cqlWeight: 1e-4, polyakAlpha: 0.02 },
  // 32 full games a round, not the endgames' 128: a game against the engine plus its update costs ~4.6 s
  // of one core, so 30 rounds of 128 are ~5 h a run and 32 about 75 min. The paper's online Chess runs
  // end within a point of BC (PPO 48.0, online %BC 47.2, BC 47.2: Table 2).
  ppo: { ...ENDGAMES_TRAIN_DEFAULTS.ppo, rolloutEpisodes: 32 },
  "online-bc": { ...ENDGAMES_TRAIN_DEFAULTS["online-bc"], rolloutEpisodes: 32 },
  grpo: { ...ENDGAMES_TRAIN_DEFAULTS.grpo, rolloutEpisodes: 32 },
};
