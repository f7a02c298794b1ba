/**
 * Online filtered BC (LMRL-Gym reference `LLM_RL/algorithms/online_filtered_bc/train.py`): each round rolls
 * out the current policy, keeps the top `topFraction` of episodes by return (the reference's
 * `filter_percengage` 0.3) and runs `epochs` passes of BC on them.
 *
 *   keep = the ⌈f·n⌉ episodes with the highest return (ties by rollout order)
 *   L    = − E_{t ∈ keep}[ log π(a_t | s_t) ]
 */
import * as tf from "@tensorflow/tfjs";
import type { GptConfig } from "../model/gpt";
import type { AdamW } from "../model/optim";
import type { KitTokenizer } from "../model/tokenizer";
import type { AlgorithmSpec } from "./algorithm";
import { bcBatchLoss } from "./bc";
import { makeOptimizer, optimiserStep, type LearnerModule } from "./learner";
import { episodeSequences, meanScalars, ONLINE_BOUNDS, ONLINE_DEFAULTS, OnlinePolicyLearner, rolloutScalars, roundTiming, type OnlineConfig, type RoundContext, type RoundResult } from "./online";

export interface OnlineBcConfig extends OnlineConfig {
  /** Fraction of each round's episodes kept, best returns first (reference: 0.3). */
  topFraction: number;
}

export const ONLINE_BC_DEFAULTS: OnlineBcConfig = { ...ONLINE_DEFAULTS, topFraction: 0.3 };

/**
 * Indices of the ⌈f·n⌉ highest returns; equal returns keep rollout order.
 *
 * @example
 * topEpisodes([0, 3, 1, 3], 0.5); // [1, 3]
 */
export function topEpisodes(returns: readonly number[], fraction: number): number[] {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`topEpisodes: fraction must be in (0, 1], got ${fraction}`);
  const n = Math.ceil(fraction * returns.length);
  return returns
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .slice(0, n)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}

export class OnlineBcLearner extends OnlinePolicyLearner {
  protected readonly opt: AdamW;
  protected readonly modules: Readonly<Record<string, LearnerModule>>;

  constructor(override readonly cfg: OnlineBcConfig, tokenizer: KitTokenizer, bcWeights: Record<string, tf.Tensor>, gpt: GptConfig) {
    super("online-bc", cfg, tokenizer, bcWeights, gpt);
    this.opt = makeOptimizer(this.model.weights(), cfg);
    this.modules = { "pi_beta.": this.piBeta, "policy.": this.model };
  }

  async round(ctx: RoundContext): Promise<RoundResult> {
    const cfg = this.cfg;
    const { episodes, seconds: rolloutSeconds } = await this.rollouts(ctx);
    const t0 = performance.now();
    const keep = topEpisodes(episodes.map((e) => e.return), cfg.topFraction);
    const all = episodeSequences(episodes, this.enc, { window: ctx.window, maxLength: cfg.maxLength });
    const seqs = keep.flatMap((i) => all[i].links);
    const { rows, tokens } = await this.updatePasses(ctx, seqs, "online-bc-minibatch", (b) => {
      return { scalars: optimiserStep(this.opt, this.model.weights(), () => bcBatchLoss(this.model, b)) };
    });
    const updateSeconds = (performance.now() - t0) / 1000;
    const kept = keep.map((i) => episodes[i].return);
    return {
      tokens,
      scalars: {
        ...meanScalars(rows),
        ...rolloutScalars(ctx.spec, episodes),
        "online_bc/kept_return": kept.reduce((a, b) => a + b, 0) / Math.max(1, kept.length),
        "online_bc/threshold": Math.min(...kept),
        ...roundTiming(episodes.length, all, rolloutSeconds, updateSeconds),
      },
    };
  }
}

/** Online filtered BC from a BC checkpoint. */
export const onlineBcAlgorithm: AlgorithmSpec<OnlineBcConfig> = {
  name: "online-bc",
  aliases: ["online-pbc", "online-%bc"],
  description: "online filtered BC: roll out, keep the top fraction by return, one BC pass, repeat (from BC)",
  defaults: ONLINE_BC_DEFAULTS,
  bounds: { ...ONLINE_BOUNDS, topFraction: { min: 0, minExclusive: true, max: 1 } },
  start: "bc",
  initCheckpoint: (cfg) => cfg.initCheckpoint,
  data: "online",
  /** Round time relative to PPO's on the same rollouts (one BC pass on the kept 30% of episodes, no value head): measured over six rows of `reproduce --full`. */
  stepCost: 0.3,
  createLearner: ({ cfg, tokenizer, init }) => {
    if (!init) throw new Error("online-bc starts from a BC model; pass its weights as init");
    return new OnlineBcLearner(cfg, tokenizer, init.weights, init.gpt);
  },
};
