/**
 * What the on-policy methods share (PPO, online filtered BC, GRPO): the round structure, the rollout
 * engine, token-level scoring of the sampled episodes, and the advantage estimators.
 *
 * A round (LMRL-Gym reference `LLM_RL/algorithms/ppo/train.py`, `online_filtered_bc/train.py`):
 *
 *   1. roll out `rolloutEpisodes` episodes with the current policy, batched over env instances
 *      (`rolloutBatchSize` at a time, one decoding call per turn for every live episode);
 *   2. turn each episode into the same token sequences offline training uses (chain links for windowed
 *      rows) and score them teacher-forced: log π(a_t|s_t) under the current and the frozen BC policy,
 *      and (PPO) V(s_t) at every action token;
 *   3. compute advantages and update for `epochs` passes of `batchSize` sequences.
 *
 * Seeding: episode i of round r resets its env with `deriveSeed(seed, "rollout", r, group(i))` and samples
 * with its own stream `deriveSeed(seed, "rollout-policy", r, i)`, so a round's episodes do not depend on
 * the batch size, and a run resumed at round r replays nothing: every round is a function of (seed, r) and
 * the weights. GRPO's groups share an env seed (the same start) and differ in their sampling streams.
 */
import * as tf from "@tensorflow/tfjs";
import { deriveSeed, Rng } from "../core/rng";
import { rolloutBatch, type BatchSlot, type Episode } from "../core/rollout";
import type { EnvSpec } from "../core/spec";
import type { Text } from "../core/types";
import { normalizeScore } from "../core/normalize";
import { Gpt, type GptConfig, type ScalarHead } from "../model/gpt";
import type { KitTokenizer } from "../model/tokenizer";
import { TRAIN_DEFAULTS, type TrainConfig } from "./config";
import { CachedEncoder, collate, trajectoryToSequences, type Batch, type TokenSequence } from "./data";
import { batchIds, ModularLearner, type Learner, type LearnerModule } from "./learner";
import { ModelPolicy, type PolicyOptions } from "./policy";
import { actionRows, actionTokenLogp, maskedMean, nextLinkValues } from "./tensor";

/** The settings every on-policy method shares; `steps` counts rounds. */
export interface OnlineConfig extends TrainConfig {
  /** Episodes rolled out per round (reference `n_rollouts`: 128). */
  rolloutEpisodes: number;
  /** Episodes decoded together (reference rollout batch: 32). */
  rolloutBatchSize: number;
  /** Passes over a round's sequences (reference PPO scripts: 1; Guess My City/Car Dealer commands: 4). */
  epochs: number;
  /** BC checkpoint to start from; "" trains BC first in the same run. */
  initCheckpoint: string;
}

export const ONLINE_DEFAULTS: OnlineConfig = {
  ...TRAIN_DEFAULTS,
  steps: 20,
  lr: 1e-4,
  warmupSteps: 0,
  batchSize: 32,
  rolloutEpisodes: 128,
  rolloutBatchSize: 64,
  epochs: 1,
  initCheckpoint: "",
  checkpointEvery: 1,
  logEvery: 1,
};

/** Ranges of the shared on-policy keys. */
export const ONLINE_BOUNDS = {
  rolloutEpisodes: { min: 1, integer: true },
  rolloutBatchSize: { min: 1, integer: true },
  epochs: { min: 1, integer: true },
} as const;

/** What the trainer hands a learner for one round. */
export interface RoundContext {
  readonly spec: EnvSpec;
  /** 1-based round number (the trainer's step). */
  readonly round: number;
  /** The run's seed. */
  readonly seed: number;
  /** Texts per prompt and per training sequence (the training window). */
  readonly window: number;
  /**
   * A seeded stream of dataset batches for this round (the row's offline data, as offline training reads
   * it), for methods that add a loss on the dataset (PPO's optional BC loss). Call `return()` when done.
   */
  readonly offlineBatches?: () => Promise<AsyncGenerator<TokenSequence[]>>;
  /** Called as a round advances ("rollouts" episodes done, then "updates" minibatches done), for progress displays. */
  readonly onProgress?: (stage: "rollouts" | "updates", done: number, total: number) => void;
}

/** A round's scalars, and the padded tokens its updates processed. */
export interface RoundResult {
  readonly scalars: Record<string, number>;
  readonly tokens: number;
}

/** A learner that collects its own data: the trainer calls `round` once per step instead of `step`. */
export interface OnlineLearner extends Learner {
  round(ctx: RoundContext): Promise<RoundResult>;
}

export function isOnlineLearner(l: Learner): l is OnlineLearner {
  return typeof (l as Partial<OnlineLearner>).round === "function";
}

/**
 * Rolls out `episodes` episodes with `policy`, `batchSize` at a time. Episodes i with the same
 * ⌊i / groupSize⌋ share their env seed (GRPO's groups); every episode has its own sampling stream.
 *
 * @example
 * const eps = await collectRollouts(spec, learner.policy(o), { episodes: 128, batchSize: 64, seed: 0, round: 1 });
 */
export async function collectRollouts(
  spec: EnvSpec,
  policy: ModelPolicy,
  o: { episodes: number; batchSize: number; seed: number; round: number; groupSize?: number; onProgress?: (done: number, total: number) => void },
): Promise<SampledEpisode[]> {
  const group = Math.max(1, o.groupSize ?? 1);
  const out: SampledEpisode[] = [];
  const samples = new Map<Rng, number[][]>();
  policy.samples = samples;
  try {
    for (let start = 0; start < o.episodes; start += o.batchSize) {
      const slots: BatchSlot[] = [];
      for (let i = start; i < Math.min(o.episodes, start + o.batchSize); i++) {
        slots.push({
          env: spec.make(),
          policy,
          seed: deriveSeed(o.seed, "rollout", o.round, Math.floor(i / group)),
          rng: new Rng(deriveSeed(o.seed, "rollout-policy", o.round, i)),
        });
      }
      try {
        const eps = await rolloutBatch(slots, spec.id);
        eps.forEach((e, k) => out.push({ ...e, actionIds: samples.get(slots[k].rng) ?? [] }));
        o.onProgress?.(out.length, o.episodes);
      } finally {
        await Promise.all(slots.map((s) => s.env.close?.()));
      }
    }
  } finally {
    policy.samples = undefined;
  }
  return out;
}

/** An episode with the token ids the policy sampled for each of its actions (what it trains on). */
export interface SampledEpisode extends Episode {
  readonly actionIds: readonly (readonly number[])[];
}

/**
 * Encodes an episode's texts with each agent action as the tokens the policy sampled, in order (a
 * re-encoded action could tokenise differently, and an action cut at maxNewTokens got a "\n" from the env
 * that the policy never sampled). Context texts keep the canonical encoding the policy's prompts use.
 */
class SampledActionEncoder extends CachedEncoder {
  private next = 0;
  constructor(tokenizer: KitTokenizer, private readonly actionIds: readonly (readonly number[])[]) {
    super(tokenizer);
  }
  protected override encodeText(t: Text): number[] {
    if (t.isAction && this.next < this.actionIds.length && this.actionIds[this.next].length > 0) return [...this.actionIds[this.next++]];
    return super.encodeText(t);
  }
}

/**
 * Mean return, normalised score (paper anchors), success, length and invalid-action share of a round's
 * episodes, and `rollout/unended_rate`: the share of the agent's actions that do not end with the newline
 * the model policy stops at, i.e. were cut at `maxNewTokens`. A rising unended rate is the signature of a
 * policy unlearning how to end an action (chess PPO without its BC loss: src/tasks/chess/README.md).
 */
export function rolloutScalars(spec: EnvSpec, eps: readonly Episode[]): Record<string, number> {
  const n = Math.max(1, eps.length);
  const ret = eps.reduce((s, e) => s + e.return, 0) / n;
  let actions = 0;
  let unended = 0;
  for (const e of eps) {
    for (const t of e.trajectory.texts) {
      if (!t.isAction) continue;
      actions++;
      if (!t.text.endsWith("\n")) unended++;
    }
  }
  return {
    "rollout/return": ret,
    "rollout/score": normalizeScore(ret, spec.anchors.paper),
    "rollout/success": eps.filter((e) => e.success).length / n,
    "rollout/length": eps.reduce((s, e) => s + e.length, 0) / n,
    "rollout/invalid_rate": eps.reduce((s, e) => s + e.invalidActions, 0) / Math.max(1, eps.reduce((s, e) => s + e.length, 0)),
    "rollout/unended_rate": unended / Math.max(1, actions),
  };
}

/** An episode's training sequences (chain links in order) with the episode they came from. */
export interface EpisodeSequences {
  readonly episode: Episode;
  readonly links: TokenSequence[];
}

/**
 * Each episode as token sequences, as offline training sees a dataset trajectory (γ is applied later),
 * with each trained action as the tokens the policy sampled when the episode carries them.
 */
export function episodeSequences(eps: readonly (Episode | SampledEpisode)[], enc: CachedEncoder, o: { window: number; maxLength: number }): EpisodeSequences[] {
  return eps.map((episode) => {
    const ids = (episode as SampledEpisode).actionIds;
    const e = ids && ids.length > 0 ? new SampledActionEncoder(enc.tokenizer, ids) : enc;
    return { episode, links: trajectoryToSequences(episode.trajectory, e, { window: o.window, gamma: 1, maxLength: o.maxLength }) };
  });
}

/** Decision positions of a sequence's action tokens (position p predicts token p + 1), in order. */
export function actionPositions(s: Pick<TokenSequence, "ids" | "isAction">): number[] {
  const out: number[] = [];
  for (let j = 1; j < s.ids.length; j++) if (s.isAction[j]) out.push(j - 1);
  return out;
}

/** Per-sequence arrays over decision positions (length = the sequence's token count). */
export interface SequenceScores {
  /** log π(a_t|s_t) under the policy that sampled the round. */
  readonly logp: Float32Array;
  /** log π_BC(a_t|s_t) under the frozen reference. */
  readonly refLogp: Float32Array;
  /** V(s_t) (zeros without a value head). */
  readonly values: Float32Array;
  /** V of the state after the sequence's last action when it comes from elsewhere (a next window), else NaN. */
  readonly finalValue: number;
}

/**
 * Teacher-forced scores of every sequence, `batchSize` at a time, with no gradient: log-probabilities under
 * `policy` and `ref`, and values from `valueHead` on the policy's trunk (PPO; omitted: zeros).
 */
export function scoreSequences(
  seqs: readonly TokenSequence[],
  nets: { policy: Gpt; ref: Gpt; valueHead?: ScalarHead },
  tokenizer: KitTokenizer,
  batchSize: number,
): SequenceScores[] {
  const out: SequenceScores[] = [];
  for (let start = 0; start < seqs.length; start += batchSize) {
    const chunk = seqs.slice(start, start + batchSize);
    const b = collate(chunk, tokenizer.padId);
    const rows = actionRows(b);
    const [logp, refLogp, values] = tf.tidy(() => {
      const ids = batchIds(b);
      const hidden = nets.policy.hidden(ids);
      const lp = actionTokenLogp(nets.policy, hidden, rows);
      const rlp = actionTokenLogp(nets.ref, nets.ref.hidden(ids), rows);
      const v = nets.valueHead ? (nets.valueHead.apply(hidden) as tf.Tensor2D) : tf.zerosLike(lp);
      return [lp.dataSync(), rlp.dataSync(), v.dataSync()] as Float32Array[];
    });
    const finals = nets.valueHead ? nextLinkValues(nets.policy, nets.valueHead, b.nextPrefixes, tokenizer.padId) : undefined;
    const fv = finals ? finals.dataSync() : undefined;
    finals?.dispose();
    chunk.forEach((s, k) => {
      const L = s.ids.length;
      const row = (a: Float32Array) => a.slice(k * b.T, k * b.T + L);
      out.push({ logp: row(logp), refLogp: row(refLogp), values: row(values), finalValue: s.nextPrefix && fv ? fv[k] : NaN });
    });
  }
  return out;
}

/**
 * Generalised advantage estimation over one episode's action tokens in order (Schulman et al. 2016;
 * reference `ppo/base_interface.py`): δ_t = r_t + γ·V_{t+1} − V_t, A_t = δ_t + γλ·A_{t+1}, with
 * V_{n} = `lastValue` (0 for a finished episode). Returns advantages and returns = A + V.
 *
 * @example
 * gae([0, 1], [0.5, 0.5], 0, 1, 1); // { advantages: [0.5, 0.5], returns: [1, 1] }
 */
export function gae(rewards: readonly number[], values: readonly number[], lastValue: number, gamma: number, lambda: number): { advantages: number[]; returns: number[] } {
  if (rewards.length !== values.length) throw new Error(`gae: ${rewards.length} rewards but ${values.length} values`);
  const n = rewards.length;
  const advantages = new Array<number>(n).fill(0);
  let next = 0;
  for (let t = n - 1; t >= 0; t--) {
    const vNext = t === n - 1 ? lastValue : values[t + 1];
    const delta = rewards[t] + gamma * vNext - values[t];
    next = delta + gamma * lambda * next;
    advantages[t] = next;
  }
  return { advantages, returns: advantages.map((a, t) => a + values[t]) };
}

/** (x − mean) / (std + 1e-8) over all entries (population std), as the reference whitens a round's advantages. */
export function whiten(xs: readonly number[]): number[] {
  if (xs.length === 0) return [];
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
  const sd = Math.sqrt(v);
  return xs.map((x) => (x - m) / (sd + 1e-8));
}

/**
 * GRPO's group-relative advantage of each episode (Shao et al. 2024): (R − mean of its group) / (std of
 * its group + 1e-8), groups of `groupSize` consecutive episodes. A group whose returns are all equal
 * carries no signal: its advantages are 0.
 *
 * @example
 * groupAdvantages([1, 0, 0, 0], 2); // [1, -1, 0, 0]
 */
export function groupAdvantages(returns: readonly number[], groupSize: number): number[] {
  if (!(Number.isInteger(groupSize) && groupSize >= 1)) throw new Error(`groupAdvantages: groupSize must be an integer >= 1, got ${groupSize}`);
  if (returns.length % groupSize !== 0) throw new Error(`groupAdvantages: ${returns.length} returns do not split into groups of ${groupSize}`);
  const out: number[] = [];
  for (let g = 0; g < returns.length; g += groupSize) {
    const r = returns.slice(g, g + groupSize);
    const m = r.reduce((s, x) => s + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - m) ** 2, 0) / r.length);
    for (const x of r) out.push(sd < 1e-12 ? 0 : (x - m) / (sd + 1e-8));
  }
  return out;
}

/**
 * The KL-penalty coefficient: fixed, or adaptive (Ziegler et al. 2019, as the reference's
 * `AdaptiveKLController`): error = clip(KL / target − 1, −0.2, 0.2); coef ← coef·(1 + error·n / horizon),
 * with n the episodes of the round.
 *
 * @example
 * const kl = new KlController(0.1, { target: 6, horizon: 10000 });
 * kl.update(12, 128); // KL above target: the coefficient grows by 1 + 0.2·128/10000
 */
export class KlController {
  constructor(
    public value: number,
    private readonly adaptive?: { readonly target: number; readonly horizon: number },
  ) {
    if (!(value >= 0)) throw new Error(`KlController: coefficient must be >= 0, got ${value}`);
    if (adaptive && !(adaptive.target > 0 && adaptive.horizon > 0)) throw new Error(`KlController: target and horizon must be > 0, got ${JSON.stringify(adaptive)}`);
  }
  update(kl: number, n: number): number {
    if (this.adaptive) {
      const error = Math.min(0.2, Math.max(-0.2, kl / this.adaptive.target - 1));
      this.value *= 1 + (error * n) / this.adaptive.horizon;
    }
    return this.value;
  }
}

/**
 * Per-position arrays of a minibatch laid out like its collated {@link Batch} ([B, T], zeros at padding),
 * from per-sequence arrays over the same sequences.
 */
export function layoutRows(b: Pick<Batch, "B" | "T">, rows: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(b.B * b.T);
  rows.forEach((r, k) => out.set(r.subarray(0, Math.min(r.length, b.T)), k * b.T));
  return out;
}

/** Minibatches of indices 0..n−1, shuffled by `rng`, for `epochs` passes. */
export function minibatchOrder(n: number, batchSize: number, epochs: number, rng: Rng): number[][] {
  const out: number[][] = [];
  for (let e = 0; e < epochs; e++) {
    const idx = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    for (let s = 0; s < n; s += batchSize) out.push(idx.slice(s, s + batchSize));
  }
  return out;
}

/** A learner's non-weight state that must survive a resume (e.g. the adaptive KL coefficient), as a checkpointed scalar. */
export class ScalarState implements LearnerModule {
  private readonly v: tf.Variable;
  constructor(initial: number) {
    this.v = tf.variable(tf.scalar(initial), false);
  }
  get value(): number {
    return this.v.dataSync()[0];
  }
  set value(x: number) {
    const t = tf.scalar(x);
    this.v.assign(t);
    t.dispose();
  }
  weights(): Record<string, tf.Variable> {
    return { value: this.v };
  }
  setWeights(w: Record<string, tf.Tensor>): void {
    if (!w.value) throw new Error(`ScalarState: checkpoint has no "value" (keys ${Object.keys(w).join(", ")})`);
    this.v.assign(w.value.reshape([]));
  }
  dispose(): void {
    this.v.dispose();
  }
}

/**
 * The networks every on-policy learner holds: the trainable policy (from BC) and the frozen BC policy
 * π_BC (checkpoint prefix `pi_beta.`, as MC/ILQL, so `learnerFromCheckpoint` finds the initialisation);
 * the KL to π_BC is reported by every method and penalised by PPO and GRPO.
 */
export abstract class OnlinePolicyLearner extends ModularLearner implements OnlineLearner {
  readonly piBeta: Gpt;
  readonly model: Gpt;
  protected readonly enc: CachedEncoder;

  constructor(
    readonly algorithm: string,
    readonly cfg: OnlineConfig,
    readonly tokenizer: KitTokenizer,
    bcWeights: Record<string, tf.Tensor>,
    gpt: GptConfig,
  ) {
    super();
    if (cfg.maxNewTokens >= gpt.blockSize) throw new Error(`${algorithm} config: maxNewTokens ${cfg.maxNewTokens} must be below blockSize ${gpt.blockSize}`);
    this.piBeta = new Gpt(gpt, { weights: bcWeights, trainable: false });
    this.model = new Gpt(gpt, { weights: bcWeights });
    this.enc = new CachedEncoder(tokenizer);
  }

  step(): Record<string, number> {
    throw new Error(`${this.algorithm} learns from its own rollouts: the trainer calls round(), not step()`);
  }

  abstract round(ctx: RoundContext): Promise<RoundResult>;

  /** The sampling policy: the trainable model at the config's temperature (the paper's protocol: 1). */
  policy(o: PolicyOptions): ModelPolicy {
    return new ModelPolicy(this.algorithm, { model: this.model }, this.tokenizer, o);
  }

  /** This round's episodes, sampled with the current policy, and the seconds it took. */
  protected async rollouts(ctx: RoundContext, groupSize = 1): Promise<{ episodes: SampledEpisode[]; seconds: number }> {
    const t0 = performance.now();
    const policy = this.policy({ window: ctx.window, temperature: this.cfg.temperature, maxNewTokens: this.cfg.maxNewTokens });
    const onProgress = ctx.onProgress ? (done: number, total: number) => ctx.onProgress!("rollouts", done, total) : undefined;
    const episodes = await collectRollouts(ctx.spec, policy, { episodes: this.cfg.rolloutEpisodes, batchSize: this.cfg.rolloutBatchSize, seed: ctx.seed, round: ctx.round, groupSize, onProgress });
    return { episodes, seconds: (performance.now() - t0) / 1000 };
  }

  /**
   * The update passes of a round: `epochs` shuffled passes over `seqs` in minibatches of `batchSize`
   * (order seeded by (seed, stream, round)), each collated and handed to `step`, with progress reported.
   * Returns each step's scalars and the padded tokens processed.
   */
  protected async updatePasses(
    ctx: RoundContext,
    seqs: readonly TokenSequence[],
    stream: string,
    step: (batch: Batch, indices: readonly number[]) => Promise<{ scalars: Record<string, number>; tokens?: number }> | { scalars: Record<string, number>; tokens?: number },
  ): Promise<{ rows: Record<string, number>[]; tokens: number }> {
    const rows: Record<string, number>[] = [];
    let tokens = 0;
    const order = minibatchOrder(seqs.length, this.cfg.batchSize, this.cfg.epochs, new Rng(deriveSeed(ctx.seed, stream, ctx.round)));
    for (const [n, mb] of order.entries()) {
      ctx.onProgress?.("updates", n, order.length);
      const b = collate(mb.map((i) => seqs[i]), this.tokenizer.padId);
      const r = await step(b, mb);
      rows.push(r.scalars);
      tokens += b.B * b.T + (r.tokens ?? 0);
    }
    return { rows, tokens };
  }

  protected checkpointConfig(): Record<string, unknown> {
    return { gpt: this.model.config, vocabSize: this.model.config.vocabSize };
  }
}

/** Mean of each key over a list of scalar records (the minibatches of a round). */
export function meanScalars(rows: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (rows.length === 0) return out;
  for (const k of Object.keys(rows[0])) out[k] = rows.reduce((s, r) => s + (r[k] ?? 0), 0) / rows.length;
  return out;
}

/** Generated (action) tokens of a round's episodes, for rollout throughput. */
export function actionTokens(seqs: readonly EpisodeSequences[]): number {
  return seqs.reduce((n, e) => n + e.links.reduce((m, s) => m + s.isAction.filter(Boolean).length, 0), 0);
}

/**
 * The clipped surrogate of PPO (also GRPO's): mean over action tokens of max(−A·ρ, −A·clip(ρ, 1 ± ε)). Also the fraction of
 * tokens where the clip binds and the approximate KL E[log π_old − log π].
 *
 * @example
 * const { loss } = ppoPolicyLoss(logp, oldLogp, advantages, mask, 0.2);
 */
export function ppoPolicyLoss(logp: tf.Tensor2D, oldLogp: tf.Tensor2D, advantages: tf.Tensor2D, mask: tf.Tensor2D, clipRange: number): { loss: tf.Scalar; clipFrac: tf.Scalar; approxKl: tf.Scalar } {
  const logRatio = tf.sub(logp, oldLogp);
  const ratio = tf.exp(logRatio);
  const unclipped = tf.mul(tf.neg(advantages), ratio);
  const clipped = tf.mul(tf.neg(advantages), tf.clipByValue(ratio, 1 - clipRange, 1 + clipRange));
  const loss = maskedMean(tf.maximum(unclipped, clipped), mask);
  const clipFrac = maskedMean(tf.cast(tf.greater(clipped, unclipped), "float32"), mask);
  const approxKl = maskedMean(tf.neg(logRatio), mask);
  return { loss, clipFrac, approxKl };
}

/** A round's timing scalars: the rollout share of its wall time and rollout throughput. */
export function roundTiming(episodes: number, seqs: readonly EpisodeSequences[], rolloutSeconds: number, updateSeconds: number): Record<string, number> {
  return {
    "time/rollout_share": rolloutSeconds / Math.max(1e-9, rolloutSeconds + updateSeconds),
    "throughput/episodes_per_s": episodes / Math.max(1e-9, rolloutSeconds),
    "throughput/gen_tok_per_s": actionTokens(seqs) / Math.max(1e-9, rolloutSeconds),
  };
}
