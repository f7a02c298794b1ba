/**
 * GRPO (Shao et al. 2024, "DeepSeekMath"): no critic. Each round rolls out groups of `groupSize` episodes
 * that share a start (the same env seed) and scores each episode against its group; every action token of
 * the episode takes that advantage. Beyond the LMRL-Gym paper, which predates it.
 *
 *   Â_i   = (R_i − mean(R_group)) / std(R_group)
 *   L     = 1/G Σ_i 1/|o_i| Σ_t [ max(−Â_i ρ_t, −Â_i clip(ρ_t, 1 ± ε)) + κ (π_BC/π − log(π_BC/π) − 1) ]
 *
 * with |o_i| the action tokens of episode i (all its turns): each episode weighs the same, whatever its
 * length (DeepSeekMath eq. 3). The KL term is the unbiased, non-negative "k3" estimator of KL(π ‖ π_BC)
 * per token (Schulman 2020), with π_BC the frozen BC policy as the reference; ρ_t = π/π_old over the
 * round's sampling policy. A minibatch of turns takes the same weights (`episodeTokenWeights`) in a
 * weighted mean; `lossAverage: "token"` restores the plain token mean for comparison.
 *
 * Why the 1/|o_i| matters in multi-turn tasks: a plain mean over tokens weighs an episode by its length,
 * and failed episodes are the long ones (they run to the step limit). On PO maze, where a failed episode
 * is ~100 moves and a success ~20, the token mean pushed down the sampled moves of the failures far more
 * than it pushed up the successes' — in the first round, 40% of moves became invalid and stayed so for 30
 * rounds (score 0 from BC's 38). With each episode weighing the same, a group's advantages sum to zero.
 */
import * as tf from "@tensorflow/tfjs";
import type { GptConfig } from "../model/gpt";
import type { AdamW } from "../model/optim";
import type { KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec } from "./algorithm";
import { batchActionTensors, makeOptimizer, optimiserStep, type LearnerModule } from "./learner";
import {
  actionPositions,
  episodeSequences,
  groupAdvantages,
  layoutRows,
  meanScalars,
  ONLINE_BOUNDS,
  ONLINE_DEFAULTS,
  OnlinePolicyLearner,
  ppoPolicyLoss,
  rolloutScalars,
  roundTiming,
  scoreSequences,
  type OnlineConfig,
  type RoundContext,
  type RoundResult,
} from "./online";
import { actionRows, actionTokenLogp, maskedMean } from "./tensor";

export interface GrpoConfig extends OnlineConfig {
  /** Episodes per group (sharing a start); `rolloutEpisodes` must be a multiple. */
  groupSize: number;
  /** ε of the clipped ratio. */
  clipRange: number;
  /** κ, weight of the per-token KL to the BC policy (DeepSeekMath: 0.04). */
  klCoef: number;
  /**
   * How the loss averages over a minibatch's action tokens: "episode" weighs each token 1/|o_i| so every
   * episode counts the same (DeepSeekMath eq. 3, the default); "token" is the plain token mean (DAPO's
   * choice; the kit's GRPO before 2026-12-05), which lets long episodes dominate.
   */
  lossAverage: "episode" | "token";
}

export const GRPO_DEFAULTS: GrpoConfig = { ...ONLINE_DEFAULTS, groupSize: 8, clipRange: 0.2, klCoef: 0.04, lossAverage: "episode" };

/**
 * Per-turn token weights 1/|o_i| of DeepSeekMath's GRPO loss: every action token of episode i weighs one
 * over the episode's action-token count, so each episode's tokens sum to 1 (an episode with no action
 * token gets weight 0).
 *
 * @example
 * episodeTokenWeights([[2, 2], [4]]); // [[0.25, 0.25], [0.25]]: the first episode has 4 tokens, the second 4
 */
export function episodeTokenWeights(actionTokensPerTurn: readonly (readonly number[])[]): number[][] {
  return actionTokensPerTurn.map((turns) => {
    const n = turns.reduce((s, x) => s + x, 0);
    return turns.map(() => (n > 0 ? 1 / n : 0));
  });
}

/** k3(π ‖ π_ref) per token = exp(log π_ref − log π) − (log π_ref − log π) − 1 (≥ 0, unbiased). */
export function k3Kl(logp: tf.Tensor2D, refLogp: tf.Tensor2D): tf.Tensor2D {
  const d = tf.sub(refLogp, logp);
  return tf.sub(tf.sub(tf.exp(d), d), 1) as tf.Tensor2D;
}

export class GrpoLearner extends OnlinePolicyLearner {
  protected readonly opt: AdamW;
  protected readonly modules: Readonly<Record<string, LearnerModule>>;

  constructor(override readonly cfg: GrpoConfig, tokenizer: KitTokenizer, bcWeights: Record<string, tf.Tensor>, gpt: GptConfig) {
    super("grpo", cfg, tokenizer, bcWeights, gpt);
    if (cfg.rolloutEpisodes % cfg.groupSize !== 0) {
      throw new Error(`grpo config: rolloutEpisodes (${cfg.rolloutEpisodes}) must be a multiple of groupSize (${cfg.groupSize}); e.g. --set rolloutEpisodes=${Math.max(1, Math.round(cfg.rolloutEpisodes / cfg.groupSize)) * cfg.groupSize}`);
    }
    this.opt = makeOptimizer(this.model.weights(), cfg);
    this.modules = { "pi_beta.": this.piBeta, "policy.": this.model };
  }

  async round(ctx: RoundContext): Promise<RoundResult> {
    const cfg = this.cfg;
    const { episodes, seconds: rolloutSeconds } = await this.rollouts(ctx, cfg.groupSize);
    const t0 = performance.now();
    const eps = episodeSequences(episodes, this.enc, { window: ctx.window, maxLength: cfg.maxLength });
    const adv = groupAdvantages(episodes.map((e) => e.return), cfg.groupSize);
    const seqs = eps.flatMap((e) => e.links);
    const seqAdv = eps.flatMap((e, i) => e.links.map(() => adv[i]));
    const seqWeight = cfg.lossAverage === "token" ? seqs.map(() => 1) : episodeTokenWeights(eps.map((e) => e.links.map((l) => actionPositions(l).length))).flat();
    const scores = scoreSequences(seqs, { policy: this.model, ref: this.piBeta }, this.tokenizer, cfg.batchSize);
    let kl = 0;
    seqs.forEach((s, i) => actionPositions(s).forEach((p) => (kl += scores[i].logp[p] - scores[i].refLogp[p])));
    const { rows, tokens } = await this.updatePasses(ctx, seqs, "grpo-minibatch", (b, mb) => {
      const shape: [number, number] = [b.B, b.T];
      const t = {
        ...batchActionTensors(b),
        oldLogp: tf.tensor2d(layoutRows(b, mb.map((i) => scores[i].logp)), shape),
        refLogp: tf.tensor2d(layoutRows(b, mb.map((i) => scores[i].refLogp)), shape),
        advantages: tf.tensor2d(layoutRows(b, mb.map((i) => new Float32Array(seqs[i].ids.length).fill(seqAdv[i]))), shape),
        weights: tf.tensor2d(layoutRows(b, mb.map((i) => new Float32Array(seqs[i].ids.length).fill(seqWeight[i]))), shape),
      };
      // Action tokens weighted 1/|o_i| (zero elsewhere): the weighted means below are DeepSeekMath's per-episode average ("token": all 1).
      const tokenWeights = tf.mul(t.actionMask, t.weights) as tf.Tensor2D;
      const rowsOf = actionRows(b);
      const scalars = optimiserStep(this.opt, this.model.weights(), () => {
        const logp = actionTokenLogp(this.model, this.model.hidden(t.ids), rowsOf);
        const pg = ppoPolicyLoss(logp, t.oldLogp, t.advantages, tokenWeights, cfg.clipRange);
        const klTerm = maskedMean(k3Kl(logp, t.refLogp), tokenWeights);
        return { loss: tf.add(pg.loss, tf.mul(cfg.klCoef, klTerm)) as tf.Scalar, metrics: { "loss/policy": pg.loss, "loss/kl": klTerm, "grpo/clip_frac": pg.clipFrac, "grpo/approx_kl": pg.approxKl } };
      });
      tf.dispose([...Object.values(t), tokenWeights]);
      return { scalars };
    });
    const updateSeconds = (performance.now() - t0) / 1000;
    const groupsWithSignal = adv.filter((a) => a !== 0).length / Math.max(1, adv.length);
    return {
      tokens,
      scalars: {
        ...meanScalars(rows),
        ...rolloutScalars(ctx.spec, episodes),
        "grpo/kl": kl / Math.max(1, episodes.length),
        "grpo/informative_frac": groupsWithSignal,
        ...roundTiming(episodes.length, eps, rolloutSeconds, updateSeconds),
      },
    };
  }
}

/** GRPO from a BC checkpoint. */
export const grpoAlgorithm: AlgorithmSpec<GrpoConfig> = {
  name: "grpo",
  description: "online GRPO: group-relative advantages over episodes sharing a start, clipped ratio, k3 KL to BC, no critic (from BC)",
  defaults: GRPO_DEFAULTS,
  bounds: { ...ONLINE_BOUNDS, groupSize: { min: 2, integer: true }, clipRange: { min: 0, minExclusive: true }, klCoef: { min: 0 } },
  choices: { lossAverage: ["episode", "token"] },
  start: "bc",
  initCheckpoint: (cfg) => cfg.initCheckpoint,
  data: "online",
  /** Round time relative to PPO's on the same rollouts (no value head to run or fit): measured over six rows of `reproduce --full`. */
  stepCost: 0.65,
  createLearner: ({ cfg, tokenizer, init }) => {
    if (!init) throw new Error("grpo starts from a BC model; pass its weights as init");
    return new GrpoLearner(cfg, tokenizer, init.weights, init.gpt);
  },
};
