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
import { batchIds, gptConfig, makeOptimizer, ModularLearner, optimiserStep, type LearnerModule } from "./learner";
import { ModelPolicy, type PolicyOptions } from "./policy";
import { softmaxCrossEntropy } from "../model/ops";
import { actionLogits, actionRows } from "./tensor";

/**
 * BC adds nothing to the shared settings; its defaults decay the learning rate (as the reference BC
 * scripts' JaxSEQ warmup-cosine schedule).
 */
export type BcConfig = TrainConfig;

export const BC_DEFAULTS: BcConfig = { ...TRAIN_DEFAULTS, steps: 600, lr: 1e-3, cosine: true };

/**
 * The cross-entropy on the action tokens. logits [n, V] at the batch's action rows (see `actionLogits`),
 * targets [n] int32: the taken tokens. Mean over the n rows (0 when there are none).
 *
 * @example
 * const a = actionRows(batch);
 * const { loss, metrics } = bcLoss(actionLogits(model, model.hidden(ids), a), tf.tensor1d(a.targets, "int32")); // metrics["bc/token_acc"]
 */
export function bcLoss(logits: tf.Tensor2D, targets: tf.Tensor1D): { loss: tf.Scalar; metrics: Record<string, tf.Scalar> } {
  const n = logits.shape[0];
  if (n === 0) {
    // no action tokens (e.g. every row cut before its action): a loss of 0 that stays connected to the weights
    const zero = tf.mul(0, tf.sum(logits)) as tf.Scalar;
    return { loss: zero, metrics: { "loss/bc": zero, "bc/token_acc": tf.scalar(0) } };
  }
  const loss = tf.mean(softmaxCrossEntropy(logits, targets)) as tf.Scalar; // −log π(a_t|s_t), averaged
  // token accuracy: is the taken token the argmax?
  const acc = tf.mean(tf.equal(tf.argMax(logits, 1), targets).asType("float32")) as tf.Scalar;
  return { loss, metrics: { "loss/bc": loss, "bc/token_acc": acc } };
}

/**
 * BC's loss on a collated batch: the model's logits at its action rows only. Call it inside the
 * optimiser step's loss function, whose scope disposes the tensors it makes.
 */
export function bcBatchLoss(model: Gpt, batch: Batch): { loss: tf.Scalar; metrics: Record<string, tf.Scalar> } {
  const a = actionRows(batch);
  return bcLoss(actionLogits(model, model.hidden(batchIds(batch)), a), tf.tensor1d(a.targets, "int32"));
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
    return optimiserStep(this.opt, this.model.weights(), () => bcBatchLoss(this.model, batch));
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
