/**
 * The Guess My City offline dataset generator (LMRL-Gym paper App. C.7: 100k conversations, "roughly
 * equal" per city; reference `env/generate_cities_data.py` in `llm_rl_scripts/guess_city/`,
 * github.com/abdulhaim/LMRL-Gym): episodes of the behaviour asker (behaviour.ts) against the env and its
 * knowledge-based oracle, streamed one trajectory at a time.
 *
 * Cities: the episodes come in blocks of 100, and each block visits every one of the 100 cities (Seoul
 * included) once, in an order shuffled with `rng`; so any n episodes hold ⌊n/100⌋ or ⌈n/100⌉ per city.
 *
 * @example
 * for (const t of generateGuessMyCityDataset(3, new Rng(0))) console.log(t.meta?.city, t.meta?.success);
 */
import type { Rng } from "../../core/rng";
import { EpisodeRecorder } from "../../core/rollout";
import type { GenerateFrom } from "../../core/spec";
import type { Policy, Trajectory } from "../../core/types";
import { BEHAVIOUR_PARAMS, behaviourAskerPolicy, type BehaviourParams } from "./behaviour";
import { CITIES } from "./cities";
import { GuessMyCityEnv } from "./env";

export interface GuessMyCityDatasetOptions extends GenerateFrom {
  /** Knobs of the behaviour asker (default {@link BEHAVIOUR_PARAMS}, the tuned ones). */
  readonly params?: BehaviourParams;
  /** Play another policy instead of the behaviour asker (for measurements). */
  readonly policy?: Policy;
}

/**
 * Streams `n` trajectories of the behaviour asker. Per block of 100 episodes, the city order is a
 * shuffle drawn from `rng`; then per episode the env seed is a draw of `rng` and the policy stream is
 * derived from it, so the output depends only on `rng`'s state (byte-identical for a seed). With
 * `skip`, trajectories `skip` … `n − 1` of that same sequence (the skipped ones only advance `rng`).
 * Each trajectory's meta holds `seed`, `success`, `city` (the file's name, e.g. "Bombay") and `policy`.
 */
export function* generateGuessMyCityDataset(n: number, rng: Rng, options: GuessMyCityDatasetOptions = {}): Generator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateGuessMyCityDataset: n must be a non-negative integer, got ${n}`);
  const skip = options.skip ?? 0;
  if (!(Number.isInteger(skip) && skip >= 0)) throw new Error(`generateGuessMyCityDataset: skip must be a non-negative integer, got ${skip}`);
  const env = new GuessMyCityEnv();
  const policy = options.policy ?? behaviourAskerPolicy(options.params ?? BEHAVIOUR_PARAMS);
  let order: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % CITIES.length === 0) order = rng.shuffle(CITIES.map((_, j) => j));
    const seed = rng.nextUint32();
    if (i < skip) continue;
    const policyRng = rng.child("policy", seed);
    const rec = new EpisodeRecorder(env, seed, { city: CITIES[order[i % CITIES.length]].name });
    // The env ends every game by the 20th question, so this loop is bounded.
    while (!rec.done) rec.stepSync(policy.act(rec.history, policyRng) as string);
    yield rec.episode(env.id, { policy: policy.name }).trajectory;
  }
}
