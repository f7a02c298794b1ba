/**
 * Implicit Language Q-Learning (Snell et al. 2023, "Offline RL for Natural Language Generation with
 * Implicit Language Q Learning", ICLR; IQL: Kostrikov et al. 2022). LMRL-Gym reference
 * `LLM_RL/algorithms/ilql/base_interface.py` (`ilql_loss`). Token-level MDP (as in the reference's
 * `should_take_action` masks): the state s_t is every token so far, the action a_t the next agent token,
 * γ applies per action token. Decoding as in `LLM_RL/algorithms/value_rl_base/gpt2/generation.py`.
 *
 *   L_Q_i = E_t[ ½ (Q_i(s_t, a_t) − (r_t + γ (1 − d_t) sg V(s_{t+1})))² ]                i = 1, 2
 *   L_V   = E_t[ |τ − 1{Q̂(s_t,a_t) < V(s_t)}| · ½ (Q̂(s_t, a_t) − V(s_t))² ],  Q̂ = min(Q̄_1, Q̄_2)  (expectile τ)
 *   L_CQL_i = E_t[ logsumexp_a Q_i(s_t, a) − Q_i(s_t, a_t) ]                               (cross-entropy of Q as logits)
 *   L = L_Q_1 + L_Q_2 + L_V + α_cql (L_CQL_1 + L_CQL_2);   θ̄ ← (1 − α) θ̄ + α θ after every step (Polyak)
 *   π(a | s) ∝ exp(logits_β(s, a) + β · min(Q_1, Q_2)(s, a))                                 (decoding)
 *
 * Q̄ are the target copies of the trunk and Q heads; V(s_{t+1}) is V at the next action token's decision
 * position, or for a chain link's last action V at the last token of the next link's observation.
 * Deviation from the reference: `ILQLInference.generate` defaults to the target networks, while its
 * scripts decode with the online ones; we follow the paper and the scripts (online trunk + heads, e.g.
 * `llm_rl_scripts/maze/ilql/eval_ilql.py`).
 */
import * as tf from "@tensorflow/tfjs";
import { Gpt, prefixed, ScalarHead, VocabHead, type HeadKind } from "../model/gpt";
import { activeNative, type NativeLib } from "../model/native";
import { ILQL_STATS, nativeIlqlLoss } from "../model/native-ops";
import { polyakUpdate, type AdamW } from "../model/optim";
import type { KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec } from "./algorithm";
import { TRAIN_DEFAULTS, type TrainConfig } from "./config";
import type { Batch } from "./data";
import { batchTensors, makeOptimizer, ModularLearner, optimiserStep, type LearnerModule } from "./learner";
import { ModelPolicy, type PolicyOptions } from "./policy";
import { crossEntropy, maskedMean, nextLinkValues, stopGradient, takeToken } from "./tensor";

export { nextLinkValues } from "./tensor";

export interface IlqlConfig extends TrainConfig {
  /** γ, discount per action token (paper Table 3, ICLR 2024 submission: 0.99). */
  gamma: number;
  /**
   * τ, the expectile of the V regression (`llm_rl_scripts/maze/ilql/train_ilql.py` default and our FO-maze
   * recipe: 0.95; paper Table 3: 0.7–0.99).
   */
  tau: number;
  /** β of logits_β + β·min(Q1, Q2) at decoding (maze: 16). */
  beta: number;
  /** α_cql, weight of the CQL cross-entropy term (maze: 0.5, paper Table 3; 0 collapsed token decoding in our runs). */
  cqlWeight: number;
  /** α of the Polyak target update per step (reference 0.005; 0.02 in our FO-maze recipe, src/tasks/maze/train.ts). */
  polyakAlpha: number;
  /** Learning-rate multiplier of the Q and V heads over the trunk (our FO-maze recipe: 10, src/tasks/maze/train.ts). */
  headLrScale: number;
  /** "mlp" (Linear-ReLU-Linear, the reference's maze heads) or "linear". */
  headKind: string;
  /** Initial bias of the heads' last layer (≈ expected return: 0 maze, −4.1 text-nav, −4.4 wordle). */
  headBiasInit: number;
  /**
   * BC checkpoint to start from (RL starts from BC: paper §5.1, ICLR 2024 submission); "" trains BC first
   * in the same run with the task's BC config.
   */
  initCheckpoint: string;
}

export const ILQL_DEFAULTS: IlqlConfig = {
  ...TRAIN_DEFAULTS,
  steps: 1000,
  lr: 3e-4,
  warmupSteps: 0,
  gamma: 0.99,
  tau: 0.95,
  beta: 16,
  cqlWeight: 0.5,
  polyakAlpha: 0.02,
  headLrScale: 10,
  headKind: "mlp",
  headBiasInit: 0,
  initCheckpoint: "",
};

/** Everything the ILQL loss reads, as tensors over the T decision positions of a batch. */
export interface IlqlLossInputs {
  /** Q_1(s_p, ·) of the online heads [B, T, V]. */
  readonly q1: tf.Tensor3D;
  /** Q_2(s_p, ·) [B, T, V]. */
  readonly q2: tf.Tensor3D;
  /** V(s_p) at every position [B, T]. */
  readonly v: tf.Tensor2D;
  /** Q̄_1(s_p, a_p), target networks, taken token [B, T]. */
  readonly targetQ1: tf.Tensor2D;
  /** Q̄_2(s_p, a_p) [B, T]. */
  readonly targetQ2: tf.Tensor2D;
  /** V of the state after a chain link's last action (next link's observation) [B]; 0 when none. */
  readonly vFinal: tf.Tensor1D;
  /** a_p, the taken token [B, T] int32. */
  readonly targets: tf.Tensor2D;
  /** 1 on action tokens [B, T]. */
  readonly actionMask: tf.Tensor2D;
  /** r_p [B, T]. */
  readonly rewards: tf.Tensor2D;
  /** [B, T] int32: the position of s_{t+1} (−1: bootstrap from vFinal, or done). */
  readonly nextIndex: tf.Tensor2D;
  /** [B, T] 1 where V(s_{t+1}) = vFinal. */
  readonly finalMask: tf.Tensor2D;
}

/**
 * The ILQL objective (equations in the module doc). Pure: tensors in, scalars out.
 *
 * @example
 * const { loss, metrics } = ilqlLoss(inputs, { gamma: 0.99, tau: 0.7, cqlWeight: 0.5 });
 * metrics["loss/v"]; metrics["ilql/expectile_weight"];
 */
export function ilqlLoss(x: IlqlLossInputs, h: { gamma: number; tau: number; cqlWeight: number }): { loss: tf.Scalar; metrics: Record<string, tf.Scalar> } {
  const lib = activeNative();
  if (lib) return nativeLoss(lib, x, h);
  const [B, T] = x.targets.shape;
  const m = x.actionMask;
  const Q1 = takeToken(x.q1, x.targets); // Q_1(s_t, a_t) [B, T]
  const Q2 = takeToken(x.q2, x.targets); // Q_2(s_t, a_t) [B, T]
  const V = x.v.slice([0, 0], [B, T]) as tf.Tensor2D; // V(s_t) [B, T]
  // sg V(s_{t+1}) · (1 − d_t): selected position, or the next link's value; done rows select nothing.
  const vNext = bootstrapValues(x); // [B, T], a constant (read off V's values: nothing to differentiate)
  const y = tf.add(x.rewards, tf.mul(h.gamma, vNext)); // r_t + γ V(s_{t+1}) [B, T]
  const lossQ1 = maskedMean(tf.mul(0.5, tf.square(tf.sub(Q1, y))), m);
  const lossQ2 = maskedMean(tf.mul(0.5, tf.square(tf.sub(Q2, y))), m);
  // Expectile regression of V toward Q̂ = min(Q̄_1, Q̄_2): weight τ where Q̂ ≥ V, 1 − τ below.
  const qHat = tf.minimum(x.targetQ1, x.targetQ2); // [B, T] (targets: constants)
  const u = tf.sub(qHat, V); // [B, T]
  const above = stopGradient(tf.step(u, 0)); // 1{u > 0} (at u = 0 the term and its gradient are 0 either way)
  const w = tf.add(tf.mul(above, h.tau), tf.mul(tf.sub(1, above), 1 - h.tau)); // |τ − 1{u < 0}|
  const lossV = maskedMean(tf.mul(w, tf.mul(0.5, tf.square(u))), m);
  const cql1 = maskedMean(crossEntropy(x.q1, x.targets), m);
  const cql2 = maskedMean(crossEntropy(x.q2, x.targets), m);
  const loss = tf.addN([lossQ1, lossQ2, lossV, tf.mul(h.cqlWeight, tf.add(cql1, cql2))]) as tf.Scalar;
  return {
    loss,
    metrics: {
      "loss/q1": lossQ1,
      "loss/q2": lossQ2,
      "loss/v": lossV,
      "loss/cql1": cql1,
      "loss/cql2": cql2,
      "ilql/q1_mean": maskedMean(Q1, m),
      "ilql/q2_mean": maskedMean(Q2, m),
      "ilql/v_mean": maskedMean(V, m),
      "ilql/target_q_mean": maskedMean(qHat, m),
      "ilql/td_target_mean": maskedMean(y, m),
      "ilql/advantage_mean": maskedMean(u, m),
      "ilql/expectile_weight": maskedMean(w, m),
    },
  };
}

/** {@link ilqlLoss} as one native op (same terms and metric names; sums in double, in a fixed order). */
function nativeLoss(lib: NativeLib, x: IlqlLossInputs, h: { gamma: number; tau: number; cqlWeight: number }): { loss: tf.Scalar; metrics: Record<string, tf.Scalar> } {
  const [B, T] = x.targets.shape;
  const V = x.q1.shape[2];
  const N = B * T;
  const vNext = bootstrapValues(x); // [B, T], a constant read off V's values
  const data = (t: tf.Tensor) => Float32Array.from(t.dataSync());
  const { loss, stats } = nativeIlqlLoss(lib, x.q1.reshape([N, V]) as tf.Tensor2D, x.q2.reshape([N, V]) as tf.Tensor2D, x.v.reshape([N]) as tf.Tensor1D, {
    targetQ1: data(x.targetQ1), targetQ2: data(x.targetQ2), vNext: data(vNext), targets: Int32Array.from(x.targets.dataSync()),
    mask: data(x.actionMask), rewards: data(x.rewards), gamma: h.gamma, tau: h.tau, cqlWeight: h.cqlWeight,
  });
  vNext.dispose();
  const metrics: Record<string, tf.Scalar> = {};
  for (const k of ILQL_STATS) if (k !== "loss") metrics[k] = tf.scalar(stats[k]);
  return { loss, metrics };
}

/**
 * sg V(s_{t+1}) for every decision position: V(s_q) at q = nextIndex[b, p] (when q >= 0) plus
 * finalMask[b, p]·vFinal[b] (the next link's value); rows with neither (a done episode) give 0.
 * Computed on the host from V's values, so the stop-gradient is structural and the gradient tape never
 * sees the selection (a taped [B, T, T] one-hot product cost a broadcasting multiply forward and
 * backward every step, and memory in B·T²).
 */
export function bootstrapValues(x: Pick<IlqlLossInputs, "v" | "nextIndex" | "finalMask" | "vFinal">): tf.Tensor2D {
  const [B, T] = x.v.shape;
  const v = x.v.dataSync(), next = x.nextIndex.dataSync(), fin = x.finalMask.dataSync(), vf = x.vFinal.dataSync();
  const out = new Float32Array(B * T);
  for (let b = 0; b < B; b++) {
    for (let p = 0; p < T; p++) {
      let s = fin[b * T + p] * vf[b];
      const q = next[b * T + p];
      if (q >= 0) s += v[b * T + q];
      out[b * T + p] = s;
    }
  }
  return tf.tensor2d(out, [B, T]);
}


/** The ILQL networks and their training step. */
export class IlqlLearner extends ModularLearner {
  readonly algorithm = "ilql";
  /** π_β: the frozen BC model whose logits the policy starts from. */
  readonly piBeta: Gpt;
  readonly base: Gpt;
  readonly q1: VocabHead;
  readonly q2: VocabHead;
  readonly v: ScalarHead;
  readonly targetBase: Gpt;
  readonly targetQ1: VocabHead;
  readonly targetQ2: VocabHead;
  protected readonly opt: AdamW;
  protected readonly modules: Readonly<Record<string, LearnerModule>>;
  private readonly params: Record<string, tf.Variable>;

  /**
   * @example
   * const ilql = new IlqlLearner(cfg, tokenizer, bcModel.weights(), bcModel.config, seed);  // trunk and π_β from BC
   */
  constructor(readonly cfg: IlqlConfig, readonly tokenizer: KitTokenizer, bcWeights: Record<string, tf.Tensor>, gpt: Gpt["config"], seed: number) {
    super();
    if (cfg.headKind !== "mlp" && cfg.headKind !== "linear") throw new Error(`ilql config: headKind must be "mlp" or "linear", got "${cfg.headKind}"`);
    for (const [k, lo, hi] of [["tau", 0, 1], ["polyakAlpha", 0, 1], ["gamma", 0, 1]] as const) {
      if (!(cfg[k] >= lo && cfg[k] <= hi)) throw new Error(`ilql config: ${k} must be in [${lo}, ${hi}], got ${cfg[k]}`);
    }
    this.piBeta = new Gpt(gpt, { weights: bcWeights, trainable: false });
    this.base = new Gpt(gpt, { weights: bcWeights });
    this.targetBase = new Gpt(gpt, { weights: bcWeights, trainable: false });
    const head = { kind: cfg.headKind as HeadKind, dModel: gpt.dModel, biasInit: cfg.headBiasInit };
    this.q1 = new VocabHead(head, gpt.vocabSize, { seed: seed + 1 });
    this.q2 = new VocabHead(head, gpt.vocabSize, { seed: seed + 2 });
    this.v = new ScalarHead(head, { seed: seed + 3 });
    this.targetQ1 = this.q1.clone(false);
    this.targetQ2 = this.q2.clone(false);
    this.params = {
      ...prefixed("base.", this.base.weights()),
      ...prefixed("q1.", this.q1.weights()),
      ...prefixed("q2.", this.q2.weights()),
      ...prefixed("v.", this.v.weights()),
    };
    this.opt = makeOptimizer(this.params, cfg, [{ name: "heads", match: /^(q1|q2|v)\./, lrScale: cfg.headLrScale }]);
    this.modules = {
      "pi_beta.": this.piBeta,
      "base.": this.base,
      "q1.": this.q1,
      "q2.": this.q2,
      "v.": this.v,
      "target_base.": this.targetBase,
      "target_q1.": this.targetQ1,
      "target_q2.": this.targetQ2,
    };
  }

  step(batch: Batch): Record<string, number> {
    const t = batchTensors(batch);
    const { B, T } = batch;
    // Target networks' Q at the taken tokens (constants: computed outside the gradient tape).
    const [targetQ1, targetQ2] = tf.tidy(() => {
      const h = this.targetBase.hidden(t.ids); // [B, T, D]; no activations kept (no tape)
      return [this.targetQ1.valueAt(h, t.targets), this.targetQ2.valueAt(h, t.targets)];
    });
    const vFinal = nextLinkValues(this.base, this.v, batch.nextPrefixes, this.tokenizer.padId);
    const rewards = tf.tensor2d(batch.rewards, [B, T]);
    const nextIndex = tf.tensor2d(batch.nextIndex, [B, T], "int32");
    const finalMask = tf.tensor2d(batch.finalMask, [B, T]);
    const out = optimiserStep(this.opt, this.params, () => {
      const hidden = this.base.hidden(t.ids); // [B, T, D]
      return ilqlLoss(
        { q1: this.q1.apply(hidden), q2: this.q2.apply(hidden), v: this.v.apply(hidden) as tf.Tensor2D, targetQ1, targetQ2, vFinal, targets: t.targets, actionMask: t.actionMask, rewards, nextIndex, finalMask },
        this.cfg,
      );
    });
    tf.dispose([...Object.values(t), targetQ1, targetQ2, vFinal, rewards, nextIndex, finalMask]);
    // θ̄ ← (1 − α) θ̄ + α θ
    polyakUpdate(this.targetBase.weights(), this.base.weights(), this.cfg.polyakAlpha);
    polyakUpdate(this.targetQ1.weights(), this.q1.weights(), this.cfg.polyakAlpha);
    polyakUpdate(this.targetQ2.weights(), this.q2.weights(), this.cfg.polyakAlpha);
    return out;
  }

  policy(o: PolicyOptions): ModelPolicy {
    const guide = {
      trunk: this.base,
      beta: this.cfg.beta,
      score: (h: tf.Tensor2D) => tf.minimum(this.q1.apply(h), this.q2.apply(h)) as tf.Tensor2D, // min(Q1, Q2)(s, ·)
    };
    return new ModelPolicy("ilql", { model: this.piBeta, guide }, this.tokenizer, o);
  }

  protected checkpointConfig(): Record<string, unknown> {
    return { gpt: this.base.config, vocabSize: this.base.config.vocabSize, heads: this.q1.config };
  }
}

/** ILQL from a BC checkpoint. */
export const ilqlAlgorithm: AlgorithmSpec<IlqlConfig> = {
  name: "ilql",
  description: "implicit language Q-learning: twin Q, expectile V, CQL, Polyak targets, decoding logits_beta + beta*min(Q1,Q2) (from BC)",
  defaults: ILQL_DEFAULTS,
  choices: { headKind: ["mlp", "linear"] },
  bounds: { gamma: { min: 0, max: 1 }, tau: { min: 0, max: 1 }, beta: { min: 0 }, cqlWeight: { min: 0 }, polyakAlpha: { min: 0, max: 1 }, headLrScale: { min: 0, minExclusive: true }, headBiasInit: {} },
  start: "bc",
  initCheckpoint: (cfg) => cfg.initCheckpoint,
  data: "offline",
  // three trunk passes forward (target, next links, online) where BC runs one: 91 µs per padded token
  // against BC's 45 on FO maze, one thread beside another stage (`reproduce --quick`, 2026-12-04)
  stepCost: 2,
  discount: (cfg) => cfg.gamma,
  createLearner: ({ cfg, tokenizer, seed, init }) => {
    if (!init) throw new Error("ilql starts from a BC model; pass its weights as init");
    return new IlqlLearner(cfg, tokenizer, init.weights, init.gpt, seed);
  },
};
