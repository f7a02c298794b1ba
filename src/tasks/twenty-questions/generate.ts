/**
 * The Twenty Questions offline dataset generator (LMRL-Gym paper, App. C.6: 100k conversations of a
 * FLAN-T5-XL guesser distilled from GPT-3.5 games, "roughly equal conversations per object"): games of
 * the behaviour asker (behaviour.ts) against the knowledge-based oracle, streamed one trajectory at a
 * time. Objects cycle through the 158 in the reference's order from a random start, so every object
 * gets ⌊n/158⌋ or ⌈n/158⌉ games.
 *
 * @example
 * for (const t of generateTwentyQuestionsDataset(3, new Rng(0))) console.log(t.meta?.object, t.meta?.success);
 */
import type { Rng } from "../../core/rng";
import { EpisodeRecorder } from "../../core/rollout";
import type { GenerateFrom } from "../../core/spec";
import type { Trajectory } from "../../core/types";
import { behaviourAsker, DEFAULT_BEHAVIOUR, type AskerMixture } from "./behaviour";
import { TWENTY_QUESTIONS_ENV_ID, TwentyQuestionsEnv } from "./env";
import { TWENTY_Q_OBJECTS } from "./objects";

export interface TwentyQuestionsDatasetOptions {
  /** The behaviour asker's skill mixture (default {@link DEFAULT_BEHAVIOUR}). */
  readonly mixture?: AskerMixture;
}

/**
 * Streams `n` behaviour-asker games. The first draw of `rng` picks the start object s; game i is about
 * `TWENTY_Q_OBJECTS[(s + i) mod 158]` (the env's `object` reset option), its env seed is the next
 * draw of `rng`, and its asker stream is `rng.child("policy", seed)`, so the output depends only on
 * `rng`'s state. With `from.skip`, games 0 … skip − 1 are drawn but not played (the rest are the same
 * as a full run's). Each trajectory's meta holds `seed`, `success`, `object`, `policy`.
 */
export function* generateTwentyQuestionsDataset(n: number, rng: Rng, options: TwentyQuestionsDatasetOptions = {}, from: GenerateFrom = {}): Generator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateTwentyQuestionsDataset: n must be a non-negative integer, got ${n}`);
  const skip = from.skip ?? 0;
  if (!(Number.isInteger(skip) && skip >= 0)) throw new Error(`generateTwentyQuestionsDataset: skip must be a non-negative integer, got ${skip}`);
  const env = new TwentyQuestionsEnv();
  const policy = behaviourAsker(options.mixture ?? DEFAULT_BEHAVIOUR);
  const start = rng.int(TWENTY_Q_OBJECTS.length);
  for (let i = 0; i < n; i++) {
    const seed = rng.nextUint32();
    if (i < skip) continue;
    const object = TWENTY_Q_OBJECTS[(start + i) % TWENTY_Q_OBJECTS.length].name;
    const policyRng = rng.child("policy", seed);
    const rec = new EpisodeRecorder(env, seed, { object });
    // The env ends every game by its 20th question, so this loop is bounded.
    while (!rec.done) rec.stepSync(policy.act(rec.history, policyRng) as string);
    yield rec.episode(TWENTY_QUESTIONS_ENV_ID, { policy: policy.name }).trajectory;
  }
}
