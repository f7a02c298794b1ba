/**
 * The Wordle offline dataset generator (paper App. C.3, ICLR 2024 submission; reference
 * `llm_rl_scripts/wordle/misc/data_gen.py`): episodes of the behaviour policy (34% random
 * consistent word, 66% random vocabulary word) on the default fixed-secret env, streamed one
 * trajectory at a time.
 *
 * @example
 * for (const t of generateWordleDataset(3, new Rng(0))) console.log(t.meta?.success);
 */
import { Rng } from "../../core/rng";
import { EpisodeRecorder } from "../../core/rollout";
import type { Trajectory } from "../../core/types";
import { BEHAVIOUR_PROB_CONSISTENT, randomMixturePolicy } from "./behaviour";
import { WordleEnv, type WordleEnvConfig } from "./env";

export interface WordleDatasetOptions extends WordleEnvConfig {
  /** Probability of a consistent-word guess (default 0.34, the paper's 34%). */
  readonly probConsistent?: number;
}

/**
 * Streams `n` behaviour-policy trajectories. Episode i's env seed is the i-th draw of `rng`, and its
 * policy stream is derived from that seed, so the output depends only on `rng`'s state. Each
 * trajectory's meta holds `seed`, `success`, `policy` and the `secret`.
 */
export function* generateWordleDataset(n: number, rng: Rng, options: WordleDatasetOptions = {}): Generator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateWordleDataset: n must be a non-negative integer, got ${n}`);
  const env = new WordleEnv(options);
  const policy = randomMixturePolicy(env.vocab, options.probConsistent ?? BEHAVIOUR_PROB_CONSISTENT);
  for (let i = 0; i < n; i++) {
    const seed = rng.nextUint32();
    const policyRng = rng.child("policy", seed);
    const rec = new EpisodeRecorder(env, seed);
    const secret = env.secret;
    // The game always ends within 6 guesses, so this loop is bounded.
    while (!rec.done) rec.step(policy.act(rec.history, policyRng) as string);
    yield rec.episode(env.id, { policy: policy.name, secret }).trajectory;
  }
}
