/**
 * Behaviour cloning (LMRL-Gym paper §5.1, ICLR 2024 submission; reference `LLM_RL/algorithms/bc/core.py`).
 *
 *   L_BC(θ) = − Σ_t m_t · log π_θ(a_t | s_t) / Σ_t m_t            (m_t = 1 on action tokens)
 *
 * Next-token cross-entropy on the agent's tokens only; observation tokens are context. %BC
 * (./percent-bc.ts) is this loss on a filtered dataset. Deviation from the reference: its maze BC scripts
 * train on the first 10% of a shuffled split and evaluate on the other 90%
 * (`llm_rl_scripts/maze/bc/fully_observed_bc.py`, `partially_observed_bc.py`); we train on the whole
 * training file, as the paper describes.
 */
import * as tf from "@tensorflow/tfjs";
import { Gpt } from "../model/gpt";
import type { AdamW } from "../model/optim";
import type { KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec } from "./algorithm";
import { TRAIN_DEFAULTS, type TrainConfig } from "./config";
import type { Batch } from "./data";
import { batchTensors, gptConfig, makeOptimizer, ModularLearner, optimiserStep, type LearnerModule } from "./learner";
import { ModelPolicy, type PolicyOptions } from "./policy";
import { crossEntropy, maskedMean, takeToken } from "./tensor";

/**
 * BC adds nothing to the shared settings; its defaults decay the learning rate (as the reference BC
 * scripts' JaxSEQ warmup-cosine schedule).
 */
export type BcConfig = TrainConfig;

export const BC_DEFAULTS: BcConfig = { ...TRAIN_DEFAULTS, steps: 600, lr: 1e-3, cosine: true };

/**
 * The masked cross-entropy. logits [B, T, V], targets [B, T] int32, actionMask [B, T] (decision positions).
 *
 * @example
 * const { loss, metrics } = bcLoss(logits, targets, actionMask);   // metrics["bc/token_acc"]
 */
export function bcLoss(logits: tf.Tensor3D, targets: tf.Tensor2D, actionMask: tf.Tensor2D): { loss: tf.Scalar; metrics: Record<string, tf.Scalar> } {
  const nll = crossEntropy(logits, targets); // [B, T]  −log π(a_t|s_t)
  const loss = maskedMean(nll, actionMask);
  // token accuracy: is the taken token the argmax?
  const correct = tf.equal(takeToken(logits, targets), tf.max(logits, 2)).asType("float32"); // [B, T]
  return { loss, metrics: { "loss/bc": loss, "bc/token_acc": maskedMean(correct, actionMask) } };
}

/** Trains a GPT policy with {@link bcLoss}. */
export class BcLearner extends ModularLearner {
  readonly model: Gpt;
  protected readonly opt: AdamW;
  protected readonly modules: Readonly<Record<string, LearnerModule>>;

  /**
   * @example
   * const bc = new BcLearner("bc", BC_DEFAULTS, tokenizer, 0);
   * bc.step(collate(seqs, tokenizer.padId));
   */
  constructor(readonly algorithm: string, readonly cfg: BcConfig, readonly tokenizer: KitTokenizer, seed: number) {
    super();
    this.model = new Gpt(gptConfig(cfg, tokenizer.vocabSize), { seed });
    this.opt = makeOptimizer(this.model.weights(), cfg);
    this.modules = { "": this.model }; // a lone model: weights stored unprefixed
  }

  step(batch: Batch): Record<string, number> {
    const t = batchTensors(batch);
    const out = optimiserStep(this.opt, this.model.weights(), () => {
      const logits = this.model.forward(t.ids).logits; // [B, T, V]
      return bcLoss(logits, t.targets, t.actionMask);
    });
    tf.dispose(Object.values(t));
    return out;
  }

  policy(o: PolicyOptions): ModelPolicy {
    return new ModelPolicy(this.algorithm, { model: this.model }, this.tokenizer, o);
  }

  protected checkpointConfig(): Record<string, unknown> {
    return { gpt: this.model.config, vocabSize: this.model.config.vocabSize };
  }
}

/** Behaviour cloning from scratch on the whole dataset. */
export const bcAlgorithm: AlgorithmSpec<BcConfig> = {
  name: "bc",
  description: "behaviour cloning: cross-entropy on the agent's tokens, from scratch",
  defaults: BC_DEFAULTS,
  start: "scratch",
  data: "offline",
  createLearner: ({ cfg, tokenizer, seed }) => new BcLearner("bc", cfg, tokenizer, seed),
};
