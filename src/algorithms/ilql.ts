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
import { gatherRows } from "../model/ops";
import { polyakUpdate, type AdamW } from "../model/optim";
import type { KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec } from "./algorithm";
import { TRAIN_DEFAULTS, type TrainConfig } from "./config";
import type { Batch } from "./data";
import { batchIds, makeOptimizer, ModularLearner, optimiserStep, type LearnerModule } from "./learner";
import { ModelPolicy, type PolicyOptions } from "./policy";
import { actionHidden, actionRows, crossEntropy, maskedMean, nextLinkValues, stopGradient, takeToken, type ActionRows } from "./tensor";

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

/**
 * Everything the ILQL loss reads, as tensors over T decision positions of B rows. The learner passes its
 * batch's action rows only (B = 1, T = the number of action tokens, mask all ones): no other position
 * enters any term, so the Q heads' [·, V] outputs are never computed for observation tokens.
 */
export interface IlqlLossInputs {
  /** Q_1(s_p, ·) of the online heads [B, T, V]. */
  readonly q1: tf.Tensor3D;
  /** Q_2(s_p, ·) [B, T, V]. */
  readonly q2: tf.Tensor3D;
  /** V(s_p) [B, T]. */
  readonly v: tf.Tensor2D;
  /** Q̄_1(s_p, a_p), target networks, taken token [B, T]. */
  readonly targetQ1: tf.Tensor2D;
  /** Q̄_2(s_p, a_p) [B, T]. */
  readonly targetQ2: tf.Tensor2D;
  /** sg V(s_{p+1})·(1 − d_p) [B, T], a constant: {@link bootstrapValues} reads it off V's values. */
  readonly vNext: tf.Tensor2D;
  /** a_p, the taken token [B, T] int32. */
  readonly targets: tf.Tensor2D;
  /** 1 on action tokens [B, T]. */
  readonly actionMask: tf.Tensor2D;
  /** r_p [B, T]. */
  readonly rewards: tf.Tensor2D;
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
  const y = tf.add(x.rewards, tf.mul(h.gamma, x.vNext)); // r_t + γ sg V(s_{t+1}) [B, T]
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
  const data = (t: tf.Tensor) => Float32Array.from(t.dataSync());
  const { loss, stats } = nativeIlqlLoss(lib, x.q1.reshape([N, V]) as tf.Tensor2D, x.q2.reshape([N, V]) as tf.Tensor2D, x.v.reshape([N]) as tf.Tensor1D, {
    targetQ1: data(x.targetQ1), targetQ2: data(x.targetQ2), vNext: data(x.vNext), targets: Int32Array.from(x.targets.dataSync()),
    mask: data(x.actionMask), rewards: data(x.rewards), gamma: h.gamma, tau: h.tau, cqlWeight: h.cqlWeight,
  });
  const metrics: Record<string, tf.Scalar> = {};
  for (const k of ILQL_STATS) if (k !== "loss") metrics[k] = tf.scalar(stats[k]);
  return { loss, metrics };
}

/**
 * sg V(s_{t+1})·(1 − d_t) for the positions `rows` (flat indices b·T + t) of a batch: V at
 * q = nextIndex[b·T + t] of the same row (when q >= 0) plus finalMask·vFinal[b] (the next link's value);
 * a done episode's last action gets 0. `vAt(i)` is V at flat position i. Computed on the host from V's
 * values, so the stop-gradient is structural and the gradient tape never sees the selection (a taped
 * [B, T, T] one-hot product cost a broadcasting multiply forward and backward every step).
 *
 * @example
 * const vNext = bootstrapValues(batch, a.rows, (i) => vValues[slot.get(i)!], vFinal);   // [n]
 */
export function bootstrapValues(b: Pick<Batch, "T" | "nextIndex" | "finalMask">, rows: Int32Array, vAt: (flat: number) => number, vFinal: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const p = rows[k];
    const row = Math.floor(p / b.T);
    let s = b.finalMask[p] * vFinal[row];
    const q = b.nextIndex[p];
    if (q >= 0) s += vAt(row * b.T + q);
    out[k] = s;
  }
  return out;
}

/**
 * Where the learner reads V: the action rows first (V(s_t) of the expectile loss, in order), then every
 * other position some action bootstraps from (an episode cut by a time limit closes at its last token,
 * not at an action). `slot` maps a flat position to its index in `rows`.
 */
export function valueRows(b: Pick<Batch, "T" | "nextIndex">, a: ActionRows): { rows: Int32Array; slot: Map<number, number> } {
  const slot = new Map<number, number>();
  const rows = [...a.rows];
  rows.forEach((p, k) => slot.set(p, k));
  for (const p of a.rows) {
    const q = b.nextIndex[p];
    if (q < 0) continue;
    const flat = Math.floor(p / b.T) * b.T + q;
    if (!slot.has(flat)) {
      slot.set(flat, rows.length);
      rows.push(flat);
    }
  }
  return { rows: Int32Array.from(rows), slot };
}

/** {@link IlqlLearner.constants}: a batch's action rows and the objective's constant inputs ([1, n] tensors). */
export interface IlqlConstants {
  readonly rows: ActionRows;
  /** Where V is read: the action rows, then the other next-state positions ({@link valueRows}). */
  readonly values: { rows: Int32Array; slot: Map<number, number> };
  readonly ids: tf.Tensor2D;
  readonly targets: tf.Tensor2D;
  readonly targetQ1: tf.Tensor2D;
  readonly targetQ2: tf.Tensor2D;
  /** V of each batch row's next-link observation (0 without one) [B]. */
  readonly vFinal: Float32Array;
  readonly rewards: tf.Tensor2D;
  readonly actionMask: tf.Tensor2D;
  dispose(): void;
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
  protected readonly params: Record<string, tf.Variable>;

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

  /**
   * One optimiser step on the batch's action rows: the trunks run over every position, but the Q heads
   * (an MLP and a [D, V] projection each, online and target) only over the action positions and the V
   * head over those plus the next states they bootstrap from (`npm run bench -- action-rows` times this
   * against projecting every position).
   */
  step(batch: Batch): Record<string, number> {
    const c = this.constants(batch);
    const out = optimiserStep(this.opt, this.params, () => this.objective(batch, c));
    c.dispose();
    this.updateTargets();
    return out;
  }

  /** θ̄ ← (1 − α) θ̄ + α θ for the target trunk and Q heads, after every optimiser step. */
  protected updateTargets(): void {
    polyakUpdate(this.targetBase.weights(), this.base.weights(), this.cfg.polyakAlpha);
    polyakUpdate(this.targetQ1.weights(), this.q1.weights(), this.cfg.polyakAlpha);
    polyakUpdate(this.targetQ2.weights(), this.q2.weights(), this.cfg.polyakAlpha);
  }

  /**
   * What the objective reads that no gradient flows through, computed outside the tape: the target
   * networks' Q̄ at the taken tokens, the next links' V, and the batch laid out as its n action rows.
   */
  constants(batch: Batch): IlqlConstants {
    const a = actionRows(batch);
    const n = a.rows.length;
    const ids = batchIds(batch);
    const targets = tf.tensor2d(a.targets, [1, n], "int32");
    const [targetQ1, targetQ2] = tf.tidy(() => {
      const h = actionHidden(this.targetBase.hidden(ids), a).reshape([1, n, this.base.config.dModel]) as tf.Tensor3D; // no activations kept (no tape)
      return [this.targetQ1.valueAt(h, targets), this.targetQ2.valueAt(h, targets)];
    });
    const vFinal = nextLinkValues(this.base, this.v, batch.nextPrefixes, this.tokenizer.padId);
    const vFinalValues = Float32Array.from(vFinal.dataSync());
    vFinal.dispose();
    const rewards = tf.tensor2d(Float32Array.from(a.rows, (p) => batch.rewards[p]), [1, n]);
    const actionMask = tf.ones([1, n]) as tf.Tensor2D;
    const tensors = [ids, targets, targetQ1, targetQ2, rewards, actionMask];
    return { rows: a, values: valueRows(batch, a), ids, targets, targetQ1, targetQ2, vFinal: vFinalValues, rewards, actionMask, dispose: () => tf.dispose(tensors) };
  }

  /** The ILQL objective of `batch` on its action rows (what {@link step} differentiates). */
  objective(batch: Batch, c: IlqlConstants): { loss: tf.Scalar; metrics: Record<string, tf.Scalar> } {
    const { B, T } = batch;
    const D = this.base.config.dModel;
    const n = c.rows.rows.length;
    const hidden = this.base.hidden(c.ids); // [B, T, D]
    const hv = gatherRows(hidden.reshape([B * T, D]) as tf.Tensor2D, c.values.rows); // [action rows, then next states, D]
    const vAll = this.v.apply(hv) as tf.Tensor1D;
    const vValues = vAll.dataSync();
    const vNext = tf.tensor2d(bootstrapValues(batch, c.rows.rows, (i) => vValues[c.values.slot.get(i)!], c.vFinal), [1, n]);
    const hA = hv.slice([0, 0], [n, D]); // the action rows come first
    const vocab = this.q1.outDim;
    return ilqlLoss(
      {
        q1: this.q1.apply(hA).reshape([1, n, vocab]) as tf.Tensor3D,
        q2: this.q2.apply(hA).reshape([1, n, vocab]) as tf.Tensor3D,
        v: vAll.slice(0, n).reshape([1, n]) as tf.Tensor2D,
        targetQ1: c.targetQ1, targetQ2: c.targetQ2, vNext, targets: c.targets, actionMask: c.actionMask, rewards: c.rewards,
      },
      this.cfg,
    );
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
