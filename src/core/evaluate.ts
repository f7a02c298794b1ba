/**
 * Evaluation (the paper's protocol, App. E of the LMRL-Gym ICLR 2024 submission): run a policy for N
 * episodes on an env spec and summarise returns, success, length and the normalised score under both
 * the paper's anchors and the kit's own. Episode i always uses the same env seed and reset options,
 * so different methods are compared on identical episodes.
 */
import { normalizeScore } from "./normalize";
import { checkSeed, deriveSeed, Rng } from "./rng";
import { rolloutBatch, type Episode } from "./rollout";
import type { EnvSpec, PolicyFactory } from "./spec";
import { mean, std } from "./stats";
import type { EvalSummary, Policy, TextEnv } from "./types";

export interface EvaluateOptions {
  /** Episodes to run; defaults to the spec's protocol (e.g. 25 starts × 32 for maze). */
  readonly episodes?: number;
  readonly seed?: number;
  /** Episodes run in lock-step (model policies batch their forward passes across them). */
  readonly batchSize?: number;
  /** Called after each finished batch with the number of episodes done so far. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Keep the per-episode records in the result. */
  readonly keepEpisodes?: boolean;
  /**
   * Ignore the row's fixed evaluation starts (the endgames row's 645 test positions) and let each env draw
   * its own start from the episode seed, as in training data and online rounds. For tuning and diagnosis
   * without touching the set a reported score comes from; no effect on rows without fixed starts.
   */
  readonly freshStarts?: boolean;
  /** Builds each episode's env instead of `spec.make()` (e.g. `spec.partner.make(partner)`: another partner). */
  readonly makeEnv?: () => TextEnv;
  /**
   * The first episodes of this same evaluation (policy, seed, batch size), finished by a run that was
   * stopped: whole batches, as {@link onBatch} saw them. They are kept as they are and the evaluation
   * goes on after them, so the result equals an uninterrupted run's (see eval-journal.ts).
   */
  readonly resume?: EvalResume;
  /** Called with each finished batch (the policy's name, its first episode's index, its episodes) before `onProgress`. */
  readonly onBatch?: (policy: string, start: number, episodes: readonly Episode[]) => void;
}

/** What a stopped evaluation had finished: its policy's name and its first episodes, in order. */
export interface EvalResume {
  readonly policy: string;
  readonly episodes: readonly Episode[];
}

export interface EvalResult extends EvalSummary {
  readonly episodeRecords?: readonly Episode[];
}

/** Env seed of evaluation episode `i` under evaluation seed `seed`. */
export function evalEpisodeSeed(seed: number, i: number): number {
  return deriveSeed(seed, "eval", i);
}

/**
 * @example
 * const spec = getEnvSpec("maze-fo");
 * const s = await evaluate(spec, spec.policies.optimal, { episodes: 25, seed: 0 });
 * s.normalizedScore; // 100
 */
export async function evaluate(
  spec: EnvSpec,
  policy: Policy | PolicyFactory,
  opts: EvaluateOptions = {},
): Promise<EvalResult> {
  const episodes = opts.episodes ?? spec.evaluation.episodes;
  const seed = opts.seed ?? 0;
  checkSeed(seed, "evaluation seed");
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  if (!(Number.isInteger(episodes) && episodes >= 1)) throw new Error(`evaluate: episodes must be an integer >= 1, got ${episodes}`);
  const results: Episode[] = [...(opts.resume?.episodes ?? [])];
  if (results.length > episodes || (results.length % batchSize !== 0 && results.length !== episodes)) {
    throw new Error(`evaluate: cannot resume after ${results.length} episodes of ${episodes} in batches of ${batchSize}: a resumed evaluation continues after whole batches of the same size (start it again without resume)`);
  }
  let name = opts.resume?.policy ?? "";
  for (let start = results.length; start < episodes; start += batchSize) {
    const slots = [];
    for (let i = start; i < Math.min(episodes, start + batchSize); i++) {
      const env = opts.makeEnv ? opts.makeEnv() : spec.make();
      const p = typeof policy === "function" ? policy(env) : policy;
      name = p.name;
      slots.push({
        env,
        policy: p,
        seed: evalEpisodeSeed(seed, i),
        options: opts.freshStarts ? undefined : spec.evaluation.resetOptions?.(i),
        rng: new Rng(deriveSeed(seed, "eval-policy", i)),
      });
    }
    let batch: Episode[];
    try {
      batch = await rolloutBatch(slots, spec.id);
    } finally {
      await Promise.all(slots.map((s) => s.env.close?.()));
    }
    results.push(...batch);
    opts.onBatch?.(name, start, batch);
    opts.onProgress?.(results.length, episodes);
  }
  const summary = summarizeEpisodes(spec, name, seed, results, opts.keepEpisodes ?? false);
  return opts.freshStarts && spec.evaluation.resetOptions ? { ...summary, freshStarts: true } : summary;
}

/** Folds finished episodes into an {@link EvalSummary}. */
export function summarizeEpisodes(
  spec: EnvSpec,
  policy: string,
  seed: number,
  episodes: readonly Episode[],
  keepEpisodes = false,
): EvalResult {
  const returns = episodes.map((e) => e.return);
  const meanReturn = mean(returns);
  const actions = episodes.reduce((s, e) => s + e.length, 0);
  return {
    env: spec.id,
    policy,
    episodes: episodes.length,
    seed,
    meanReturn,
    stdReturn: std(returns),
    minReturn: returns.reduce((a, b) => Math.min(a, b), Infinity),
    maxReturn: returns.reduce((a, b) => Math.max(a, b), -Infinity),
    successRate: mean(episodes.map((e) => (e.success ? 1 : 0))),
    meanLength: actions / episodes.length,
    invalidActionRate: episodes.reduce((s, e) => s + e.invalidActions, 0) / Math.max(1, actions),
    normalizedScore: normalizeScore(meanReturn, spec.anchors.paper),
    normalizedScoreOurs: normalizeScore(meanReturn, spec.anchors.ours),
    ...(spec.episodeMetrics ? { taskMetrics: spec.episodeMetrics(episodes) } : {}),
    ...(keepEpisodes ? { episodeRecords: episodes } : {}),
  };
}
