/**
 * PPO (Schulman et al. 2017) as LMRL-Gym runs it (reference `LLM_RL/algorithms/ppo/`): the BC policy with
 * a value head on the same trunk, a KL penalty to the frozen BC policy in the per-token reward, GAE over
 * the action tokens only, whitened advantages, clipped policy and value losses.
 *
 *   r_t   = r_env(t) − κ · (log π(a_t|s_t) − log π_BC(a_t|s_t))        (env reward on an action's last token)
 *   δ_t   = r_t + γ V(s_{t+1}) − V(s_t),   A_t = δ_t + γλ A_{t+1},   R_t = A_t + V(s_t)
 *   L     = E_t[ max(−A_t ρ_t, −A_t clip(ρ_t, 1 ± ε)) ]
 *         + c_v · E_t[ ½ max((V − R_t)², (V_old + clip(V − V_old, ±ε_v) − R_t)²) ],   ρ_t = π(a_t|s_t) / π_old(a_t|s_t)
 *
 * κ is fixed (`klCoef`) or adaptive (`klTarget` > 0: Ziegler et al. 2019's controller). t runs over the
 * action tokens of a whole episode, across chain links for windowed rows; V(s_{n}) after the last action
 * is 0 when the episode ended, else the value of the observation the env returned (a time limit).
 * With `bcLossWeight` w > 0 each minibatch also takes a batch of the row's dataset and adds w · L_BC on it
 * (the reference's `bc_loss_weight`: 1 for dialogue, Wordle and Text-Nav scripts, 0 for maze).
 */
import * as tf from "@tensorflow/tfjs";
import { prefixed, ScalarHead, type GptConfig, type HeadKind } from "../model/gpt";
import type { AdamW } from "../model/optim";
import type { KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec } from "./algorithm";
import { bcBatchLoss } from "./bc";
import { collate, type Batch, type TokenSequence } from "./data";
import { batchActionTensors, makeOptimizer, optimiserStep, type LearnerModule } from "./learner";
import {
  actionPositions,
  episodeSequences,
  gae,
  KlController,
  layoutRows,
  meanScalars,
  ONLINE_BOUNDS,
  ONLINE_DEFAULTS,
  OnlinePolicyLearner,
  ppoPolicyLoss,
  rolloutScalars,
  roundTiming,
  ScalarState,
  scoreSequences,
  whiten,
  type OnlineConfig,
  type RoundContext,
  type RoundResult,
} from "./online";
import { actionRows, actionTokenLogp, maskedMean } from "./tensor";

export interface PpoConfig extends OnlineConfig {
  /** Discount per action token (paper Table 3: 0.99). */
  gamma: number;
  /** GAE λ (0.95). */
  lambda: number;
  /** ε of the clipped policy ratio (0.2). */
  clipRange: number;
  /** ε_v of the clipped value loss (0.2). */
  valueClip: number;
  /** c_v, weight of the value loss (reference: 1; maze FO script 0.5). */
  valueCoef: number;
  /** κ, the KL-penalty coefficient (initial value when adaptive; paper Table 3: 0.01 most rows). */
  klCoef: number;
  /** Target KL per episode of the adaptive controller; 0 keeps κ fixed. */
  klTarget: number;
  /** Horizon (episodes) of the adaptive controller. */
  klHorizon: number;
  /** Whiten advantages over each round (reference: on). */
  whitenAdvantages: boolean;
  /** Value head: "linear" as the reference, or "mlp". */
  headKind: string;
  /** Initial bias of the value head (≈ expected return: −1 maze, −4.1 wordle in the reference). */
  headBiasInit: number;
  /** Learning-rate multiplier of the value head over the trunk (it starts from zero weights). */
  headLrScale: number;
  /** w of the BC loss on a dataset batch added to every minibatch (0: none; reference: 1 on dialogue, Wordle, Text-Nav). */
  bcLossWeight: number;
}

export const PPO_DEFAULTS: PpoConfig = {
  ...ONLINE_DEFAULTS,
  gamma: 0.99,
  lambda: 0.95,
  clipRange: 0.2,
  valueClip: 0.2,
  valueCoef: 1,
  klCoef: 0.01,
  klTarget: 0,
  klHorizon: 10_000,
  whitenAdvantages: true,
  headKind: "linear",
  headBiasInit: 0,
  headLrScale: 10,
  bcLossWeight: 0,
};

/** ½·max((V − R)², (V_old + clip(V − V_old, ±ε_v) − R)²), averaged over action tokens. */
export function clippedValueLoss(values: tf.Tensor2D, oldValues: tf.Tensor2D, returns: tf.Tensor2D, mask: tf.Tensor2D, valueClip: number): tf.Scalar {
  const vClipped = tf.add(oldValues, tf.clipByValue(tf.sub(values, oldValues), -valueClip, valueClip));
  const l1 = tf.square(tf.sub(values, returns));
  const l2 = tf.square(tf.sub(vClipped, returns));
  return tf.mul(0.5, maskedMean(tf.maximum(l1, l2), mask)) as tf.Scalar;
}

/** Per-token advantages, returns and the episode KL of one round (before whitening). */
export interface PpoTargets {
  readonly advantages: Float32Array[];
  readonly returns: Float32Array[];
  /** Σ_t (log π − log π_BC) per episode. */
  readonly episodeKl: number[];
}

/**
 * Rewards with the KL penalty, GAE per episode across its links, returns. `links[e]` are the sequence
 * indices of episode e in order; `scores` and `seqs` are indexed alike.
 */
export function ppoTargets(
  seqs: readonly { ids: readonly number[]; isAction: readonly boolean[]; rewards: readonly number[]; done: boolean }[],
  scores: readonly { logp: Float32Array; refLogp: Float32Array; values: Float32Array; finalValue: number }[],
  links: readonly number[][],
  o: { gamma: number; lambda: number; klCoef: number },
): PpoTargets {
  const advantages = seqs.map((s) => new Float32Array(s.ids.length));
  const returns = seqs.map((s) => new Float32Array(s.ids.length));
  const episodeKl: number[] = [];
  for (const ks of links) {
    const where: [number, number][] = [];
    const rewards: number[] = [];
    const values: number[] = [];
    let kl = 0;
    for (const k of ks) {
      const s = seqs[k];
      const sc = scores[k];
      for (const p of actionPositions(s)) {
        const lr = sc.logp[p] - sc.refLogp[p];
        kl += lr;
        where.push([k, p]);
        rewards.push(s.rewards[p + 1] - o.klCoef * lr);
        values.push(sc.values[p]);
      }
    }
    episodeKl.push(kl);
    if (where.length === 0) continue;
    const lastK = ks[ks.length - 1];
    const last = seqs[lastK];
    const [, lastP] = where[where.length - 1];
    // After the last action: 0 if the episode ended; else V of what the env showed next (a next window's
    // value, or V at the sequence's last token when it holds that observation).
    const lastValue = last.done ? 0 : Number.isFinite(scores[lastK].finalValue) ? scores[lastK].finalValue : lastP + 1 < last.ids.length - 1 ? scores[lastK].values[last.ids.length - 1] : values[values.length - 1];
    const g = gae(rewards, values, lastValue, o.gamma, o.lambda);
    where.forEach(([k, p], i) => {
      advantages[k][p] = g.advantages[i];
      returns[k][p] = g.returns[i];
    });
  }
  return { advantages, returns, episodeKl };
}

export class PpoLearner extends OnlinePolicyLearner {
  readonly value: ScalarHead;
  readonly kl: ScalarState;
  protected readonly opt: AdamW;
  protected readonly modules: Readonly<Record<string, LearnerModule>>;
  private readonly params: Record<string, tf.Variable>;

  constructor(override readonly cfg: PpoConfig, tokenizer: KitTokenizer, bcWeights: Record<string, tf.Tensor>, gpt: GptConfig, seed: number) {
    super("ppo", cfg, tokenizer, bcWeights, gpt);
    this.value = new ScalarHead({ kind: cfg.headKind as HeadKind, dModel: gpt.dModel, biasInit: cfg.headBiasInit }, { seed: seed + 1 });
    this.kl = new ScalarState(cfg.klCoef);
    this.params = { ...prefixed("policy.", this.model.weights()), ...prefixed("value.", this.value.weights()) };
    this.opt = makeOptimizer(this.params, cfg, [{ name: "value", match: /^value\./, lrScale: cfg.headLrScale }]);
    this.modules = { "pi_beta.": this.piBeta, "policy.": this.model, "value.": this.value, "kl.": this.kl };
  }

  async round(ctx: RoundContext): Promise<RoundResult> {
    const cfg = this.cfg;
    const { episodes, seconds: rolloutSeconds } = await this.rollouts(ctx);
    const t0 = performance.now();
    const eps = episodeSequences(episodes, this.enc, { window: ctx.window, maxLength: cfg.maxLength });
    const seqs = eps.flatMap((e) => e.links);
    const links: number[][] = [];
    let k = 0;
    for (const e of eps) links.push(e.links.map(() => k++));
    const scores = scoreSequences(seqs, { policy: this.model, ref: this.piBeta, valueHead: this.value }, this.tokenizer, cfg.batchSize);
    const klCoef = this.kl.value;
    const targets = ppoTargets(seqs, scores, links, { gamma: cfg.gamma, lambda: cfg.lambda, klCoef });
    let advantages = targets.advantages;
    const flat: number[] = [];
    seqs.forEach((s, i) => actionPositions(s).forEach((p) => flat.push(targets.advantages[i][p])));
    const advMean = flat.reduce((a, b) => a + b, 0) / Math.max(1, flat.length);
    if (cfg.whitenAdvantages) {
      const w = whiten(flat);
      let n = 0;
      advantages = seqs.map((s, i) => {
        const a = new Float32Array(s.ids.length);
        for (const p of actionPositions(s)) a[p] = w[n++];
        return a;
      });
    }
    if (cfg.bcLossWeight > 0 && !ctx.offlineBatches) throw new Error("ppo: bcLossWeight > 0 needs the row's dataset; the trainer passes it as ctx.offlineBatches");
    const offline = cfg.bcLossWeight > 0 ? await ctx.offlineBatches!() : undefined;
    const { rows, tokens } = await this.updatePasses(ctx, seqs, "ppo-minibatch", async (b, mb) => {
      const shape: [number, number] = [b.B, b.T];
      const t = {
        ...batchActionTensors(b),
        oldLogp: tf.tensor2d(layoutRows(b, mb.map((i) => scores[i].logp)), shape),
        oldValues: tf.tensor2d(layoutRows(b, mb.map((i) => scores[i].values)), shape),
        advantages: tf.tensor2d(layoutRows(b, mb.map((i) => advantages[i])), shape),
        returns: tf.tensor2d(layoutRows(b, mb.map((i) => targets.returns[i])), shape),
      };
      let bcBatch: Batch | undefined;
      if (offline) {
        const { value: seqsBc } = await offline.next();
        bcBatch = collate(seqsBc as TokenSequence[], this.tokenizer.padId);
      }
      const rowsOf = actionRows(b);
      const scalars = optimiserStep(this.opt, this.params, () => {
        const hidden = this.model.hidden(t.ids);
        const logp = actionTokenLogp(this.model, hidden, rowsOf);
        const values = this.value.apply(hidden) as tf.Tensor2D;
        const pg = ppoPolicyLoss(logp, t.oldLogp, t.advantages, t.actionMask, cfg.clipRange);
        const vf = clippedValueLoss(values, t.oldValues, t.returns, t.actionMask, cfg.valueClip);
        let loss = tf.add(pg.loss, tf.mul(cfg.valueCoef, vf)) as tf.Scalar;
        const metrics: Record<string, tf.Scalar> = { "loss/policy": pg.loss, "loss/value": vf, "ppo/clip_frac": pg.clipFrac, "ppo/approx_kl": pg.approxKl, "ppo/value_mean": maskedMean(values, t.actionMask) };
        if (bcBatch) {
          const bc = bcBatchLoss(this.model, bcBatch).loss;
          loss = tf.add(loss, tf.mul(cfg.bcLossWeight, bc)) as tf.Scalar;
          metrics["loss/bc"] = bc;
        }
        return { loss, metrics };
      });
      tf.dispose(Object.values(t));
      return { scalars, tokens: bcBatch ? bcBatch.B * bcBatch.T : 0 };
    });
    await offline?.return(undefined);
    const meanKl = targets.episodeKl.reduce((a, b) => a + b, 0) / Math.max(1, targets.episodeKl.length);
    this.kl.value = new KlController(klCoef, cfg.klTarget > 0 ? { target: cfg.klTarget, horizon: cfg.klHorizon } : undefined).update(meanKl, episodes.length);
    const updateSeconds = (performance.now() - t0) / 1000;
    return {
      tokens,
      scalars: {
        ...meanScalars(rows),
        ...rolloutScalars(ctx.spec, episodes),
        "ppo/kl": meanKl,
        "ppo/kl_coef": klCoef,
        "ppo/adv_mean": advMean,
        ...roundTiming(episodes.length, eps, rolloutSeconds, updateSeconds),
      },
    };
  }
}

/** PPO from a BC checkpoint (trained first in the same run unless `initCheckpoint` names one). */
export const ppoAlgorithm: AlgorithmSpec<PpoConfig> = {
  name: "ppo",
  description: "online PPO: KL-penalised rewards to the BC policy, GAE over action tokens, clipped policy and value losses (from BC)",
  defaults: PPO_DEFAULTS,
  choices: { headKind: ["linear", "mlp"] },
  bounds: {
    ...ONLINE_BOUNDS,
    gamma: { min: 0, max: 1 },
    lambda: { min: 0, max: 1 },
    clipRange: { min: 0, minExclusive: true },
    valueClip: { min: 0, minExclusive: true },
    valueCoef: { min: 0 },
    klCoef: { min: 0 },
    klTarget: { min: 0 },
    klHorizon: { min: 0, minExclusive: true },
    headLrScale: { min: 0, minExclusive: true },
    headBiasInit: {},
    bcLossWeight: { min: 0 },
  },
  start: "bc",
  initCheckpoint: (cfg) => cfg.initCheckpoint,
  data: "online",
  createLearner: ({ cfg, tokenizer, seed, init }) => {
    if (!init) throw new Error("ppo starts from a BC model; pass its weights as init");
    return new PpoLearner(cfg, tokenizer, init.weights, init.gpt, seed);
  },
};
