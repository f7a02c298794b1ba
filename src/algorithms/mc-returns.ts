/**
 * Monte-Carlo Returns (LMRL-Gym reference `LLM_RL/algorithms/mc_returns/`): regress a Q head on the BC
 * trunk onto the discounted return-to-go of each action token, with a CQL-style cross-entropy on the Q
 * values, and decode from logits_β + β·Q.
 *
 *   R_t = Σ_{k ≥ t} γ^{k−t} r_k                         (k over the action tokens of the whole chain)
 *   L   = E_t[ ½ (Q(s_t, a_t) − R_t)² ] + α_cql · E_t[ logsumexp_a Q(s_t, a) − Q(s_t, a_t) ]
 *   π(a | s) ∝ exp(logits_β(s, a) + β · Q(s, a))
 *
 * Trunk and head train jointly from the BC checkpoint; the frozen BC model supplies logits_β.
 */
import * as tf from "@tensorflow/tfjs";
import { Gpt, prefixed, VocabHead, type HeadKind } from "../model/gpt";
import type { AdamW } from "../model/optim";
import type { KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec } from "./algorithm";
import { TRAIN_DEFAULTS, type TrainConfig } from "./config";
import type { Batch } from "./data";
import { batchIds, makeOptimizer, ModularLearner, optimiserStep, type LearnerModule } from "./learner";
import { ModelPolicy, type PolicyOptions } from "./policy";
import { actionHidden, actionRows, crossEntropy, maskedMean, takeToken } from "./tensor";

export interface McConfig extends TrainConfig {
  /** γ of the reward-to-go, per action token (paper Table 3, ICLR 2024 submission: 0.99). */
  gamma: number;
  /** β of logits_β + β·Q at decoding (maze: 16). */
  beta: number;
  /** α_cql, weight of the cross-entropy of Q as logits (maze table: 0.5). */
  cqlWeight: number;
  /** Learning-rate multiplier of the Q head over the trunk. */
  headLrScale: number;
  /** "mlp" (maze, chess) or "linear" (dialogue, Wordle, Text-Nav). */
  headKind: string;
  /** Initial bias of the head's last layer (≈ expected return). */
  headBiasInit: number;
  /** BC checkpoint to start from; "" trains BC first in the same run. */
  initCheckpoint: string;
}

export const MC_DEFAULTS: McConfig = {
  ...TRAIN_DEFAULTS,
  steps: 500,
  lr: 3e-4,
  warmupSteps: 0,
  gamma: 0.99,
  beta: 16,
  cqlWeight: 0.5,
  headLrScale: 10,
  headKind: "mlp",
  headBiasInit: 0,
  initCheckpoint: "",
};

/**
 * The MC Returns objective. q [B, T, V] at decision positions; returnsToGo, actionMask [B, T].
 *
 * @example
 * const { loss, metrics } = mcLoss(q, targets, returnsToGo, actionMask, 0.5);
 */
export function mcLoss(q: tf.Tensor3D, targets: tf.Tensor2D, returnsToGo: tf.Tensor2D, actionMask: tf.Tensor2D, cqlWeight: number): { loss: tf.Scalar; metrics: Record<string, tf.Scalar> } {
  const Q = takeToken(q, targets); // Q(s_t, a_t) [B, P]
  const lossQ = maskedMean(tf.mul(0.5, tf.square(tf.sub(Q, returnsToGo))), actionMask);
  const cql = maskedMean(crossEntropy(q, targets), actionMask);
  const loss = tf.add(lossQ, tf.mul(cqlWeight, cql)) as tf.Scalar;
  return { loss, metrics: { "loss/q": lossQ, "loss/cql": cql, "mc/q_mean": maskedMean(Q, actionMask), "mc/return_mean": maskedMean(returnsToGo, actionMask) } };
}

export class McLearner extends ModularLearner {
  readonly algorithm = "mc";
  readonly piBeta: Gpt;
  readonly base: Gpt;
  readonly q: VocabHead;
  protected readonly opt: AdamW;
  protected readonly modules: Readonly<Record<string, LearnerModule>>;
  private readonly params: Record<string, tf.Variable>;

  constructor(readonly cfg: McConfig, readonly tokenizer: KitTokenizer, bcWeights: Record<string, tf.Tensor>, gpt: Gpt["config"], seed: number) {
    super();
    if (cfg.headKind !== "mlp" && cfg.headKind !== "linear") throw new Error(`mc config: headKind must be "mlp" or "linear", got "${cfg.headKind}"`);
    this.piBeta = new Gpt(gpt, { weights: bcWeights, trainable: false });
    this.base = new Gpt(gpt, { weights: bcWeights });
    this.q = new VocabHead({ kind: cfg.headKind as HeadKind, dModel: gpt.dModel, biasInit: cfg.headBiasInit }, gpt.vocabSize, { seed: seed + 1 });
    this.params = { ...prefixed("base.", this.base.weights()), ...prefixed("q.", this.q.weights()) };
    this.opt = makeOptimizer(this.params, cfg, [{ name: "head", match: /^q\./, lrScale: cfg.headLrScale }]);
    this.modules = { "pi_beta.": this.piBeta, "base.": this.base, "q.": this.q };
  }

  step(batch: Batch): Record<string, number> {
    // Q over the vocabulary at the action rows only (the loss reads nothing else), laid out as one row of n
    const a = actionRows(batch);
    const n = a.rows.length;
    const ids = batchIds(batch);
    const targets = tf.tensor2d(a.targets, [1, n], "int32");
    const rtg = tf.tensor2d(Float32Array.from(a.rows, (i) => batch.returnsToGo[i]), [1, n]);
    const ones = tf.ones([1, n]) as tf.Tensor2D;
    const out = optimiserStep(this.opt, this.params, () => {
      const q = this.q.apply(actionHidden(this.base.hidden(ids), a)); // [n, V]
      return mcLoss(q.reshape([1, n, this.base.config.vocabSize]) as tf.Tensor3D, targets, rtg, ones, this.cfg.cqlWeight);
    });
    tf.dispose([ids, targets, rtg, ones]);
    return out;
  }

  policy(o: PolicyOptions): ModelPolicy {
    const guide = { trunk: this.base, beta: this.cfg.beta, score: (h: tf.Tensor2D) => this.q.apply(h) };
    return new ModelPolicy("mc", { model: this.piBeta, guide }, this.tokenizer, o);
  }

  protected checkpointConfig(): Record<string, unknown> {
    return { gpt: this.base.config, vocabSize: this.base.config.vocabSize, heads: this.q.config };
  }
}

/** MC Returns from a BC checkpoint. */
export const mcAlgorithm: AlgorithmSpec<McConfig> = {
  name: "mc",
  aliases: ["mc-returns"],
  description: "Monte-Carlo returns: a Q head regressed on reward-to-go, decoding logits_beta + beta*Q (from BC)",
  defaults: MC_DEFAULTS,
  choices: { headKind: ["mlp", "linear"] },
  bounds: { gamma: { min: 0, max: 1 }, beta: { min: 0 }, cqlWeight: { min: 0 }, headLrScale: { min: 0, minExclusive: true }, headBiasInit: {} },
  start: "bc",
  initCheckpoint: (cfg) => cfg.initCheckpoint,
  data: "offline",
  // BC's step plus the Q head's forward and backward (an estimate, not measured)
  stepCost: 1.2,
  discount: (cfg) => cfg.gamma,
  createLearner: ({ cfg, tokenizer, seed, init }) => {
    if (!init) throw new Error("mc starts from a BC model; pass its weights as init");
    return new McLearner(cfg, tokenizer, init.weights, init.gpt, seed);
  },
};
