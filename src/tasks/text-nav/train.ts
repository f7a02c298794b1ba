/**
 * Training defaults of the Text-Nav rows for the offline algorithms (src/algorithms). Episodes are ~900
 * tokens, too long for a small CPU model, so training and decoding use a window of the last texts (FO:
 * the current observation, which names the room and inventory, plus the previous action; PO: two
 * turns). Rewards are 0/1, so heads start at bias 0. ILQL τ 0.8, β 16 (code defaults of
 * `llm_rl_scripts/text_nav/ilql/train_ilql.py`) with the paper table's small CQL weight 0.001; MC β 4.
 * BC takes 800 steps of 32 windows (~0.8 epoch of the ~31k windows): 300 steps of 16 (0.15 epoch)
 * scored 0 on FO, 800 × 32 scored 36 (seed 0, 32 episodes). ILQL takes 6,000 steps (~14 min on one
 * core): its values propagate back from the one 0/1 reward slowly — on the tuning seed (10, evaluation
 * seed 1) FO scored at BC's level up to 1,000 steps, 39 at 2,000, 43 at 2,500 and 62 at 3,000, still rising.
 * Evaluation: 256 episodes (success is 0/1, so 32 episodes left ±17 points of noise).
 */
import type { TaskTrainDefaults } from "../../core/spec";

const common = { maxLength: 192, blockSize: 224, batchSize: 16, evalEpisodes: 256, evalBatchSize: 64, maxNewTokens: 10, datasetSize: 2500 };

/** The two rows differ only in how many texts the agent sees (FO: 2, PO: 4). */
function rowDefaults(historyWindow: number): TaskTrainDefaults {
  return {
    all: { ...common, historyWindow },
    bc: { steps: 800, batchSize: 32, lr: 1e-3 },
    pbc: { steps: 200, lr: 1e-3, filter: "success" },
    mc: { steps: 200, beta: 4, cqlWeight: 0.001 },
    ilql: { steps: 6000, tau: 0.8, beta: 16, cqlWeight: 0.001, polyakAlpha: 0.02 },
    // Online methods, first defaults (not tuned yet): the paper's Text-Nav PPO KL 0.01, the reference script's
    // BC-loss weight 1; lr 1e-4 for a small model.
    ppo: { steps: 30, lr: 1e-4, klCoef: 0.01, bcLossWeight: 1 },
    "online-bc": { steps: 30, lr: 1e-4 },
    grpo: { steps: 30, lr: 1e-4, klCoef: 0.04 },
  };
}

export const TEXT_NAV_TRAIN_DEFAULTS: Readonly<Record<string, TaskTrainDefaults>> = {
  "text-nav-fo": rowDefaults(2),
  "text-nav-po": rowDefaults(4),
};
